"""A fast writer for long, plain tables in PDF: the recap's team lists.

WeasyPrint lays out every cell as a CSS box (about 1.5 ms a cell here), so a recap of 600
teams (6,000 cells) took 10 s. These tables need no CSS: fixed columns, words wrapped to the
column, a header row repeated on every page, a title per table and "Halaman N" at the foot.
This module draws exactly that with PDF operators in one pass (about 50 µs a cell), in the
standard Helvetica fonts every PDF reader has (no font to embed; text kept in Windows-1252,
which holds Indonesian names, "—" and "·"). Anything with a letterhead or images stays in
WeasyPrint; :func:`tulta.monitoring.recap.recap_pdf` joins the two.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import pydyf

MM = 72 / 25.4
A4_LANDSCAPE = (297 * MM, 210 * MM)

# fmt: off
REGULAR_WIDTHS: tuple[int, ...] = (  # cp1252 bytes 32-255, 1/1000 em
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
)

BOLD_WIDTHS: tuple[int, ...] = (  # cp1252 bytes 32-255, 1/1000 em
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
)
# fmt: on

Colour = tuple[float, float, float]

INK: Colour = (0x1D / 255, 0x27 / 255, 0x33 / 255)
MUTED = (0x4F / 255, 0x5D / 255, 0x6B / 255)
HEADER_FILL = (0x0B / 255, 0x4F / 255, 0x8A / 255)
BORDER = (0xB6 / 255, 0xC2 / 255, 0xCD / 255)
LATE = (0xA1 / 255, 0x1D / 255, 0x1D / 255)
WHITE = (1.0, 1.0, 1.0)


def encode(text: str) -> bytes:
    """The text in Windows-1252 (the fonts' encoding), "?" for what it cannot hold."""
    return text.encode("cp1252", errors="replace")


def text_width(data: bytes, size: float, *, bold: bool = False) -> float:
    widths = BOLD_WIDTHS if bold else REGULAR_WIDTHS
    return sum(widths[b - 32] if b >= 32 else 0 for b in data) * size / 1000


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[bytes]:
    """The text in lines no wider than ``width``: broken between words, and inside a word
    only when the word alone is wider."""
    lines: list[bytes] = []
    for paragraph in text.split("\n"):
        line = b""
        for word in encode(paragraph).split(b" "):
            candidate = word if not line else line + b" " + word
            if text_width(candidate, size, bold=bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = b""
            while text_width(word, size, bold=bold) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and text_width(word[:cut], size, bold=bold) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def pdf_string(data: bytes) -> bytes:
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


@dataclass
class Cell:
    text: str
    right: bool = False
    late: bool = False


@dataclass
class Table:
    """One table: its title, column labels with their share of the width, and rows."""

    title: str
    columns: Sequence[tuple[str, float, bool]]  # label, share of the width, right-aligned
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass
class Style:
    size: float = 8.5  # pt, as the recap's CSS
    title_size: float = 11.0
    padding_x: float = 3.0
    padding_y: float = 1.5
    margins: tuple[float, float, float, float] = (14 * MM, 12 * MM, 16 * MM, 12 * MM)
    page_label: str = "Halaman"


class _Page:
    def __init__(self, number: int) -> None:
        self.number = number
        self.ops: list[bytes] = []

    def rect(self, x: float, y: float, w: float, h: float, colour: Colour, *, fill: bool) -> None:
        paint, op = (b"rg", b"f") if fill else (b"RG", b"S")
        self.ops.append(
            b"%.3f %.3f %.3f %s %.2f %.2f %.2f %.2f re %s" % (*colour, paint, x, y, w, h, op)
        )

    def text(
        self, x: float, y: float, data: bytes, size: float, colour: Colour, *, bold: bool
    ) -> None:
        if data:
            font = b"/F2" if bold else b"/F1"
            self.ops.append(
                b"BT %s %.2f Tf %.3f %.3f %.3f rg %.2f %.2f Td %s Tj ET"
                % (font, size, *colour, x, y, pdf_string(data))
            )


class _Layout:
    """One table's columns on the page: where each starts, its width, how to draw a row."""

    def __init__(self, table: Table, style: Style, left: float, usable: float) -> None:
        self.style = style
        self.left = left
        self.usable = usable
        self.widths = [usable * share for _, share, _ in table.columns]
        self.lefts = [left + sum(self.widths[:i]) for i in range(len(self.widths))]
        self.leading = style.size * 1.2
        self.header = [(label, right, False) for label, _, right in table.columns]
        self.header_lines, self.header_height = self.wrap_row([c[0] for c in self.header], True)

    def wrap_row(self, texts: Sequence[str], bold: bool) -> tuple[list[list[bytes]], float]:
        room = [w - 2 * self.style.padding_x for w in self.widths]
        lines = [wrap(t, room[i], self.style.size, bold=bold) for i, t in enumerate(texts)]
        return lines, max(len(cell) for cell in lines) * self.leading + 2 * self.style.padding_y

    def draw_header(self, page: _Page, y: float) -> float:
        page.rect(
            self.left,
            y - self.header_height,
            self.usable,
            self.header_height,
            HEADER_FILL,
            fill=True,
        )
        self.draw_row(page, y, self.header_lines, self.header_height, self.header, header=True)
        return y - self.header_height

    def draw_row(
        self,
        page: _Page,
        y: float,
        lines: list[list[bytes]],
        height: float,
        cells: Sequence[tuple[str, bool, bool]],
        *,
        header: bool = False,
    ) -> None:
        size, padding = self.style.size, self.style.padding_x
        for i, cell_lines in enumerate(lines):
            page.rect(self.lefts[i], y - height, self.widths[i], height, BORDER, fill=False)
            _, right, late = cells[i]
            bold = header or late
            colour = WHITE if header else LATE if late else INK
            baseline = y - self.style.padding_y - size * 0.93
            for line in cell_lines:
                x = self.lefts[i] + padding
                if right:
                    x = self.lefts[i] + self.widths[i] - padding - text_width(line, size, bold=bold)
                page.text(x, baseline, line, size, colour, bold=bold)
                baseline -= self.leading


def tables_pdf(
    tables: Sequence[Table], *, first_page_number: int = 1, style: Style | None = None
) -> bytes:
    """A PDF of the tables, each starting on a new page, header row repeated on every page.

    Pages are numbered from ``first_page_number`` ("Halaman N" bottom right), so the result
    can follow pages drawn elsewhere.
    """
    style = style or Style()
    page_width, page_height = A4_LANDSCAPE
    top, right, bottom, left = style.margins
    pages: list[_Page] = []
    for table in tables:
        layout = _Layout(table, style, left, page_width - left - right)
        page = _Page(first_page_number + len(pages))
        pages.append(page)
        y = page_height - top
        page.text(left, y - style.title_size, encode(table.title), style.title_size, INK, bold=True)
        page.ops.append(b"0.75 w")
        y = layout.draw_header(page, y - style.title_size * 1.8)
        for row in table.rows:
            lines, height = layout.wrap_row([c.text for c in row], False)
            if y - height < bottom:
                page = _Page(first_page_number + len(pages))
                pages.append(page)
                page.ops.append(b"0.75 w")
                y = layout.draw_header(page, page_height - top)
            layout.draw_row(page, y, lines, height, [(c.text, c.right, c.late) for c in row])
            y -= height

    document = pydyf.PDF()
    fonts = pydyf.Dictionary(
        {
            key: pydyf.Dictionary(
                {
                    "Type": "/Font",
                    "Subtype": "/Type1",
                    "BaseFont": base,
                    "Encoding": "/WinAnsiEncoding",
                }
            )
            for key, base in (("F1", "/Helvetica"), ("F2", "/Helvetica-Bold"))
        }
    )
    for page in pages:
        label = encode(f"{style.page_label} {page.number}")
        page.text(
            page_width - right - text_width(label, 8), bottom / 2, label, 8, MUTED, bold=False
        )
        content = pydyf.Stream([b"\n".join(page.ops)], compress=True)
        document.add_object(content)
        document.add_page(
            pydyf.Dictionary(
                {
                    "Type": "/Page",
                    "Parent": document.pages.reference,
                    "MediaBox": pydyf.Array([0, 0, round(page_width, 2), round(page_height, 2)]),
                    "Contents": content.reference,
                    "Resources": pydyf.Dictionary({"Font": fonts}),
                }
            )
        )
    output = io.BytesIO()
    document.write(output, compress=True)
    return output.getvalue()
