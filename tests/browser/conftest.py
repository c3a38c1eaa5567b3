"""A real server in a thread and a real Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.conftest import close_app, make_app

CHROMIUM = os.environ.get("STUDYAPP_CHROMIUM", "/usr/bin/chromium")
# The network here is closed: without these flags Chromium keeps trying to reach
# Google's services at start-up and its sandbox needs privileges CI lacks.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # The system's Chromium where there is one (Debian's, which the test command installs
        # as root); else the one Playwright downloads (the test command's fallback elsewhere).
        executable = CHROMIUM if Path(CHROMIUM).exists() else None
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        except PlaywrightError as error:
            pytest.skip(f"no Chromium at {CHROMIUM}, nor Playwright's own ({str(error).splitlines()[0]}); "
                        "the test command installs one (python3 dev.py test)")
        yield browser
        browser.close()


@pytest.fixture
def live_app(sqlite_template: Path, tmp_path: Path) -> Iterator[Flask]:
    """The app the live server serves, on its own migrated SQLite file (tests may add data through it)."""
    database = tmp_path / "live.sqlite3"
    shutil.copyfile(sqlite_template, database)
    app = make_app(f"sqlite:///{database}", tmp_path / "instance")
    yield app
    close_app(app)


@pytest.fixture
def live_server(live_app: Flask) -> Iterator[str]:
    """The app served over HTTP on a free local port."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def page(browser, live_server: str):
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
