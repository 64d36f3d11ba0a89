"""The language of API answers.

The site speaks Bahasa Indonesia unless the user picked another language with the switch
(``tulta.core.middleware.LanguageMiddleware``: browsers' Accept-Language is ignored, since many
office PCs run an English browser). An API client has no switch, so it asks with
``Accept-Language``: ``en`` gets English, anything else (or nothing) Indonesian. DRF negotiates
first thing in every request, before authentication and parsing, so every message of the request
— DRF's own, the serializers', the services' — comes in the negotiated language.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.negotiation import DefaultContentNegotiation


def api_language(request: HttpRequest) -> str:
    """The first supported language in ``Accept-Language``, else the site's default."""
    supported = {code for code, _name in settings.LANGUAGES}
    for tag, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        code = tag.split("-")[0].lower()
        if code in supported:
            return code
    return settings.LANGUAGE_CODE


def activate_api_language(request: HttpRequest) -> str:
    language = api_language(request)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language


class LanguageNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        activate_api_language(request._request)
        return super().select_renderer(request, renderers, format_suffix)
