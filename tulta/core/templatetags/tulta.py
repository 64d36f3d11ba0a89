"""Template filters for Indonesian formatting: {{ d|tanggal }}, {{ n|angka:1 }}, {{ x|persen }}."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from tulta.core import audit, formatting
from tulta.core.fields import show_number

register = template.Library()


@register.filter
def tanggal(value: Any, arg: str = "") -> str:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formatting.tanggal(value, with_day=arg != "pendek")


@register.filter
def tanggal_jam(value: Any) -> str:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formatting.tanggal_jam(value)


@register.filter
def angka(value: Any, decimals: int = 0) -> str:
    return formatting.angka(value, int(decimals))


@register.filter
def persen(value: Any, decimals: int = 1) -> str:
    return formatting.persen(value, int(decimals))


@register.filter
def rupiah(value: Any) -> str:
    return formatting.rupiah(value)


@register.filter
def angka_isian(value: Any) -> str:
    """A number as a form field shows it: "7,5", "1.250", "9" (``tulta.core.fields``)."""
    return show_number(value)


@register.filter
def satuan(value: Any, unit: str) -> str:
    """``{{ target|satuan:indicator.unit }}``: "Rp 2.000", "15,0 menit", "2,0%"."""
    return formatting.satuan(value, str(unit or ""))


@register.filter
def audit_phrase(event: Any) -> str:
    return audit.describe(event)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None
