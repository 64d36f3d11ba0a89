"""The plain-table PDF writer of the recap's team lists, read back with pypdf."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tulta.monitoring.tablepdf import Cell, Style, Table, tables_pdf, text_width, wrap

COLUMNS = [("No.", 0.1, True), ("Kelompok", 0.6, False), ("Hari", 0.3, True)]


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def table(rows: int, title: str = "OPD — 3 kelompok") -> Table:
    return Table(
        title=title,
        columns=COLUMNS,
        rows=[[Cell(str(i), right=True), Cell(f"KBK {i:03d}"), Cell("—")] for i in range(rows)],
    )


def test_wrapping_breaks_between_words_and_keeps_every_word():
    lines = wrap("Merencanakan dan melaksanakan perbaikan", 60, 8.5)
    assert len(lines) > 1
    assert all(text_width(line, 8.5) <= 60 for line in lines)
    assert b" ".join(lines) == b"Merencanakan dan melaksanakan perbaikan"


def test_a_word_wider_than_its_column_is_cut_not_lost():
    lines = wrap("Penyederhanaanpelayananperizinan", 30, 8.5)
    assert b"".join(lines) == b"Penyederhanaanpelayananperizinan"
    assert all(text_width(line, 8.5) <= 30 for line in lines)


def test_a_long_table_repeats_its_header_on_every_page_and_numbers_them():
    texts = pages_text(tables_pdf([table(200)], first_page_number=3))
    assert len(texts) > 2
    assert all("Kelompok" in text for text in texts)
    assert [text.rsplit("Halaman ", 1)[1].strip() for text in texts] == [
        str(n) for n in range(3, 3 + len(texts))
    ]
    assert "KBK 000" in texts[0] and "KBK 199" in texts[-1]


def test_each_table_starts_on_a_new_page_with_its_title():
    texts = pages_text(tables_pdf([table(2, "OPD — 2 kelompok"), table(1, "UPT — 1 kelompok")]))
    assert len(texts) == 2
    assert "OPD — 2 kelompok" in texts[0] and "UPT — 1 kelompok" in texts[1]


def test_indonesian_names_and_special_characters_survive():
    rows = [[Cell("1"), Cell("Ir. Dédé Sulaiman (Ketua) \\ Tim"), Cell("—")]]
    text = pages_text(
        tables_pdf([Table("Kecamatan", COLUMNS, rows)], style=Style(page_label="Page"))
    )[0]
    assert "Ir. Dédé Sulaiman (Ketua) \\ Tim" in text and "Page 1" in text
