"""A tool's grid to and from spreadsheets: export to XLSX, read an upload, map its columns.

Import is two steps for the user: :func:`read_upload` shows the file's sheets and header, they
choose (helped by :func:`guess_mapping`) which file column fills each grid column, and
:func:`apply_mapping` gives the grid rows to save. Nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from tulta.core.exports import workbook_bytes

from .grids import parse_number
from .registry import get_tool
from .tables import TableFileError, read_table


def export_xlsx(code: str, rows: list[list[str]]) -> bytes:
    """An XLSX workbook with one sheet "Data": the tool's column labels (bold, frozen) and the
    rows, numbers as numbers. Raises KeyError for an unknown tool."""
    tool = get_tool(code)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Data"
    sheet.append([str(c.label) for c in tool.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    for row in rows:
        sheet.append([_typed(value) for value in row])
    for index, _column in enumerate(tool.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 22
    sheet.freeze_panes = "A2"
    return workbook_bytes(workbook)


def _typed(value: str) -> Any:
    """Numbers go back to Excel as numbers, text as text."""
    text = (value or "").strip()
    if not text or any(ch.isalpha() for ch in text.replace("Rp", "")):
        return text
    try:
        number = parse_number(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() else number


@dataclass
class UploadedTable:
    sheets: list[str]
    headers: list[str]
    rows: list[list[str]]


def read_upload(content: bytes, filename: str, sheet: str | None = None) -> UploadedTable:
    """Read an XLSX (any sheet) or CSV file into header + rows of text, blank rows dropped and
    every row as wide as the widest. Raises TableFileError (a ValueError) for a file that
    cannot be read or holds nothing."""
    table = read_table(content, filename, sheet)
    raw = [[_text(v) for v in row] for row in table.rows]
    raw = [r for r in raw if any(c.strip() for c in r)]
    if not raw:
        raise TableFileError(_("Berkas kosong."))
    width = max(len(r) for r in raw)
    raw = [r + [""] * (width - len(r)) for r in raw]
    return UploadedTable(sheets=table.sheets, headers=raw[0], rows=raw[1:])


def _text(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def guess_mapping(code: str, headers: list[str]) -> dict[str, int | None]:
    """Which file column fills each tool column, guessed from the header names."""
    tool = get_tool(code)
    lowered = [h.strip().lower() for h in headers]
    mapping: dict[str, int | None] = {}
    for index, column in enumerate(tool.columns):
        label = str(column.label).lower()
        names = {column.key.lower(), label, label.split(" (")[0]}
        found = next((i for i, h in enumerate(lowered) if h in names), None)
        if found is None and index < len(headers) and len(headers) == len(tool.columns):
            found = index
        mapping[column.key] = found
    return mapping


def apply_mapping(
    code: str, table: UploadedTable, mapping: dict[str, int | None]
) -> list[list[str]]:
    """The grid rows: for each tool column, the mapped file column's cell, or "" when unmapped."""
    tool = get_tool(code)
    return [
        [row[mapping[c.key]] if mapping.get(c.key) is not None else "" for c in tool.columns]  # type: ignore[index]
        for row in table.rows
    ]
