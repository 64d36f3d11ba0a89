"""Check sheet (lembar periksa): tallies by category, or by category x day/place.

One dimension: a table of categories with tally marks drawn as they are on paper (groups of
five, the fifth stroke across), the count and the share; counts that are not small whole numbers
get a bar instead of tally marks. Two dimensions: a grid of counts shaded from white to blue by
size (the numbers are always printed, so it reads in black and white too), with row and column
totals. Categories keep the order in which they were recorded.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from tulta.charts.base import INK, PAD, PALE, SKY, WIDTH, Canvas, ChartInputError
from tulta.charts.format import join, measured, percent, quoted, value
from tulta.charts.output import Chart, make_chart
from tulta.charts.table import Column, Custom, Table
from tulta.charts.validate import count, text
from tulta.stats import Tally

__all__ = ["check_sheet"]

#: Shades for the two-way grid, from zero to the largest count.
SHADES = ("#FFFFFF", "#E3F0F9", "#C6E1F3", "#A3CEEB", "#7FBAE2")
MAX_WIDTH = 720.0  # a wide grid may grow to 10 inches (landscape A4 text width)
STROKE = 2.8
GROUP = 3 * STROKE + 2.0 + 5.0
MARK_H = 8.0


@dataclass(frozen=True)
class _Sheet:
    rows: tuple[str, ...]
    cols: tuple[str, ...] | None
    table: np.ndarray  # rows x cols (cols = 1 for one dimension)


def _sheet(data: Tally | Mapping[str, object]) -> _Sheet:
    if isinstance(data, Tally):
        if len(data.by) == 1:
            return _sheet(
                {str(k[0]): float(v) for k, v in zip(data.keys, data.counts.tolist(), strict=True)}
            )
        if len(data.by) == 2:
            rows, cols, table = data.crosstab()
            return _sheet(
                {
                    str(r): {str(c): float(table[i, j]) for j, c in enumerate(cols)}
                    for i, r in enumerate(rows)
                }
            )
        raise ChartInputError("invalid_input", "Lembar periksa hanya untuk satu atau dua kolom.")
    if not isinstance(data, Mapping) or not data:
        raise ChartInputError("empty_data", "Lembar periksa masih kosong: belum ada kategori.")
    names = [text(k, where=f"nama kategori ke-{i + 1}", index=i) for i, k in enumerate(data)]
    values = list(data.values())
    if all(isinstance(v, Mapping) for v in values):
        columns: list[str] = []
        for v in values:
            assert isinstance(v, Mapping)
            for key in v:
                name = text(key, where="nama kolom")
                if name not in columns:
                    columns.append(name)
        if not columns:
            raise ChartInputError("empty_data", "Lembar periksa masih kosong: belum ada kolom.")
        table = np.zeros((len(names), len(columns)))
        for i, (name, v) in enumerate(zip(names, values, strict=True)):
            assert isinstance(v, Mapping)
            for key, amount in v.items():
                j = columns.index(str(key).strip())
                table[i, j] = count(
                    amount, where=f"{quoted(name)} pada {quoted(str(key))}", row=i, column=j
                )
        return _Sheet(tuple(names), tuple(columns), table)
    if any(isinstance(v, Mapping) for v in values):
        raise ChartInputError(
            "invalid_input", "Semua kategori harus berisi angka, atau semuanya berisi kolom."
        )
    table = np.array(
        [
            [count(v, where=quoted(n), index=i)]
            for i, (n, v) in enumerate(zip(names, values, strict=True))
        ]
    )
    return _Sheet(tuple(names), None, table)


def _tally(n: int) -> Custom:
    def height(width: float) -> float:
        per_line = max(1, int((width + 5.0) // GROUP))
        lines = max(1, math.ceil(math.ceil(n / 5) / per_line))
        return lines * (MARK_H + 4.0)

    def draw(c: Canvas, x: float, top: float, width: float, _h: float) -> None:
        per_line = max(1, int((width + 5.0) // GROUP))
        for g in range(math.ceil(n / 5)):
            strokes = min(5, n - 5 * g)
            gx = x + (g % per_line) * GROUP
            gy = top - (g // per_line) * (MARK_H + 4.0) - 2.0
            xs, ys = [], []
            for k in range(min(strokes, 4)):
                xs += [gx + 1 + k * STROKE, gx + 1 + k * STROKE, np.nan]
                ys += [gy, gy - MARK_H, np.nan]
            if strokes == 5:
                xs += [gx - 0.5, gx + 3 * STROKE + 2.5]
                ys += [gy - MARK_H + 1, gy - 1]
            c.line(xs, ys, color=INK, lw=0.9, zorder=3)

    groups = math.ceil(n / 5)
    return Custom(text="", height=height, draw=draw, width=min(max(groups, 1), 8) * GROUP)


def _bar(amount: float, top: float) -> Custom:
    def draw(c: Canvas, x: float, y: float, width: float, _h: float) -> None:
        if amount > 0:
            c.rect(x, y - 9, width * amount / top, 8, fill=SKY, lw=0.5, zorder=2)

    return Custom(text="", height=lambda _w: 10.0, draw=draw, width=100.0)


def _one_way(s: _Sheet, row_title: str, unit: str) -> Table:
    counts = s.table[:, 0]
    total = float(counts.sum())
    marks = all(float(v).is_integer() for v in counts) and counts.max() <= 60
    rows: list[list[str | Custom]] = []
    for i, (name, amount) in enumerate(zip(s.rows, counts.tolist(), strict=True)):
        mark = _tally(int(amount)) if marks else _bar(amount, float(counts.max()) or 1.0)
        share = percent(amount / total * 100) if total else "–"
        rows.append([str(i + 1), name, mark, value(amount), share])
    rows.append(["", "Jumlah", "", value(total), "100%" if total else "–"])
    last = len(rows) - 1
    columns = [
        Column("No", "right"),
        Column(row_title, grow=True),
        Column("Turus" if marks else "Grafik", grow=True),
        Column(f"Jumlah {unit}".strip(), "right"),
        Column("%", "right"),
    ]
    return Table(columns, rows, size=8.5, bold={last}, rules={last}, fills={(last, -1): PALE})


def _two_way(s: _Sheet, row_title: str) -> Table:
    assert s.cols is not None
    t = s.table
    top = float(t.max()) or 1.0
    rows: list[list[str | Custom]] = []
    fills: dict[tuple[int, int], str] = {}
    for i, name in enumerate(s.rows):
        cells: list[str | Custom] = [name]
        for j in range(len(s.cols)):
            cells.append(value(t[i, j]))
            if t[i, j] > 0:
                fills[(i, j + 1)] = SHADES[
                    min(len(SHADES) - 1, 1 + int(t[i, j] / top * (len(SHADES) - 2) + 1e-9))
                ]
        cells.append(value(t[i].sum()))
        rows.append(cells)
    rows.append(["Jumlah", *(value(v) for v in t.sum(axis=0)), value(t.sum())])
    last = len(rows) - 1
    fills[(last, -1)] = PALE
    columns = [Column(row_title, grow=True)]
    columns += [Column(str(col), "center") for col in s.cols]
    columns.append(Column("Jumlah", "right"))
    return Table(columns, rows, size=8.0, fills=fills, bold={last}, rules={last})


def _fit(table: Table, *, rotate: bool) -> float:
    """Choose font size, rotated headers and canvas width so no word is broken (if possible);
    lay the table out; return the canvas width."""
    base = table.size
    # smaller upright headers read better than turned ones: turn only when that is not enough
    options = [(base, False), (7.0, False)]
    options += [(size, True) for size in (base, 7.0, 6.5)] if rotate else [(6.5, False)]
    for room in (WIDTH, MAX_WIDTH):
        for size, turn in options:
            table.size = size
            for col in table.columns[1:-1]:
                col.rotate_header = turn
            need = table.minimum_width()
            if need <= room - 2 * PAD:
                width = max(WIDTH, need + 2 * PAD) if room > WIDTH else WIDTH
                table.layout(width - 2 * PAD)
                return width
    table.layout(MAX_WIDTH - 2 * PAD)  # still too wide: words are broken, nothing overlaps
    return MAX_WIDTH


def check_sheet(
    data: Tally | Mapping[str, object],
    *,
    title: str | None = None,
    row_title: str = "Kategori",
    col_title: str = "kolom",
    unit: str = "kejadian",
) -> Chart:
    """Draw a check sheet.

    Args:
        data: a :class:`tulta.stats.Tally` by one or two fields, ``{category: count}`` or
            ``{category: {column: count}}`` (e.g. columns are days or places; a missing cell is
            0).
        row_title: the header of the category column ("Jenis keluhan").
        col_title: what the columns are, for the reading ("hari", "loket").
        unit: what is counted ("keluhan").

    Raises:
        ChartInputError: no categories, an empty name, a count that is negative or not a number,
            a tally by more than two fields.
    """
    s = _sheet(data)
    title = title or "Lembar periksa"
    table = _one_way(s, row_title, unit) if s.cols is None else _two_way(s, row_title)
    width = _fit(table, rotate=s.cols is not None)

    def build() -> Canvas:
        probe = Canvas(width, 10)
        above = 10 - probe.title(title, width=width)
        c = Canvas(width, above + table.height() + PAD + 2)
        table.draw(c, PAD, c.title(title, width=width) - 2)
        return c

    reading = _reading(s, col_title, unit)
    return make_chart(
        "check_sheet", title=title, reading=reading, alt=f"{title}. {reading}", builder=build
    )


def _reading(s: _Sheet, col_title: str, unit: str) -> str:
    t = s.table
    total = float(t.sum())
    if total == 0:
        return f"Belum ada {unit} yang tercatat pada {len(s.rows)} kategori."
    per_row = t.sum(axis=1)
    order = np.argsort(-per_row, kind="stable")
    first = int(order[0])
    text_ = (
        f"Tercatat {measured(unit)(total)} dalam {len(s.rows)} kategori. Terbanyak "
        f"{quoted(s.rows[first])}: {value(per_row[first])} "
        f"({percent(per_row[first] / total * 100)})."
    )
    if len(s.rows) >= 4:
        top3 = order[:3]
        text_ += (
            f" Tiga terbanyak ({join([quoted(s.rows[i]) for i in top3])}) mencakup "
            f"{percent(per_row[top3].sum() / total * 100)}."
        )
    if s.cols is not None and len(s.cols) > 1:
        per_col = t.sum(axis=0)
        hi, lo = int(np.argmax(per_col)), int(np.argmin(per_col))
        text_ += (
            f" Menurut {col_title}, terbanyak pada {quoted(s.cols[hi])} ({value(per_col[hi])}) dan "
            f"paling sedikit pada {quoted(s.cols[lo])} ({value(per_col[lo])})."
        )
        i, j = np.unravel_index(int(np.argmax(t)), t.shape)
        text_ += f" Sel terbanyak: {quoted(s.rows[i])} pada {quoted(s.cols[j])} ({value(t[i, j])})."
    return text_
