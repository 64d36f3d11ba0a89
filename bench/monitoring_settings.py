"""Settings for ``bench/bench_monitoring.py``: the test settings on a throwaway SQLite file
(``TULTA_BENCH_DB``)."""

from __future__ import annotations

import os

from tulta.test_settings import *  # noqa: F403  (extends the test settings)

DEBUG = False
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("TULTA_BENCH_DB", ":memory:"),
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"},
    }
}
