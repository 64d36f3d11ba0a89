"""Histogram with its normal curve and specification limits; scatter diagram with its
least-squares line and correlation, each read in plain words."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from tulta.charts.axes import Plot, Scale, label_width, nice_ticks, spread
from tulta.charts.base import (
    BASE_SIZE,
    BLUE,
    GREEN,
    INK,
    PAD,
    SKY,
    SMALL_SIZE,
    VERMILLION,
    WHITE,
    WIDTH,
    Canvas,
    ChartInputError,
    legend,
)
from tulta.charts.format import (
    capitalized,
    measured,
    measured_first,
    number,
    percent,
    tick_labels,
    value,
)
from tulta.charts.output import Chart, make_chart
from tulta.charts.text import text_width, wrap
from tulta.charts.validate import finite_numbers, optional_number
from tulta.stats import Histogram, Scatter
from tulta.stats import histogram as compute_histogram
from tulta.stats import scatter as compute_scatter
from tulta.stats.formatting import p_value

__all__ = ["correlation_words", "histogram", "scatter"]

PLOT_HEIGHT = 210.0
SPEC = {"color": VERMILLION, "ls": (0, (5, 2)), "lw": 1.2}
TARGET = {"color": GREEN, "ls": (0, (6, 2, 1, 2)), "lw": 1.2}


def _lower_first(text: str) -> str:
    """ "Waktu tunggu" -> "waktu tunggu", but "BBM" and "NIK" stay."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _decimals(sd: float) -> int:
    """Decimals that show a spread of ``sd`` to about two significant digits."""
    return int(min(max(1 - math.floor(math.log10(sd)), 0), 4)) if sd > 0 else 1


def _normal_sf(z: float) -> float:
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def _frame(
    c: Canvas,
    top: float,
    xs: tuple[float, float],
    ys: tuple[float, float],
    *,
    x_title: str,
    y_title: str,
    y_integer: bool = False,
) -> Plot:
    """Axes for an x-y plot below ``top``: nice ticks, grid, titles."""
    xlo, xhi, xticks = nice_ticks(*xs, nbins=7, expand=False)
    ylo, yhi, yticks = nice_ticks(*ys, nbins=6, integer=y_integer, expand=y_integer)
    left = PAD + SMALL_SIZE * 1.6 + label_width(tick_labels(yticks)) + 8
    x0, x1 = left, WIDTH - PAD - max(text_width(tick_labels(xticks)[-1], SMALL_SIZE) / 2, 12)
    y1 = top - 4
    y0 = y1 - PLOT_HEIGHT
    plot = Plot(c, x0, y0, x1, y1, Scale(xlo, xhi, x0, x1), Scale(ylo, yhi, y0, y1))
    plot.yticks(yticks)
    plot.xticks(xticks)
    plot.frame()
    plot.ytitle(y_title, PAD)
    plot.xtitle(x_title, y0 - SMALL_SIZE * 1.9 - 2)
    return plot


def _two_panel_height(c_height_above: float) -> float:
    return c_height_above + 4 + PLOT_HEIGHT + SMALL_SIZE * 3.6 + PAD + 4


# --- histogram --------------------------------------------------------------------------------


def histogram(
    result: Histogram | Sequence[float] | np.ndarray,
    *,
    lsl: float | None = None,
    usl: float | None = None,
    target: float | None = None,
    title: str | None = None,
    x_label: str = "Nilai",
    unit: str = "",
    bins: str | int = "sturges",
) -> Chart:
    """Draw a histogram with the normal curve of the same mean and standard deviation.

    Args:
        result: a :class:`tulta.stats.Histogram`, or the raw values (computed here with
            ``bins``).
        lsl, usl: the lower/upper specification limits (BSB/BSA), drawn when given.
        target: a target value, drawn when given.
        x_label, unit: the measure and its unit ("Waktu tunggu", "menit").

    Raises:
        ChartInputError: a limit that is not a number, ``lsl`` not below ``usl``.
        StatsInputError: raw values :func:`tulta.stats.histogram` rejects.
    """
    if not isinstance(result, Histogram):
        result = compute_histogram(finite_numbers(result, what="nilai", minimum=2), bins)
    low, high = optional_number(lsl, "lsl"), optional_number(usl, "usl")
    goal = optional_number(target, "target")
    if low is not None and high is not None and not low < high:
        raise ChartInputError(
            "invalid_option", "Batas spesifikasi bawah harus lebih kecil dari batas atas."
        )
    h = result
    edges = np.asarray(h.edges, dtype=float)
    counts = np.asarray(h.counts, dtype=float)
    width = float(edges[1] - edges[0])
    title = title or f"Histogram {_lower_first(x_label)}"
    q = measured(unit)
    marks = [v for v in (low, high, goal) if v is not None]
    lo = min([edges[0], h.mean - 3 * h.sd, *marks])
    hi = max([edges[-1], h.mean + 3 * h.sd, *marks])
    pad = (hi - lo) * 0.03
    grid = np.linspace(lo - pad, hi + pad, 241)
    curve = (
        h.n * width * np.exp(-0.5 * ((grid - h.mean) / h.sd) ** 2) / (h.sd * math.sqrt(2 * math.pi))
    )
    d = _decimals(h.sd)
    items: list[tuple[str, dict[str, object], str]] = [
        ("patch", {"fill": SKY}, "Frekuensi"),
        (
            "line",
            {"color": INK, "lw": 1.4},
            f"Kurva normal (rata-rata {number(h.mean, d)}; simpangan baku {number(h.sd, d)})",
        ),
    ]
    if low is not None or high is not None:
        items.append(("line", SPEC, "Batas spesifikasi (BSB, BSA)"))
    if goal is not None:
        items.append(("line", TARGET, "Target"))
    show_counts = counts.size <= 16

    def build() -> Canvas:
        probe = Canvas(WIDTH, 10)
        above = 10 - legend(probe, items, x=PAD, top=probe.title(title), width=WIDTH - 2 * PAD)
        above += SMALL_SIZE * 1.6  # the row of limit labels
        c = Canvas(WIDTH, _two_panel_height(above))
        top = legend(c, items, x=PAD, top=c.title(title), width=WIDTH - 2 * PAD)
        top -= SMALL_SIZE * 1.6
        ymax = max(float(counts.max()), float(curve.max())) * 1.08
        plot = _frame(
            c,
            top,
            (lo - pad, hi + pad),
            (0.0, ymax),
            x_title=x_label + (f" ({unit})" if unit else ""),
            y_title="Frekuensi",
            y_integer=True,
        )
        xe = plot.x.array(edges)
        for i, k in enumerate(counts.tolist()):
            c.rect(xe[i], plot.y0, xe[i + 1] - xe[i], plot.y(k) - plot.y0, fill=SKY, lw=0.6)
            if show_counts and k > 0:
                c.text(
                    (xe[i] + xe[i + 1]) / 2,
                    plot.y(k) + 2,
                    str(int(k)),
                    size=SMALL_SIZE - 1,
                    ha="center",
                    va="bottom",
                    box=WHITE,
                    role="bar_value",
                    zorder=8,
                )
        c.line(plot.x.array(grid), plot.y.array(curve), color=INK, lw=1.4, zorder=6)
        marks_text = []
        for v, name, style in ((low, "BSB", SPEC), (high, "BSA", SPEC), (goal, "Target", TARGET)):
            if v is None:
                continue
            xv = plot.x(v)
            c.line(
                [xv, xv],
                [plot.y0, plot.y1 + 2],
                color=str(style["color"]),
                ls=style["ls"],
                lw=1.2,
                zorder=7,
            )
            marks_text.append((xv, f"{name} {value(v)}", str(style["color"])))
        if marks_text:
            widths = [text_width(t, SMALL_SIZE) for _, t, _ in marks_text]
            xs_ = spread(
                [x for x, _, _ in marks_text],
                max(widths) + 6,
                PAD + max(widths) / 2,
                WIDTH - PAD - max(widths) / 2,
            )
            for x, (_, text, colour) in zip(xs_, marks_text, strict=True):
                c.text(
                    x,
                    plot.y1 + 4,
                    text,
                    size=SMALL_SIZE,
                    ha="center",
                    va="bottom",
                    color=INK if colour == GREEN else colour,
                    role="limit",
                )
        return c

    reading = _histogram_reading(h, low, high, unit, d)
    first_edge, last_edge = (
        (h.minimum, float(round(edges[-1] - 0.5))) if h.whole_numbers else (edges[0], edges[-1])
    )
    start = measured_first(unit)(first_edge)
    alt = (
        f"{title}: {h.n} nilai dalam {counts.size} kelas dari {start} sampai "
        f"{q(last_edge)}; frekuensi per kelas "
        + ", ".join(str(int(k)) for k in counts)
        + f". {reading}"
    )
    return make_chart("histogram", title=title, reading=reading, alt=alt, builder=build)


def _histogram_reading(
    h: Histogram, low: float | None, high: float | None, unit: str, d: int
) -> str:
    q = measured(unit)
    qd = measured(unit, lambda amount: number(amount, d))
    first = measured_first(unit, lambda amount: number(amount, d))
    counts = np.asarray(h.counts)
    edges = np.asarray(h.edges, dtype=float)
    k = int(np.argmax(counts))
    if h.whole_numbers:
        # Classes of whole values read as the values they hold: "3", "10–15 menit".
        low_value, high_value = round(edges[k] + 0.5), round(edges[k + 1] - 0.5)
        modal = (
            f"Nilai terbanyak: {q(low_value)}"
            if low_value == high_value
            else f"Kelas terbanyak: {measured_first(unit)(low_value)}–{q(high_value)}"
        )
    else:
        modal = f"Kelas terbanyak: {first(edges[k])}–{qd(edges[k + 1])}"
    parts = [
        f"Dari {h.n} nilai, rata-rata {qd(h.mean)} dengan simpangan baku "
        f"{qd(h.sd)}; separuh nilai di tengah berada antara {first(h.q1)} dan "
        f"{qd(h.q3)}.",
        f"{modal} ({int(counts[k])} nilai).",
    ]
    if h.skewness is not None and abs(h.skewness) >= 0.5:
        side = "kanan" if h.skewness > 0 else "kiri"
        far = "besar" if h.skewness > 0 else "kecil"
        parts.append(f"Sebaran condong ke {side}: ada sebagian kecil nilai yang jauh lebih {far}.")
    normal = h.shapiro_p is None or h.shapiro_p >= 0.05
    if h.shapiro_p is not None:
        parts.append(
            "Bentuknya mendekati kurva normal."
            if normal
            else f"Bentuknya berbeda dari kurva normal (uji Shapiro-Wilk, {p_value(h.shapiro_p)})."
        )
    if low is not None or high is not None:
        out = 0.0
        if low is not None:
            out += 1.0 - _normal_sf((low - h.mean) / h.sd)
        if high is not None:
            out += _normal_sf((high - h.mean) / h.sd)
        limits = ", ".join(
            t
            for t in (
                f"BSB {q(low)}" if low is not None else "",
                f"BSA {q(high)}" if high is not None else "",
            )
            if t
        )
        estimate = "sekitar " + percent(out * 100) if out * 100 >= 0.05 else "hampir tidak ada"
        counted = h.outside(low, high)
        if counted is not None:
            # What the data say first; the normal curve's estimate only beside it (#21: the
            # reading gave 75 % from the curve when 33 % of the values were outside).
            parts.append(
                f"{counted} dari {h.n} nilai ({percent(counted / h.n * 100)}) berada di luar "
                f"batas spesifikasi ({limits})."
            )
            if normal:
                parts.append(f"Menurut kurva normal, {estimate} nilai diperkirakan di luar batas.")
        else:
            hedge = "" if normal else " Perkiraan ini kasar karena bentuknya tidak normal."
            parts.append(
                f"Menurut kurva normal, {estimate} nilai diperkirakan berada di luar batas "
                f"spesifikasi ({limits}).{hedge}"
            )
    return " ".join(parts)


# --- scatter ----------------------------------------------------------------------------------


def correlation_words(r: float) -> str:
    """Plain words for a correlation: "hubungan kuat positif", "hampir tidak ada hubungan"."""
    size = abs(r)
    if size < 0.2:
        return "hampir tidak ada hubungan"
    strength = (
        "lemah"
        if size < 0.4
        else "sedang"
        if size < 0.6
        else "kuat"
        if size < 0.8
        else "sangat kuat"
    )
    return f"hubungan {strength} {'positif' if r > 0 else 'negatif'}"


def scatter(
    x: Sequence[float] | np.ndarray,
    y: Sequence[float] | np.ndarray,
    *,
    result: Scatter | None = None,
    x_label: str = "X",
    y_label: str = "Y",
    x_unit: str = "",
    y_unit: str = "",
    title: str | None = None,
) -> Chart:
    """Draw a scatter diagram with its least-squares line; r is shown and read in words.

    Args:
        x, y: the paired values (at least 3 pairs).
        result: their :class:`tulta.stats.Scatter` (computed here when None).
        x_label, y_label, x_unit, y_unit: names and units of the two measures.

    Raises:
        ChartInputError: a value that is not a number, fewer than 3 pairs.
        StatsInputError: pairs :func:`tulta.stats.scatter` rejects (lengths, no variation).
    """
    xs = finite_numbers(x, what="nilai x", minimum=3, field="x")
    ys = finite_numbers(y, what="nilai y", minimum=3, field="y")
    s = result if result is not None else compute_scatter(xs, ys)
    title = title or f"Diagram tebar {_lower_first(x_label)} dan {_lower_first(y_label)}"
    sign = "+" if s.slope >= 0 else "−"
    equation = f"y = {number(s.intercept, 2)} {sign} {number(abs(s.slope), 3)}·x"
    subtitle = (
        f"r = {number(s.pearson_r, 2)} ({correlation_words(s.pearson_r)}); "
        f"r² = {number(s.r_squared, 2)}; n = {s.n}"
    )
    items: list[tuple[str, dict[str, object], str]] = [
        ("marker", {"marker": "o", "color": WHITE, "mec": INK, "ms": 5}, f"Data ({s.n} pasang)"),
        ("line", {"color": BLUE, "lw": 1.5}, f"Garis kuadrat terkecil: {equation}"),
    ]

    def build() -> Canvas:
        probe = Canvas(WIDTH, 10)
        sub_lines = wrap(subtitle, WIDTH - 2 * PAD, BASE_SIZE)
        y = probe.title(title) - len(sub_lines) * BASE_SIZE * 1.3
        above = 10 - legend(probe, items, x=PAD, top=y, width=WIDTH - 2 * PAD)
        c = Canvas(WIDTH, _two_panel_height(above))
        y = c.title(title)
        c.text(PAD, y, "\n".join(sub_lines), size=BASE_SIZE, va="top", role="subtitle")
        top = legend(
            c, items, x=PAD, top=y - len(sub_lines) * BASE_SIZE * 1.3, width=WIDTH - 2 * PAD
        )
        xpad = float(np.ptp(xs)) * 0.05
        ypad = float(np.ptp(ys)) * 0.08
        plot = _frame(
            c,
            top,
            (float(xs.min()) - xpad, float(xs.max()) + xpad),
            (float(ys.min()) - ypad, float(ys.max()) + ypad),
            x_title=x_label + (f" ({x_unit})" if x_unit else ""),
            y_title=y_label + (f" ({y_unit})" if y_unit else ""),
        )
        lx = np.array([plot.x.lo, plot.x.hi])
        ly = s.intercept + s.slope * lx
        # clip the line to the plot area
        if s.slope != 0:
            tx = (np.clip(ly, plot.y.lo, plot.y.hi) - s.intercept) / s.slope
            lx, ly = tx, s.intercept + s.slope * tx
        c.line(plot.x.array(lx), plot.y.array(ly), color=BLUE, lw=1.5, zorder=4)
        ms = 5.0 if s.n <= 200 else 3.0
        c.line(
            plot.x.array(xs),
            plot.y.array(ys),
            lw=0,
            marker="o",
            ms=ms,
            color=INK,
            mfc=WHITE,
            mec=INK,
            zorder=5,
        )
        return c

    reading = _scatter_reading(s, _lower_first(x_label), _lower_first(y_label), x_unit, y_unit)
    alt = f"{title}: {s.n} pasang data; {subtitle}; garis {equation}. {reading}"
    return make_chart("scatter", title=title, reading=reading, alt=alt, builder=build)


def _scatter_reading(s: Scatter, xl: str, yl: str, x_unit: str, y_unit: str) -> str:
    r = number(s.pearson_r, 2)
    words = correlation_words(s.pearson_r)
    if abs(s.pearson_r) < 0.2:
        text = (
            f"Hampir tidak ada hubungan antara {xl} dan {yl} (r = {r}): naik-turunnya {yl} "
            f"tidak mengikuti {xl}."
        )
    else:
        direction = "besar" if s.pearson_r > 0 else "kecil"
        text = (
            f"{capitalized(words)} antara {xl} dan {yl} (r = {r}): makin besar {xl}, "
            f"makin {direction} {yl}. Rata-rata, setiap {xl} bertambah {measured(x_unit)(1)}, {yl} "
            f"{'bertambah' if s.slope > 0 else 'berkurang'} {measured(y_unit)(abs(s.slope))}."
        )
    if s.pearson_p < 0.05:
        text += (
            f" Hubungan ini bermakna secara statistik ({p_value(s.pearson_p)}), tetapi belum "
            "tentu sebab-akibat."
        )
    else:
        text += (
            f" Dengan {s.n} pasang data, hubungan ini belum bermakna secara statistik "
            f"({p_value(s.pearson_p)}): bisa saja kebetulan."
        )
    return text
