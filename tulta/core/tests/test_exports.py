"""The shared safe writer: deliberate formulas only, print setup, CSV for Indonesian Excel.
Files are saved and opened again with openpyxl."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from tulta.core.exports import csv_for_excel, formula, is_safe_formula, print_setup, workbook_bytes


def _reopen(workbook: openpyxl.Workbook) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(workbook)))


def test_a_deliberate_formula_stays_a_formula_and_the_same_text_typed_elsewhere_stays_text():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([1, 2, "=SUM(A1:B1)"])  # as if a user had typed it: must stay text
    formula(ws, "D1", "=SUM(A1:B1)")
    other = wb.create_sheet("Lain")
    other["D1"] = "=SUM(A1:B1)"  # same coordinate on another sheet: text
    again = _reopen(wb)
    assert (again.active["D1"].data_type, again.active["D1"].value) == ("f", "=SUM(A1:B1)")
    assert again.active["C1"].data_type == "s"
    assert again["Lain"]["D1"].data_type == "s"


def test_a_formula_overwritten_by_other_text_is_saved_as_text():
    wb = openpyxl.Workbook()
    ws = wb.active
    formula(ws, "A1", "=SUM(B1:B2)")
    ws["A1"] = '=HYPERLINK("http://x","y")'
    assert _reopen(wb).active["A1"].data_type == "s"


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x","y")',
        "=HYPERLINK(A1)",
        "+cmd|' /C calc'!A0",
        "=WEBSERVICE(A1)",
        "=SUM(Lain!A1:A2)",
        "SUM(A1:A2)",
        '=IF(A1>0,"ya","")',
    ],
)
def test_only_references_arithmetic_and_plain_functions_are_allowed(text):
    assert not is_safe_formula(text)
    with pytest.raises(ValueError):
        formula(openpyxl.Workbook().active, "A1", text)


def test_the_exports_own_formulas_are_allowed():
    for text in ("=SUM(B2:B5)", "=MAX($I$2:$I$5)", "=IF(D6>0,I6/D6,0)", "=ROUND(A1*100,1)"):
        assert is_safe_formula(text), text


def test_print_setup_is_read_back_from_the_file():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kelompok", "Unit"])
    print_setup(ws, header_rows="1:1", title="Pemkot A & B")
    ws = _reopen(wb).active
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$1:$1"
    assert ws.oddHeader.left.text == "Pemkot A && B"  # a literal ampersand, not a code
    assert ws.oddFooter.right.text == "Halaman &P dari &N"  # Excel's page and page-count codes


def test_csv_for_excel_uses_semicolons_decimal_commas_and_a_byte_order_mark():
    data = csv_for_excel(
        [
            ["Kelompok", "Nilai", "Jumlah", "Tanggal"],
            ["KBK Cepat; Tepat", 7.5, 1250, dt.date(2026, 12, 3)],
            ["=1+1", Decimal("14244.80"), -3.25, None],
            ["Dinas Ké", 1e-7, True, "-3,5"],
        ]
    )
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["KBK Cepat; Tepat", "7,5", "1250", "2026-12-03"]
    assert rows[2] == ["'=1+1", "14244,80", "-3,25", ""]
    assert rows[3] == ["Dinas Ké", "0,0000001", "True", "-3,5"]
    assert b"\r\n" in data
