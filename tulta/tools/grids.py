"""Typed data grids behind the seven tools.

Every tool artefact keeps its data as a grid: named columns with a type (number, whole number,
date, category, text) and rows of raw cell text exactly as the user typed or pasted them. The grid
is always saved as typed — nothing is lost — and parsed here into typed values with one error per
bad cell, naming its row (1-based, as on screen) and column. Charts are drawn only from a grid
without errors. Pure Python; no Django models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tulta.core.numbers import parse_number

NUMBER, INTEGER, DATE, CATEGORY, TEXT = "number", "integer", "date", "category", "text"
MAX_ROWS = 5000


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # str or a lazy translation
    type: str
    required: bool = True
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""


@dataclass(frozen=True)
class CellError:
    row: int  # 1-based, as the grid shows it
    column: str  # column key
    label: str  # column label, for the message
    message: str

    def text(self) -> str:
        return _("Baris %(row)d, kolom “%(col)s”: %(msg)s") % {
            "row": self.row,
            "col": self.label,
            "msg": self.message,
        }


@dataclass
class ParsedGrid:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def column(self, key: str) -> list[Any]:
        return [row.get(key) for row in self.rows]


def parse_date(raw: str) -> dt.date:
    text = raw.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"):
        try:
            # A typed calendar date, not an instant: the naive date is what is wanted.
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError(raw)


def _cell(column: Column, raw: str) -> tuple[Any, str | None]:
    """(value, error message) for one cell; blank cells give (None, None)."""
    text = (raw or "").strip()
    if not text:
        if column.required:
            return None, _("wajib diisi")
        return None, None
    if column.type in (NUMBER, INTEGER):
        try:
            value: Any = parse_number(text)
        except ValueError:
            return None, _("“%(v)s” bukan angka") % {"v": text[:40]}
        if column.type == INTEGER:
            if not float(value).is_integer():
                return None, _("“%(v)s” harus bilangan bulat") % {"v": text[:40]}
            value = int(value)
        if column.minimum is not None and value < column.minimum:
            if column.minimum == 0:
                return None, _("tidak boleh negatif (%(v)s)") % {"v": text[:40]}
            return None, _("minimal %(min)s") % {"min": _fmt(column.minimum)}
        if column.maximum is not None and value > column.maximum:
            return None, _("maksimal %(max)s") % {"max": _fmt(column.maximum)}
        return value, None
    if column.type == DATE:
        try:
            return parse_date(text), None
        except ValueError:
            return None, _("“%(v)s” bukan tanggal; tulis TTTT-BB-HH atau HH/BB/TTTT") % {
                "v": text[:40]
            }
    return text[:500], None


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def parse_grid(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> ParsedGrid:
    """Parse raw rows (lists of cell text in column order). Fully blank rows are skipped but
    still counted, so row numbers match what the user sees."""
    parsed = ParsedGrid()
    if len(rows) > MAX_ROWS:
        parsed.errors.append(
            CellError(
                MAX_ROWS + 1,
                "",
                "",
                _("Terlalu banyak baris; maksimal %(n)d.") % {"n": MAX_ROWS},
            )
        )
        return parsed
    for number, raw_row in enumerate(rows, start=1):
        cells = list(raw_row) + [""] * (len(columns) - len(raw_row))
        if not any((c or "").strip() for c in cells):
            continue
        values: dict[str, Any] = {"_row": number}
        for column, raw in zip(columns, cells, strict=False):
            value, error = _cell(column, raw)
            if error:
                parsed.errors.append(CellError(number, column.key, str(column.label), error))
            values[column.key] = value
        parsed.rows.append(values)
    return parsed


def split_paste(text: str) -> list[list[str]]:
    """Split a block copied from Excel or LibreOffice (tab-separated lines) into rows."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return [line.split("\t") for line in lines]
