"""Middleware of the whole site: language (Bahasa Indonesia unless the user chose another
language with the switch); the request guard (uploads over the limit, NUL characters) that
refuses bad input before any view; and ``Cache-Control: private, no-store`` for signed-in
answers.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many office PCs run an
English browser; users of an Indonesian government expect Indonesian until they ask otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from .formatting import angka


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
