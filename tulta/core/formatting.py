"""Indonesian formatting of dates and numbers, independent of the active locale.

Documents, exports and pages all format the same way: "Kamis, 30 November 2017", "1.250.000",
"29,6%", "Rp 1.250.000", and the true minus sign for negatives. Pure Python; no Django import.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from tulta.stats.formatting import quantity
from tulta.stats.formatting import rupiah as stats_rupiah

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MINUS = "\u2212"

Number = int | float | Decimal


def tanggal(value: dt.date | dt.datetime | None, *, with_day: bool = True) -> str:
    """Format a date as "Kamis, 30 November 2017" (or "30 November 2017" without the day)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    text = f"{value.day} {BULAN[value.month - 1]} {value.year}"
    if with_day:
        return f"{HARI[value.weekday()]}, {text}"
    return text


def tanggal_jam(value: dt.datetime | None) -> str:
    """Format an (already localised) datetime as "30 November 2017 14.05"."""
    if value is None:
        return ""
    return f"{tanggal(value, with_day=False)} {value.hour:02d}.{value.minute:02d}"


ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}


def zona(value: dt.datetime) -> str:
    """The Indonesian name of an aware datetime's zone: "WIB", "WITA", "WIT" (else its own
    abbreviation, or "UTC+05.30")."""
    offset = value.utcoffset()
    if offset is None:
        return ""
    hours = offset.total_seconds() / 3600
    if hours in ZONES:
        return ZONES[int(hours)]
    name = value.tzname() or ""
    if name and not name.startswith(("+", "-")):
        return name
    sign = "+" if hours >= 0 else "-"
    whole, minutes = divmod(abs(int(offset.total_seconds() // 60)), 60)
    return f"UTC{sign}{whole:02d}.{minutes:02d}"


def tanggal_jam_zona(value: dt.datetime | None) -> str:
    """An aware datetime, already localised, with its zone: "3 Desember 2026 pukul 17.38 WIB"."""
    if value is None:
        return ""
    when = f"{tanggal(value, with_day=False)} pukul {value.hour:02d}.{value.minute:02d}"
    zone = zona(value)
    return f"{when} {zone}" if zone else when


def angka(value: Number | None, decimals: int = 0) -> str:
    """Format a number with a thousands dot and a decimal comma: 1250000.5 -> "1.250.000,5"."""
    if value is None:
        return ""
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        return ""
    text = f"{abs(number):,.{decimals}f}"
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if number < 0 and any(ch not in "0.," for ch in text):
        text = MINUS + text
    return text


def persen(value: Number | None, decimals: int = 1) -> str:
    """Format a percentage that is already scaled to 0-100: 29.6 -> "29,6%"."""
    if value is None:
        return ""
    text = angka(value, decimals)
    return f"{text}%" if text else ""


def rupiah(value: Number | None) -> str:
    """Format an amount of money: 1250000 -> "Rp 1.250.000" (the statistics' own rule)."""
    if value is None:
        return ""
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        return ""
    return stats_rupiah(number)


def satuan(value: Number | None, unit: str, decimals: int = 1) -> str:
    """A measured value with its unit: ``(45, "menit") -> "45,0 menit"``, ``(14244.8, "Rp") ->
    "Rp 14.245"``, ``(10.7, "%") -> "10,7%"`` (the statistics' own rule, one for all texts)."""
    if value is None:
        return ""
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        return ""
    return quantity(number, unit or "", decimals)
