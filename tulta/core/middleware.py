"""Middleware of the whole site.

- Language: Bahasa Indonesia unless the user chose another language with the switch. Django's
  LocaleMiddleware would follow the browser's Accept-Language, and many office PCs run an
  English browser; users of an Indonesian government expect Indonesian until they ask otherwise.
- Private caching: whatever a signed-in user (a session or an API token) is sent is
  ``Cache-Control: private, no-store``, so no shared proxy and no browser history keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


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
