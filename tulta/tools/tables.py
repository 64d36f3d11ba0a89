"""Reading any uploaded table: the first (or a chosen) sheet of an XLSX workbook, or a CSV file.

One implementation for every importer (a tool's grid, the bulk import of units, users and
teams): the file type is sniffed from its bytes, CSV's delimiter (comma, semicolon or tab) and
encoding (UTF-8 with or without BOM, else Windows-1252) are guessed, and every cell goes through
:func:`cell_text`. What the rows mean is the caller's business.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.utils.translation import gettext as _

from tulta.core.archives import ArchiveError, check_archive

XLSX_MAGIC = b"PK\x03\x04"
NOT_TABLE_SUFFIXES = (".xls", ".xlsx", ".ods", ".pdf", ".docx")


class TableFileError(ValueError):
    """The file as a whole cannot be read as a table (wrong type, damaged, empty)."""


@dataclass
class RawTable:
    """The sheet names of a workbook (empty for CSV) and the rows of the sheet read, one list of
    :func:`cell_text` values per row, blank rows included so row numbers match the file's."""

    sheets: list[str]
    rows: Iterator[list[Any]]


class NumberCell(str):
    """The text of a cell the file stored as a *number*. Excel keeps 15 digits of a number and
    drops leading zeros, so a NIP or a phone typed in a "General" column arrives changed; the
    importers tell the user so instead of naming a NIP they never typed."""

    __slots__ = ()


def cell_text(value: Any) -> Any:
    """A cell as the importers read it: "" for empty, dates and datetimes as they are, whole
    floats without ".0" (Excel stores 12 as 12.0), numbers as :class:`NumberCell`, anything
    else as stripped text."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return NumberCell(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return NumberCell(value)
    return str(value).strip()


def read_table(content: bytes, filename: str = "", sheet: str | None = None) -> RawTable:
    """Read an XLSX file (the sheet named ``sheet``, else the first) or a CSV file.

    The rows are read lazily (an XLSX sheet is streamed). Raises :class:`TableFileError` with an
    Indonesian message for a damaged workbook or a file that is neither XLSX nor CSV.
    """
    raw_rows: Iterable[Iterable[Any]]
    if content[:4] == XLSX_MAGIC:
        try:
            check_archive(content, filename)
        except ArchiveError as exc:
            raise TableFileError(exc.message) from exc
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise TableFileError(_("Berkas XLSX tidak dapat dibaca: %s") % exc) from exc
        names = list(workbook.sheetnames)
        chosen = workbook[sheet] if sheet in names else workbook.worksheets[0]
        raw_rows = chosen.iter_rows(values_only=True)
    else:
        if filename.lower().endswith(NOT_TABLE_SUFFIXES) or b"\x00" in content[:2048]:
            raise TableFileError(
                _("Berkas harus XLSX atau CSV. Simpan ulang dari Excel sebagai .xlsx atau .csv.")
            )
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
        try:
            dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        names = []
        raw_rows = csv.reader(io.StringIO(text), dialect)
    return RawTable(sheets=names, rows=([cell_text(v) for v in row] for row in raw_rows))
