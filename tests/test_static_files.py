"""Static files are cached for a year under URLs that change with their content."""

from __future__ import annotations

import os
import re

from flask import url_for


def test_static_urls_carry_a_content_version_and_a_long_cache(client) -> None:
    page = client.get("/auth/login").get_data(as_text=True)
    stylesheet = re.search(r'href="(/static/css/app\.css\?v=[0-9a-f]{12})"', page)
    assert stylesheet, "the stylesheet link has no version"
    assert re.search(r'src="/static/js/app\.js\?v=[0-9a-f]{12}"', page)
    with client.get(stylesheet.group(1)) as response:
        assert response.status_code == 200
        assert "max-age=31536000" in response.headers["Cache-Control"]


def test_a_changed_file_gets_a_new_url(app, tmp_path) -> None:
    app.static_folder = str(tmp_path)
    (tmp_path / "x.css").write_text("a { color: red }")
    with app.test_request_context():
        first = url_for("static", filename="x.css")
        (tmp_path / "x.css").write_text("a { color: blue }")
        os.utime(tmp_path / "x.css", (1, 1))  # a different modification time, as after a deploy
        second = url_for("static", filename="x.css")
    assert first != second and first.startswith("/static/x.css?v=")
