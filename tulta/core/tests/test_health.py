"""Liveness (/healthz) and readiness (/readyz), against the real parts: the test database, a real
Redis (TEST_REDIS_URL) and, for "down", a port on which nothing listens."""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def use_redis(settings, url: str) -> None:
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"tulta-test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    caches.close_all()


@pytest.fixture
def redis_up(settings):
    use_redis(settings, REDIS_URL)
    yield
    caches["default"].clear()
    caches.close_all()


@pytest.fixture
def redis_down(settings):
    use_redis(settings, f"redis://127.0.0.1:{closed_port()}/0")
    yield
    caches.close_all()


def queued_task(age: dt.timedelta) -> DBTaskResult:
    row = DBTaskResult.objects.create(
        task_path="tulta.documents.tasks.build_programme_book",
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - age)
    return row


# --- liveness -----------------------------------------------------------------------------------


def test_healthz_says_the_process_answers_without_touching_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_probes_answer_a_balancer_that_uses_the_node_address_over_plain_http(client, settings):
    settings.ALLOWED_HOSTS = ["tulta.example.go.id"]
    settings.SECURE_SSL_REDIRECT = True
    for name in ("core:healthz", "core:readyz"):
        response = client.get(reverse(name), HTTP_HOST="10.0.0.5:8000")
        assert response.status_code == 200, name
    # an ordinary page from that address is still refused as a host
    assert client.get("/", HTTP_HOST="10.0.0.5:8000").status_code == 400


# --- readiness ----------------------------------------------------------------------------------


def test_readyz_is_ok_when_every_part_answers(client):
    response = client.get(reverse("core:readyz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failed"] == []
    assert set(body["checks"]) == {"database", "cache", "storage", "migrations", "tasks"}
    assert body["checks"]["cache"] == {"ok": True, "detail": "tidak dipakai", "skipped": True}


def test_readyz_checks_the_shared_cache_when_redis_url_is_set(client, redis_up):
    response = client.get(reverse("core:readyz"))
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == {"ok": True, "detail": "ok"}


def test_readyz_fails_and_names_the_cache_when_redis_is_down(client, redis_down):
    response = client.get(reverse("core:readyz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["failed"] == ["cache"]
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["cache"]["detail"] == "ConnectionError"
    assert body["checks"]["database"]["ok"] is True


def test_readyz_fails_when_the_storage_cannot_be_written(client, settings, tmp_path):
    not_a_folder = tmp_path / "berkas"
    not_a_folder.write_text("x")
    settings.MEDIA_ROOT = not_a_folder / "media"
    response = client.get(reverse("core:readyz"))
    assert response.status_code == 503
    assert response.json()["failed"] == ["storage"]


def test_readyz_leaves_no_file_behind(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    assert client.get(reverse("core:readyz")).status_code == 200
    assert [p for p in (tmp_path / "media").rglob("*") if p.is_file()] == []


def test_readyz_fails_and_names_an_unapplied_migration(client):
    MigrationRecorder(connection).record_unapplied("core", "0002_notification")
    response = client.get(reverse("core:readyz"))
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["migrations"]
    assert "core.0002_notification" in body["checks"]["migrations"]["detail"]


def test_readyz_fails_when_the_oldest_queued_task_waits_too_long(client, settings):
    settings.READYZ_TASK_MAX_AGE = 600
    queued_task(dt.timedelta(minutes=30))
    response = client.get(reverse("core:readyz"))
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["tasks"]
    assert "batas 600" in body["checks"]["tasks"]["detail"]


def test_a_freshly_queued_task_keeps_readyz_ok(client, settings):
    settings.READYZ_TASK_MAX_AGE = 600
    queued_task(dt.timedelta(seconds=5))
    response = client.get(reverse("core:readyz"))
    assert response.status_code == 200
    assert response.json()["checks"]["tasks"]["detail"] == "1 tugas antre"


def test_a_task_delayed_into_the_future_is_not_counted_as_waiting(client, settings):
    settings.READYZ_TASK_MAX_AGE = 600
    row = queued_task(dt.timedelta(hours=2))
    DBTaskResult.objects.filter(pk=row.pk).update(run_after=timezone.now() + dt.timedelta(hours=1))
    response = client.get(reverse("core:readyz"))
    assert response.status_code == 200
    assert response.json()["checks"]["tasks"]["detail"] == "0 tugas antre"


def test_the_task_check_is_off_with_a_limit_of_zero(client, settings):
    settings.READYZ_TASK_MAX_AGE = 0
    queued_task(dt.timedelta(days=1))
    response = client.get(reverse("core:readyz"))
    assert response.status_code == 200
    assert response.json()["checks"]["tasks"]["skipped"] is True


# --- Redis down: a clear page, never a stack trace ------------------------------------------------


@pytest.fixture
def signed_in_then_redis_down(world, settings):
    """The chair, signed in while Redis answered; then Redis goes away."""
    use_redis(settings, REDIS_URL)
    client = Client(raise_request_exception=False)
    client.force_login(world.chair)
    caches["default"].clear()
    use_redis(settings, f"redis://127.0.0.1:{closed_port()}/0")
    yield client
    caches.close_all()


def test_a_signed_in_user_gets_the_outage_page_when_redis_is_down(signed_in_then_redis_down):
    response = signed_in_then_redis_down.get(reverse("home:home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    text = response.content.decode()
    assert "Layanan sedang gangguan" in text
    assert "Traceback" not in text and "ConnectionError" not in text
    assert response["X-Request-ID"] in text  # the code to quote to the helpdesk


def test_the_api_answers_json_503_when_redis_is_down(signed_in_then_redis_down):
    response = signed_in_then_redis_down.get("/api/v1/")
    assert response.status_code == 503
    assert "Layanan sedang gangguan" in response.json()["detail"]


def test_the_same_user_is_served_again_once_redis_is_back(signed_in_then_redis_down, settings):
    client = signed_in_then_redis_down
    assert client.get(reverse("home:home")).status_code == 503
    use_redis(settings, REDIS_URL)
    assert client.get(reverse("home:home")).status_code == 200
