"""One error shape for the API, and no 500 for what is the client's mistake.

Services raise Django's ``ValidationError`` (Indonesian messages); the API turns it into a 400
with the same messages. A step saved over a newer version is a 409 carrying the current version.
A body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is a 413.

Under ``/api/`` every answer is JSON, also those Django gives before a view runs: a path no
pattern matches (an id of 20 digits), and a server error (``handler404``/``handler500`` in
``tulta.urls`` call :func:`not_found` and :func:`server_error`). ``ERROR_SCHEMAS`` describe
the error bodies in the OpenAPI schema.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tulta.risalah.artefacts import ArtefactConflict
from tulta.risalah.services import StepConflict

from .negotiation import activate_api_language

API_PREFIX = "/api/"


# The error bodies, as the OpenAPI schema describes them (tulta.api.schema adds them to every
# operation that can answer with them).
ERROR_SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": {
        "type": "object",
        "description": "Kesalahan: apa yang salah, dalam bahasa yang diminta (Accept-Language).",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "ValidationError": {
        "type": "object",
        "description": (
            "Masukan ditolak: tiap kolom yang salah dengan pesannya (non_field_errors untuk yang "
            "menyangkut seluruh permintaan; kolom bertingkat bertingkat pula), atau detail untuk "
            "isi yang tidak dapat dibaca."
        ),
        "properties": {
            "detail": {"type": "string"},
            "non_field_errors": {"type": "array", "items": {"type": "string"}},
        },
        "additionalProperties": True,
    },
    "Conflict": {
        "type": "object",
        "description": "Langkah sudah disimpan orang lain: versi dan isi terbarunya.",
        "properties": {
            "detail": {"type": "string"},
            "version": {"type": "integer"},
            "sections": {"type": "object", "additionalProperties": {"type": "string"}},
        },
        "required": ["detail", "version", "sections"],
    },
    "ArtefactConflict": {
        "type": "object",
        "description": "Alat sudah disimpan orang lain: versi dan datanya yang terbaru.",
        "properties": {
            "detail": {"type": "string"},
            "version": {"type": "integer"},
            "rows": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}},
            "options": {"type": "object", "additionalProperties": {"type": "string"}},
        },
        "required": ["detail", "version", "rows", "options"],
    },
}


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler404``: JSON under /api/, the site's page elsewhere."""
    if request.path.startswith(API_PREFIX):
        activate_api_language(request)
        return JsonResponse({"detail": _("Alamat ini tidak ada di API.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: JSON under /api/, the site's page elsewhere."""
    if request.path.startswith(API_PREFIX):
        activate_api_language(request)
        return JsonResponse(
            {"detail": _("Terjadi kesalahan di server; kesalahan ini sudah dicatat.")},
            status=500,
        )
    return defaults.server_error(request)


def _messages(exc: DjangoValidationError) -> Any:
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {"non_field_errors": exc.messages}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        return Response(_messages(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, StepConflict):
        step = exc.current
        who = step.updated_by.full_name if step.updated_by else _("orang lain")
        return Response(
            {
                "detail": _(
                    "%(who)s menyimpan langkah ini lebih dulu (versi %(v)d); muat ulang lalu "
                    "simpan lagi dengan base_version %(v)d."
                )
                % {"who": who, "v": step.version},
                "version": step.version,
                "sections": step.sections,
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, ArtefactConflict):
        artefact = exc.current
        who = artefact.updated_by.full_name if artefact.updated_by else _("orang lain")
        return Response(
            {
                "detail": _(
                    "%(who)s menyimpan alat ini lebih dulu (versi %(v)d); muat ulang lalu "
                    "simpan lagi dengan base_version %(v)d."
                )
                % {"who": who, "v": artefact.version},
                "version": artefact.version,
                "rows": artefact.rows,
                "options": artefact.options,
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": _("Isi permintaan terlalu besar.")},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    return drf_exception_handler(exc, context)
