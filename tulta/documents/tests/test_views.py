"""Downloading risalah documents and the programme book page."""

from __future__ import annotations

import hashlib
from urllib.parse import unquote

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse

from tulta.documents.models import FrozenDocument, ProgrammeBook
from tulta.documents.services import freeze_risalah_documents, programme_book_request

from .reading import docx_text, pdf_text

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _file(client, risalah, fmt="pdf"):
    return client.get(reverse("documents:risalah_file", args=[risalah.pk, fmt]))


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_draft_downloads_as_pdf_marked_draft(client_for, world, draft_risalah):
    response = _file(client_for(world.member), draft_risalah)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "DRAF — belum final" in pdf_text(_body(response))


def test_a_draft_downloads_as_word(client_for, world, draft_risalah):
    response = _file(client_for(world.member), draft_risalah, "docx")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "DRAF" in docx_text(_body(response))


def test_the_download_has_a_readable_file_name(client_for, world, draft_risalah):
    disposition = unquote(_file(client_for(world.member), draft_risalah)["Content-Disposition"])
    assert disposition.startswith("attachment")
    assert "Risalah KBK Cepat 2026 - Waktu tunggu KTP-el terlalu lama (DRAF).pdf" in disposition


def test_a_final_download_is_the_frozen_file_byte_for_byte(client_for, world, full_risalah):
    frozen = freeze_risalah_documents(risalah=full_risalah)["pdf"]
    step = full_risalah.steps.get(number=1)
    step.content = {"sections": {"tema": "<p>diubah sesudah final</p>"}}
    step.save()
    response = _file(client_for(world.admin), full_risalah)
    body = _body(response)
    assert hashlib.sha256(body).hexdigest() == frozen.sha256 == response["X-Checksum-SHA256"]
    assert "diubah sesudah final" not in pdf_text(body)


def test_a_final_risalah_without_frozen_files_is_frozen_at_first_download(
    client_for, world, full_risalah
):
    FrozenDocument.objects.all().delete()
    response = _file(client_for(world.leader), full_risalah, "docx")
    frozen = FrozenDocument.objects.get(risalah=full_risalah, format="docx")
    assert hashlib.sha256(_body(response)).hexdigest() == frozen.sha256


def test_an_outsider_gets_404_for_the_document(client_for, world, draft_risalah):
    assert _file(client_for(world.outsider), draft_risalah).status_code == 404
    assert _file(client_for(world.other_admin), draft_risalah).status_code == 404


def test_an_unknown_format_is_404(client_for, world, draft_risalah):
    assert _file(client_for(world.chair), draft_risalah, "odt").status_code == 404


def _downloads(risalah) -> str:
    return Template('{% include "documents/_downloads.html" %}').render(
        Context({"risalah": risalah})
    )


def test_the_downloads_panel_of_a_draft_says_draft(draft_risalah):
    html = _downloads(draft_risalah)
    assert 'data-documents="draft"' in html and "DRAF" in html
    assert reverse("documents:risalah_file", args=[draft_risalah.pk, "docx"]) in html


def test_the_downloads_panel_of_a_final_risalah_shows_the_checksums(full_risalah):
    frozen = freeze_risalah_documents(risalah=full_risalah)
    html = _downloads(full_risalah)
    assert 'data-documents="final"' in html
    assert frozen["pdf"].sha256 in html and frozen["docx"].sha256 in html


# --- programme book ---------------------------------------------------------------------------


def _book_url(programme, name="documents:book", **extra):
    return reverse(name, kwargs={"pk": programme.pk, **extra})


def test_the_book_page_offers_to_build_a_book(client_for, world, programme):
    html = client_for(world.admin).get(_book_url(programme)).content.decode()
    assert reverse("documents:book_create", args=[programme.pk]) in html


def test_leadership_sees_the_book_page_without_the_build_button(client_for, world, programme):
    response = client_for(world.leader).get(_book_url(programme))
    assert response.status_code == 200
    assert reverse("documents:book_create", args=[programme.pk]) not in response.content.decode()


def test_a_running_book_shows_a_progress_bar_that_polls(client_for, world, programme):
    book = ProgrammeBook.objects.create(
        programme=programme, status="running", total=4, done=1, progress=23
    )
    html = client_for(world.admin).get(_book_url(programme)).content.decode()
    status_url = _book_url(programme, "documents:book_status", book_pk=book.pk)
    assert f'hx-get="{status_url}"' in html and 'hx-trigger="every 2s"' in html
    assert '<progress max="100" value="23"' in html and "1 dari 4 risalah" in html


def test_a_finished_book_stops_polling_and_offers_the_download(client_for, world, programme):
    book = ProgrammeBook.objects.create(programme=programme, status="done", progress=100)
    html = (
        client_for(world.admin)
        .get(_book_url(programme, "documents:book_status", book_pk=book.pk))
        .content.decode()
    )
    assert "hx-get" not in html
    assert _book_url(programme, "documents:book_download", book_pk=book.pk) in html


@override_settings(TASKS=IMMEDIATE)
def test_requesting_a_book_builds_it_in_the_background(
    client_for, world, full_risalah, django_capture_on_commit_callbacks
):
    programme = full_risalah.programme
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.admin).post(_book_url(programme, "documents:book_create"))
    assert response.status_code == 302
    book = ProgrammeBook.objects.get()
    assert (book.status, book.progress, book.done, book.total) == ("done", 100, 1, 1)
    download = client_for(world.leader).get(
        _book_url(programme, "documents:book_download", book_pk=book.pk)
    )
    body = _body(download)
    assert hashlib.sha256(body).hexdigest() == book.sha256
    assert "KBK Cepat" in pdf_text(body)


def test_a_second_request_while_building_returns_the_same_book(world, programme):
    first = programme_book_request(actor=world.admin, programme=programme)
    second = programme_book_request(actor=world.admin, programme=programme)
    assert first.pk == second.pk and ProgrammeBook.objects.count() == 1


def test_a_book_not_done_cannot_be_downloaded(client_for, world, programme):
    book = ProgrammeBook.objects.create(programme=programme, status="running")
    url = _book_url(programme, "documents:book_download", book_pk=book.pk)
    assert client_for(world.admin).get(url).status_code == 404


def test_a_book_of_another_programme_is_404(client_for, world, programme, tulta_method):
    from tulta.testing.samples import tulta_programme

    other = tulta_programme(world.government, world.admin, name="Program Lain")
    book = ProgrammeBook.objects.create(programme=other, status="done")
    url = _book_url(programme, "documents:book_status", book_pk=book.pk)
    assert client_for(world.admin).get(url).status_code == 404
