"""Settings of the server under ``bench/bench_load.py``: the production settings (DEBUG off,
read from the environment the bench sets: plain HTTP on 127.0.0.1, PostgreSQL) with a URLConf
that adds a bare view as the same-run floor. Never used outside the bench."""

from __future__ import annotations

from tulta.settings import *  # noqa: F403  (the production settings, unchanged but the URLs)

ROOT_URLCONF = "load_urls"
