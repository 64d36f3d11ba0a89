"""Indonesian number formatting for the texts the statistics produce (verdicts, messages).

Decimal comma, thousands dot and the true minus sign U+2212: ``-1234.5 -> "−1.234,5"``.
Pure Python, independent of any locale setting.
"""

from __future__ import annotations

import math
from collections.abc import Callable

MINUS = "\u2212"


def number(value: float, decimals: int = 1) -> str:
    """Format ``value`` with ``decimals`` decimals: ``45.0 -> "45,0"``, ``-1234.5 -> "−1.234,5"``.

    A value that rounds to zero is written without a sign. Non-finite values raise ValueError.
    """
    value = float(value)
    if not math.isfinite(value):
        raise ValueError("cannot format a non-finite number")
    text = f"{abs(value):,.{decimals}f}"
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if value < 0 and any(ch not in "0.," for ch in text):
        text = MINUS + text
    return text


def signed(value: float, decimals: int = 1) -> str:
    """Like :func:`number` but always signed: ``+12,5`` / ``−68,4`` (zero gets no sign)."""
    text = number(value, decimals)
    if text.startswith(MINUS) or all(ch in "0.," for ch in text):
        return text
    return "+" + text


def percent(value: float, decimals: int = 1, *, sign: bool = False) -> str:
    """Format a percentage already scaled to 0-100: ``-68.42 -> "−68,4%"``."""
    return (signed(value, decimals) if sign else number(value, decimals)) + "%"


def p_value(p: float) -> str:
    """Format a p-value for a verdict: ``"p < 0,001"`` or ``"p = 0,023"``."""
    if p < 0.001:
        return "p < 0,001"
    return "p = " + number(p, 3)


RUPIAH_UNITS = frozenset({"rp", "rp.", "rupiah"})


def is_rupiah(unit: str) -> bool:
    """Whether ``unit`` names money in rupiah ("Rp", "rp.", "Rupiah")."""
    return unit.strip().lower() in RUPIAH_UNITS


def rupiah(value: float) -> str:
    """An amount of money, whole rupiah, the symbol first: ``14244.8 -> "Rp 14.245"``,
    ``-2000 -> "−Rp 2.000"``."""
    text = number(value, 0)
    if text.startswith(MINUS):
        return f"{MINUS}Rp {text[1:]}"
    return f"Rp {text}"


def quantity(
    value: float,
    unit: str = "",
    decimals: int = 1,
    *,
    fmt: Callable[[float], str] | None = None,
) -> str:
    """A measured value with its unit, the Indonesian way: ``(45, "menit") -> "45,0 menit"``,
    ``(14244.8, "Rp") -> "Rp 14.245"`` (no decimals for rupiah), ``(10.7, "%") -> "10,7%"``.

    ``fmt`` formats the number (default :func:`number` with ``decimals``); rupiah ignore it.
    """
    unit = unit.strip()
    if is_rupiah(unit):
        return rupiah(value)
    text = fmt(value) if fmt is not None else number(value, decimals)
    if not unit:
        return text
    if unit == "%":
        return text + "%"
    return f"{text} {unit}"


def from_to(before: float, after: float, unit: str = "", decimals: int = 1) -> str:
    """ "dari 45,0 menjadi 14,2 menit", "dari Rp 15.000 menjadi Rp 2.000", "dari 7,0% menjadi
    2,0%": the unit once after the second value, except rupiah and percent, which every value
    carries."""
    unit = unit.strip()
    if is_rupiah(unit) or unit == "%":
        first = quantity(before, unit, decimals)
    else:
        first = number(before, decimals)
    return f"dari {first} menjadi {quantity(after, unit, decimals)}"
