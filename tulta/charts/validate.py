"""Checks of raw chart input (numbers, counts, texts), raising :class:`ChartInputError` with an
Indonesian message that says where the problem is (1-based, as people count)."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

from tulta.charts.base import ChartInputError
from tulta.charts.format import capitalized

__all__ = ["count", "finite_numbers", "optional_number", "text"]


def _is_number(item: Any) -> bool:
    return isinstance(item, numbers.Real) and not isinstance(item, bool)


def finite_numbers(
    values: Any, *, what: str, minimum: int = 1, field: str = "values"
) -> np.ndarray:
    """``values`` as a float array; each must be a finite real number (not text, not bool).

    Raises:
        ChartInputError: "not_a_number" naming the first bad value ("Nilai ke-3 bukan angka:
            'abc'."), or "too_few_values" with fewer than ``minimum`` values.
    """
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray):
        raise ChartInputError(
            "invalid_input", f"{capitalized(what)} harus berupa daftar angka.", field=field
        )
    items = list(values.tolist() if isinstance(values, np.ndarray) else values)
    for i, item in enumerate(items):
        if not _is_number(item) or not math.isfinite(float(item)):
            raise ChartInputError(
                "not_a_number",
                f"{capitalized(what)} ke-{i + 1} bukan angka: {item!r}.",
                index=i,
                field=field,
            )
    if len(items) < minimum:
        raise ChartInputError(
            "too_few_values",
            f"Grafik ini memerlukan minimal {minimum} {what}; baru ada {len(items)}.",
            n=len(items),
            field=field,
        )
    return np.asarray(items, dtype=float)


def count(item: Any, *, where: str, **location: Any) -> float:
    """A non-negative finite count (``where`` names it in the message)."""
    if not _is_number(item) or not math.isfinite(float(item)):
        raise ChartInputError("not_a_number", f"Jumlah {where} bukan angka: {item!r}.", **location)
    if float(item) < 0:
        raise ChartInputError(
            "negative_count", f"Jumlah {where} tidak boleh negatif ({item}).", **location
        )
    return float(item)


def optional_number(item: Any, name: str) -> float | None:
    """None, or a finite number (for options such as spec limits and targets)."""
    if item is None:
        return None
    if not _is_number(item) or not math.isfinite(float(item)):
        raise ChartInputError("not_a_number", f"Pilihan {name} harus berupa angka.", option=name)
    return float(item)


def text(item: Any, *, where: str, **location: Any) -> str:
    """A non-empty text (stripped)."""
    if item is None or not str(item).strip():
        raise ChartInputError("empty_text", f"{capitalized(where)} masih kosong.", **location)
    return str(item).strip()
