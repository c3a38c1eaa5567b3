"""How fast StudyApp's plain pages are, beside a bare Flask endpoint measured in the same run.

    .venv/bin/python bench/http_baseline.py                    # SQLite in a temporary folder
    .venv/bin/python bench/http_baseline.py --postgresql URL   # a scratch PostgreSQL database

Both apps run under gunicorn with the same workers; the figures to compare are
the ratios, since the machine's own speed varies from run to run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.loadgen import HEADER, ROOT, get, gunicorn, hammer  # noqa: E402


def prepare_database(env: dict[str, str]) -> None:
    flask = [sys.executable, "-m", "flask", "--app", "studyapp"]
    for command in (["db", "upgrade"], ["demo"]):
        subprocess.run([*flask, *command], cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True)


def scratch_postgres(url: str) -> tuple[str, Callable[[], None]]:
    from sqlalchemy import create_engine, make_url, text

    from studyapp.config import normalise_database_url

    base = make_url(normalise_database_url(url))
    name = f"studyapp_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgresql", metavar="URL", help="server to make a scratch database on")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--requests", type=int, default=3000)
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        drop = None
        if arguments.postgresql:
            database_url, drop = scratch_postgres(arguments.postgresql)
        else:
            database_url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        env = {
            "STUDYAPP_CONFIG": "development",
            "STUDYAPP_INSTANCE_PATH": folder,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "bench-" + "x" * 40,
        }
        try:
            prepare_database(env)
            database = "PostgreSQL" if arguments.postgresql else "SQLite"
            print(f"{database}, gunicorn --workers {arguments.workers}, {arguments.concurrency} concurrent clients, "
                  f"{arguments.requests} requests per endpoint")
            print(HEADER)
            load = {"concurrency": arguments.concurrency, "total": arguments.requests}
            with gunicorn("bench.bare_app:app", workers=arguments.workers, env=env) as port:
                hammer("warm-up", port, get("/ping"), concurrency=4, total=200)
                baseline = hammer("bare Flask GET /ping", port, get("/ping"), **load)
            print(baseline.row())
            with gunicorn("studyapp:create_app()", workers=arguments.workers, env=env) as port:
                hammer("warm-up", port, get("/healthz"), concurrency=4, total=200)
                for name, path in (("GET /healthz (SELECT 1)", "/healthz"), ("GET /auth/login (form)", "/auth/login")):
                    result = hammer(name, port, get(path), **load)
                    print(f"{result.row()}   {result.per_second / baseline.per_second:.0%} of bare")
        finally:
            if drop:
                drop()


if __name__ == "__main__":
    main()
