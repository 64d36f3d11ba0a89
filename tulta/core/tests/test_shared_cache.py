"""Production's shared cache: sessions are read from Redis, not from the database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tulta.testing.world import PASSWORD

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _settings_with(env: dict[str, str]) -> dict[str, object]:
    code = (
        "import json, tulta.settings as s; "
        "print(json.dumps({'caches': s.CACHES if hasattr(s, 'CACHES') else None, "
        "'session': getattr(s, 'SESSION_ENGINE', None)}))"
    )
    clean = {
        k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    out = subprocess.run(  # noqa: S603  (our own settings module)
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_without_redis_url_sessions_stay_in_the_database():
    found = _settings_with({})
    assert found["caches"] is None
    assert found["session"] is None  # Django's default: the database


def test_redis_url_turns_on_the_shared_cache_and_cached_sessions():
    found = _settings_with({"REDIS_URL": "redis://127.0.0.1:6379/3"})
    assert found["caches"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert found["caches"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert found["session"] == "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def redis_sessions(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"tulta-test-{uuid.uuid4().hex}",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    caches.close_all()
    yield
    caches["default"].clear()
    caches.close_all()


def test_a_signed_in_request_reads_its_session_from_redis(redis_sessions, client, world):
    response = client.post(
        reverse("accounts:login"), {"username": world.chair.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home:home"))
    assert page.status_code == 200
    assert page.wsgi_request.user.pk == world.chair.pk
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]


def test_signing_out_ends_the_session_in_redis_too(redis_sessions, client, world):
    client.post(reverse("accounts:login"), {"username": world.chair.email, "password": PASSWORD})
    key = client.session.session_key
    assert caches["default"].get(f"django.contrib.sessions.cached_db{key}") is not None
    client.post(reverse("accounts:logout"))
    assert caches["default"].get(f"django.contrib.sessions.cached_db{key}") is None
    assert client.get(reverse("home:home")).status_code == 302
