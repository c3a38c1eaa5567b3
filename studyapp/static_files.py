"""Static files that browsers keep for a year, with URLs that change when the file does.

Without this, every page load asks again for the stylesheet, the scripts and the icon
(four conditional requests). In a live quiz, where a thousand phones load a page at each
phase change, that is four thousand requests for files that did not change.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask

ONE_YEAR_SECONDS = 365 * 24 * 3600


def register_static_versions(app: Flask) -> None:
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = ONE_YEAR_SECONDS
    versions: dict[str, tuple[float, str]] = {}  # filename → (modification time, content hash)

    @app.url_defaults
    def _add_version(endpoint: str, values: dict) -> None:
        if endpoint != "static" or "filename" not in values:
            return
        filename = values["filename"]
        folder = Path(app.static_folder or "")
        try:
            modified = (folder / filename).stat().st_mtime
        except OSError:
            return  # a missing file gets its 404 without a version
        known = versions.get(filename)
        if known is None or known[0] != modified:
            digest = hashlib.sha256((folder / filename).read_bytes()).hexdigest()[:12]
            known = versions[filename] = (modified, digest)
        values["v"] = known[1]
