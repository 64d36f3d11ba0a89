"""Page-number pagination: ``?page=2&page_size=100`` (at most 200 rows a page).

A ``page`` or ``page_size`` that is not a whole number in range is a 400 naming the parameter,
never quietly replaced by the default; a page past the last one is a 404.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

MAX_PAGE = 10**9  # no list has that many pages; bigger numbers are typos or probes


def _whole_number(request: Request, name: str, maximum: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise ValidationError(
            {name: [_("Harus bilangan bulat dari 1 sampai %(max)d.") % {"max": maximum}]}
        )
    return int(raw)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request: Request) -> int:
        size = _whole_number(request, self.page_size_query_param, self.max_page_size)
        return self.page_size if size is None else size

    def paginate_queryset(
        self, queryset: Any, request: Request, view: Any = None
    ) -> list[Any] | None:
        self.request = request
        page_size = self.get_page_size(request)
        number = _whole_number(request, self.page_query_param, MAX_PAGE) or 1
        paginator = self.django_paginator_class(queryset, page_size)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise NotFound(
                _("Halaman %(page)d tidak ada; hasil ini hanya %(pages)d halaman.")
                % {"page": number, "pages": paginator.num_pages}
            ) from None
        return list(self.page)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": _("Nomor halaman (mulai 1)."),
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": _("Banyak baris per halaman (1–%(max)d, bawaan %(default)d).")
                % {"max": self.max_page_size, "default": self.page_size},
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
