"""Settings for ``bench/bench_monitoring.py``: the test settings on a throwaway SQLite file
(``TULTA_BENCH_DB``), with the monitoring and mentoring apps and their URLs installed whether
or not ``tulta/settings.py`` and ``tulta/urls.py`` list them yet."""

from __future__ import annotations

import os

from tulta.test_settings import *  # noqa: F403  (extends the test settings)
from tulta.test_settings import INSTALLED_APPS as _BASE_APPS

INSTALLED_APPS = [
    *_BASE_APPS,
    *(app for app in ("tulta.monitoring", "tulta.mentoring") if app not in _BASE_APPS),
]
ROOT_URLCONF = "tulta.monitoring.bench_urls"
DEBUG = False
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("TULTA_BENCH_DB", ":memory:"),
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"},
    }
}
