"""The one safe writer for every spreadsheet TULTA hands out (XLSX and CSV).

Text typed by users (a team or unit name, a tool's grid cell) must never reach Excel or
LibreOffice as a formula: ``=HYPERLINK(...)`` or ``+cmd|' /C calc'!A0`` in a cell of an
exported file attacks whoever opens it ("formula injection", OWASP "CSV injection").

- XLSX: :func:`workbook_bytes` saves a workbook with every text cell written as a typed string
  cell (openpyxl turns any text starting with ``=`` into a formula unless told otherwise). No
  export of TULTA writes a formula on purpose.
- CSV: :func:`csv_cell` prefixes a single quote to text starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return, as OWASP recommends; :func:`write_csv` applies it to every
  cell. Numbers stay numbers.

Every export (monitoring recap, tool data, competition results, ledger, national recap, import
templates) goes through these functions; ``tulta/core/tests/test_exports.py`` and the exports'
own tests reopen the files to check.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import IO, Any

from openpyxl import Workbook

CSV_DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def text_cells_as_strings(workbook: Workbook) -> None:
    """Mark every cell whose value is text as a string cell, so none is saved as a formula."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.data_type != "s":
                    cell.data_type = "s"


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
