"""The programme book: every final risalah in one PDF, built by a background task."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from tulta.documents import books, export
from tulta.documents.models import ProgrammeBook
from tulta.documents.services import freeze_risalah_documents, programme_book_request
from tulta.testing import samples

from .reading import pdf_pages, squash

pytestmark = pytest.mark.django_db


@pytest.fixture
def finals(world, cast, programme):
    """Two final risalah (two units) and one draft in the programme."""
    first = samples.write_risalah(cast, programme, artefact_steps={})
    other = samples.sample_team(world.government, name="KBK Sehat", unit=world.other_unit)
    second = samples.write_risalah(other, programme, tema="Antrean apotek", artefact_steps={})
    draft_team = samples.sample_team(world.government, name="KBK Lambat")
    samples.write_risalah(draft_team, programme, tema="Masih draf", final=False, artefact_steps={})
    return [first, second]


def test_the_book_opens_with_a_cover_and_a_table_of_contents(finals, programme):
    pages = pdf_pages(export.book_pdf(programme))
    assert "BUKU RISALAH KELOMPOK BUDAYA KERJA" in pages[0]
    assert programme.name in pages[0] and "2 risalah final" in pages[0]
    assert "Daftar Isi" in pages[1]
    assert "KBK Cepat" in pages[1] and "KBK Sehat" in pages[1]


def test_drafts_are_left_out_of_the_book(finals, programme):
    text = " ".join(pdf_pages(export.book_pdf(programme)))
    assert "KBK Lambat" not in text and "Masih draf" not in text


def test_the_table_of_contents_gives_the_first_page_of_each_risalah(finals, programme):
    pages = pdf_pages(export.book_pdf(programme))
    for risalah in finals:
        row = f"{risalah.team.name} {risalah.team.unit.name} {risalah.tema}"
        match = re.search(re.escape(row) + r" (\d+)", pages[1])
        assert match, row
        first = int(match.group(1))
        assert "RISALAH KELOMPOK BUDAYA KERJA" in pages[first - 1]
        assert squash(risalah.tema) in squash(pages[first - 1])
        assert f"Hlm. buku {first}" in pages[first - 1]


def test_every_page_after_the_front_carries_the_book_page_number(finals, programme):
    pages = pdf_pages(export.book_pdf(programme))
    assert all(f"Hlm. buku {n}" in text for n, text in enumerate(pages, start=1) if n > 2)


def test_the_book_has_a_bookmark_per_risalah(finals, programme):
    reader = PdfReader(io.BytesIO(export.book_pdf(programme)))
    titles = [item.title for item in reader.outline]
    assert titles == [f"{r.team.name} — {r.tema}" for r in finals]


def test_the_book_uses_each_frozen_pdf_as_submitted(finals, programme):
    freeze_risalah_documents(risalah=finals[0])
    step = finals[0].steps.get(number=1)
    step.content = {"sections": {"tema": "<p>diubah sesudah final</p>"}}
    step.save()
    assert "diubah sesudah final" not in " ".join(pdf_pages(export.book_pdf(programme)))


def test_a_programme_without_final_risalah_gives_a_book_that_says_so(programme):
    pages = pdf_pages(export.book_pdf(programme))
    assert len(pages) == 2 and "Belum ada risalah final dalam program ini." in pages[1]


def test_building_records_progress_after_each_risalah(finals, programme, world, monkeypatch):
    seen = []
    real = books._progress

    def spy(book_id, done, total):
        real(book_id, done, total)
        seen.append(ProgrammeBook.objects.values_list("done", "total", "progress").get())

    monkeypatch.setattr(books, "_progress", spy)
    book = ProgrammeBook.objects.create(programme=programme, requested_by=world.admin)
    book = books.programme_book_build(book_id=book.pk)
    assert seen == [(1, 2, 47), (2, 2, 95)]
    assert (book.status, book.progress) == ("done", 100)


def test_a_failed_build_records_its_error(programme, world, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(books, "book_pdf", broken)
    book = ProgrammeBook.objects.create(programme=programme, requested_by=world.admin)
    book = books.programme_book_build(book_id=book.pk)
    assert (book.status, book.error) == ("failed", "disk penuh")
    assert book.finished_at is not None


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_builds_a_requested_book(finals, programme, world):
    book = programme_book_request(actor=world.admin, programme=programme)
    assert ProgrammeBook.objects.get(pk=book.pk).status == "queued"
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    book.refresh_from_db()
    assert (book.status, book.done, book.total) == ("done", 2, 2)
    assert book.file.read().startswith(b"%PDF")
