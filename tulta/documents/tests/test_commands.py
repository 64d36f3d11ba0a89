"""``risalah_export`` and ``programme_book``: files for admins and scripts, reopened."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tulta.documents.services import freeze_risalah_documents

from .reading import docx_text, pdf_text

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_risalah_export_writes_a_pdf(draft_risalah, tmp_path):
    target = tmp_path / "risalah.pdf"
    output = _run(
        "risalah_export", str(draft_risalah.pk), "--format", "pdf", "--output", str(target)
    )
    text = pdf_text(target.read_bytes())
    assert "KBK Cepat" in text and "DRAF" in text
    assert hashlib.sha256(target.read_bytes()).hexdigest() in output


def test_risalah_export_writes_a_docx(draft_risalah, tmp_path):
    target = tmp_path / "risalah.docx"
    _run("risalah_export", str(draft_risalah.pk), "--format", "docx", "--output", str(target))
    assert "Langkah 7. Standarisasi dan rencana berikutnya" in docx_text(target.read_bytes())


def test_risalah_export_of_a_final_risalah_writes_the_frozen_file(full_risalah, tmp_path):
    frozen = freeze_risalah_documents(risalah=full_risalah)["docx"]
    target = tmp_path / "final.docx"
    _run("risalah_export", str(full_risalah.pk), "--format", "docx", "--output", str(target))
    assert hashlib.sha256(target.read_bytes()).hexdigest() == frozen.sha256


def test_risalah_export_of_an_unknown_risalah_fails(db, tmp_path):
    with pytest.raises(CommandError, match="tidak ada"):
        _run("risalah_export", "999999", "--output", str(tmp_path / "x.pdf"))


def test_programme_book_writes_the_book(full_risalah, tmp_path):
    target = tmp_path / "buku.pdf"
    output = _run("programme_book", str(full_risalah.programme_id), "--output", str(target))
    text = pdf_text(target.read_bytes())
    assert "Daftar Isi" in text and "KBK Cepat" in text
    assert str(target) in output


def test_programme_book_of_an_unknown_programme_fails(db, tmp_path):
    with pytest.raises(CommandError, match="tidak ada"):
        _run("programme_book", "999999", "--output", str(tmp_path / "x.pdf"))
