"""Control charts (peta kendali) from :class:`tulta.stats.ControlChart`, every chart type.

Centre line solid blue, control limits dashed vermillion (stepped when they vary from point to
point), points joined in time order (the line breaks between phase I and II), the change
between the phases marked by a dotted line and annotated. Points that break a rule are marked
with a different *shape* per rule (squares beyond the limits, triangles, diamonds, ... for the
run rules) so they stay apart in black and white; the legend names each rule in Indonesian
(:data:`tulta.stats.RULE_DESCRIPTIONS`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from tulta.charts.base import (
    BLUE,
    INK,
    ORANGE,
    PAD,
    PURPLE,
    VERMILLION,
    WIDTH,
    Canvas,
    ChartInputError,
    legend,
)
from tulta.charts.format import capitalized, measured, measured_first, number, tick_labels
from tulta.charts.output import Chart, make_chart
from tulta.charts.timeplot import TimeLayout, check_labels, point_names, steps
from tulta.stats import RULE_DESCRIPTIONS, ControlChart

__all__ = ["CHART_TITLES", "control_chart"]

#: The default title of each chart type.
CHART_TITLES: dict[str, str] = {
    "xbar": "Peta kendali X̄ (rata-rata subgrup)",
    "R": "Peta kendali R (rentang subgrup)",
    "S": "Peta kendali S (simpangan baku subgrup)",
    "individuals": "Peta kendali individu (I)",
    "p": "Peta kendali p (proporsi cacat)",
    "np": "Peta kendali np (jumlah cacat)",
    "c": "Peta kendali c (jumlah cacat)",
    "u": "Peta kendali u (cacat per unit)",
}
_Y_TITLES = {
    "xbar": "Rata-rata subgrup",
    "R": "Rentang subgrup",
    "S": "Simpangan baku subgrup",
    "individuals": "Nilai",
    "p": "Proporsi cacat (%)",
    "np": "Jumlah cacat",
    "c": "Jumlah cacat",
    "u": "Cacat per unit",
}
_LIMIT_RULES = ("we1", "nelson1")
#: Marker and colour of each run rule, in the order rules appear in ``ControlChart.rules``.
_RULE_STYLES = (
    ("^", ORANGE),
    ("D", PURPLE),
    ("v", BLUE),
    ("P", ORANGE),
    ("X", PURPLE),
    ("h", BLUE),
    ("*", ORANGE),
    ("p", PURPLE),
)


def _decimals(chart: ControlChart) -> int:
    span = float(np.nanmax(chart.ucl) - np.nanmin(chart.lcl))
    if not math.isfinite(span) or span <= 0:
        span = float(np.ptp(chart.all_statistics)) or 1.0
    return int(min(max(1 - math.floor(math.log10(span / 10.0)), 0), 4))


def _rule_masks(chart: ControlChart) -> list[tuple[str, np.ndarray]]:
    """(rule, mask of the points it flags) for each rule that flags a point."""
    out = []
    for bit, rule in enumerate(chart.rules):
        mask = ((chart.rule_flags >> bit) & 1).astype(bool)
        if mask.any():
            out.append((rule, mask))
    return out


def _side_text(chart: ControlChart, idx: np.ndarray, x: np.ndarray) -> str:
    above = int(np.sum(x[idx] > chart.ucl[idx]))
    below = idx.size - above
    if idx.size > 1 and below == 0:
        return "semuanya di atas BKA"
    if idx.size > 1 and above == 0:
        return "semuanya di bawah BKB"
    if idx.size == 1:
        return "di atas BKA" if above else "di bawah BKB"
    return f"{above} di atas BKA, {below} di bawah BKB"


def _phase_sentence(
    chart: ControlChart, lo: int, hi: int, labels: tuple[str, ...] | None
) -> list[str]:
    """What the rules found among points lo..hi-1 (empty list when nothing)."""
    x = chart.all_statistics
    parts = []
    beyond = chart.beyond_limits[(chart.beyond_limits >= lo) & (chart.beyond_limits < hi)]
    if beyond.size:
        parts.append(
            f"{beyond.size} titik di luar batas kendali ({point_names(beyond, labels)}; "
            f"{_side_text(chart, beyond, x)})"
        )
    beyond_mask = np.zeros(chart.n_points, dtype=bool)
    beyond_mask[chart.beyond_limits] = True
    for rule, mask in _rule_masks(chart):
        if rule in _LIMIT_RULES:
            continue
        idx = np.flatnonzero((mask & ~beyond_mask)[lo:hi]) + lo
        if idx.size:
            parts.append(
                f"{idx.size} titik menandai pola “{RULE_DESCRIPTIONS[rule]}” "
                f"({point_names(idx, labels)})"
            )
    return parts


def _stage_names(
    bounds: tuple[tuple[int, int], ...], stage_labels: Sequence[str] | None
) -> list[str]:
    if stage_labels is not None and len(stage_labels) == len(bounds):
        return [str(label) for label in stage_labels]
    return [f"Tahap {k}" for k in range(1, len(bounds) + 1)]


def _staged_reading(
    chart: ControlChart,
    labels: tuple[str, ...] | None,
    fmt: Callable[[float], str],
    unit: str,
    names: Sequence[str],
) -> str:
    """Each stage's centre line and limits and what its rules found; then how the centre
    line moved from the first stage to the last."""
    q = measured(unit, fmt)
    bounds = chart.stage_bounds
    centre, lcl, ucl = np.asarray(chart.center), np.asarray(chart.lcl), np.asarray(chart.ucl)
    sentences = [f"Batas kendali dihitung sendiri untuk setiap tahap ({len(bounds)} tahap)."]
    last_found: list[str] = []
    for (lo, hi), name in zip(bounds, names, strict=True):
        where = f"titik {lo + 1}–{hi}" if labels is None else f"{labels[lo]} s.d. {labels[hi - 1]}"
        text = f"{name} ({where}): garis tengah {q(float(np.mean(centre[lo:hi])))}"
        if np.ptp(ucl[lo:hi]) == 0 and np.ptp(lcl[lo:hi]) == 0:
            text += f", BKA {fmt(ucl[lo])}, BKB {fmt(lcl[lo])}"
        last_found = _phase_sentence(chart, lo, hi, labels)
        text += ("; " + "; ".join(last_found)) if last_found else ", semua titik terkendali"
        sentences.append(text + ".")
    first = float(np.mean(centre[bounds[0][0] : bounds[0][1]]))
    last = float(np.mean(centre[bounds[-1][0] : bounds[-1][1]]))
    if fmt(first) != fmt(last):
        verb = "turun" if last < first else "naik"
        sentences.append(
            f"Garis tengah {verb} dari {measured_first(unit, fmt)(first)} menjadi {q(last)}."
        )
    if last_found:
        sentences.append(
            "Tahap terakhir belum terkendali: telusuri penyebab khusus pada titik-titik itu."
        )
    return " ".join(sentences)


def _reading(
    chart: ControlChart,
    labels: tuple[str, ...] | None,
    fmt: Callable[[float], str],
    unit: str,
) -> str:
    n1, n = chart.statistics.size, chart.n_points
    q = measured(unit, fmt)
    if chart.new_statistics.size == 0:
        found = _phase_sentence(chart, 0, n, labels)
        if not found:
            return (
                f"Semua {n} titik berada di dalam batas kendali tanpa pola yang melanggar "
                "aturan: proses terkendali (stabil) di sekitar "
                f"{q(float(np.mean(chart.center)))}."
            )
        return (
            capitalized("; ".join(found))
            + ". Proses belum terkendali: telusuri penyebab khusus pada titik-titik itu."
        )
    start = labels[n1] if labels is not None else f"titik ke-{n1 + 1}"
    before = _phase_sentence(chart, 0, n1, labels)
    after = _phase_sentence(chart, n1, n, labels)
    text = f"Batas kendali dihitung dari {n1} titik sebelum perbaikan"
    text += ("; di sana " + "; ".join(before) + ". ") if before else ", semuanya terkendali. "
    if after:
        text += f"Setelah perbaikan mulai {start}: " + "; ".join(after) + "."
    else:
        text += f"Setelah perbaikan mulai {start}, semua titik tetap di dalam batas kendali."
    m1 = float(np.mean(chart.statistics))
    m2 = float(np.mean(chart.new_statistics))
    if fmt(m2) != fmt(m1):
        verb = "turun" if m2 < m1 else "naik"
        text += f" Rata-rata {verb} dari {measured_first(unit, fmt)(m1)} menjadi {q(m2)}."
        new_beyond = chart.beyond_limits[chart.beyond_limits >= n1]
        side = _side_text(chart, new_beyond, chart.all_statistics) if new_beyond.size else ""
        if new_beyond.size >= 2 and side.startswith("semuanya"):
            text += (
                f" Proses telah bergeser {verb}; bila ini hasil perbaikan, hitung ulang batas "
                "kendali dari data sesudah perbaikan."
            )
    return text


def control_chart(
    chart: ControlChart,
    *,
    title: str | None = None,
    x_labels: Sequence[object] | None = None,
    change_label: str | None = None,
    y_label: str | None = None,
    unit: str = "",
    stage_labels: Sequence[str] | None = None,
    notes: Sequence[str] = (),
) -> Chart:
    """Draw a control chart.

    Args:
        chart: a :class:`tulta.stats.ControlChart` (any type; phase II when it has new data).
        title: default by type, e.g. "Peta kendali individu (I)".
        x_labels: one label per point (phase I then II), e.g. dates ("12 Mar"); thinned on the
            axis so they never overlap, and used in the reading.
        change_label: the annotation of the change between the phases (default "Perbaikan",
            followed by the first phase II label when there are labels).
        y_label: the y-axis title (default by type); ``unit`` is appended in brackets and used
            in the reading ("menit").
        stage_labels: the name of each stage of a staged chart (``chart.stage_starts``; each
            stage drawn with its own centre line and limits, points not joined across a
            boundary); default "Tahap 1", "Tahap 2", ...
        notes: sentences added to the reading (a proposal of the process-change finder).

    p charts are drawn and read in percent.

    Raises:
        ChartInputError: not a ControlChart, or ``x_labels`` of the wrong length.
    """
    if not isinstance(chart, ControlChart):
        raise ChartInputError(
            "invalid_input", "Data peta kendali harus hasil tulta.stats.control_chart."
        )
    n, n1 = chart.n_points, chart.statistics.size
    labels = check_labels(x_labels, n)
    kind = chart.chart
    title = title or CHART_TITLES[kind]
    dec = _decimals(chart)
    scale = 100.0 if kind == "p" else 1.0
    suffix = "%" if kind == "p" else ""
    if kind == "p":
        unit = ""  # a p-chart is in percent already: not "(%) (%)" nor "7,0% %"

    def fmt(v: float) -> str:
        return number(v * scale, max(dec - 2, 0) if kind == "p" else dec) + suffix

    x = chart.all_statistics
    centre, ucl, lcl = np.asarray(chart.center), np.asarray(chart.ucl), np.asarray(chart.lcl)
    right = [f"BKA {fmt(ucl[-1])}", f"GT {fmt(centre[-1])}", f"BKB {fmt(lcl[-1])}"]
    y_title = (y_label or _Y_TITLES[kind]) + (f" ({unit})" if unit else "")
    bounds = chart.stage_bounds
    staged = len(bounds) > 1
    names = _stage_names(bounds, stage_labels)
    phase = n1 if chart.new_statistics.size else (bounds[1][0] if staged else None)
    layout = TimeLayout(
        n=n,
        values=np.concatenate([x, centre, ucl, lcl]),
        y_title=y_title,
        x_labels=labels,
        x_title=""
        if labels
        else ("Pengamatan ke-" if kind in ("individuals", "c") else "Subgrup ke-"),
        right_labels=right,
        phase_split=phase,
        y_format=(lambda t: tick_labels([v * 100 for v in t], suffix="%"))
        if kind == "p"
        else tick_labels,
    )
    masks = _rule_masks(chart)
    beyond = np.zeros(n, dtype=bool)
    beyond[chart.beyond_limits] = True
    items: list[tuple[str, dict[str, object], str]] = [
        ("line", {"color": INK, "marker": "o", "ms": 3.5, "lw": 0.9}, "Nilai"),
        ("line", {"color": BLUE, "lw": 1.3}, "Garis tengah (GT)"),
        ("line", {"color": VERMILLION, "ls": (0, (5, 2)), "lw": 1.1}, "Batas kendali (BKA, BKB)"),
    ]
    if beyond.any():
        items.append(
            (
                "marker",
                {"marker": "s", "color": VERMILLION, "mec": INK, "ms": 6},
                f"Di luar batas kendali ({int(beyond.sum())})",
            )
        )
    runs = [(r, m & ~beyond) for r, m in masks if r not in _LIMIT_RULES and (m & ~beyond).any()]
    for k, (rule, mask) in enumerate(runs):
        marker, colour = _RULE_STYLES[k % len(_RULE_STYLES)]
        items.append(
            (
                "marker",
                {"marker": marker, "color": colour, "mec": INK, "ms": 6},
                f"{RULE_DESCRIPTIONS[rule]} ({int(mask.sum())})",
            )
        )
    phase_ii = bool(chart.new_statistics.size)
    change = change_label or ("Perbaikan" + (f" ({labels[n1]})" if labels and phase_ii else ""))
    ms = 4.0 if n <= 50 else 3.0 if n <= 150 else 2.0 if n <= 400 else 0.0
    flag_ms = 6.0 if n <= 200 else 4.5  # rule markers: smaller on dense charts

    def build() -> Canvas:
        probe = Canvas(WIDTH, 10)
        legend_h = 10 - legend(probe, items, x=PAD, top=probe.title(title), width=WIDTH - 2 * PAD)
        c = Canvas(WIDTH, legend_h + layout.height() + PAD)
        top = legend(c, items, x=PAD, top=c.title(title), width=WIDTH - 2 * PAD)
        plot = layout.draw(c, top)
        xs_all = plot.x.array(np.arange(n))
        ys_all = plot.y.array(x)
        dense = n > 400
        joined = ((0, n1), (n1, n)) if chart.new_statistics.size else bounds
        for lo, hi in joined:
            c.line(
                xs_all[lo:hi],
                ys_all[lo:hi],
                color="#404040" if dense else INK,
                lw=0.4 if dense else 0.9,
                marker="o" if ms else None,
                ms=ms,
                zorder=5,
            )
        for values, colour, ls, lw in (
            (centre, BLUE, "-", 1.3),
            (ucl, VERMILLION, (0, (5, 2)), 1.1),
            (lcl, VERMILLION, (0, (5, 2)), 1.1),
        ):
            for lo, hi in bounds:
                part = values[lo:hi]
                if not np.isfinite(part).all():
                    continue
                if np.ptp(part) == 0:
                    c.line(
                        [plot.x(lo - 0.5), plot.x(hi - 0.5)],
                        [plot.y(part[0])] * 2,
                        color=colour,
                        ls=ls,
                        lw=lw,
                        zorder=5.5 if dense else 3,
                    )
                else:
                    sx, sy = steps(part, plot.y, plot.x)
                    sx = sx + (plot.x(lo) - plot.x(0))
                    c.line(sx, sy, color=colour, ls=ls, lw=lw, zorder=5.5 if dense else 3)
        layout.right_texts(
            plot,
            [
                (ucl[-1], right[0], VERMILLION),
                (centre[-1], right[1], BLUE),
                (lcl[-1], right[2], VERMILLION),
            ],
        )
        if beyond.any():
            c.line(
                xs_all[beyond],
                ys_all[beyond],
                lw=0,
                marker="s",
                ms=flag_ms,
                color=VERMILLION,
                mec=INK,
                zorder=7,
            )
        stacked = np.zeros(n)  # markers already drawn at each point: the next goes above them
        for k, (_rule, mask) in enumerate(runs):
            marker, colour = _RULE_STYLES[k % len(_RULE_STYLES)]
            c.line(
                xs_all[mask],
                ys_all[mask] + stacked[mask] * (flag_ms + 1.5),
                lw=0,
                marker=marker,
                ms=flag_ms,
                color=colour,
                mec=INK,
                zorder=6,
            )
            stacked[mask] += 1
        if chart.new_statistics.size:
            layout.mark_change(plot, change)
        elif staged:
            layout.mark_stages(plot, bounds, names)
        return c

    centre_text = fmt(float(np.mean(centre[:n1])))
    if staged:
        reading = _staged_reading(chart, labels, fmt, unit, names)
        alt = f"{title}: {n} titik dalam {len(bounds)} tahap, masing-masing dengan batas kendali "
        alt += f"sendiri. {reading}"
    else:
        reading = _reading(chart, labels, fmt, unit)
        alt = (
            f"{title}: {n} titik"
            + (f" ({n1} sebelum dan {n - n1} sesudah perbaikan)" if phase else "")
            + f"; garis tengah {centre_text}, BKA {fmt(ucl[0])}, BKB {fmt(lcl[0])}. {reading}"
        )
    if notes:
        reading = " ".join([reading, *notes])
        alt = " ".join([alt, *notes])
    return make_chart("control_chart", title=title, reading=reading, alt=alt, builder=build)
