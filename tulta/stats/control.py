"""Shewhart control charts: xbar, R, S, individuals, p, np, c and u.

Use :func:`control_chart`; it returns an immutable :class:`ControlChart`. The computations
follow R's qcc 3.0 (the reference the tests check against, to 1e-9 relative): the same d2/d3
tables by default, the same centers (the R and S centers are size-weighted means), sigma
estimators, limits (LCLs clipped at 0; probability limits from the normal, range, chi-square,
binomial and Poisson quantiles) and the per-group std_dev of p and np charts. Everything is
vectorised: a chart of a million points takes milliseconds and memory linear in the input.

Where this module differs from qcc 3.0, on purpose:

- zone rules judge each point by its own sigma zones (see :mod:`tulta.stats.rules`);
- R charts work for subgroups over 25 (d2 and d3 by integration) and for 200,000 subgroups
  (qcc allocates n_groups² there); p charts accept probability limits with equal sizes;
- a known ``center`` of an attribute chart also sets its sigma (qcc keeps the data's);
- a c chart needs one size for phase I and II together (use a u chart otherwise);
- NaN is allowed only as a missing value inside xbar/R/S subgroups, never elsewhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from scipy import stats as sps

from tulta.stats._validate import (
    LIMIT,
    as_matrix,
    as_vector,
    fmt,
    is_clean,
    raise_if_invalid,
    sentence,
)
from tulta.stats.constants import c4, c4_array, d2, d2_array, d3_array, range_quantile
from tulta.stats.errors import StatsInputError
from tulta.stats.rules import DEFAULT_RULES, LIMIT_RULES, evaluate_rules, normalize_rules

__all__ = ["CHART_TYPES", "SIGMA_METHODS", "ControlChart", "control_chart"]

#: The chart types, by their canonical names.
CHART_TYPES: tuple[str, ...] = ("xbar", "R", "S", "individuals", "p", "np", "c", "u")

_ALIASES = {
    "xbar": "xbar",
    "x-bar": "xbar",
    "r": "R",
    "s": "S",
    "individuals": "individuals",
    "xbar.one": "individuals",
    "i": "individuals",
    "imr": "individuals",
    "p": "p",
    "np": "np",
    "c": "c",
    "u": "u",
}

#: The sigma estimators each chart accepts; the first is the default (for xbar the default
#: switches to "rmsdf" when a phase I subgroup has more than 25 values).
SIGMA_METHODS: dict[str, tuple[str, ...]] = {
    "xbar": ("uwave-r", "uwave-sd", "mvlue-r", "mvlue-sd", "rmsdf"),
    "R": ("uwave-r", "mvlue-r"),
    "S": ("uwave-sd", "mvlue-sd", "rmsdf"),
    "individuals": ("mr", "sd"),
}

_VARIABLES = ("xbar", "R", "S")
_ATTRIBUTES = ("p", "np", "c", "u")
_CHART_LABEL = {
    "xbar": "xbar",
    "R": "R",
    "S": "S",
    "individuals": "individu",
    "p": "p",
    "np": "np",
    "c": "c",
    "u": "u",
}


def _readonly(arr: np.ndarray) -> np.ndarray:
    """A read-only view (never changes the flags of the caller's own array)."""
    view = arr.view()
    view.flags.writeable = False
    return view


def _own(arr: np.ndarray, *inputs: Any) -> np.ndarray:
    """``arr`` as a read-only array that shares no memory with the caller's input arrays."""
    arr = np.asarray(arr, dtype=np.float64)
    if any(isinstance(x, np.ndarray) and np.may_share_memory(arr, x) for x in inputs):
        arr = arr.copy()
    return _readonly(arr)


def _per_point(value: float | np.ndarray, n: int) -> np.ndarray:
    """A read-only length-n float array; scalars are broadcast without copying."""
    if np.ndim(value) == 0:
        return np.broadcast_to(np.float64(value), (n,))
    return _readonly(np.asarray(value, dtype=np.float64))


def _float_list(arr: np.ndarray) -> list[float]:
    return [float(v) for v in arr.tolist()]


def _size_list(arr: np.ndarray) -> list[float | int]:
    return [int(v) if float(v).is_integer() else float(v) for v in arr.tolist()]


@dataclass(frozen=True, eq=False)
class ControlChart:
    """The result of :func:`control_chart`. Immutable; numpy arrays are read-only.

    Points are numbered 0..N-1 over phase I followed by phase II (N = len(statistics) +
    len(new_statistics)).

    Attributes:
        chart: "xbar", "R", "S", "individuals", "p", "np", "c" or "u".
        statistics: the plotted statistic of each phase I subgroup (mean, range, standard
            deviation, value, proportion, count, count or count per unit).
        new_statistics: the same for phase II (``newdata``); empty without phase II.
        sizes, new_sizes: the subgroup size of each point (non-missing values for xbar/R/S;
            1 for individuals; the given sizes for p, np, c, u).
        center: the center line at every point (N values; it varies only for np with unequal
            sizes).
        std_dev: the sigma of the chart at every point (N values), as qcc defines it: the
            process sigma for xbar, R, S and individuals; sqrt(p(1-p)/n_i) for p;
            sqrt(n_i p(1-p)) for np; sqrt(c) for c; sqrt(u) (per unit) for u.
        lcl, ucl: the control limits at every point (N values).
        violations: per point, None or the tuple of the rule names it breaks, sorted (a
            property, built from ``rule_flags`` on first access and then cached).
        rule_flags: per point, a uint16 bit mask of the rules it breaks (bit j = rules[j]);
            the compact, vectorised form of ``violations``.
        beyond_limits: indices of the points beyond the limits ("we1"/"nelson1"), ascending.
        violating_runs: indices of the points that break any other selected rule and are not
            beyond the limits, ascending.
        rules: the rules applied (canonical order).
        nsigmas: the sigma multiple of the limits (for probability limits, the normal quantile
            with the same coverage; the zone rules use it).
        confidence_level: the coverage of probability limits, or None.
        sigma_method: the sigma estimator used ("uwave-r", ..., "mr", "sd"), "given" when
            ``std_dev`` was passed, None for attribute charts.
        exact: whether d2 came from numerical integration instead of the 3-decimal table.
        observations: the phase I individual observations (xbar and individuals charts; empty
            otherwise), used by :func:`tulta.stats.capability`. Not part of ``to_dict()``.
            For a staged chart, those of the last stage (the process as it runs now).
        stage_starts: the first point of each stage of limits (``(0,)`` for one stage); a
            chart from :func:`tulta.stats.staged_control_chart` has its own centre line and
            limits in each stage.
    """

    chart: str
    statistics: np.ndarray
    new_statistics: np.ndarray
    sizes: np.ndarray
    new_sizes: np.ndarray
    center: np.ndarray
    std_dev: np.ndarray
    lcl: np.ndarray
    ucl: np.ndarray
    rule_flags: np.ndarray
    beyond_limits: np.ndarray
    violating_runs: np.ndarray
    rules: tuple[str, ...]
    nsigmas: float
    confidence_level: float | None
    sigma_method: str | None
    exact: bool
    observations: np.ndarray = field(repr=False)
    stage_starts: tuple[int, ...] = (0,)

    @property
    def stage_bounds(self) -> tuple[tuple[int, int], ...]:
        """``(first, end)`` point indices of each stage of limits; one stage for a plain
        chart (phase II, judged by the frozen phase I limits, belongs to it)."""
        ends = (*self.stage_starts[1:], self.n_points)
        return tuple(zip(self.stage_starts, ends, strict=True))

    @cached_property
    def violations(self) -> tuple[tuple[str, ...] | None, ...]:
        """Per point: None, or the sorted tuple of the names of the rules it breaks."""
        return tuple(_violation_list(self.rule_flags, self.rules))

    @property
    def n_points(self) -> int:
        """Number of points, phase I and II."""
        return int(self.statistics.size + self.new_statistics.size)

    @property
    def all_statistics(self) -> np.ndarray:
        """The statistics of phase I followed by phase II."""
        return np.concatenate([self.statistics, self.new_statistics])

    @property
    def in_control(self) -> bool:
        """True when no point breaks a selected rule."""
        return self.beyond_limits.size == 0 and self.violating_runs.size == 0

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form (lists, floats, None); ``observations`` is left out."""
        return {
            "chart": self.chart,
            "statistics": _float_list(self.statistics),
            "new_statistics": _float_list(self.new_statistics),
            "sizes": _size_list(self.sizes),
            "new_sizes": _size_list(self.new_sizes),
            "center": _float_list(self.center),
            "std_dev": _float_list(self.std_dev),
            "lcl": _float_list(self.lcl),
            "ucl": _float_list(self.ucl),
            "violations": [
                None if v is None else list(v) for v in _violation_list(self.rule_flags, self.rules)
            ],
            "beyond_limits": [int(i) for i in self.beyond_limits.tolist()],
            "violating_runs": [int(i) for i in self.violating_runs.tolist()],
            "rules": list(self.rules),
            "nsigmas": float(self.nsigmas),
            "confidence_level": self.confidence_level,
            "sigma_method": self.sigma_method,
            "exact": self.exact,
            "stage_starts": list(self.stage_starts),
        }


# --- options ----------------------------------------------------------------------------------


def _chart_name(chart: object) -> str:
    name = _ALIASES.get(str(chart).strip().lower()) if isinstance(chart, str) else None
    if name is None:
        raise StatsInputError(
            "unknown_chart",
            f"Jenis grafik {chart!r} tidak dikenal; pilih salah satu: {', '.join(CHART_TYPES)}.",
            chart=chart,
        )
    return name


def _option_number(value: object, name: str, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise StatsInputError(
            "invalid_option", f"Pilihan {name} harus berupa angka.", option=name, value=value
        )
    number = float(value)
    if not (math.isfinite(number) and abs(number) <= LIMIT):
        raise StatsInputError(
            "invalid_option", f"Pilihan {name} harus berupa angka terhingga.", option=name
        )
    if positive and number <= 0:
        raise StatsInputError(
            "invalid_option",
            f"Pilihan {name} harus lebih dari 0 (diberikan: {fmt(number)}).",
            option=name,
            value=number,
        )
    return number


def _sigmas(nsigmas: object, confidence_level: object) -> tuple[float, float | None]:
    if confidence_level is not None:
        if nsigmas is not None:
            raise StatsInputError(
                "invalid_option",
                "Pilih salah satu: nsigmas atau confidence_level, tidak keduanya.",
                option="confidence_level",
            )
        level = _option_number(confidence_level, "confidence_level")
        if not 0.0 < level < 1.0:
            raise StatsInputError(
                "invalid_option",
                f"Pilihan confidence_level harus di antara 0 dan 1 (diberikan: {fmt(level)}).",
                option="confidence_level",
                value=level,
            )
        return float(sps.norm.ppf(1.0 - (1.0 - level) / 2.0)), level
    if nsigmas is None:
        return 3.0, None
    return _option_number(nsigmas, "nsigmas", positive=True), None


def _limits_option(limits: object) -> tuple[float, float] | None:
    if limits is None:
        return None
    pair = list(limits) if isinstance(limits, list | tuple | np.ndarray) else []
    if len(pair) != 2:
        raise StatsInputError(
            "invalid_option",
            "Pilihan limits harus berupa pasangan (BKB, BKA).",
            option="limits",
        )
    lcl = _option_number(pair[0], "limits")
    ucl = _option_number(pair[1], "limits")
    if not lcl < ucl:
        raise StatsInputError(
            "invalid_option",
            f"Batas kendali bawah ({fmt(lcl)}) harus lebih kecil dari batas atas ({fmt(ucl)}).",
            option="limits",
        )
    return lcl, ucl


def _sigma_method(kind: str, method: object, std_dev: object) -> str | None:
    if kind not in SIGMA_METHODS:
        if method is not None:
            raise StatsInputError(
                "invalid_option",
                f"Pilihan sigma_method tidak berlaku untuk grafik {_CHART_LABEL[kind]}.",
                option="sigma_method",
            )
        return None
    if method is None:
        return None
    if std_dev is not None:
        raise StatsInputError(
            "invalid_option",
            "Pilih salah satu: std_dev atau sigma_method, tidak keduanya.",
            option="sigma_method",
        )
    name = str(method).strip().lower()
    if name not in SIGMA_METHODS[kind]:
        raise StatsInputError(
            "invalid_option",
            f"Metode sigma {method!r} tidak tersedia untuk grafik {_CHART_LABEL[kind]}; "
            f"pilih dari: {', '.join(SIGMA_METHODS[kind])}.",
            option="sigma_method",
            value=method,
        )
    return name


# --- subgroup statistics ----------------------------------------------------------------------


@dataclass
class _Subgroups:
    """Per-subgroup sizes, means, ranges and standard deviations of a 2-D data block."""

    sizes: np.ndarray
    means: np.ndarray | None
    ranges: np.ndarray | None
    sds: np.ndarray | None
    observations: np.ndarray
    constant_size: int | None


def _subgroups(raw: Any, kind: str, *, phase: int, need: set[str], minimum: int = 2) -> _Subgroups:
    x = as_matrix(raw, phase=phase, field="newdata" if phase == 2 else "data")
    rows, width = x.shape
    label = _CHART_LABEL[kind]
    if is_clean(x):
        # Fast path: complete and finite (cheap passes proved it). Column-wise reductions are
        # much faster than axis=1 reductions over short rows.
        if width < minimum:
            raise StatsInputError(
                "subgroup_too_small",
                sentence(
                    f"subgrup ke-1 hanya berisi {width} nilai; grafik {label} memerlukan minimal "
                    f"{minimum} nilai per subgrup.",
                    phase,
                ),
                subgroup=0,
                phase=phase,
            )
        cols = [x[:, j] for j in range(width)] if width <= 64 else None
        means = ranges = sds = None
        if "mean" in need or "sd" in need:
            if cols is not None:
                total = cols[0].copy()
                for c in cols[1:]:
                    total += c
                means = total / width
            else:
                means = x.mean(axis=1)
        if "range" in need:
            if cols is not None:
                hi = cols[0].copy()
                lo = cols[0].copy()
                for c in cols[1:]:
                    np.maximum(hi, c, out=hi)
                    np.minimum(lo, c, out=lo)
                ranges = hi - lo
            else:
                ranges = x.max(axis=1) - x.min(axis=1)
        if "sd" in need:
            assert means is not None
            if cols is not None:
                ss = np.zeros(rows)
                for c in cols:
                    dev = c - means
                    dev *= dev
                    ss += dev
            else:
                ss = ((x - means[:, None]) ** 2).sum(axis=1)
            sds = np.sqrt(ss / (width - 1))
        observations = x.reshape(-1)
        sizes = np.broadcast_to(np.float64(width), (rows,))
        return _Subgroups(sizes, means, ranges, sds, observations, width)

    raise_if_invalid(x, phase=phase, field="newdata" if phase == 2 else "data")
    missing = np.isnan(x)
    counts = width - missing.sum(axis=1)
    small = np.flatnonzero(counts < minimum)
    if small.size:
        i = int(small[0])
        have = int(counts[i])
        body = (
            f"subgrup ke-{i + 1} tidak berisi nilai."
            if have == 0
            else f"subgrup ke-{i + 1} hanya berisi {have} nilai; grafik {label} memerlukan "
            f"minimal {minimum} nilai per subgrup."
        )
        raise StatsInputError(
            "empty_subgroup" if have == 0 else "subgroup_too_small",
            sentence(body, phase),
            subgroup=i,
            phase=phase,
        )
    zeroed = np.where(missing, 0.0, x)
    means = zeroed.sum(axis=1) / counts
    ranges = sds = None
    if "range" in need:
        ranges = np.nanmax(x, axis=1) - np.nanmin(x, axis=1)
    if "sd" in need:
        dev = np.where(missing, 0.0, x - means[:, None])
        sds = np.sqrt((dev * dev).sum(axis=1) / (counts - 1))
    sizes = counts.astype(np.float64)
    const = int(counts[0]) if counts.min() == counts.max() else None
    return _Subgroups(sizes, means, ranges, sds, x[~missing], const)


def _sigma_from_subgroups(method: str, g: _Subgroups, *, exact: bool) -> float:
    n = g.sizes.astype(np.int64) if g.constant_size is None else np.array(g.constant_size)
    if method == "uwave-r":
        assert g.ranges is not None
        return float(np.mean(g.ranges / d2_array(n, exact=exact)))
    if method == "mvlue-r":
        assert g.ranges is not None
        dd2 = d2_array(n, exact=exact)
        w = (dd2 / d3_array(n, exact=exact)) ** 2
        w = np.broadcast_to(w, g.ranges.shape)
        return float(np.sum(g.ranges / dd2 * w) / np.sum(w))
    assert g.sds is not None
    if method == "uwave-sd":
        return float(np.mean(g.sds / c4_array(n)))
    if method == "mvlue-sd":
        cc4 = c4_array(n)
        w = np.broadcast_to(cc4 * cc4 / (1.0 - cc4 * cc4), g.sds.shape)
        return float(np.sum(g.sds / cc4 * w) / np.sum(w))
    # rmsdf
    w = g.sizes - 1.0
    dof = float(np.sum(w))
    return math.sqrt(float(np.sum(g.sds * g.sds * w)) / dof) / c4(int(dof) + 1)


def _no_variation(kind: str) -> StatsInputError:
    return StatsInputError(
        "no_variation",
        f"Data tidak bervariasi, sehingga batas kendali grafik {_CHART_LABEL[kind]} tidak dapat "
        "dihitung.",
    )


# --- the charts -------------------------------------------------------------------------------


@dataclass
class _Computed:
    statistics: np.ndarray
    new_statistics: np.ndarray
    sizes: np.ndarray
    new_sizes: np.ndarray
    center: float | np.ndarray
    std_dev: float | np.ndarray
    se: float | np.ndarray
    lcl: float | np.ndarray
    ucl: float | np.ndarray
    sigma_method: str | None
    observations: np.ndarray


def _all_sizes(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, bool]:
    """Sizes of every point, and whether they are all equal (then a 0-d array)."""
    lo = a.min()
    hi = a.max()
    if b.size:
        lo = min(lo, b.min())
        hi = max(hi, b.max())
    if lo == hi:
        return np.asarray(lo), True
    return np.concatenate([a, b]) if b.size else np.asarray(a), False


def _variables(
    kind: str,
    data: Any,
    newdata: Any,
    *,
    center: float | None,
    std_dev: float | None,
    method: str | None,
    k: float,
    conf: float | None,
    exact: bool,
) -> _Computed:
    if method is None and std_dev is None:
        method = "uwave-r" if kind in ("xbar", "R") else "uwave-sd"
        if kind == "xbar":
            # qcc's default: RMSDF as soon as a phase I subgroup has more than 25 values.
            data = as_matrix(data, phase=1)
            if data.shape[1] > 25 and (data.shape[1] - np.isnan(data).sum(axis=1)).max() > 25:
                method = "rmsdf"
    stat_need = {"xbar": "mean", "R": "range", "S": "sd"}[kind]
    need = {stat_need}
    if method is not None:
        need.add("range" if method.endswith("-r") else "sd")
    g = _subgroups(data, kind, phase=1, need=need)
    if g.sizes.size < 2:
        raise StatsInputError(
            "too_few_groups",
            f"Hanya ada {g.sizes.size} subgrup; diperlukan minimal 2 subgrup.",
            groups=int(g.sizes.size),
        )
    if std_dev is not None:
        sigma = std_dev
        used = "given"
    else:
        assert method is not None
        sigma = _sigma_from_subgroups(method, g, exact=exact)
        used = method
        if not sigma > 0:
            raise _no_variation(kind)

    stat_key = {"xbar": "means", "R": "ranges", "S": "sds"}[kind]
    stats = getattr(g, stat_key)
    assert stats is not None
    if center is None:
        if g.constant_size is not None:
            center = float(np.mean(stats))
        else:
            center = float(np.dot(g.sizes, stats) / np.sum(g.sizes))

    new_stats = np.empty(0)
    new_sizes = np.empty(0)
    if newdata is not None:
        h = _subgroups(newdata, kind, phase=2, need={stat_need})
        new_stats = getattr(h, stat_key)
        new_sizes = np.asarray(h.sizes, dtype=np.float64)

    n_all, _ = _all_sizes(np.asarray(g.sizes), new_sizes)
    n_int = n_all.astype(np.int64)
    if kind == "xbar":
        se = sigma / np.sqrt(n_all)
        lcl = center - k * se
        ucl = center + k * se
    elif kind == "R":
        se = d3_array(n_int, exact=exact) * sigma
        if conf is None:
            lcl = np.maximum(0.0, center - k * se)
            ucl = center + k * se
        else:
            alpha = (1.0 - conf) / 2.0
            lcl = _per_size_quantile(n_int, lambda n: range_quantile(alpha, n)) * sigma
            ucl = _per_size_quantile(n_int, lambda n: range_quantile(1.0 - alpha, n)) * sigma
    else:  # S
        cc4 = c4_array(n_int)
        se = sigma * np.sqrt(1.0 - cc4 * cc4)
        if conf is None:
            lcl = np.maximum(0.0, center - k * se)
            ucl = center + k * se
        else:
            alpha = (1.0 - conf) / 2.0
            dof = n_all - 1.0
            lcl = sigma * np.sqrt(sps.chi2.ppf(alpha, dof) / dof)
            ucl = sigma * np.sqrt(sps.chi2.ppf(1.0 - alpha, dof) / dof)
    observations = g.observations if kind == "xbar" else np.empty(0)
    return _Computed(
        statistics=stats,
        new_statistics=new_stats,
        sizes=np.asarray(g.sizes, dtype=np.float64),
        new_sizes=new_sizes,
        center=center,
        std_dev=sigma,
        se=se,
        lcl=lcl,
        ucl=ucl,
        sigma_method=used,
        observations=observations,
    )


def _per_size_quantile(sizes: np.ndarray, func: Any) -> np.ndarray:
    if sizes.ndim == 0:
        return np.asarray(func(int(sizes)))
    unique, inverse = np.unique(sizes, return_inverse=True)
    return np.array([func(int(u)) for u in unique])[inverse]


def _individuals(
    data: Any,
    newdata: Any,
    *,
    center: float | None,
    std_dev: float | None,
    method: str | None,
    k: float,
    exact: bool,
) -> _Computed:
    x = as_vector(data, what="nilai ke-{i}")
    if x.size < 2:
        raise StatsInputError(
            "too_few_groups",
            "Hanya ada 1 nilai; grafik individu memerlukan minimal 2 nilai.",
            groups=int(x.size),
        )
    if std_dev is not None:
        sigma = std_dev
        used = "given"
    else:
        used = method or "mr"
        if used == "mr":
            mr = np.diff(x)
            np.abs(mr, out=mr)
            sigma = float(np.mean(mr)) / d2(2, exact=exact)
        else:
            sigma = float(np.std(x, ddof=1)) / c4(int(x.size))
        if not sigma > 0:
            raise _no_variation("individuals")
    if center is None:
        center = float(np.mean(x))
    new = np.empty(0)
    if newdata is not None:
        new = as_vector(newdata, what="nilai ke-{i}", phase=2, field="newdata")
    return _Computed(
        statistics=x,
        new_statistics=new,
        sizes=np.broadcast_to(np.float64(1.0), x.shape),
        new_sizes=np.broadcast_to(np.float64(1.0), new.shape),
        center=center,
        std_dev=sigma,
        se=sigma,
        lcl=center - k * sigma,
        ucl=center + k * sigma,
        sigma_method=used,
        observations=x,
    )


def _counts(raw: Any, kind: str, *, phase: int) -> np.ndarray:
    field_name = "newdata" if phase == 2 else "data"
    counts = as_vector(raw, what="subgrup ke-{i}", phase=phase, field=field_name)
    negative = np.flatnonzero(counts < 0)
    if negative.size:
        i = int(negative[0])
        raise StatsInputError(
            "negative_count",
            sentence(f"subgrup ke-{i + 1}: jumlah tidak boleh negatif ({fmt(counts[i])}).", phase),
            subgroup=i,
            phase=phase,
            field=field_name,
        )
    if kind in ("p", "np"):
        fractional = np.flatnonzero(counts != np.floor(counts))
        if fractional.size:
            i = int(fractional[0])
            raise StatsInputError(
                "not_integer",
                sentence(
                    f"subgrup ke-{i + 1}: jumlah cacat harus bilangan bulat ({fmt(counts[i])}).",
                    phase,
                ),
                subgroup=i,
                phase=phase,
                field=field_name,
            )
    return counts


def _sizes(raw: Any, groups: int, kind: str, *, phase: int) -> np.ndarray:
    field_name = "newsizes" if phase == 2 else "sizes"
    if np.ndim(raw) == 0 and not isinstance(raw, list | tuple):
        value = as_vector([raw], what="ukuran subgrup", phase=phase, field=field_name)
        sizes = np.broadcast_to(value[0], (groups,))
    else:
        sizes = as_vector(raw, what="ukuran subgrup ke-{i}", phase=phase, field=field_name)
        if sizes.size == 1:
            sizes = np.broadcast_to(sizes[0], (groups,))
        elif sizes.size != groups:
            raise StatsInputError(
                "size_mismatch",
                sentence(
                    f"banyaknya ukuran subgrup ({sizes.size}) tidak sama dengan banyaknya "
                    f"subgrup ({groups}).",
                    phase,
                ),
                sizes=int(sizes.size),
                groups=groups,
                phase=phase,
                field=field_name,
            )
    bad = np.flatnonzero(sizes <= 0)
    if bad.size:
        i = int(bad[0])
        raise StatsInputError(
            "invalid_size",
            sentence(
                f"ukuran subgrup ke-{i + 1} harus lebih dari 0 (diberikan: {fmt(sizes[i])}).",
                phase,
            ),
            subgroup=i,
            phase=phase,
            field=field_name,
        )
    if kind in ("p", "np"):
        fractional = np.flatnonzero(sizes != np.floor(sizes))
        if fractional.size:
            i = int(fractional[0])
            raise StatsInputError(
                "invalid_size",
                sentence(
                    f"ukuran subgrup ke-{i + 1} harus bilangan bulat ({fmt(sizes[i])}).", phase
                ),
                subgroup=i,
                phase=phase,
                field=field_name,
            )
    return sizes


def _attributes(
    kind: str,
    data: Any,
    sizes_raw: Any,
    newdata: Any,
    newsizes_raw: Any,
    *,
    center: float | None,
    k: float,
    conf: float | None,
) -> _Computed:
    counts = _counts(data, kind, phase=1)
    groups = counts.size
    if sizes_raw is None:
        if kind in ("p", "np", "u"):
            raise StatsInputError(
                "missing_sizes",
                f"Ukuran subgrup (sizes) wajib diisi untuk grafik {kind}.",
                field="sizes",
            )
        sizes_raw = 1.0
    sizes = _sizes(sizes_raw, groups, kind, phase=1)
    if groups < 2:
        raise StatsInputError(
            "too_few_groups",
            "Hanya ada 1 subgrup; diperlukan minimal 2 subgrup.",
            groups=int(groups),
        )
    new_counts = np.empty(0)
    new_sizes = np.empty(0)
    if newdata is not None:
        new_counts = _counts(newdata, kind, phase=2)
        if newsizes_raw is None:
            if kind in ("p", "np", "u"):
                raise StatsInputError(
                    "missing_sizes",
                    f"Data baru: ukuran subgrup (newsizes) wajib diisi untuk grafik {kind}.",
                    field="newsizes",
                    phase=2,
                )
            newsizes_raw = float(sizes[0])
        new_sizes = _sizes(newsizes_raw, new_counts.size, kind, phase=2)
    elif newsizes_raw is not None:
        raise StatsInputError(
            "invalid_option",
            "Pilihan newsizes hanya berlaku bersama newdata.",
            option="newsizes",
        )
    if kind in ("p", "np"):
        for phase, c, n in ((1, counts, sizes), (2, new_counts, new_sizes)):
            over = np.flatnonzero(c > n)
            if over.size:
                i = int(over[0])
                raise StatsInputError(
                    "defectives_exceed_size",
                    sentence(
                        f"subgrup ke-{i + 1}: jumlah cacat ({fmt(c[i])}) melebihi ukuran "
                        f"subgrup ({fmt(n[i])}).",
                        phase,
                    ),
                    subgroup=i,
                    phase=phase,
                )
    n_all, constant = _all_sizes(np.asarray(sizes), np.asarray(new_sizes))
    if kind == "c" and not constant:
        raise StatsInputError(
            "unequal_sizes",
            "Grafik c memerlukan ukuran subgrup yang sama; gunakan grafik u untuk ukuran "
            "yang berbeda.",
            field="sizes",
        )
    alpha = None if conf is None else (1.0 - conf) / 2.0

    if kind in ("p", "np"):
        if center is None:
            pbar = float(np.sum(counts) / np.sum(sizes))
            if not 0.0 < pbar < 1.0:
                raise _no_variation(kind)
        elif kind == "p":
            if not 0.0 < center < 1.0:
                raise StatsInputError(
                    "invalid_option",
                    "Pilihan center untuk grafik p harus di antara 0 dan 1.",
                    option="center",
                )
            pbar = center
        else:
            if not constant:
                raise StatsInputError(
                    "invalid_option",
                    "Pilihan center untuk grafik np memerlukan ukuran subgrup yang sama; "
                    "gunakan grafik p.",
                    option="center",
                )
            pbar = center / float(n_all)
            if not 0.0 < pbar < 1.0:
                raise StatsInputError(
                    "invalid_option",
                    "Pilihan center untuk grafik np harus di antara 0 dan ukuran subgrup.",
                    option="center",
                )
        expected = n_all * pbar
        spread = np.sqrt(expected * (1.0 - pbar))
        if alpha is None:
            lo = np.maximum(expected - k * spread, 0.0)
            hi = np.minimum(expected + k * spread, n_all)
        else:
            lo = sps.binom.ppf(alpha, n_all, pbar)
            hi = sps.binom.isf(alpha, n_all, pbar)
        if kind == "p":
            return _Computed(
                statistics=counts / sizes,
                new_statistics=new_counts / new_sizes,
                sizes=sizes,
                new_sizes=new_sizes,
                center=pbar,
                std_dev=spread / n_all,
                se=spread / n_all,
                lcl=lo / n_all,
                ucl=hi / n_all,
                sigma_method=None,
                observations=np.empty(0),
            )
        return _Computed(
            statistics=counts,
            new_statistics=new_counts,
            sizes=sizes,
            new_sizes=new_sizes,
            center=expected,
            std_dev=spread,
            se=spread,
            lcl=lo,
            ucl=hi,
            sigma_method=None,
            observations=np.empty(0),
        )

    if kind == "c":
        cbar = float(np.mean(counts)) if center is None else center
        if not cbar > 0:
            if center is None:
                raise _no_variation(kind)
            raise StatsInputError(
                "invalid_option", "Pilihan center harus lebih dari 0.", option="center"
            )
        root = math.sqrt(cbar)
        if alpha is None:
            lcl: float | np.ndarray = max(0.0, cbar - k * root)
            ucl: float | np.ndarray = cbar + k * root
        else:
            lcl = float(sps.poisson.ppf(alpha, cbar))
            ucl = float(sps.poisson.ppf(1.0 - alpha, cbar))
        return _Computed(
            statistics=counts,
            new_statistics=new_counts,
            sizes=sizes,
            new_sizes=new_sizes,
            center=cbar,
            std_dev=root,
            se=root,
            lcl=lcl,
            ucl=ucl,
            sigma_method=None,
            observations=np.empty(0),
        )

    # u
    rates = counts / sizes
    ubar = float(np.dot(sizes, rates) / np.sum(sizes)) if center is None else center
    if not ubar > 0:
        if center is None:
            raise _no_variation(kind)
        raise StatsInputError(
            "invalid_option", "Pilihan center harus lebih dari 0.", option="center"
        )
    expected = ubar * n_all
    if alpha is None:
        root_e = np.sqrt(expected)
        lo = np.maximum(0.0, expected - k * root_e)
        hi = expected + k * root_e
    else:
        lo = sps.poisson.ppf(alpha, expected)
        hi = sps.poisson.ppf(1.0 - alpha, expected)
    return _Computed(
        statistics=rates,
        new_statistics=new_counts / new_sizes,
        sizes=sizes,
        new_sizes=new_sizes,
        center=ubar,
        std_dev=math.sqrt(ubar),
        se=np.sqrt(ubar / n_all),
        lcl=lo / n_all,
        ucl=hi / n_all,
        sigma_method=None,
        observations=np.empty(0),
    )


# --- violations -------------------------------------------------------------------------------


def _check_finite(c: _Computed) -> None:
    """Never return a NaN or an infinity: reject results that overflowed."""
    parts = (c.statistics, c.new_statistics, c.center, c.std_dev, c.se, c.lcl, c.ucl)
    if all(is_clean(np.asarray(p, dtype=np.float64)) for p in parts):
        return
    raise StatsInputError(
        "too_large",
        "Hasil perhitungan di luar jangkauan angka; periksa besaran data dan ukuran subgrup.",
    )


def _flags(
    masks: dict[str, np.ndarray], rules: tuple[str, ...], n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The per-point rule bit mask, the points beyond the limits and the other violations."""
    beyond = np.zeros(n, dtype=bool)
    other = np.zeros(n, dtype=bool)
    code = np.zeros(n, dtype=np.uint16)
    for bit, rule in enumerate(rules):
        mask = masks[rule]
        if rule in LIMIT_RULES:
            beyond |= mask
        else:
            other |= mask
        code[mask] |= np.uint16(1 << bit)
    other &= ~beyond
    return _readonly(code), _readonly(np.flatnonzero(beyond)), _readonly(np.flatnonzero(other))


def _violation_list(code: np.ndarray, rules: tuple[str, ...]) -> list[tuple[str, ...] | None]:
    out: list[tuple[str, ...] | None] = [None] * code.size
    flagged = np.flatnonzero(code)
    if flagged.size:
        names: dict[int, tuple[str, ...]] = {}
        for i, c in zip(flagged.tolist(), code[flagged].tolist(), strict=True):
            entry = names.get(c)
            if entry is None:
                entry = tuple(r for b, r in enumerate(rules) if c >> b & 1)
                names[c] = entry
            out[i] = entry
    return out


# --- public entry point ----------------------------------------------------------------------


def control_chart(
    data: Any,
    chart: str = "xbar",
    *,
    sizes: Any = None,
    newdata: Any = None,
    newsizes: Any = None,
    center: float | None = None,
    std_dev: float | None = None,
    limits: tuple[float, float] | None = None,
    nsigmas: float | None = None,
    confidence_level: float | None = None,
    sigma_method: str | None = None,
    rules: tuple[str, ...] | list[str] | str | None = DEFAULT_RULES,
    exact: bool = False,
) -> ControlChart:
    """Compute a Shewhart control chart (phase I, and optionally phase II).

    Args:
        data: for xbar, R and S a 2-D array (rows = subgroups, NaN or None = a missing value,
            so sizes may differ; a list of rows of different lengths is padded); for
            individuals the values; for p and np the numbers of defectives; for c and u the
            numbers of defects.
        chart: "xbar", "R", "S", "individuals", "p", "np", "c" or "u".
        sizes: subgroup sizes for p, np and u (required) and c (optional, all equal): a
            scalar or one per subgroup. For xbar/R/S the sizes are the non-missing counts.
        newdata, newsizes: phase II data, judged against the phase I limits (evaluated at
            each phase II point's own size).
        center: a known center (xbar/individuals: the process mean; R/S: the mean range/sd;
            p: the proportion; np: the count, equal sizes only; c: the count; u: per unit).
        std_dev: a known process sigma (xbar, R, S, individuals only).
        limits: known control limits ``(lcl, ucl)``, used for every point.
        nsigmas: the sigma multiple of the limits (default 3).
        confidence_level: probability limits with this coverage instead of nsigmas (normal
            for xbar/individuals, the range distribution for R, chi-square for S, binomial
            for p/np, Poisson for c/u).
        sigma_method: xbar: "uwave-r" (default when no phase I subgroup exceeds 25 values),
            "uwave-sd", "mvlue-r", "mvlue-sd", "rmsdf" (default above 25); R: "uwave-r",
            "mvlue-r"; S: "uwave-sd", "mvlue-sd", "rmsdf"; individuals: "mr" (default), "sd".
        rules: the run rules to apply (see :mod:`tulta.stats.rules`); default ("we1", "we4").
        exact: use d2 from numerical integration instead of the 3-decimal table (n <= 25).

    Returns:
        A :class:`ControlChart`.

    Raises:
        StatsInputError: for bad input (empty data, a single subgroup, NaN or infinity where a
            value is required, negative counts, defectives above the size, mismatched sizes,
            subgroups of size 1 for xbar/R/S, no variation, unknown options).
    """
    kind = _chart_name(chart)
    rule_names = normalize_rules(rules)
    k, conf = _sigmas(nsigmas, confidence_level)
    fixed = _limits_option(limits)
    if fixed is not None and conf is not None:
        raise StatsInputError(
            "invalid_option",
            "Pilih salah satu: limits atau confidence_level, tidak keduanya.",
            option="limits",
        )
    center_v = None if center is None else _option_number(center, "center")
    std_v = None if std_dev is None else _option_number(std_dev, "std_dev", positive=True)
    if std_v is not None and kind in _ATTRIBUTES:
        raise StatsInputError(
            "invalid_option",
            f"Pilihan std_dev tidak berlaku untuk grafik {kind}: sigma mengikuti garis tengah.",
            option="std_dev",
        )
    method = _sigma_method(kind, sigma_method, std_v)
    if kind not in _ATTRIBUTES and (sizes is not None or newsizes is not None):
        raise StatsInputError(
            "invalid_option",
            f"Pilihan sizes tidak berlaku untuk grafik {_CHART_LABEL[kind]}: ukuran subgrup "
            "adalah banyaknya nilai pada setiap baris.",
            option="sizes",
        )

    # Inputs are bounded (|x| <= 1e60), so overflow can only come from extreme combinations
    # (e.g. a count over a size of 1e-300); such results are rejected by _check_finite below
    # instead of leaking a numpy warning.
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        if kind in _VARIABLES:
            computed = _variables(
                kind,
                data,
                newdata,
                center=center_v,
                std_dev=std_v,
                method=method,
                k=k,
                conf=conf,
                exact=exact,
            )
        elif kind == "individuals":
            computed = _individuals(
                data, newdata, center=center_v, std_dev=std_v, method=method, k=k, exact=exact
            )
        else:
            computed = _attributes(
                kind, data, sizes, newdata, newsizes, center=center_v, k=k, conf=conf
            )
    _check_finite(computed)

    n1 = computed.statistics.size
    n = n1 + computed.new_statistics.size
    if computed.new_statistics.size:
        x_all = np.concatenate([computed.statistics, computed.new_statistics])
    else:
        x_all = computed.statistics
    lcl, ucl = (computed.lcl, computed.ucl) if fixed is None else fixed
    center_pp = _per_point(computed.center, n)
    lcl_pp = _per_point(lcl, n)
    ucl_pp = _per_point(ucl, n)
    masks = evaluate_rules(
        x_all,
        center_pp if np.ndim(computed.center) else np.float64(computed.center),
        lcl_pp if np.ndim(lcl) else np.float64(lcl),
        ucl_pp if np.ndim(ucl) else np.float64(ucl),
        np.asarray(computed.se),
        k,
        rule_names,
    )
    flags, beyond, runs = _flags(masks, rule_names, n)
    inputs = (data, newdata, sizes, newsizes)
    statistics = _own(computed.statistics, *inputs)
    observations = computed.observations
    if observations is computed.statistics:
        observations = statistics  # individuals: one private copy serves both
    return ControlChart(
        chart=kind,
        statistics=statistics,
        new_statistics=_own(computed.new_statistics, *inputs),
        sizes=_own(computed.sizes, *inputs),
        new_sizes=_own(computed.new_sizes, *inputs),
        center=center_pp,
        std_dev=_per_point(computed.std_dev, n),
        lcl=lcl_pp,
        ucl=ucl_pp,
        rule_flags=flags,
        beyond_limits=beyond,
        violating_runs=runs,
        rules=rule_names,
        nsigmas=k,
        confidence_level=conf,
        sigma_method=computed.sigma_method,
        exact=bool(exact),
        observations=_own(observations, *inputs),
    )
