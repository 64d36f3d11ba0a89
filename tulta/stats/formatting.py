"""Indonesian number formatting for the texts the statistics produce (verdicts, messages).

Decimal comma, thousands dot and the true minus sign U+2212: ``-1234.5 -> "−1.234,5"``.
Pure Python, independent of any locale setting.
"""

from __future__ import annotations

import math

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
