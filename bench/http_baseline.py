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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.loadgen import HEADER, ROOT, get, gunicorn, hammer, scratch_environment  # noqa: E402


def create_demo_accounts(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "flask", "--app", "studyapp", "demo"], cwd=ROOT,
                   env={**os.environ, **env}, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgresql", metavar="URL", help="server to make a scratch database on")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--requests", type=int, default=3000)
    arguments = parser.parse_args()

    with scratch_environment(arguments.postgresql) as env:
        create_demo_accounts(env)
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


if __name__ == "__main__":
    main()
