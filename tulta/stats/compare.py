"""Before/after comparison: the effect of an improvement, with a one-line Indonesian verdict.

``compare(before, after, kind=...)``:

- ``"mean"``: means, Welch's t-test (unequal variances).
- ``"median"``: medians, Mann-Whitney U test (two-sided; exact for small samples without ties).
- ``"proportion"``: ``before`` and ``after`` are ``(events, n)`` pairs; the two-proportion
  z-test (pooled) or Fisher's exact test (chosen automatically: Fisher when an expected cell
  count is below 5; or force one with ``test=``).

The verdict reads, e.g., "turun dari 45,0 menjadi 14,2 menit (−68,4%), berbeda nyata, p < 0,001".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats as sps

from tulta.stats import formatting
from tulta.stats._validate import as_vector, is_number
from tulta.stats.errors import StatsInputError

__all__ = ["Comparison", "compare"]

_TESTS = {
    "mean": ("welch",),
    "median": ("mann-whitney",),
    "proportion": ("z", "fisher"),
}


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare`.

    Attributes:
        kind: "mean", "median" or "proportion".
        test: "welch", "mann-whitney", "z" or "fisher".
        before, after: the means, medians or proportions (0..1) compared.
        change: after − before.
        percent_change: change / before × 100, or None when before is 0.
        statistic: t, U, z, or the odds ratio (Fisher; None when it is infinite).
        p_value: the two-sided p-value.
        significant: p_value < alpha.
        alpha: the significance level.
        n_before, n_after: the sample sizes.
        verdict: the one-line Indonesian summary.
    """

    kind: str
    test: str
    before: float
    after: float
    change: float
    percent_change: float | None
    statistic: float | None
    p_value: float
    significant: bool
    alpha: float
    n_before: int
    n_after: int
    verdict: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def _sample(values: Any, name: str, label: str) -> np.ndarray:
    x = as_vector(values, what=f"nilai {label} ke-{{i}}", field=name)
    if x.size < 2:
        raise StatsInputError(
            "too_few_values", f"Data {label} memerlukan minimal 2 nilai.", field=name
        )
    return x


def _proportion(pair: Any, name: str, label: str) -> tuple[int, int]:
    try:
        events, n = pair
    except (TypeError, ValueError):
        raise StatsInputError(
            "invalid_option",
            f"Data {label} untuk proporsi harus berupa pasangan (jumlah kejadian, ukuran).",
            field=name,
        ) from None
    for value in (events, n):
        if not is_number(value) or not math.isfinite(float(value)):
            raise StatsInputError(
                "not_a_number", f"Data {label}: jumlah dan ukuran harus angka.", field=name
            )
        if not float(value).is_integer():
            raise StatsInputError(
                "not_integer",
                f"Data {label}: jumlah dan ukuran harus bilangan bulat.",
                field=name,
            )
    e, m = int(events), int(n)
    if m <= 0:
        raise StatsInputError(
            "invalid_size", f"Data {label}: ukuran harus lebih dari 0.", field=name
        )
    if e < 0:
        raise StatsInputError(
            "negative_count", f"Data {label}: jumlah kejadian tidak boleh negatif.", field=name
        )
    if e > m:
        raise StatsInputError(
            "defectives_exceed_size",
            f"Data {label}: jumlah kejadian ({e}) melebihi ukuran ({m}).",
            field=name,
        )
    return e, m


def _verdict(
    kind: str,
    before: float,
    after: float,
    pct: float | None,
    unit: str,
    decimals: int,
    significant: bool,
    p: float,
) -> str:
    if kind == "proportion":
        before, after, unit = before * 100.0, after * 100.0, "%"
    verdict = "berbeda nyata" if significant else "tidak berbeda nyata"
    if formatting.quantity(before, unit, decimals) == formatting.quantity(after, unit, decimals):
        head = f"tetap {formatting.quantity(after, unit, decimals)}"
    else:
        direction = "turun" if after < before else "naik"
        head = f"{direction} {formatting.from_to(before, after, unit, decimals)}"
        if pct is not None:
            head += f" ({formatting.percent(pct, decimals, sign=True)})"
    return f"{head}, {verdict}, {formatting.p_value(p)}"


def compare(
    before: Any,
    after: Any,
    kind: str = "mean",
    *,
    unit: str = "",
    decimals: int = 1,
    alpha: float = 0.05,
    test: str | None = None,
) -> Comparison:
    """Compare a measure before and after an improvement.

    Args:
        before, after: samples of values (kind "mean" or "median"), or ``(events, n)`` pairs
            (kind "proportion").
        kind: "mean", "median" or "proportion".
        unit: the unit written after the second value in the verdict ("menit").
        decimals: decimals of the values in the verdict.
        alpha: the significance level (default 0.05).
        test: force a test ("z" or "fisher" for proportions); default automatic.

    Raises:
        StatsInputError: unknown kind or test, fewer than 2 values per sample, NaN/infinity,
            no variation at all (every value equal), invalid proportion pairs.
    """
    kind = str(kind).strip().lower()
    if kind not in _TESTS:
        raise StatsInputError(
            "invalid_option",
            "Pilihan kind harus 'mean', 'median' atau 'proportion'.",
            option="kind",
        )
    if test is not None and test not in _TESTS[kind]:
        raise StatsInputError(
            "invalid_option",
            f"Uji {test!r} tidak tersedia untuk {kind}; pilih dari: {', '.join(_TESTS[kind])}.",
            option="test",
        )
    if not 0.0 < float(alpha) < 1.0:
        raise StatsInputError(
            "invalid_option", "Pilihan alpha harus di antara 0 dan 1.", option="alpha"
        )
    statistic: float | None
    if kind == "proportion":
        e1, n1 = _proportion(before, "before", "sebelum")
        e2, n2 = _proportion(after, "after", "sesudah")
        b, a = e1 / n1, e2 / n2
        pooled = (e1 + e2) / (n1 + n2)
        expected = [n * share for n in (n1, n2) for share in (pooled, 1.0 - pooled)]
        used = test or ("fisher" if min(expected) < 5 else "z")
        if used == "z":
            if pooled in (0.0, 1.0):
                raise StatsInputError(
                    "no_variation",
                    "Semua pengamatan sama (proporsi 0 atau 1); gunakan uji Fisher.",
                )
            se = math.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))
            statistic = (a - b) / se
            p = float(2.0 * sps.norm.sf(abs(statistic)))
        else:
            res = sps.fisher_exact([[e1, n1 - e1], [e2, n2 - e2]])
            odds = float(res.statistic)
            statistic = odds if math.isfinite(odds) else None
            p = float(res.pvalue)
        nb, na = n1, n2
    else:
        x = _sample(before, "before", "sebelum")
        y = _sample(after, "after", "sesudah")
        nb, na = int(x.size), int(y.size)
        if kind == "mean":
            used = "welch"
            vx, vy = float(x.var(ddof=1)), float(y.var(ddof=1))
            b, a = float(x.mean()), float(y.mean())
            if not vx / nb + vy / na > 0:
                raise StatsInputError(
                    "no_variation",
                    "Data sebelum dan sesudah tidak bervariasi, sehingga uji t tidak dapat "
                    "dihitung.",
                )
            se_x, se_y = vx / nb, vy / na
            statistic = (a - b) / math.sqrt(se_x + se_y)
            dof = (se_x + se_y) ** 2 / (se_x**2 / (nb - 1) + se_y**2 / (na - 1))
            p = float(2.0 * sps.t.sf(abs(statistic), dof))
        else:
            used = "mann-whitney"
            b, a = float(np.median(x)), float(np.median(y))
            if np.all(x == x[0]) and np.all(y == x[0]):
                raise StatsInputError("no_variation", "Semua nilai sebelum dan sesudah sama.")
            res = sps.mannwhitneyu(y, x, alternative="two-sided")
            statistic, p = float(res.statistic), float(res.pvalue)
    p = min(max(p, 0.0), 1.0)
    change = a - b
    pct = None if b == 0 else change / b * 100.0
    significant = p < float(alpha)
    return Comparison(
        kind=kind,
        test=used,
        before=b,
        after=a,
        change=change,
        percent_change=pct,
        statistic=statistic,
        p_value=p,
        significant=significant,
        alpha=float(alpha),
        n_before=nb,
        n_after=na,
        verdict=_verdict(kind, b, a, pct, unit, decimals, significant, p),
    )
