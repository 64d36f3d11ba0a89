"""Indonesian number and text formatting for chart labels and readings.

Decimal comma, thousands dot and the true minus sign U+2212 (``1250 -> "1.250"``,
``29.55 -> "29,6%"``, ``-3.5 -> "−3,5"``), independent of any locale setting. The core
formatting is shared with :mod:`tulta.stats` (``tulta.stats.formatting``) so that verdicts and
charts write numbers the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from tulta.stats.formatting import MINUS, is_rupiah, number, percent, quantity, signed

__all__ = [
    "MINUS",
    "capitalized",
    "decimal",
    "integer",
    "join",
    "measured",
    "measured_first",
    "number",
    "percent",
    "quantity",
    "quoted",
    "signed",
    "tick_labels",
    "value",
]


def integer(amount: float) -> str:
    """A whole number with thousands dots: ``1250 -> "1.250"`` (rounded half to even)."""
    return number(amount, 0)


def decimal(amount: float, max_decimals: int = 2) -> str:
    """At most ``max_decimals`` decimals, trailing zeros dropped: ``12.50 -> "12,5"``,
    ``3.0 -> "3"``."""
    text = number(amount, max_decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    if text in (MINUS + "0", ""):
        text = "0"
    return text


def value(amount: float) -> str:
    """A measured value for a reading: integers as integers, others with up to 2 significant
    decimals (``1250 -> "1.250"``, ``45.25 -> "45,25"``, ``0.1234 -> "0,12"``, ``123.456 ->
    "123,5"``)."""
    amount = float(amount)
    if not math.isfinite(amount):
        raise ValueError("cannot format a non-finite number")
    if amount.is_integer():
        return integer(amount)
    size = abs(amount)
    if size >= 100:
        return decimal(amount, 1)
    if size >= 1:
        return decimal(amount, 2)
    digits = 1 - math.floor(math.log10(size)) if size > 0 else 2  # two significant digits
    return decimal(amount, min(digits, 6))


def tick_labels(values: Sequence[float], *, suffix: str = "") -> list[str]:
    """Labels for axis ticks with one common number of decimals, the fewest that keep every
    tick exact (``[0, 0.25, 0.5] -> ["0,00", "0,25", "0,50"]``; ``[0, 500, 1000] -> ["0",
    "500", "1.000"]``)."""
    vals = [float(v) for v in values]
    decimals = 0
    for decimals in range(0, 7):
        scale = 10.0**decimals
        if all(abs(v * scale - round(v * scale)) < 1e-6 * max(1.0, abs(v * scale)) for v in vals):
            break
    return [number(v, decimals) + suffix for v in vals]


def capitalized(text: str) -> str:
    """``text`` with its first letter upper-case and the rest unchanged (unlike str.capitalize)."""
    return text[:1].upper() + text[1:]


def quoted(text: str) -> str:
    """Text in Indonesian double quotes: ``“Berkas tidak lengkap”``."""
    return f"“{text}”"


def join(items: Sequence[str], conjunction: str = "dan") -> str:
    """``["a"] -> "a"``, ``["a", "b"] -> "a dan b"``, ``["a", "b", "c"] -> "a, b dan c"``."""
    parts = list(items)
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + f" {conjunction} " + parts[-1]


def measured(unit: str, fmt: Callable[[float], str] | None = None) -> Callable[[float], str]:
    """A formatter of values measured in ``unit`` for readings: ``measured("menit")(45) ->
    "45 menit"``, ``measured("Rp")(14244.8) -> "Rp 14.245"``, ``measured("%")(10.7) ->
    "10,7%"``. ``fmt`` formats the number (default :func:`value`)."""
    number_format = fmt or value
    return lambda amount: quantity(amount, unit, fmt=number_format)


def measured_first(unit: str, fmt: Callable[[float], str] | None = None) -> Callable[[float], str]:
    """The formatter of the first value of a pair ("antara 12 dan 15 menit"): the bare number
    for units written after the second value, but "Rp 12.000 dan Rp 15.000", "7% dan 9%"."""
    if is_rupiah(unit) or unit.strip() == "%":
        return measured(unit, fmt)
    return fmt or value
