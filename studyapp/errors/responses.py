from __future__ import annotations

from flask import request


def wants_json() -> bool:
    """True when the client is a script: a JSON API path, a JSON body, or JSON preferred."""
    if request.path.startswith("/api/") or request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
