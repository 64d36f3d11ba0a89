"""Zip bombs and archives of too many members are refused from the central directory alone."""

from __future__ import annotations

import io
import time

import openpyxl
import pytest

from tulta.core.archives import MAX_ENTRIES, ArchiveError, check_archive
from tulta.testing.archives import many_members, zip_bomb


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb()


def test_a_zip_bomb_is_refused_at_once_with_its_unpacked_size(bomb):
    assert len(bomb) < 1024 * 1024
    started = time.perf_counter()
    with pytest.raises(ArchiveError) as refused:
        check_archive(bomb, "bom.xlsx")
    assert time.perf_counter() - started < 1  # nothing was decompressed
    assert refused.value.message.startswith("Berkas bom.xlsx ditolak: isinya 101 MB setelah dibuka")


def test_an_archive_of_too_many_members_is_refused():
    with pytest.raises(ArchiveError, match=r"berisi 2\.001 bagian, batasnya 2\.000"):
        check_archive(many_members(count=MAX_ENTRIES + 1), "banyak.xlsx")


def test_a_real_workbook_and_a_damaged_archive():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Kategori", 12])
    buffer = io.BytesIO()
    workbook.save(buffer)
    check_archive(buffer.getvalue(), "biasa.xlsx")  # no exception: accepted
    with pytest.raises(ArchiveError, match="rusak"):
        check_archive(b"PK\x03\x04" + b"sampah" * 10, "rusak.xlsx")
