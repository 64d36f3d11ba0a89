"""The one safe writer for every spreadsheet TULTA hands out (XLSX and CSV).

Text typed by users (a team or unit name, a tool's grid cell) must never reach Excel or
LibreOffice as a formula: ``=HYPERLINK(...)`` or ``+cmd|' /C calc'!A0`` in a cell of an
exported file attacks whoever opens it ("formula injection", OWASP "CSV injection").

- XLSX: :func:`workbook_bytes` saves a workbook with every text cell written as a typed string
  cell (openpyxl turns any text starting with ``=`` into a formula unless told otherwise). The
  only formulas are the ones an export writes on purpose through :func:`formula` (totals,
  shares): built by our code from cell references, checked against :data:`FORMULA_FUNCTIONS`,
  and remembered per sheet, so a user's text that happens to look the same stays text.
- CSV: :func:`csv_cell` prefixes a single quote to text starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return, as OWASP recommends; :func:`write_csv` applies it to every
  cell. Numbers stay numbers. :func:`csv_for_excel` writes the CSV Indonesian Excel opens
  as columns: semicolons, decimal commas, a UTF-8 byte-order mark.
- Printing: :func:`print_setup` gives a sheet what a report needs on paper (A4 landscape, fit to
  the page width, the header row repeated on every page, page numbers).

Every export (monitoring recap, tool data, competition results, ledger, national recap, import
templates) goes through these functions; ``tulta/core/tests/test_exports.py`` and the exports'
own tests reopen the files to check.
"""

from __future__ import annotations

import csv
import io
import re
import weakref
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

CSV_DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# The functions a deliberate formula may call; nothing that reaches outside the workbook
# (HYPERLINK, WEBSERVICE, DDE) and no text literals.
FORMULA_FUNCTIONS = frozenset({"SUM", "MAX", "MIN", "AVERAGE", "COUNT", "COUNTA", "IF", "ROUND"})
FORMULA_SHAPE = re.compile(r"=[A-Z0-9$:(),+\-*/.<>= ]+")
FORMULA_CALL = re.compile(r"([A-Z]+)\(")

# Per sheet, the formulas written on purpose: coordinate → formula text.
_FORMULAS: weakref.WeakKeyDictionary[Worksheet, dict[str, str]] = weakref.WeakKeyDictionary()


def is_safe_formula(text: str) -> bool:
    """A formula of references, numbers, arithmetic and :data:`FORMULA_FUNCTIONS` only."""
    return bool(FORMULA_SHAPE.fullmatch(text)) and all(
        name in FORMULA_FUNCTIONS for name in FORMULA_CALL.findall(text)
    )


def formula(sheet: Worksheet, coordinate: str, text: str, number_format: str = "") -> Cell:
    """Write the formula ``text`` (built by the export from cell references, never from user
    text) into ``sheet[coordinate]``; :func:`workbook_bytes` keeps it a formula. Raises
    ValueError for anything but :func:`is_safe_formula`."""
    if not is_safe_formula(text):
        raise ValueError(f"not a formula an export may write: {text!r}")
    cell = sheet[coordinate]
    cell.value = text
    if number_format:
        cell.number_format = number_format
    _FORMULAS.setdefault(sheet, {})[cell.coordinate] = text
    return cell


def text_cells_as_strings(workbook: Workbook) -> None:
    """Mark every cell whose value is text as a string cell, so none is saved as a formula;
    only the formulas written through :func:`formula` stay formulas."""
    for sheet in workbook.worksheets:
        deliberate = _FORMULAS.get(sheet, {})
        for row in sheet.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                if deliberate.get(cell.coordinate) == cell.value:
                    cell.data_type = "f"
                elif cell.data_type != "s":
                    cell.data_type = "s"


def print_setup(sheet: Worksheet, *, header_rows: str = "1:1", title: str = "") -> None:
    """Ready ``sheet`` for paper: A4 landscape, fitted to one page wide (as many tall as it
    takes), ``header_rows`` repeated on every page, ``title`` in the page header and "Halaman
    n dari m" in the footer."""
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = header_rows
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    if title:
        # "&" starts a code in Excel's header text; a literal one is written twice.
        sheet.oddHeader.left.text = title.replace("&", "&&")
    sheet.oddFooter.right.text = _("Halaman &[Page] dari &[Pages]")


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook as XLSX bytes, every text cell a string (never a formula)."""
    text_cells_as_strings(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


PLAIN_NUMBER = re.compile(r"[-+]?\d[\d.,]*")


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not read as a formula: text starting with
    ``= + - @``, a tab or a carriage return gets a leading single quote. Other values as they
    are (``None`` as "")."""
    if value is None:
        return ""
    if (
        isinstance(value, str)
        and value.startswith(CSV_DANGEROUS_PREFIXES)
        and not PLAIN_NUMBER.fullmatch(value)  # "-3,5" is a measurement, never a formula
    ):
        return "'" + value
    return value


def write_csv(target: IO[str], rows: Iterable[Iterable[Any]], **fmtparams: Any) -> None:
    """Write ``rows`` to the text stream ``target`` with every cell through :func:`csv_cell`."""
    writer = csv.writer(target, **fmtparams)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])


def csv_text(rows: Iterable[Iterable[Any]], **fmtparams: Any) -> str:
    """``rows`` as CSV text, every cell through :func:`csv_cell`."""
    buffer = io.StringIO()
    write_csv(buffer, rows, **fmtparams)
    return buffer.getvalue()


def indonesian_number(value: Any) -> Any:
    """A number as Indonesian Excel reads it from a CSV: ``7,5`` (no thousands separator, so it
    stays a number); other values as they are."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float | Decimal):
        # repr keeps a float's shortest exact digits; through Decimal, never in "1e-07" form.
        exact = value if isinstance(value, Decimal) else Decimal(repr(value))
        return format(exact, "f").replace(".", ",")
    return value


def csv_for_excel(rows: Iterable[Iterable[Any]]) -> bytes:
    """``rows`` as the CSV that Excel set to Indonesian opens straight into columns: semicolon
    separated (its list separator, since the comma is its decimal sign), decimal commas, and a
    UTF-8 byte-order mark so names with accents survive. Every cell through :func:`csv_cell`."""
    text = csv_text(
        ([indonesian_number(value) for value in row] for row in rows),
        delimiter=";",
        lineterminator="\r\n",
    )
    return ("\ufeff" + text).encode("utf-8")
