"""A small table engine for the charts that are tables (check sheet, scoring matrix, 5W1H).

Column widths are allocated from the measured text (natural width, shrunk toward the longest
word when the table is too wide, never below it while the total allows); cells wrap their text;
each row is as tall as its tallest cell. A cell may be a :class:`Custom` drawing (tally marks).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tulta.charts.base import INK, LIGHT, PALE, Canvas
from tulta.charts.text import text_height, text_width, wrap

__all__ = ["Column", "Custom", "Table"]

PAD_X = 4.0
PAD_Y = 3.0


@dataclass(frozen=True)
class Custom:
    """A cell drawn by ``draw(canvas, x, top, width, height)``; ``height(width)`` is the room it
    needs; ``text`` is its plain-text equivalent (for measuring the column)."""

    text: str
    height: Callable[[float], float]
    draw: Callable[[Canvas, float, float, float, float], None]
    width: float = 40.0


Cell = str | Custom


@dataclass
class Column:
    """A column: header text, alignment ("left", "center", "right") and whether it may grow."""

    header: str
    align: str = "left"
    grow: bool = False
    rotate_header: bool = False
    width: float = field(default=0.0)


@dataclass
class Table:
    """Rows of cells under a header row, laid out to ``total_width`` points at ``size`` points.

    ``fills`` maps (row, column) to a background colour ((row, -1) for a whole row); ``bold``
    lists rows in bold; ``rules`` lists rows with a heavier line above them (totals).
    """

    columns: list[Column]
    rows: Sequence[Sequence[Cell]]
    size: float = 8.0
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    bold: set[int] = field(default_factory=set)
    rules: set[int] = field(default_factory=set)
    role: str = "cell"

    def _natural(self, j: int) -> tuple[float, float]:
        """(natural width, minimum width) of column j, padding included."""
        col = self.columns[j]
        head_bold = True
        natural = 0.0 if col.rotate_header else text_width(col.header, self.size, bold=head_bold)
        minimum = (
            0.0
            if col.rotate_header
            else max(
                (text_width(w, self.size, bold=head_bold) for w in col.header.split()), default=0.0
            )
        )
        for r, row in enumerate(self.rows):
            cell = row[j]
            if isinstance(cell, Custom):
                natural, minimum = max(natural, cell.width), max(minimum, cell.width)
                continue
            bold = r in self.bold
            natural = max(natural, text_width(cell, self.size, bold=bold))
            words = cell.split()
            minimum = max(
                minimum, max((text_width(w, self.size, bold=bold) for w in words), default=0.0)
            )
        if col.rotate_header:
            minimum = max(minimum, self.size * 1.4)
            natural = max(natural, minimum)
        # +1 point: wrapping compares the same measured widths, so leave rounding room
        return natural + 2 * PAD_X + 1.0, min(natural, minimum) + 2 * PAD_X + 1.0

    def minimum_width(self) -> float:
        """The narrowest the table can be without breaking a word."""
        return sum(self._natural(j)[1] for j in range(len(self.columns)))

    def layout(self, total_width: float) -> None:
        """Set every column's width so they add up to ``total_width`` (when possible).

        Every column gets its minimum (its longest word); the rest of the room goes first to
        the growing columns, then to the others, each up to its natural width (text on one
        line); whatever is still left goes to the growing columns.
        """
        sizes = [self._natural(j) for j in range(len(self.columns))]
        natural = [n for n, _ in sizes]
        widths = [m for _, m in sizes]
        room = total_width - sum(widths)
        if room < 0:
            for col, w in zip(self.columns, widths, strict=True):
                col.width = w * total_width / sum(widths)  # too narrow: words will break
            return
        growers = [j for j, col in enumerate(self.columns) if col.grow]
        others = [j for j in range(len(widths)) if j not in growers]
        for group in (growers, others):
            for _ in range(len(group) + 1):
                open_ = [j for j in group if widths[j] < natural[j] - 1e-9]
                if room <= 1e-9 or not open_:
                    break
                want = sum(natural[j] - widths[j] for j in open_)
                share = min(1.0, room / want)
                for j in open_:
                    add = (natural[j] - widths[j]) * share
                    widths[j] += add
                    room -= add
        if room > 1e-9:
            targets = growers or list(range(len(widths)))
            weight = sum(widths[j] for j in targets)
            for j in targets:
                widths[j] += room * widths[j] / weight
        for col, w in zip(self.columns, widths, strict=True):
            col.width = w

    def _lines(self, r: int, j: int) -> list[str]:
        cell = self.rows[r][j]
        assert isinstance(cell, str)
        return wrap(cell, self.columns[j].width - 2 * PAD_X, self.size, bold=r in self.bold)

    def header_height(self) -> float:
        """Height of the header row."""
        tallest = 1.0
        for col in self.columns:
            if col.rotate_header:
                tallest = max(tallest, text_width(col.header, self.size, bold=True) + 2 * PAD_Y)
            else:
                lines = wrap(col.header, col.width - 2 * PAD_X, self.size, bold=True)
                tallest = max(tallest, text_height(len(lines), self.size) + 2 * PAD_Y)
        return tallest

    def row_height(self, r: int) -> float:
        """Height of body row r."""
        tallest = text_height(1, self.size)
        for j, cell in enumerate(self.rows[r]):
            inner = self.columns[j].width - 2 * PAD_X
            if isinstance(cell, Custom):
                tallest = max(tallest, cell.height(inner))
            else:
                tallest = max(tallest, text_height(len(self._lines(r, j)), self.size))
        return tallest + 2 * PAD_Y

    def height(self) -> float:
        """Total height (call :meth:`layout` first)."""
        return self.header_height() + sum(self.row_height(r) for r in range(len(self.rows)))

    def draw(self, c: Canvas, x: float, top: float) -> float:
        """Draw with the top-left corner at (x, top); return the y of the bottom edge."""
        total = sum(col.width for col in self.columns)
        h = self.header_height()
        c.rect(x, top - h, total, h, fill=PALE, edge=None, zorder=0.5)
        cx = x
        for col in self.columns:
            if col.rotate_header:
                c.text(
                    cx + col.width / 2,
                    top - h + PAD_Y,
                    col.header,
                    size=self.size,
                    bold=True,
                    rotation=90,
                    ha="left",
                    va="center",
                    role="header",
                )
            else:
                lines = wrap(col.header, col.width - 2 * PAD_X, self.size, bold=True)
                c.text(
                    cx + col.width / 2,
                    top - PAD_Y,
                    "\n".join(lines),
                    size=self.size,
                    bold=True,
                    ha="center",
                    va="top",
                    role="header",
                )
            cx += col.width
        y = top - h
        c.line([x, x + total], [y, y], color=INK, lw=0.9, zorder=4)
        for r, row in enumerate(self.rows):
            rh = self.row_height(r)
            if (r, -1) in self.fills:
                c.rect(x, y - rh, total, rh, fill=self.fills[(r, -1)], edge=None, zorder=0.5)
            if r in self.rules:
                c.line([x, x + total], [y, y], color=INK, lw=0.9, zorder=4)
            elif r > 0:
                c.line([x, x + total], [y, y], color=LIGHT, lw=0.5, zorder=1)
            cx = x
            for j, cell in enumerate(row):
                col = self.columns[j]
                if (r, j) in self.fills:
                    c.rect(
                        cx, y - rh, col.width, rh, fill=self.fills[(r, j)], edge=None, zorder=0.6
                    )
                if isinstance(cell, Custom):
                    cell.draw(c, cx + PAD_X, y - PAD_Y, col.width - 2 * PAD_X, rh - 2 * PAD_Y)
                elif cell:
                    tx = {
                        "left": cx + PAD_X,
                        "center": cx + col.width / 2,
                        "right": cx + col.width - PAD_X,
                    }
                    c.text(
                        tx[col.align],
                        y - PAD_Y,
                        "\n".join(self._lines(r, j)),
                        size=self.size,
                        bold=r in self.bold,
                        ha=col.align,
                        va="top",
                        role=self.role,
                    )
                cx += col.width
            y -= rh
        c.line([x, x + total], [y, y], color=INK, lw=0.9, zorder=4)
        c.line([x, x + total], [top, top], color=INK, lw=0.9, zorder=4)
        cx = x
        for col in self.columns[:-1]:
            cx += col.width
            c.line([cx, cx], [y, top], color=LIGHT, lw=0.5, zorder=1)
        return y


def column_texts(rows: Sequence[Sequence[Cell]], j: int) -> list[str]:
    """The plain texts of column j."""
    return [cell.text if isinstance(cell, Custom) else cell for cell in (row[j] for row in rows)]
