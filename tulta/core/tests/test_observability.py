"""Observability: the request id, structured logs with the request's context, Prometheus metrics
behind a token, and errors sent to a Sentry-protocol server (a real one on 127.0.0.1)."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import logging
import os
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from tulta.core.logs import JsonFormatter, RequestContextFilter

pytestmark = pytest.mark.django_db

TOKEN = "metrics-token-uji-0123456789"


# --- request id ---------------------------------------------------------------------------------


def test_every_response_names_its_request_id(client):
    first = client.get(reverse("accounts:login"))["X-Request-ID"]
    second = client.get(reverse("accounts:login"))["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_valid_request_id_from_the_load_balancer_is_kept(client):
    response = client.get(reverse("accounts:login"), HTTP_X_REQUEST_ID="lb-7f3a9c01-2b")
    assert response["X-Request-ID"] == "lb-7f3a9c01-2b"


@pytest.mark.parametrize("given", ["pendek", "ada spasi di dalam", "a" * 129, "x\r\nSet-Cookie"])
def test_an_invalid_request_id_is_replaced(client, given):
    response = client.get(reverse("accounts:login"), HTTP_X_REQUEST_ID=given)
    assert response["X-Request-ID"] != given
    assert len(response["X-Request-ID"]) == 32


# --- structured logs ----------------------------------------------------------------------------


@pytest.fixture
def json_log():
    """The JSON lines written while the test runs, through the filter and formatter of LOGGING."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    request_logger = logging.getLogger("tulta.request")
    level = request_logger.level
    request_logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    request_logger.setLevel(level)
    root.removeHandler(handler)


def test_a_log_line_names_the_request_the_user_and_the_government(world, client_for, json_log):
    response = client_for(world.chair).get(reverse("home:home"))
    assert response.status_code == 200
    lines = [line for line in json_log() if line["logger"] == "tulta.request"]
    assert len(lines) == 1
    line = lines[0]
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] == world.chair.pk
    assert line["government_id"] == world.chair.government_id
    assert line["level"] == "INFO"
    assert line["view"] == "home:home"
    assert line["status"] == 200
    assert line["path"] == "/"
    assert line["db_queries"] > 0
    assert dt.datetime.fromisoformat(line["time"]).tzinfo is not None


def test_a_line_logged_outside_a_request_says_so(json_log):
    logging.getLogger("tulta.uji").warning("di luar permintaan")
    (line,) = json_log()
    assert line["message"] == "di luar permintaan"
    assert (line["request_id"], line["user_id"], line["government_id"]) == ("-", None, None)


def test_the_query_string_is_not_logged(client, json_log):
    client.get(reverse("accounts:login") + "?next=/rahasia&nip=198001012005011001")
    (line,) = [line for line in json_log() if line["logger"] == "tulta.request"]
    assert "198001012005011001" not in json.dumps(line)


def _child_env(**extra: str) -> dict[str, str]:
    keep = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "LOG_FORMAT", "REDIS_URL", "SENTRY_DSN"}
    }
    return {
        **keep,
        "SECRET_KEY": "child-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123",
        "ALLOWED_HOSTS": "testserver",
        "DJANGO_SETTINGS_MODULE": "tulta.settings",
        **extra,
    }


def test_production_logs_are_one_json_object_per_line():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('tulta.uji').warning('baris %s', 'satu')"
    )
    out = subprocess.run(  # noqa: S603  (our own interpreter and settings)
        [sys.executable, "-c", code],
        env=_child_env(),
        capture_output=True,
        text=True,
        check=True,
        cwd=django_settings.BASE_DIR,
    )
    (line,) = [json.loads(text) for text in out.stderr.splitlines()]
    assert line["message"] == "baris satu"
    assert line["logger"] == "tulta.uji"
    assert line["request_id"] == "-"


# --- metrics ------------------------------------------------------------------------------------


def test_metrics_do_not_exist_without_a_token_setting(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get(reverse("core:metrics")).status_code == 404
    response = client.get(reverse("core:metrics"), HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer salah", f"Basic {TOKEN}", f"Bearer {TOKEN}x"])
def test_metrics_refuse_a_missing_or_wrong_token(client, settings, header):
    settings.METRICS_TOKEN = TOKEN
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    assert client.get(reverse("core:metrics"), **extra).status_code == 403


def test_metrics_report_latency_and_database_time_per_view(world, client_for, client, settings):
    settings.METRICS_TOKEN = TOKEN
    client_for(world.chair).get(reverse("home:home"))
    response = client.get(reverse("core:metrics"), HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert 'tulta_request_duration_seconds_bucket{le="0.01",method="GET",view="home:home"}' in text
    assert 'tulta_requests_total{method="GET",status="200",view="home:home"}' in text
    assert 'tulta_request_db_seconds_count{view="home:home"}' in text
    assert 'tulta_db_queries_total{view="home:home"}' in text


def test_metrics_report_the_task_queue(client, settings):
    settings.METRICS_TOKEN = TOKEN
    for _ in range(3):
        row = DBTaskResult.objects.create(
            task_path="tulta.documents.tasks.build_programme_book",
            args_kwargs={"args": [], "kwargs": {}},
            queue_name="default",
            backend_name="default",
            run_after=get_date_max(),
        )
    DBTaskResult.objects.filter(pk=row.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=10)
    )
    text = client.get(reverse("core:metrics"), HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content
    lines = dict(
        line.rsplit(" ", 1)
        for line in text.decode().splitlines()
        if line.startswith("tulta_task_queue")
    )
    assert float(lines["tulta_task_queue_depth"]) == 3
    assert 599 < float(lines["tulta_task_queue_oldest_age_seconds"]) < 700


# --- Sentry -------------------------------------------------------------------------------------


class _Ingest(BaseHTTPRequestHandler):
    """A Sentry ingest endpoint: keeps every envelope it is sent."""

    received: list[tuple[str, bytes]] = []

    def do_POST(self) -> None:  # the name http.server calls
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":  # sentry-sdk compresses with brotli when it is installed
            import brotli

            body = brotli.decompress(body)
        self.received.append((self.path, body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def sentry_server():
    _Ingest.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ingest)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_error_goes_to_sentry_with_its_request_id(sentry_server, tmp_path):
    """A real failure (Redis away under a cached page) in a process configured by SENTRY_DSN:
    the user gets the outage page, Sentry gets the exception tagged with the request id."""
    port = sentry_server.server_address[1]
    code = (
        "import django, sentry_sdk; django.setup(); "
        "from django.test import Client; "
        "r = Client(raise_request_exception=False).get('/jsi18n/', "
        "HTTP_X_REQUEST_ID='uji-sentry-0001'); "
        "print(r.status_code); sentry_sdk.flush(5)"
    )
    out = subprocess.run(  # noqa: S603  (our own interpreter and settings)
        [sys.executable, "-c", code],
        env=_child_env(
            SENTRY_DSN=f"http://publickey@127.0.0.1:{port}/1",
            REDIS_URL=f"redis://127.0.0.1:{_closed_port()}/0",
            DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            SECURE_SSL_REDIRECT="false",
        ),
        capture_output=True,
        text=True,
        check=True,
        cwd=django_settings.BASE_DIR,
        timeout=60,
    )
    assert out.stdout.split() == ["503"]
    paths = {path for path, _body in _Ingest.received}
    assert paths == {"/api/1/envelope/"}
    events = [
        json.loads(item)
        for _path, body in _Ingest.received
        for item in body.split(b"\n")
        if item.startswith(b"{") and b'"exception"' in item
    ]
    assert len(events) == 1
    (event,) = events
    assert event["exception"]["values"][-1]["type"] == "ConnectionError"
    assert event["tags"]["request_id"] == "uji-sentry-0001"


def test_metrics_add_up_every_process_with_a_multiprocess_directory(tmp_path):
    """Two processes answer requests (two gunicorn workers, say); a third answers the scrape
    and reports both."""
    env = _child_env(
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrik"),
        METRICS_TOKEN=TOKEN,
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
    )
    (tmp_path / "metrik").mkdir()
    serve = (
        "import django; django.setup(); from django.test import Client; "
        "assert Client().get('/jsi18n/').status_code == 200"
    )
    for _ in range(2):
        subprocess.run(  # noqa: S603  (our own interpreter and settings)
            [sys.executable, "-c", serve], env=env, check=True, cwd=django_settings.BASE_DIR
        )
    scrape = (
        "import django; django.setup(); from django.test import Client; "
        f"print(Client().get('/metrics', HTTP_AUTHORIZATION='Bearer {TOKEN}').content.decode())"
    )
    out = subprocess.run(  # noqa: S603  (our own interpreter and settings)
        [sys.executable, "-c", scrape],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
    )
    counted = [
        line
        for line in out.stdout.splitlines()
        if line.startswith('tulta_requests_total{method="GET",status="200",view="core:jsi18n"}')
    ]
    assert counted == ['tulta_requests_total{method="GET",status="200",view="core:jsi18n"} 2.0']
