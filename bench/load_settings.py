"""Settings of the server under ``bench/bench_load.py``: the production settings (DEBUG off,
read from the environment the bench sets: plain HTTP on 127.0.0.1, PostgreSQL) with a URLConf
that adds a bare view as the same-run floor. Never used outside the bench.

In a smoke run (``TULTA_LOAD_SMOKE=1``: does the bench still run?) static files are not
collected: URLs point at the plain files and whitenoise finds them in the apps, since the
compressed manifest takes a minute of CPU to build and the bench fetches no static file."""

from __future__ import annotations

import os

from tulta.settings import *  # noqa: F403  (the production settings, unchanged but the URLs)
from tulta.settings import STORAGES

ROOT_URLCONF = "load_urls"

if os.environ.get("TULTA_LOAD_SMOKE") == "1":
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    WHITENOISE_USE_FINDERS = True
