from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from tulta.tools.registry import tool_label

register = template.Library()


@register.filter(name="tool_name")
def tool_name(code: str) -> str:
    return tool_label(code)


@register.filter(name="tool_labels")
def tool_labels(codes: Iterable[str]) -> str:
    """["check_sheet", "pareto"] -> "Lembar periksa, Diagram Pareto"."""
    return ", ".join(tool_label(code) for code in codes or [])


COLUMN_TYPES = {
    "number": _("angka"),
    "integer": _("bilangan bulat"),
    "date": _("tanggal"),
    "category": _("kategori"),
    "text": _("teks"),
}


@register.filter
def column_type(code: str) -> str:
    return str(COLUMN_TYPES.get(code, code))


@register.filter
def column_label(columns: Sequence[Any], index: int) -> str:
    return str(columns[index].label)


@register.filter
def column_key(columns: Sequence[Any], index: int) -> str:
    return str(columns[index].key)


@register.filter
def json_script_safe(value: Any) -> str:
    """JSON for a single-quoted HTML attribute."""
    return escape(json.dumps(value, ensure_ascii=False))
