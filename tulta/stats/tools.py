"""The other quality tools: Pareto, histogram, scatter diagram, stratification and check sheet.

- :func:`pareto` -- categories sorted by count (stable: ties keep input order), percentages,
  cumulative percentages (computed as qcc does), the vital few, optional "Lainnya" grouping.
- :func:`histogram` -- bins (Sturges, Freedman-Diaconis or a number), summary statistics and
  normality tests (Shapiro-Wilk, Anderson-Darling).
- :func:`scatter` -- Pearson r with confidence interval and p, Spearman's rho, least-squares line.
- :func:`stratify` -- summaries of the values per stratum.
- :func:`tally` -- counts of records per key (check sheet), optionally weighted.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats as sps

from tulta.stats._validate import as_vector, fmt, is_number
from tulta.stats.errors import StatsInputError

__all__ = [
    "Histogram",
    "Pareto",
    "Scatter",
    "Stratification",
    "Stratum",
    "Tally",
    "histogram",
    "pareto",
    "scatter",
    "stratify",
    "tally",
]


def _floats(arr: np.ndarray) -> list[float]:
    return [float(v) for v in arr.tolist()]


def _number_or_int(value: float) -> float | int:
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)


def _readonly(arr: np.ndarray) -> np.ndarray:
    view = arr.view()
    view.flags.writeable = False
    return view


# --- Pareto -----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Pareto:
    """The result of :func:`pareto`, sorted from the largest count down.

    Attributes:
        categories: category names, sorted (ties in input order; "Lainnya" always last).
        counts: the count of each category.
        cumulative: cumulative counts.
        percentages: count / total * 100.
        cumulative_percentages: cumulative count / total * 100.
        total: the sum of the counts.
        vital_few: the leading categories that together reach ``vital_threshold`` percent.
        vital_threshold: the threshold used (default 80).
        grouped: the input categories folded into ``other_label`` (empty if none).
        other_label: the label of the "other" bar (grouped, or an input category of that name,
            always last), or None when there is none.
    """

    categories: tuple[str, ...]
    counts: np.ndarray
    cumulative: np.ndarray
    percentages: np.ndarray
    cumulative_percentages: np.ndarray
    total: float
    vital_few: tuple[str, ...]
    vital_threshold: float
    grouped: tuple[str, ...]
    other_label: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form."""
        return {
            "categories": list(self.categories),
            "counts": [_number_or_int(v) for v in self.counts.tolist()],
            "cumulative": [_number_or_int(v) for v in self.cumulative.tolist()],
            "percentages": _floats(self.percentages),
            "cumulative_percentages": _floats(self.cumulative_percentages),
            "total": _number_or_int(self.total),
            "vital_few": list(self.vital_few),
            "vital_threshold": self.vital_threshold,
            "grouped": list(self.grouped),
            "other_label": self.other_label,
        }


def pareto(
    categories: Sequence[Any],
    counts: Sequence[float] | np.ndarray,
    *,
    other_below: float | None = None,
    other_label: str = "Lainnya",
    vital_threshold: float = 80.0,
) -> Pareto:
    """Pareto analysis of counts per category.

    Args:
        categories: the category names (made strings; must be unique).
        counts: a non-negative count per category (not all zero).
        other_below: group every category whose percentage is below this many percent into one
            ``other_label`` bar, placed last -- only when at least two categories qualify (an
            input category already named ``other_label`` joins the group). A category named
            ``other_label`` is the last bar whatever its size, grouped or not.
        other_label: the label of that bar (default "Lainnya").
        vital_threshold: the cumulative percentage that the vital few reach (default 80).

    Raises:
        StatsInputError: empty input, lengths that differ, duplicate categories, a count that
            is negative, not a number or infinite, or all counts zero.
    """
    names = [str(c) for c in categories]
    values = as_vector(counts, what="jumlah kategori ke-{i}", field="counts")
    if len(names) != values.size:
        raise StatsInputError(
            "size_mismatch",
            f"Banyaknya kategori ({len(names)}) tidak sama dengan banyaknya jumlah "
            f"({values.size}).",
        )
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in seen:
            raise StatsInputError(
                "duplicate_category",
                f"Kategori {name!r} muncul lebih dari sekali (ke-{seen[name] + 1} dan ke-{i + 1}).",
                index=i,
            )
        seen[name] = i
    negative = np.flatnonzero(values < 0)
    if negative.size:
        i = int(negative[0])
        raise StatsInputError(
            "negative_count",
            f"Jumlah kategori {names[i]!r} tidak boleh negatif ({fmt(values[i])}).",
            index=i,
        )
    total = float(values.sum())
    if total <= 0:
        raise StatsInputError("zero_total", "Semua jumlah bernilai nol.")
    threshold = float(vital_threshold)
    if not 0.0 < threshold <= 100.0:
        raise StatsInputError(
            "invalid_option",
            "Pilihan vital_threshold harus di antara 0 dan 100.",
            option="vital_threshold",
        )

    order = np.argsort(-values, kind="stable")
    if other_label in seen:  # "Lainnya" is a bag of small causes: always the last bar
        order = np.array([i for i in order if i != seen[other_label]] + [seen[other_label]])
    sorted_names = [names[i] for i in order]
    sorted_counts = values[order]
    grouped: tuple[str, ...] = ()
    label: str | None = other_label if other_label in seen else None
    if other_below is not None:
        share = sorted_counts / total * 100.0
        small = [
            i
            for i, (n, s) in enumerate(zip(sorted_names, share, strict=True))
            if s < other_below or n == other_label
        ]
        if len(small) >= 2:
            keep = [i for i in range(len(sorted_names)) if i not in set(small)]
            grouped = tuple(sorted_names[i] for i in small)
            sorted_names = [sorted_names[i] for i in keep] + [other_label]
            sorted_counts = np.append(sorted_counts[keep], sorted_counts[small].sum())
            label = other_label
    cumulative = np.cumsum(sorted_counts)
    percentages = sorted_counts / total * 100.0
    cumulative_pct = cumulative / total * 100.0
    reached = np.flatnonzero(cumulative * 100.0 >= threshold * total)
    n_vital = int(reached[0]) + 1 if reached.size else len(sorted_names)
    return Pareto(
        categories=tuple(sorted_names),
        counts=_readonly(sorted_counts),
        cumulative=_readonly(cumulative),
        percentages=_readonly(percentages),
        cumulative_percentages=_readonly(cumulative_pct),
        total=total,
        vital_few=tuple(sorted_names[:n_vital]),
        vital_threshold=threshold,
        grouped=grouped,
        other_label=label,
    )


# --- histogram --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Histogram:
    """The result of :func:`histogram`.

    Attributes:
        edges: the bin edges (len(counts) + 1; equal widths from the minimum to the maximum;
            every bin is [a, b) except the last, which is [a, b]). For whole-number data the
            classes are whole numbers wide (never narrower than the data's resolution of 1) and
            the edges fall half-way between values, from minimum − 0,5: each value lies inside
            one class, none on an edge.
        counts: the number of values in each bin.
        bins_rule: "sturges", "fd" (Freedman-Diaconis) or "fixed".
        n, mean, sd (sample, n - 1), median, q1, q3 (linear interpolation: R type 7, Excel
        QUARTILE.INC), minimum, maximum.
        skewness: adjusted Fisher-Pearson G1 (as Excel SKEW, Minitab); None for n < 3.
        kurtosis: excess kurtosis G2 (as Excel KURT, Minitab); None for n < 4.
        shapiro_w, shapiro_p: Shapiro-Wilk; None for n < 3 or n > 5000.
        anderson_a2, anderson_p: Anderson-Darling A² for normality with estimated mean and sd,
            and its p-value (D'Agostino & Stephens 1986, as Minitab); None for n < 3.
        notes: Indonesian remarks (e.g. a rule that fell back to Sturges).
        whole_numbers: every value is a whole number (the classes are whole numbers wide).
    """

    edges: np.ndarray
    counts: np.ndarray
    bins_rule: str
    n: int
    mean: float
    sd: float
    median: float
    q1: float
    q3: float
    minimum: float
    maximum: float
    skewness: float | None
    kurtosis: float | None
    shapiro_w: float | None
    shapiro_p: float | None
    anderson_a2: float | None
    anderson_p: float | None
    notes: tuple[str, ...]
    whole_numbers: bool = False
    # The values themselves (sorted), to count what lies outside a limit; not in to_dict.
    values: np.ndarray | None = dataclasses.field(default=None, repr=False, compare=False)

    def outside(self, low: float | None, high: float | None) -> int | None:
        """How many values lie below ``low`` or above ``high`` (None without the values)."""
        if self.values is None:
            return None
        x = self.values
        below = int(np.sum(x < low)) if low is not None else 0
        above = int(np.sum(x > high)) if high is not None else 0
        return below + above

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            if name == "values":
                continue
            value = getattr(self, name)
            if name == "edges":
                value = _floats(value)
            elif name == "counts":
                value = [int(v) for v in value.tolist()]
            elif name == "notes":
                value = list(value)
            out[name] = value
        return out


def anderson_darling(x: np.ndarray) -> tuple[float, float]:
    """A² for normality (mean and sd estimated) and its p-value (D'Agostino & Stephens)."""
    n = x.size
    z = np.sort((x - x.mean()) / x.std(ddof=1))
    i = np.arange(1, n + 1)
    s = np.sum((2 * i - 1) * (sps.norm.logcdf(z) + sps.norm.logsf(z[::-1])))
    a2 = float(-n - s / n)
    a = a2 * (1.0 + 0.75 / n + 2.25 / (n * n))
    if a >= 153.0:  # beyond the fitted curve's minimum; the p-value is ~1e-190
        p = 0.0
    elif a >= 0.6:
        p = math.exp(1.2937 - 5.709 * a + 0.0186 * a * a)
    elif a >= 0.34:
        p = math.exp(0.9177 - 4.279 * a - 1.38 * a * a)
    elif a >= 0.2:
        p = 1.0 - math.exp(-8.318 + 42.796 * a - 59.938 * a * a)
    else:
        p = 1.0 - math.exp(-13.436 + 101.14 * a - 223.73 * a * a)
    return a2, min(max(p, 0.0), 1.0)


def _shape(x: np.ndarray) -> tuple[float | None, float | None]:
    """Adjusted skewness G1 (n >= 3) and excess kurtosis G2 (n >= 4), from standardised values."""
    n = x.size
    d = x - x.mean()
    z = d / math.sqrt(float(np.mean(d * d)))
    z2 = z * z
    g1 = float(np.mean(z2 * z))
    g2 = float(np.mean(z2 * z2)) - 3.0
    skew = g1 * math.sqrt(n * (n - 1.0)) / (n - 2.0) if n >= 3 else None
    kurt = ((n + 1.0) * g2 + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0)) if n >= 4 else None
    return skew, kurt


def _bin_count(x: np.ndarray, bins: object, notes: list[str]) -> tuple[int, str]:
    n = x.size
    if isinstance(bins, str):
        rule = bins.strip().lower().replace("_", "-")
        if rule == "sturges":
            return math.ceil(math.log2(n)) + 1, "sturges"
        if rule in ("fd", "freedman-diaconis"):
            q1, q3 = np.percentile(x, [25, 75])
            width = 2.0 * (q3 - q1) / n ** (1.0 / 3.0)
            if width <= 0:
                notes.append("Rentang antarkuartil nol; jumlah kelas memakai aturan Sturges.")
                return math.ceil(math.log2(n)) + 1, "sturges"
            return max(1, math.ceil((x.max() - x.min()) / width)), "fd"
    elif is_number(bins) and float(bins).is_integer() and 1 <= float(bins) <= 10_000:  # type: ignore[arg-type]
        return int(bins), "fixed"  # type: ignore[call-overload]
    raise StatsInputError(
        "invalid_option",
        "Pilihan bins harus 'sturges', 'fd' atau bilangan bulat 1 sampai 10.000.",
        option="bins",
        value=bins,
    )


def histogram(values: Sequence[float] | np.ndarray, bins: str | int = "sturges") -> Histogram:
    """Histogram with summary statistics and normality tests.

    Args:
        values: the measurements (at least 2, not all equal; no NaN or infinity).
        bins: "sturges" (default), "fd" (Freedman-Diaconis; falls back to Sturges when the
            interquartile range is zero) or a number of bins.

    Raises:
        StatsInputError: fewer than two values, NaN/infinity, no variation, bad ``bins``.
    """
    x = as_vector(values, what="nilai ke-{i}", field="values")
    n = int(x.size)
    if n < 2:
        raise StatsInputError("too_few_values", "Histogram memerlukan minimal 2 nilai.", n=n)
    lo, hi = float(x.min()), float(x.max())
    if lo == hi:
        raise StatsInputError(
            "no_variation", "Data tidak bervariasi: semua nilai sama.", field="values"
        )
    if not float(np.var(x)) > 0:  # values so close that the variance underflows
        raise StatsInputError(
            "no_variation", "Data tidak bervariasi: semua nilai sama.", field="values"
        )
    notes: list[str] = []
    k, rule = _bin_count(x, bins, notes)
    whole = bool(np.all(x == np.round(x)))
    if whole:
        # Whole-number data have a resolution of 1: a class narrower than that would leave
        # empty classes between the values, and an edge on a value would split its count by
        # an accident of rounding. The k classes are asked to cover hi − lo + 1 whole values.
        width = max(1, math.ceil((hi - lo + 1) / k))
        k = math.ceil((hi - lo + 1) / width)
        edges = lo - 0.5 + width * np.arange(k + 1, dtype=float)
    else:
        edges = np.linspace(lo, hi, k + 1)
    counts, _ = np.histogram(x, bins=edges)
    q1, median, q3 = (float(v) for v in np.percentile(x, [25, 50, 75]))
    skew, kurt = _shape(x)
    shapiro_w = shapiro_p = None
    if 3 <= n <= 5000:
        sw = sps.shapiro(x)
        shapiro_w, shapiro_p = float(sw.statistic), float(sw.pvalue)
    elif n > 5000:
        notes.append("Uji Shapiro-Wilk tidak dihitung untuk lebih dari 5.000 nilai.")
    a2 = ap = None
    if n >= 3:
        a2, ap = anderson_darling(x)
    return Histogram(
        edges=_readonly(edges),
        counts=_readonly(counts.astype(np.int64)),
        bins_rule=rule,
        n=n,
        mean=float(x.mean()),
        sd=float(x.std(ddof=1)),
        median=median,
        q1=q1,
        q3=q3,
        minimum=lo,
        maximum=hi,
        skewness=skew,
        kurtosis=kurt,
        shapiro_w=shapiro_w,
        shapiro_p=shapiro_p,
        anderson_a2=a2,
        anderson_p=ap,
        notes=tuple(notes),
        whole_numbers=whole,
        values=_readonly(np.sort(x)),
    )


# --- scatter ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scatter:
    """The result of :func:`scatter`.

    Attributes:
        n: number of pairs.
        pearson_r, pearson_p: Pearson's correlation and its two-sided p-value.
        pearson_ci: the confidence interval of r (Fisher z); None for n = 3.
        confidence_level: the level of that interval.
        spearman_rho, spearman_p: Spearman's rank correlation and its two-sided p-value.
        slope, intercept: the least-squares line y = intercept + slope * x.
        r_squared: the coefficient of determination of that line (= r²).
    """

    n: int
    pearson_r: float
    pearson_p: float
    pearson_ci: tuple[float, float] | None
    confidence_level: float
    spearman_rho: float
    spearman_p: float
    slope: float
    intercept: float
    r_squared: float

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form."""
        out = {name: getattr(self, name) for name in self.__dataclass_fields__}
        if self.pearson_ci is not None:
            out["pearson_ci"] = list(self.pearson_ci)
        return out


def _corr(sxy: float, sxx: float, syy: float) -> float:
    """sxy / sqrt(sxx·syy), clamped to [-1, 1], without underflow of the product."""
    product = sxx * syy
    root = math.sqrt(product) if product > 0 else math.sqrt(sxx) * math.sqrt(syy)
    return max(-1.0, min(1.0, sxy / root))


def _correlation_p(r: float, n: int) -> float:
    """Two-sided p of a correlation coefficient (t with n - 2 df); 0 for |r| = 1."""
    if abs(r) >= 1.0:
        return 0.0
    t = r * math.sqrt((n - 2) / (1.0 - r * r))
    return float(2.0 * sps.t.sf(abs(t), n - 2))


def scatter(
    x: Sequence[float] | np.ndarray,
    y: Sequence[float] | np.ndarray,
    *,
    confidence_level: float = 0.95,
) -> Scatter:
    """Correlation and regression of paired values.

    Raises:
        StatsInputError: lengths that differ, fewer than 3 pairs, NaN/infinity, no variation
            in x or in y, a confidence level outside (0, 1).
    """
    xs = as_vector(x, what="nilai x ke-{i}", field="x")
    ys = as_vector(y, what="nilai y ke-{i}", field="y")
    if xs.size != ys.size:
        raise StatsInputError(
            "size_mismatch",
            f"Banyaknya nilai x ({xs.size}) tidak sama dengan banyaknya nilai y ({ys.size}).",
        )
    n = int(xs.size)
    if n < 3:
        raise StatsInputError(
            "too_few_values", "Diagram pencar memerlukan minimal 3 pasang nilai.", n=n
        )
    level = float(confidence_level)
    if not 0.0 < level < 1.0:
        raise StatsInputError(
            "invalid_option",
            "Pilihan confidence_level harus di antara 0 dan 1.",
            option="confidence_level",
        )
    for name, v in (("x", xs), ("y", ys)):
        if v.min() == v.max():
            raise StatsInputError(
                "no_variation", f"Nilai {name} tidak bervariasi: semua sama.", field=name
            )
    dx = xs - xs.mean()
    dy = ys - ys.mean()
    sxx = float(dx @ dx)
    syy = float(dy @ dy)
    sxy = float(dx @ dy)
    if not (sxx > 0 and syy > 0):  # values so close that the sums of squares underflow
        raise StatsInputError("no_variation", "Nilai x atau y tidak bervariasi.")
    r = _corr(sxy, sxx, syy)
    slope = sxy / sxx
    ci = None
    if n > 3:
        if abs(r) >= 1.0:
            ci = (r, r)
        else:
            zc = float(sps.norm.ppf(1.0 - (1.0 - level) / 2.0)) / math.sqrt(n - 3)
            z = math.atanh(r)
            ci = (math.tanh(z - zc), math.tanh(z + zc))
    rx = sps.rankdata(xs)
    ry = sps.rankdata(ys)
    rdx = rx - rx.mean()
    rdy = ry - ry.mean()
    rho = _corr(float(rdx @ rdy), float(rdx @ rdx), float(rdy @ rdy))
    return Scatter(
        n=n,
        pearson_r=r,
        pearson_p=_correlation_p(r, n),
        pearson_ci=ci,
        confidence_level=level,
        spearman_rho=rho,
        spearman_p=_correlation_p(rho, n),
        slope=slope,
        intercept=float(ys.mean() - slope * xs.mean()),
        r_squared=r * r,
    )


# --- stratification ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Stratum:
    """Summary of one stratum: n, total, mean, sd (None for n = 1), median, min, max, and
    ``share``, the stratum's part of all values (n / N)."""

    label: str
    n: int
    total: float
    mean: float
    sd: float | None
    median: float
    minimum: float
    maximum: float
    share: float

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class Stratification:
    """The result of :func:`stratify`: the strata in order of first appearance, and n."""

    strata: tuple[Stratum, ...]
    n: int

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form."""
        return {"n": self.n, "strata": [s.to_dict() for s in self.strata]}


def stratify(values: Sequence[float] | np.ndarray, strata: Sequence[Any]) -> Stratification:
    """Summaries of ``values`` per stratum (labels made strings; order of first appearance).

    Raises:
        StatsInputError: empty input, lengths that differ, NaN/infinity, a missing label.
    """
    x = as_vector(values, what="nilai ke-{i}", field="values")
    labels = list(strata)
    if len(labels) != x.size:
        raise StatsInputError(
            "size_mismatch",
            f"Banyaknya label strata ({len(labels)}) tidak sama dengan banyaknya nilai ({x.size}).",
        )
    index: dict[str, int] = {}
    codes = np.empty(x.size, dtype=np.int64)
    for i, label in enumerate(labels):
        if label is None or (isinstance(label, float) and math.isnan(label)):
            raise StatsInputError(
                "missing_label", f"Label strata ke-{i + 1} kosong.", index=i, field="strata"
            )
        key = str(label)
        codes[i] = index.setdefault(key, len(index))
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(index) + 1))
    out = []
    for key, j in index.items():
        part = x[order[bounds[j] : bounds[j + 1]]]
        out.append(
            Stratum(
                label=key,
                n=int(part.size),
                total=float(part.sum()),
                mean=float(part.mean()),
                sd=float(part.std(ddof=1)) if part.size > 1 else None,
                median=float(np.median(part)),
                minimum=float(part.min()),
                maximum=float(part.max()),
                share=part.size / x.size,
            )
        )
    return Stratification(strata=tuple(out), n=int(x.size))


# --- check sheet ------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Tally:
    """The result of :func:`tally`: one row per distinct key, in order of first appearance.

    Attributes:
        by: the field names tallied by.
        keys: the distinct key tuples (one value per field of ``by``).
        counts: the number of records (or the sum of ``weight``) per key.
        total: the sum of ``counts``.
    """

    by: tuple[str, ...]
    keys: tuple[tuple[Any, ...], ...]
    counts: np.ndarray
    total: float

    def most_common(self) -> list[tuple[tuple[Any, ...], float]]:
        """(key, count) pairs from the largest count down (ties in order of appearance)."""
        order = np.argsort(-self.counts, kind="stable")
        return [(self.keys[i], _number_or_int(float(self.counts[i]))) for i in order]

    def crosstab(self) -> tuple[list[Any], list[Any], np.ndarray]:
        """For two fields: (row values, column values, counts matrix), zeros where empty."""
        if len(self.by) != 2:
            raise StatsInputError(
                "invalid_option", "Tabulasi silang memerlukan tepat dua kolom.", option="by"
            )
        rows = list(dict.fromkeys(k[0] for k in self.keys))
        cols = list(dict.fromkeys(k[1] for k in self.keys))
        table = np.zeros((len(rows), len(cols)))
        r_index = {v: i for i, v in enumerate(rows)}
        c_index = {v: i for i, v in enumerate(cols)}
        for key, count in zip(self.keys, self.counts.tolist(), strict=True):
            table[r_index[key[0]], c_index[key[1]]] = count
        return rows, cols, table

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form (keys that are not str/int/float become strings)."""

        def plain(v: Any) -> Any:
            return v if isinstance(v, str | int | float) or v is None else str(v)

        return {
            "by": list(self.by),
            "rows": [
                {"key": [plain(v) for v in key], "count": _number_or_int(float(c))}
                for key, c in zip(self.keys, self.counts.tolist(), strict=True)
            ],
            "total": _number_or_int(self.total),
        }


def tally(
    records: Iterable[Mapping[str, Any]],
    by: str | Sequence[str],
    *,
    weight: str | None = None,
) -> Tally:
    """Count records per value of one or more fields (a check sheet).

    Args:
        records: mappings (e.g. dicts from a form or a database query).
        by: a field name or several (then keys are tuples of their values).
        weight: a field whose non-negative numbers are summed instead of counting records.

    Raises:
        StatsInputError: no records, a record without a field of ``by`` or ``weight``, a weight
            that is not a finite non-negative number.
    """
    fields = (by,) if isinstance(by, str) else tuple(by)
    if not fields:
        raise StatsInputError("invalid_option", "Pilihan by tidak boleh kosong.", option="by")
    index: dict[tuple[Any, ...], int] = {}
    sums: list[float] = []
    count = 0
    for i, record in enumerate(records):
        count += 1
        try:
            key = tuple(record[f] for f in fields)
        except (KeyError, TypeError):
            missing = next(
                (f for f in fields if not isinstance(record, Mapping) or f not in record),
                fields[0],
            )
            raise StatsInputError(
                "missing_field",
                f"Catatan ke-{i + 1} tidak memiliki kolom {missing!r}.",
                index=i,
                field=missing,
            ) from None
        amount = 1.0
        if weight is not None:
            value: Any = record.get(weight)
            if not is_number(value) or not math.isfinite(float(value)) or float(value) < 0:
                raise StatsInputError(
                    "invalid_weight",
                    f"Catatan ke-{i + 1}: nilai {weight!r} harus angka tidak negatif.",
                    index=i,
                    field=weight,
                )
            amount = float(value)
        j = index.setdefault(key, len(index))
        if j == len(sums):
            sums.append(0.0)
        sums[j] += amount
    if count == 0:
        raise StatsInputError("empty_data", "Data kosong.")
    counts = np.array(sums)
    return Tally(by=fields, keys=tuple(index), counts=_readonly(counts), total=float(counts.sum()))
