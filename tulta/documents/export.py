"""Turning a risalah (or a programme) into document bytes: build the data once, hand it to the
renderer of the wanted format. Read-only; the callers check who may see what.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone, translation

from tulta.core.downloads import download_filename
from tulta.risalah.models import Programme, Risalah

from . import docx, pdf
from .builder import build_risalah_document, filename_stem, letterhead_of
from .models import CONTENT_TYPES, DocumentFormat, FrozenDocument
from .selectors import final_risalah_for_book

Progress = Callable[[int, int], None]


# Offices print, sign and file these documents, and judges compare them: they are always in
# Bahasa Indonesia, whatever language the person who downloads or finalises uses on screen.
DOCUMENT_LANGUAGE = "id"


def render_document(risalah: Risalah, fmt: str, *, draft: bool | None = None) -> bytes:
    """The risalah as ``fmt`` ("pdf" or "docx"), rendered now from its current content, in
    Bahasa Indonesia. Raises ValueError for an unknown format."""
    if fmt not in DocumentFormat.values:
        raise ValueError(f"unknown document format: {fmt!r}")
    with translation.override(DOCUMENT_LANGUAGE):
        doc = build_risalah_document(risalah, draft=draft)
        if fmt == DocumentFormat.PDF:
            return pdf.render_risalah_pdf(doc)
        return docx.render_risalah_docx(doc)


@dataclass(frozen=True)
class DocumentFile:
    """What a download or an export sends: the bytes, a readable file name, and for a final
    risalah the frozen file's checksum."""

    data: bytes
    filename: str
    content_type: str
    sha256: str
    frozen: FrozenDocument | None


def read_frozen(document: FrozenDocument) -> bytes:
    with document.file.open("rb") as handle:
        return bytes(handle.read())


def current_file(risalah: Risalah, fmt: str, frozen: FrozenDocument | None) -> DocumentFile:
    """The file to hand out: the frozen one for a final risalah when there is one, else the
    document rendered now (marked DRAFT unless the risalah is final)."""
    content_type = CONTENT_TYPES[DocumentFormat(fmt)]
    if frozen is not None:
        data = read_frozen(frozen)
        draft = False
    else:
        data = render_document(risalah, fmt)
        draft = not risalah.is_final
    return DocumentFile(
        data=data,
        filename=download_filename(filename_stem(risalah, draft=draft), fmt, max_length=120),
        content_type=content_type,
        sha256=frozen.sha256 if frozen is not None else hashlib.sha256(data).hexdigest(),
        frozen=frozen,
    )


def book_pdf(programme: Programme, *, on_progress: Progress | None = None) -> bytes:
    """Every final risalah of ``programme`` in one PDF with a cover and a table of contents.
    A risalah's frozen PDF is used as submitted; one without (finalised before documents were
    frozen) is rendered now. ``on_progress(done, total)`` is called after each risalah."""
    risalah_list = list(final_risalah_for_book(programme))
    frozen = {
        d.risalah_id: d
        for d in FrozenDocument.objects.filter(risalah__in=risalah_list, format=DocumentFormat.PDF)
    }
    entries = []
    total = len(risalah_list)
    for done, risalah in enumerate(risalah_list, start=1):
        document = frozen.get(risalah.pk)
        data = read_frozen(document) if document else render_document(risalah, "pdf", draft=False)
        entries.append(
            pdf.BookEntry(
                team=risalah.team.name, unit=risalah.team.unit.name, tema=risalah.tema, pdf=data
            )
        )
        if on_progress is not None:
            on_progress(done, total)
    front = pdf.BookFront(
        letterhead=letterhead_of(programme.government),
        programme=programme.name,
        year=str(programme.year),
        generated_at=timezone.localdate(),
    )
    with translation.override(DOCUMENT_LANGUAGE):
        return pdf.render_book_pdf(front, entries)
