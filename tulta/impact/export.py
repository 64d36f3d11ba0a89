"""The city ledger as an Excel workbook (formatters only format: the data comes from
:func:`tulta.impact.selectors.ledger_for`), and an indicator's full data as CSV."""

from __future__ import annotations

from itertools import zip_longest

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tulta.core.exports import csv_text, workbook_bytes

from .selectors import Ledger

HEADERS = (
    "Tahun", "Jenis unit", "Jumlah perbaikan", "Waktu warga dihemat (jam/tahun)",
    "Biaya dihemat (Rp/tahun)", "Rata-rata penurunan kesalahan (poin %)",
    "Kesalahan dicegah per tahun",
)  # fmt: skip


def ledger_workbook(ledger: Ledger, *, title: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Buku dampak")
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([_(h) for h in HEADERS])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in [*ledger.rows, *ledger.years]:
        ws.append(
            [
                row.year,
                row.unit_kind_label,
                row.improvements,
                round(row.hours_saved, 2),
                round(row.rupiah_saved),
                None if row.error_reduction_pp is None else round(row.error_reduction_pp, 2),
                round(row.errors_avoided, 1),
            ]
        )
    for column, width in zip("ABCDEFG", (8, 28, 16, 30, 24, 34, 26), strict=True):
        ws.column_dimensions[column].width = width
    for cells in ws.iter_rows(min_row=3, min_col=4, max_col=7):
        cells[0].number_format = "#,##0.00"
        cells[1].number_format = "#,##0"
        cells[2].number_format = "0.00"
        cells[3].number_format = "#,##0.0"
    ws.freeze_panes = "A3"
    return workbook_bytes(wb)


def indicator_csv(baseline: list[str], after: list[str]) -> bytes:
    """Every measurement of an indicator as typed, one row per position: "no;sebelum;sesudah"
    (semicolons and a byte-order mark, as Excel in Indonesian expects), through the shared
    writer (a cell a spreadsheet would read as a formula is neutralised)."""
    rows: list[list[object]] = [[_("no"), _("sebelum"), _("sesudah")]]
    rows += [
        [number, str(before), str(later)]
        for number, (before, later) in enumerate(zip_longest(baseline, after, fillvalue=""), 1)
    ]
    return ("\ufeff" + csv_text(rows, delimiter=";", lineterminator="\r\n")).encode("utf-8")
