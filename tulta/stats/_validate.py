"""Input coercion and validation shared by the statistics functions.

Everything here turns user input (lists, nested lists, numpy arrays) into float64 numpy arrays
and raises :class:`~tulta.stats.errors.StatsInputError` with an Indonesian message that says
where the problem is (1-based in the message, 0-based in ``where``).
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from tulta.stats.errors import StatsInputError
from tulta.stats.formatting import number

_NUMERIC_KINDS = "iuf"

#: The largest magnitude accepted for a value. Far beyond any measurement, and small enough that
#: no sum, square or fourth power computed from such values can overflow (so numpy never warns).
LIMIT = 1e60


def is_clean(arr: np.ndarray) -> bool:
    """True when ``arr`` holds no NaN, no infinity and no value beyond ±LIMIT (fast, no copy).

    A finite sum rules out NaN and infinities in one pass; min and max bound the magnitude.
    """
    if arr.size == 0:
        return True
    with np.errstate(over="ignore", invalid="ignore"):  # the sum is only a test here
        total = np.add.reduce(arr, axis=None)
    return bool(np.isfinite(total)) and -LIMIT <= float(arr.min()) and float(arr.max()) <= LIMIT


def fmt(value: float) -> str:
    """A number for a message, as the user would write it: ``12`` or ``2,5`` or ``−3``."""
    value = float(value)
    if not np.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return number(value, 0)
    return number(value, 6).rstrip("0").rstrip(",")


def sentence(body: str, phase: int = 1) -> str:
    """A message sentence; phase II problems are prefixed with "Data baru: "."""
    if phase == 2:
        return f"Data baru: {body}"
    return body[:1].upper() + body[1:]


def is_number(item: Any) -> bool:
    """True for real numbers (bool excluded)."""
    return isinstance(item, numbers.Real) and not isinstance(item, bool)


def _try_numeric(data: Any) -> np.ndarray | None:
    """A float64 array for well-formed numeric input, or None when a slow path is needed."""
    if isinstance(data, np.ndarray):
        if data.dtype.kind in _NUMERIC_KINDS:
            return np.asarray(data, dtype=np.float64)
        return None
    if isinstance(data, str | bytes):
        return None
    try:
        arr = np.asarray(data)
    except (ValueError, TypeError):
        return None
    if arr.dtype.kind in _NUMERIC_KINDS:
        return arr.astype(np.float64, copy=False)
    return None


def as_vector(
    data: Any,
    *,
    what: str = "nilai ke-{i}",
    phase: int = 1,
    allow_missing: bool = False,
    field: str = "data",
) -> np.ndarray:
    """Coerce ``data`` to a 1-D float64 array of finite numbers.

    ``what`` names one element with an ``{i}`` placeholder for its 1-based number ("nilai
    ke-{i}", "subgrup ke-{i}"), so that messages read "Nilai ke-5 bukan angka.". With
    ``allow_missing`` None/NaN are kept as NaN; infinities always raise.
    """
    arr = _try_numeric(data)
    if arr is None:
        if isinstance(data, str | bytes) or not hasattr(data, "__iter__"):
            items: list[Any] = [data]
        else:
            items = list(data)
        for i, item in enumerate(items):
            if (item is None and not allow_missing) or (item is not None and not is_number(item)):
                raise StatsInputError(
                    "not_a_number",
                    sentence(f"{what.format(i=i + 1)} bukan angka.", phase),
                    index=i,
                    phase=phase,
                    field=field,
                )
        arr = np.array([np.nan if v is None else float(v) for v in items], dtype=np.float64)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        raise StatsInputError(
            "invalid_shape",
            sentence("data harus berupa satu deret nilai (1 dimensi).", phase),
            phase=phase,
            field=field,
        )
    if arr.size == 0:
        raise StatsInputError(
            "empty_data",
            "Data baru kosong." if phase == 2 else "Data kosong.",
            phase=phase,
            field=field,
        )
    check_finite(arr, what=what, phase=phase, allow_missing=allow_missing, field=field)
    return arr


def check_finite(
    arr: np.ndarray,
    *,
    what: str = "nilai ke-{i}",
    phase: int = 1,
    allow_missing: bool = False,
    field: str = "data",
) -> None:
    """Raise for the first NaN (unless ``allow_missing``), infinite or too large value (1-D)."""
    if is_clean(arr):
        return
    checks = [
        ("not_a_number", "bukan angka", np.isnan(arr)),
        ("not_finite", "tidak terhingga", np.isinf(arr)),
        ("too_large", "terlalu besar", np.abs(arr) > LIMIT),  # NaN compares False here
    ]
    for code, problem, mask in checks[1:] if allow_missing else checks:
        bad = np.flatnonzero(mask)
        if bad.size:
            i = int(bad[0])
            raise StatsInputError(
                code,
                sentence(f"{what.format(i=i + 1)} {problem}.", phase),
                index=i,
                phase=phase,
                field=field,
            )


def as_matrix(data: Any, *, phase: int = 1, field: str = "data") -> np.ndarray:
    """Coerce subgroup data to a 2-D float64 array (rows = subgroups, NaN = missing).

    Accepts a 2-D array, a list of rows (rows may differ in length: they are right-padded with
    NaN) or a 1-D sequence (one value per subgroup). None counts as missing. Non-numbers raise,
    naming the subgroup and the value; infinities are reported by :func:`raise_if_invalid`.
    """
    arr = _try_numeric(data)
    if arr is None:
        if isinstance(data, str | bytes) or not hasattr(data, "__iter__"):
            raise StatsInputError(
                "not_a_number", sentence("data bukan angka.", phase), phase=phase, field=field
            )
        parsed: list[list[float]] = []
        for i, row in enumerate(data):
            if row is None or is_number(row):
                parsed.append([np.nan if row is None else float(row)])
                continue
            if isinstance(row, str | bytes) or not hasattr(row, "__iter__"):
                raise StatsInputError(
                    "not_a_number",
                    sentence(f"subgrup ke-{i + 1} bukan angka.", phase),
                    subgroup=i,
                    phase=phase,
                    field=field,
                )
            out: list[float] = []
            for j, item in enumerate(row):
                if item is None:
                    out.append(np.nan)
                elif is_number(item):
                    out.append(float(item))
                else:
                    raise StatsInputError(
                        "not_a_number",
                        sentence(f"subgrup ke-{i + 1}, nilai ke-{j + 1} bukan angka.", phase),
                        subgroup=i,
                        value=j,
                        phase=phase,
                        field=field,
                    )
            parsed.append(out)
        width = max((len(r) for r in parsed), default=0)
        arr = np.full((len(parsed), width), np.nan)
        for i, r in enumerate(parsed):
            arr[i, : len(r)] = r
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    if arr.ndim != 2:
        raise StatsInputError(
            "invalid_shape",
            sentence("data subgrup harus berupa tabel 2 dimensi (baris = subgrup).", phase),
            phase=phase,
            field=field,
        )
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise StatsInputError(
            "empty_data",
            "Data baru kosong." if phase == 2 else "Data kosong.",
            phase=phase,
            field=field,
        )
    return arr


def raise_if_invalid(arr: np.ndarray, *, phase: int = 1, field: str = "data") -> None:
    """Raise for the first infinite or too large cell of a 2-D array (NaN = missing is fine)."""
    for code, bad, text in (
        ("not_finite", np.isinf(arr), "tidak terhingga"),
        ("too_large", np.abs(arr) > LIMIT, "terlalu besar"),
    ):
        where = np.argwhere(bad)
        if where.size:
            i, j = (int(v) for v in where[0])
            raise StatsInputError(
                code,
                sentence(f"subgrup ke-{i + 1}, nilai ke-{j + 1} {text}.", phase),
                subgroup=i,
                value=j,
                phase=phase,
                field=field,
            )
