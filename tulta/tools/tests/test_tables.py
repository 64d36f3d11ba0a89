from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from tulta.tools import spreadsheets, tables


def test_cells_are_read_as_text_with_whole_numbers_without_a_decimal_point():
    assert tables.cell_text(None) == ""
    assert tables.cell_text(12.0) == "12"
    assert tables.cell_text(" Loket 1 ") == "Loket 1"
    assert tables.cell_text(dt.date(2026, 3, 1)) == dt.date(2026, 3, 1)


def test_a_semicolon_csv_is_sniffed_and_blank_rows_keep_their_numbers():
    table = tables.read_table("kategori;jumlah\n\nBerkas;12\n".encode("utf-8-sig"), "a.csv")
    assert table.sheets == []
    assert list(table.rows) == [["kategori", "jumlah"], [], ["Berkas", "12"]]


def test_a_chosen_sheet_of_a_workbook_is_read():
    workbook = openpyxl.Workbook()
    workbook.active.append(["bukan data"])
    workbook.create_sheet("Data").append(["Berkas", 12])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = tables.read_table(buffer.getvalue(), "a.xlsx", sheet="Data")
    assert table.sheets == ["Sheet", "Data"]
    assert list(table.rows) == [["Berkas", "12"]]


@pytest.mark.parametrize(
    ("content", "filename"), [(b"x", "lama.xls"), (b"\x00\x01", "a.csv"), (b"PK\x03\x04x", "")]
)
def test_a_file_that_is_not_a_table_is_refused_with_a_reason(content, filename):
    with pytest.raises(tables.TableFileError):
        list(tables.read_table(content, filename).rows)


def test_an_empty_upload_is_refused():
    with pytest.raises(tables.TableFileError, match="kosong"):
        spreadsheets.read_upload(b"\n\n", "a.csv")


def test_a_zip_bomb_workbook_is_refused_before_openpyxl_reads_it():
    from tulta.testing.archives import many_members, zip_bomb

    with pytest.raises(tables.TableFileError, match="ditolak: isinya 101 MB setelah dibuka"):
        tables.read_table(zip_bomb(), "bom.xlsx")
    with pytest.raises(tables.TableFileError, match="bagian, batasnya"):
        tables.read_table(many_members(), "banyak.xlsx")
