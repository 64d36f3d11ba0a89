from __future__ import annotations

import datetime as dt

import pytest

from tulta.tools.grids import (
    CATEGORY,
    DATE,
    INTEGER,
    NUMBER,
    Column,
    parse_grid,
    parse_number,
    split_paste,
)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("29,6", 29.6),
        ("1.250", 1250),
        ("1.250.000,5", 1250000.5),
        ("1,250.5", 1250.5),
        ("12.5", 12.5),
        ("\u22123", -3),
        ("45%", 45),
        ("Rp 15.000", 15000),
    ],
)
def test_numbers_are_read_the_indonesian_way_and_the_english_way(raw, value):
    assert parse_number(raw) == value


COLUMNS = [
    Column("kategori", "Kategori", CATEGORY),
    Column("jumlah", "Jumlah", INTEGER, minimum=0),
    Column("tanggal", "Tanggal", DATE, required=False),
]


def test_a_clean_grid_parses_to_typed_values():
    grid = parse_grid(COLUMNS, [["Antre", "12", "2026-03-01"], ["Berkas", "3", ""]])
    assert grid.ok
    assert grid.rows[0]["jumlah"] == 12
    assert grid.rows[0]["tanggal"] == dt.date(2026, 3, 1)
    assert grid.rows[1]["tanggal"] is None


def test_each_bad_cell_is_reported_with_its_row_and_column():
    grid = parse_grid(
        COLUMNS,
        [
            ["Antre", "dua belas", ""],
            ["", "3", ""],
            ["Berkas", "-1", "31/02/2026"],
            ["", "", ""],
            ["Sistem", "2,5", ""],
        ],
    )
    messages = [e.text() for e in grid.errors]
    assert messages == [
        "Baris 1, kolom “Jumlah”: “dua belas” bukan angka",
        "Baris 2, kolom “Kategori”: wajib diisi",
        "Baris 3, kolom “Jumlah”: tidak boleh negatif (-1)",
        "Baris 3, kolom “Tanggal”: “31/02/2026” bukan tanggal; tulis TTTT-BB-HH atau HH/BB/TTTT",
        "Baris 5, kolom “Jumlah”: “2,5” harus bilangan bulat",
    ]


def test_blank_rows_are_skipped_but_keep_numbering():
    grid = parse_grid(COLUMNS, [["", "", ""], ["Antre", "1", ""]])
    assert [r["_row"] for r in grid.rows] == [2]


def test_a_block_pasted_from_excel_is_split_into_rows_and_cells():
    assert split_paste("Antre\t12\r\nBerkas\t3\r\n") == [["Antre", "12"], ["Berkas", "3"]]


def test_number_column_accepts_decimals():
    grid = parse_grid([Column("x", "X", NUMBER)], [["29,6"]])
    assert grid.rows[0]["x"] == pytest.approx(29.6)
