from __future__ import annotations

import pytest

from tulta.core.downloads import download_filename


@pytest.mark.parametrize(
    ("stem", "ext", "expected"),
    [
        ("polyglot.pdf", "pdf", "polyglot.pdf"),
        ("polyglot.pdf.pdf", "pdf", "polyglot.pdf"),
        ("Laporan.DOCX", "docx", "Laporan.docx"),
        ("foto.png", "pdf", "foto.png.pdf"),  # a different extension is part of the name
        ('a/b\\c:"d"\x00', "xlsx", "a b c d.xlsx"),
        ("   ", "pdf", "berkas.pdf"),
        (".pdf", "pdf", "berkas.pdf"),
    ],
)
def test_download_names_carry_their_extension_once_and_nothing_unsafe(stem, ext, expected):
    assert download_filename(stem, ext) == expected


def test_a_long_name_is_shortened_before_its_extension():
    assert download_filename("x" * 300 + ".pdf", "pdf", max_length=80) == "x" * 80 + ".pdf"
