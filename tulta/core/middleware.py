"""Middleware of the whole site: the request's id, log context and metrics; a clear page when
the shared cache is down; language (Bahasa Indonesia unless the user chose another
language with the switch); the request guard (uploads over the limit, NUL characters) that
refuses bad input before any view; and ``Cache-Control: private, no-store`` for signed-in
answers.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many office PCs run an
English browser; users of an Indonesian government expect Indonesian until they ask otherwise.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sentry_sdk
from django.conf import settings
from django.core.signals import got_request_exception, request_finished
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from . import metrics
from .formatting import angka
from .logs import government_id_var, request_id_from, request_id_var, user_id_var

request_logger = logging.getLogger("tulta.request")


# --- the request's id, its log context and its metrics ------------------------------------------

REQUEST_ID_HEADER = "X-Request-ID"


class RequestIdMiddleware:
    """First of all middleware: gives the request its id (the load balancer's ``X-Request-ID``
    when valid, else a new one), sends it back in ``X-Request-ID``, and puts it in the log
    context (:mod:`tulta.core.logs`) and on Sentry's events for everything the request does.

    The context is cleared when the response is closed (``request_finished``), not when this
    middleware returns: Django logs a failed request's status line after every middleware has
    returned, and that line carries the id too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        request.META["TULTA_REQUEST_ID"] = request_id
        request_id_var.set(request_id)
        user_id_var.set(None)
        government_id_var.set(None)
        sentry_sdk.set_tag("request_id", request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


def _clear_log_context(sender: object, **kwargs: Any) -> None:
    request_id_var.set("-")
    user_id_var.set(None)
    government_id_var.set(None)


request_finished.connect(_clear_log_context, dispatch_uid="tulta-clear-log-context")


class ProbeMiddleware:
    """Answers ``/healthz``, ``/readyz`` and ``/metrics`` before the host check and the HTTPS
    redirect: a load balancer or a scraper reaches each node by its address over plain HTTP
    (``Host: 10.0.0.5:8000``), which ``ALLOWED_HOSTS`` and ``SECURE_SSL_REDIRECT`` would refuse
    or redirect. The views are the ones the URLs name; nothing else is answered here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._probes: dict[str, Callable[[HttpRequest], HttpResponse]] | None = None

    def probes(self) -> dict[str, Callable[[HttpRequest], HttpResponse]]:
        if self._probes is None:  # the URLconf is read at the first request, not at start-up
            self._probes = {
                path: resolve(path).func
                for path in (
                    reverse(name) for name in ("core:healthz", "core:readyz", "core:metrics")
                )
            }
        return self._probes

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = self.probes().get(request.path_info)
        if view is None:
            return self.get_response(request)
        return view(request)


def _remember_user(request: HttpRequest) -> None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    government_id = getattr(user, "government_id", None)
    user_id_var.set(user.pk)
    government_id_var.set(government_id)
    sentry_sdk.set_user({"id": str(user.pk)})
    sentry_sdk.set_tag("government_id", str(government_id or "-"))


class LogContextMiddleware:
    """Below AuthenticationMiddleware: the signed-in user's id and government id join the log
    context. Read again after the view, since the API authenticates tokens inside its views."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        _remember_user(request)
        response = self.get_response(request)
        _remember_user(request)
        return response


class _QueryTimer:
    """Times every query of the request's database connection (``execute_wrapper``)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.count = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.count += 1


class MetricsMiddleware:
    """Times each request and its database queries for ``/metrics``, labelled by the view's URL
    name (``risalah:step``; ``-`` when no view answered, as for static files and 404s), and
    writes one log line per request (method, path without its query, status, milliseconds)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timer = _QueryTimer()
        start = time.perf_counter()
        with connection.execute_wrapper(timer):
            response = self.get_response(request)
        elapsed = time.perf_counter() - start
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match is not None and match.view_name else "-"
        method = request.method or "-"
        metrics.REQUEST_LATENCY.labels(view=view, method=method).observe(elapsed)
        metrics.REQUESTS.labels(view=view, method=method, status=str(response.status_code)).inc()
        metrics.REQUEST_DB_TIME.labels(view=view).observe(timer.seconds)
        metrics.DB_QUERIES.labels(view=view).inc(timer.count)
        request_logger.info(
            "%s %s %s",
            method,
            request.path,
            response.status_code,
            extra={
                "method": method,
                "path": request.path,
                "view": view,
                "status": response.status_code,
                "duration_ms": round(elapsed * 1000, 1),
                "db_ms": round(timer.seconds * 1000, 1),
                "db_queries": timer.count,
            },
        )
        return response


# --- the shared cache is down ---------------------------------------------------------------------

CACHE_OUTAGE = "TULTA_CACHE_OUTAGE"


def _note_cache_outage(sender: object, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Receiver of ``got_request_exception``: marks the request when what failed is Redis.
    Django has already turned the exception into a 500 by the time an outer middleware sees
    the answer, wherever it was raised (a view, the session, a cached page): this is how the
    middleware learns the cause."""
    exc = sys.exc_info()[1]
    if request is not None and isinstance(exc, RedisError):
        request.META[CACHE_OUTAGE] = type(exc).__name__


got_request_exception.connect(_note_cache_outage, dispatch_uid="tulta-cache-outage")


class ServiceOutageMiddleware:
    """When a request failed because the shared cache (Redis) is down, the user gets a plain
    "layanan sedang gangguan" page with 503 and ``Retry-After`` instead of the error page: not
    their fault, and soon over. The page extends no base template and runs no context
    processor, since those read the session, which needs the cache. The failure itself is
    logged by Django (and reported to Sentry) as any other."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if CACHE_OUTAGE not in request.META:
            return response
        if request.path.startswith("/api/"):
            outage: HttpResponse = JsonResponse(
                {"detail": _("Layanan sedang gangguan. Coba lagi beberapa menit lagi.")},
                status=503,
            )
        else:
            outage = HttpResponse(
                render_to_string(
                    "core/service_unavailable.html",
                    {"request_id": request.META.get("TULTA_REQUEST_ID", "")},
                ),
                status=503,
            )
        outage["Retry-After"] = "60"
        add_never_cache_headers(outage)
        return outage


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


# --- the pemda's own time zone ---------------------------------------------------------------

SESSION_TIME_ZONE = "tulta_time_zone"


class TimeZoneMiddleware:
    """Activate the time zone of the signed-in user's pemda (WIB, WITA or WIT) for the request,
    so every time on its pages is the pemda's own. The zone is put in the session when the user
    signs in (and when the admin changes it), so this costs no query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        name = session.get(SESSION_TIME_ZONE) if session is not None else None
        zone = _zone(name) if name else None
        if zone is None:
            return self.get_response(request)
        with timezone.override(zone):
            return self.get_response(request)


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        return None


# --- input that never reaches a view ------------------------------------------------------------

# Room for the form's other fields and the multipart boundaries around the largest file.
MULTIPART_OVERHEAD = 256 * 1024


def _refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """The answer to a request refused before its view: JSON for the API, a page otherwise."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return render(request, "refused.html", {"status": status, "message": message}, status=status)


def _has_nul(data: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists())


class RequestGuardMiddleware:
    """Refuses, before any view (and before the CSRF check reads the body), two kinds of request:

    - an upload whose ``Content-Length`` is over ``UPLOAD_MAX_BYTES`` (plus room for the form's
      other fields): 413 at once, without receiving the body — the view's own per-file limits
      still apply below it;
    - a query string or form value holding a NUL character (``\\x00``): 400. PostgreSQL cannot
      store or compare text with NUL, so every search, filter and form would otherwise fail
      with a server error; refused here, in one place, for all of them.

    Listed before ``CsrfViewMiddleware`` (whose ``process_view`` reads the form)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: object, view_args: object, view_kwargs: object
    ) -> HttpResponse | None:
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("multipart/"):
            limit = int(settings.UPLOAD_MAX_BYTES)
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit + MULTIPART_OVERHEAD:
                return _refusal(
                    request,
                    413,
                    _("Unggahan terlalu besar: %(size)s MB, batasnya %(limit)s MB.")
                    % {
                        "size": angka(length / 1024 / 1024, 1),
                        "limit": angka(limit / 1024 / 1024),
                    },
                )
        message = _(
            "Permintaan ditolak: isian atau pencarian memuat karakter NUL (\\x00), "
            "yang tidak dapat disimpan. Hapus karakter itu lalu coba lagi."
        )
        if _has_nul(request.GET):
            return _refusal(request, 400, message)
        if request.method == "POST" and content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            if _has_nul(request.POST):
                return _refusal(request, 400, message)
        return None


# --- caching --------------------------------------------------------------------------------

PRIVATE_CACHE_CONTROL = "private, no-store"


class PrivateCacheMiddleware:
    """Every response to an authenticated request (a signed-in session, an API token, or any
    ``Authorization`` header) gets ``Cache-Control: private, no-store``: pages, API responses
    and file downloads alike. Anonymous responses keep the caching their views chose. A view
    may still declare a response ``public`` (it holds no one's data, as the script catalogue),
    and it is then left alone. Sits below AuthenticationMiddleware, so ``request.user`` is
    known, and sees the user DRF authenticated by token after the view ran."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if not (signed_in or "HTTP_AUTHORIZATION" in request.META):
            return response
        if "public" in response.get("Cache-Control", ""):
            return response
        response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        if "Expires" in response:
            del response["Expires"]
        return response
