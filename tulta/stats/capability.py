"""Process capability: Cp, Cp_l, Cp_u, Cp_k, Cpm (with confidence intervals), Pp and Ppk.

The formulas are those of R's qcc (``processCapability``), with ``k = nsigmas`` (3)::

    Cp   = (USL − LSL) / (2kσ)        Cp_l = (center − LSL) / (kσ)
    Cp_u = (USL − center) / (kσ)      Cp_k = min(Cp_l, Cp_u)
    Cpm  = Cp / sqrt(1 + ((center − target)/σ)²)

σ is the within-subgroup sigma of the chart; the Pp family uses the overall sample standard
deviation instead. Confidence intervals: chi-square for Cp (n − 1 df, Chou et al. 1990) and
Cpm (Boyles' df); Bissell's (1990) normal approximation for Cp_l and Cp_u with the one-sided
z = Φ⁻¹(level) and for Cp_k with the two-sided z = Φ⁻¹(1 − α/2).

One-sided specifications: Cp and Cpm are undefined (None); Cp_k is the one available index
(as qcc HEAD and Minitab do; qcc 3.0 reports None). The expected fractions outside the limits
are the normal-theory values themselves (qcc prints values below 0.01 % as 0).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
from scipy import stats as sps

from tulta.stats._validate import as_vector, fmt
from tulta.stats.control import ControlChart, control_chart
from tulta.stats.errors import StatsInputError

__all__ = ["Capability", "capability"]

Interval = tuple[float, float]


@dataclass(frozen=True)
class Capability:
    """The result of :func:`capability`. Fractions are 0..1 (not percent).

    Attributes:
        n_obs: number of observations used (phase I, non-missing).
        center, std_dev: the process center and the within-subgroup sigma used.
        overall_std_dev: the sample standard deviation of all observations (for Pp/Ppk).
        nsigmas: k in the formulas (3).
        lsl, usl: the specification limits (None for a missing side).
        target: the target (the midpoint of the limits, or the one limit, when not given).
        has_target: False only when a one-sided specification had no target.
        cp, cp_l, cp_u, cp_k, cpm: the capability indices (None where undefined).
        pp, pp_l, pp_u, pp_k, ppm: the performance indices, with the overall sigma.
        confidence_level: the level of the intervals.
        intervals: index name ("cp", "cp_l", ..., "ppm") -> (lower, upper), or None.
        exp_below_lsl, exp_above_usl: the normal-theory fractions outside the limits.
        obs_below_lsl, obs_above_usl: the observed fractions strictly outside the limits.
        notes: Indonesian remarks for the user (e.g. a target outside the specification).
    """

    n_obs: int
    center: float
    std_dev: float
    overall_std_dev: float
    nsigmas: float
    lsl: float | None
    usl: float | None
    target: float
    has_target: bool
    cp: float | None
    cp_l: float | None
    cp_u: float | None
    cp_k: float | None
    cpm: float | None
    pp: float | None
    pp_l: float | None
    pp_u: float | None
    pp_k: float | None
    ppm: float | None
    confidence_level: float
    intervals: Mapping[str, Interval | None]
    exp_below_lsl: float | None
    exp_above_usl: float | None
    obs_below_lsl: float | None
    obs_above_usl: float | None
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form; intervals as two-element lists or None."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if name == "intervals":
                value = {k: None if v is None else [v[0], v[1]] for k, v in value.items()}
            elif name == "notes":
                value = list(value)
            out[name] = value
        return out


def _limit(value: object, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise StatsInputError(
            "invalid_option", f"Batas spesifikasi {name} harus berupa angka.", option=name
        )
    number = float(value)
    if math.isnan(number):
        return None
    if not math.isfinite(number):
        raise StatsInputError(
            "invalid_option", f"Batas spesifikasi {name} harus terhingga.", option=name
        )
    return number


def _positive(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise StatsInputError("invalid_option", f"Pilihan {name} harus berupa angka.", option=name)
    number = float(value)
    if not (math.isfinite(number) and number > 0):
        raise StatsInputError(
            "invalid_option", f"Pilihan {name} harus lebih dari 0.", option=name, value=number
        )
    return number


def _chisq(index: float | None, df: float, alpha: float) -> Interval | None:
    if index is None:
        return None
    lo, hi = sps.chi2.ppf([alpha / 2.0, 1.0 - alpha / 2.0], df)
    return (index * math.sqrt(lo / df), index * math.sqrt(hi / df))


def _bissell(index: float | None, z: float, n: int) -> Interval | None:
    if index is None:
        return None
    if index == 0.0:
        return None  # the approximation's 1/(9 n C²) term is unbounded at 0
    half = z * math.sqrt(1.0 / (9.0 * n * index * index) + 1.0 / (2.0 * (n - 1)))
    return (index * (1.0 - half), index * (1.0 + half))


def _indices(
    center: float, sigma: float, k: float, lsl: float | None, usl: float | None, target: float
) -> tuple[float | None, float | None, float | None, float | None, float | None]:
    cp = None if lsl is None or usl is None else (usl - lsl) / (2.0 * k * sigma)
    cp_u = None if usl is None else (usl - center) / (k * sigma)
    cp_l = None if lsl is None else (center - lsl) / (k * sigma)
    cp_k = min(v for v in (cp_l, cp_u) if v is not None)
    cpm = None if cp is None else cp / math.sqrt(1.0 + ((center - target) / sigma) ** 2)
    return cp, cp_l, cp_u, cp_k, cpm


def capability(
    chart_or_values: ControlChart | Any,
    *,
    lsl: float | None = None,
    usl: float | None = None,
    target: float | None = None,
    std_dev: float | None = None,
    nsigmas: float = 3.0,
    confidence_level: float = 0.95,
) -> Capability:
    """Process capability of an xbar or individuals chart, or of raw values.

    Args:
        chart_or_values: a :class:`ControlChart` of type "xbar" or "individuals" (its phase I
            observations, center and sigma are used), or a sequence of values (then treated as
            an individuals chart: center = mean, sigma = mean moving range / d2(2)).
        lsl, usl: specification limits; at least one. None (or NaN) = one-sided.
        target: the target; default the midpoint of two limits, or the one given limit.
        std_dev: a known within-subgroup sigma instead of the chart's.
        nsigmas: k in the formulas (default 3).
        confidence_level: level of the confidence intervals (default 0.95).

    Raises:
        StatsInputError: no specification limit, LSL >= USL, a chart of another type, fewer
            than two observations, invalid options.
    """
    if isinstance(chart_or_values, ControlChart):
        chart = chart_or_values
        if chart.chart not in ("xbar", "individuals"):
            raise StatsInputError(
                "invalid_chart",
                "Analisis kemampuan proses hanya tersedia untuk grafik xbar atau individu.",
                chart=chart.chart,
            )
    else:
        chart = control_chart(as_vector(chart_or_values), "individuals", rules=())
    x = chart.observations
    n = int(x.size)
    if n < 2:
        raise StatsInputError(
            "too_few_values", "Diperlukan minimal 2 pengamatan.", n=n
        )  # pragma: no cover - charts already require two values
    low = _limit(lsl, "lsl")
    high = _limit(usl, "usl")
    if low is None and high is None:
        raise StatsInputError(
            "missing_spec",
            "Isi minimal satu batas spesifikasi (BSB atau BSA).",
        )
    if low is not None and high is not None and not low < high:
        raise StatsInputError(
            "invalid_spec",
            f"Batas spesifikasi bawah ({fmt(low)}) harus lebih kecil dari batas atas "
            f"({fmt(high)}).",
        )
    k = _positive(nsigmas, "nsigmas")
    level = float(confidence_level)
    if not 0.0 < level < 1.0:
        raise StatsInputError(
            "invalid_option",
            "Pilihan confidence_level harus di antara 0 dan 1.",
            option="confidence_level",
        )
    center = float(chart.center[0])
    sigma = float(chart.std_dev[0]) if std_dev is None else _positive(std_dev, "std_dev")
    overall = float(np.std(x, ddof=1))

    notes: list[str] = []
    if target is None:
        if low is not None and high is not None:
            tgt, has_target = (low + high) / 2.0, True
        else:
            tgt, has_target = (low if low is not None else high), False  # type: ignore[assignment]
    else:
        tgt_value = _limit(target, "target")
        if tgt_value is None:
            raise StatsInputError("invalid_option", "Target harus berupa angka.", option="target")
        tgt, has_target = tgt_value, True
        if (low is not None and tgt < low) or (high is not None and tgt > high):
            notes.append("Target berada di luar batas spesifikasi.")
    assert tgt is not None

    cp, cp_l, cp_u, cp_k, cpm = _indices(center, sigma, k, low, high, tgt)
    alpha = 1.0 - level
    z_one = float(sps.norm.ppf(level))
    z_two = float(sps.norm.ppf(1.0 - alpha / 2.0))
    delta2 = ((center - tgt) / sigma) ** 2
    boyles = n * (1.0 + delta2) / (1.0 + 2.0 * delta2)
    intervals: dict[str, Interval | None] = {
        "cp": _chisq(cp, n - 1.0, alpha),
        "cp_l": _bissell(cp_l, z_one, n),
        "cp_u": _bissell(cp_u, z_one, n),
        "cp_k": _bissell(cp_k, z_two, n),
        "cpm": _chisq(cpm, boyles, alpha),
    }
    if overall > 0:
        pp, pp_l, pp_u, pp_k, ppm = _indices(center, overall, k, low, high, tgt)
        odelta2 = ((center - tgt) / overall) ** 2
        intervals.update(
            pp=_chisq(pp, n - 1.0, alpha),
            pp_l=_bissell(pp_l, z_one, n),
            pp_u=_bissell(pp_u, z_one, n),
            pp_k=_bissell(pp_k, z_two, n),
            ppm=_chisq(ppm, n * (1.0 + odelta2) / (1.0 + 2.0 * odelta2), alpha),
        )
    else:
        pp = pp_l = pp_u = pp_k = ppm = None
        intervals.update(pp=None, pp_l=None, pp_u=None, pp_k=None, ppm=None)
        notes.append("Semua pengamatan sama, sehingga Pp dan Ppk tidak dapat dihitung.")

    values = [cp, cp_l, cp_u, cp_k, cpm, pp, pp_l, pp_u, pp_k, ppm]
    values += [v for pair in intervals.values() if pair is not None for v in pair]
    if not all(v is None or math.isfinite(v) for v in values):
        raise StatsInputError(
            "too_large",
            "Indeks kemampuan di luar jangkauan angka: variasi data terlalu kecil dibanding "
            "lebar spesifikasi.",
        )
    return Capability(
        n_obs=n,
        center=center,
        std_dev=sigma,
        overall_std_dev=overall,
        nsigmas=k,
        lsl=low,
        usl=high,
        target=float(tgt),
        has_target=has_target,
        cp=cp,
        cp_l=cp_l,
        cp_u=cp_u,
        cp_k=cp_k,
        cpm=cpm,
        pp=pp,
        pp_l=pp_l,
        pp_u=pp_u,
        pp_k=pp_k,
        ppm=ppm,
        confidence_level=level,
        intervals=MappingProxyType(intervals),
        exp_below_lsl=None if low is None else float(sps.norm.cdf((low - center) / sigma)),
        exp_above_usl=None if high is None else float(sps.norm.sf((high - center) / sigma)),
        obs_below_lsl=None if low is None else float(np.count_nonzero(x < low)) / n,
        obs_above_usl=None if high is None else float(np.count_nonzero(x > high)) / n,
        notes=tuple(notes),
    )
