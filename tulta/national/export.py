"""The national roll-up as an XLSX workbook: a sheet of provinces (with the national total) and a
sheet of every government. Formats only; the figures come from :mod:`.selectors`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from tulta.core.exports import workbook_bytes

from .selectors import Figures, Row

HEADER_FILL = PatternFill("solid", fgColor="0B4F8A")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
PERCENT = "0.0%"


def _figure_columns() -> list[tuple[str, int]]:
    return [
        (_("Pemda"), 9),
        (_("Kota"), 8),
        (_("Kabupaten"), 11),
        (_("Unit"), 10),
        (_("Kelompok"), 11),
        (_("Risalah dimulai"), 12),
        (_("Risalah final"), 12),
        (_("Kelompok dengan risalah final"), 14),
        (_("% kelompok final"), 11),
        (_("Risalah final terukur (data sebelum–sesudah)"), 16),
    ]


def _figure_values(f: Figures) -> list[Any]:
    return [
        f.governments,
        f.kota,
        f.kabupaten,
        f.units,
        f.teams,
        f.risalah_started,
        f.risalah_final,
        f.teams_final,
        f.teams_final / f.teams if f.teams else None,
        f.measured,
    ]


def _header(ws: Any, columns: list[tuple[str, int]]) -> None:
    """Row 1 holds the styled column titles; it stays in view and carries the filter."""
    ws.append([title for title, _width in columns])
    for index, (_title, width) in enumerate(columns, 1):
        cell = ws.cell(row=1, column=index)
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, WRAP
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"


def _percent_column(ws: Any, column: int) -> None:
    for (cell,) in ws.iter_rows(min_row=2, min_col=column, max_col=column):
        cell.number_format = PERCENT


def national_xlsx(
    provinces: list[Row], total: Figures, governments: list[Row], year: int | None
) -> bytes:
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = _("Provinsi")
    columns = [(_("Provinsi"), 30), *_figure_columns()]
    _header(sheet, columns)
    for row in provinces:
        sheet.append([row.label, *_figure_values(row.figures)])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{sheet.max_row}"
    sheet.append([_("Jumlah nasional"), *_figure_values(total)])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    _percent_column(sheet, 10)
    sheet.append([])
    sheet.append([_("Tahun program: %(year)s") % {"year": year or "—"}])

    ws = wb.create_sheet(_("Pemda"))
    gov_columns = [(_("Provinsi"), 30), (_("Pemerintah daerah"), 36), *_figure_columns()[3:]]
    _header(ws, gov_columns)
    for row in governments:
        ws.append([row.province, row.label, *_figure_values(row.figures)[3:]])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(gov_columns))}{ws.max_row}"
    _percent_column(ws, 8)

    return workbook_bytes(wb)


def national_filename(year: int | None) -> str:
    return f"rekap-nasional-{year or 'semua'}.xlsx"
