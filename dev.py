#!/usr/bin/env python3
"""The two commands: ``python3 dev.py run`` serves the app, ``python3 dev.py test`` runs the tests.

Needs only Python 3.11+. Creates ``.venv``, installs the project into it (again
only when ``pyproject.toml`` changed), and then does the job. Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
INSTALL_STAMP = VENV / ".studyapp-installed"
CHROMIUM = Path(os.environ.get("STUDYAPP_CHROMIUM", "/usr/bin/chromium"))


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(*command: str | Path, env: dict[str, str] | None = None) -> None:
    completed = subprocess.run([str(part) for part in command], cwd=ROOT, env=env)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def ensure_virtualenv() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"StudyApp needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        say(f"Creating a virtual environment in {VENV.name}/")
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if INSTALL_STAMP.exists() and INSTALL_STAMP.read_text() == wanted:
        return
    say("Installing StudyApp and its dependencies")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", ".[dev]")
    INSTALL_STAMP.write_text(wanted)


def flask(*arguments: str, env: dict[str, str]) -> None:
    run(PYTHON, "-m", "flask", "--app", "studyapp", *arguments, env=env)


def command_run(arguments: argparse.Namespace) -> None:
    ensure_virtualenv()
    env = {**os.environ, "STUDYAPP_CONFIG": os.environ.get("STUDYAPP_CONFIG", "development")}
    if env["STUDYAPP_CONFIG"] == "production":
        sys.exit("dev.py run is for local use; serve production with gunicorn (see README).")
    say("Applying database migrations")
    flask("db", "upgrade", env=env)
    say("Creating the demo accounts")
    flask("demo", env=env)
    say("Loading the question banks in question_bank/")
    flask("bank", "import", "question_bank", "--owner", "teacher@example.com", "--public", "--approve", env=env)
    say(f"Serving on http://{arguments.host}:{arguments.port} (Ctrl+C stops)")
    flask("run", "--host", arguments.host, "--port", str(arguments.port), env=env)


def ensure_chromium() -> None:
    """The browser tests drive the system's Chromium: Debian's, installed here when we are
    allowed to; elsewhere (not root, not Debian) the one Playwright downloads."""
    if CHROMIUM.exists():
        return
    apt = shutil.which("apt-get")
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("Installing Chromium for the browser tests (apt-get install chromium)")
        quiet = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run(apt, "update", "-qq", env=quiet)
        run(apt, "install", "-y", "-qq", "chromium", env=quiet)
        return
    say(f"Chromium is not at {CHROMIUM}: fetching Playwright's own (playwright install chromium)")
    if subprocess.run([str(PYTHON), "-m", "playwright", "install", "chromium"]).returncode != 0:
        say("Playwright could not fetch Chromium; the browser tests will be skipped. Install Debian's "
            "'chromium' package, or set STUDYAPP_CHROMIUM to a Chromium, to run them.")


def command_test(arguments: argparse.Namespace) -> None:
    ensure_virtualenv()
    ensure_chromium()
    env = {**os.environ, "STUDYAPP_CONFIG": "testing"}
    if not env.get("TEST_DATABASE_URL"):
        say("TEST_DATABASE_URL is not set: the PostgreSQL tests will be skipped")
    run(PYTHON, "-m", "pytest", *arguments.pytest_args, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("run", help="set up and serve the app on http://127.0.0.1:5000")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5000)
    serve.set_defaults(handler=command_run)
    test = commands.add_parser("test", help="set up and run the whole test suite; extra arguments go to pytest")
    test.set_defaults(handler=command_test)
    # Whatever follows "test" goes to pytest untouched, options included.
    arguments, extra = parser.parse_known_args()
    if extra and arguments.command != "test":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    arguments.pytest_args = extra
    arguments.handler(arguments)


if __name__ == "__main__":
    main()
