"""One error shape for the API, and no 500 for what is the client's mistake.

Services raise Django's ``ValidationError`` (Indonesian messages); the API turns it into a 400
with the same messages. A step saved over a newer version is a 409 carrying the current version.
A body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is a 413.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tulta.risalah.services import StepConflict


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
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": _("Isi permintaan terlalu besar.")},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    return drf_exception_handler(exc, context)
