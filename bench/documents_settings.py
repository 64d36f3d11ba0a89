"""Settings for ``bench/bench_documents.py``: the test settings with a
throw-away SQLite database and media folder (``TULTA_BENCH_DIR``, default a new temp folder)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tulta.test_settings import *  # noqa: F403  (extends the test settings)

BENCH_DIR = Path(os.environ.get("TULTA_BENCH_DIR") or tempfile.mkdtemp(prefix="tulta-bench-"))
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(BENCH_DIR / "bench.sqlite3"),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }
}
MEDIA_ROOT = BENCH_DIR / "media"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
