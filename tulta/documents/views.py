"""Submitting a risalah as final (with its frozen documents), downloads of risalah documents,
and the programme book page."""

from __future__ import annotations

from typing import TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tulta.accounts.types import AuthenticatedHttpRequest
from tulta.core.downloads import download_filename
from tulta.risalah.permissions import get_risalah_for_user

from . import permissions, selectors, services
from .export import current_file
from .models import DocumentFormat, ProgrammeBook

R = TypeVar("R", bound=HttpResponseBase)


def _attachment(response: R, sha256: str) -> R:
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    if sha256:
        response["X-Checksum-SHA256"] = sha256
    return response


@login_required
@require_POST
def risalah_submit_final(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The chair's "Ajukan risalah final": final, frozen, and its documents kept for good."""
    risalah = get_risalah_for_user(request.user, pk, write=True)
    try:
        services.risalah_submit_final(actor=request.user, risalah=risalah)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Risalah sudah final dan dikunci. Selamat!"))
    return redirect("risalah:detail", pk=risalah.pk)


@login_required
def risalah_file(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The risalah as PDF or DOCX for anyone who may see it (404 for others): the frozen file
    of a final risalah, or the current content marked DRAFT."""
    if fmt not in DocumentFormat.values:
        raise Http404
    risalah = get_risalah_for_user(request.user, pk)
    frozen = selectors.frozen_documents(risalah).get(fmt)
    if frozen is None and risalah.is_final:
        # Finalised before documents were frozen (or the hook failed): freeze now, once.
        frozen = services.freeze_risalah_documents(risalah=risalah, actor=request.user)[fmt]
    document = current_file(risalah, fmt, frozen)
    response = HttpResponse(document.data, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.filename) or ""
    return _attachment(response, document.sha256)


@login_required
def book_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = permissions.get_programme_for_books(request.user, pk)
    books = list(selectors.books_of(programme)[:5])
    return render(
        request,
        "documents/book.html",
        {
            "programme": programme,
            "book": books[0] if books else None,
            "older": books[1:],
            "final_count": selectors.final_risalah_for_book(programme).count(),
            "can_build": permissions.can_build_books(request.user, programme),
        },
    )


@login_required
@require_POST
def book_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = permissions.get_programme_for_books(request.user, pk, build=True)
    services.programme_book_request(actor=request.user, programme=programme)
    messages.success(
        request, _("Buku risalah sedang disusun. Halaman ini menampilkan kemajuannya.")
    )
    return redirect("documents:book", pk=programme.pk)


def _book(request: AuthenticatedHttpRequest, pk: int, book_pk: int) -> ProgrammeBook:
    programme = permissions.get_programme_for_books(request.user, pk)
    return get_object_or_404(ProgrammeBook, pk=book_pk, programme=programme)


@login_required
def book_status(request: AuthenticatedHttpRequest, pk: int, book_pk: int) -> HttpResponse:
    """The progress partial the page polls (htmx) while the book is being built."""
    book = _book(request, pk, book_pk)
    return render(
        request, "documents/_book_status.html", {"book": book, "programme": book.programme}
    )


@login_required
def book_download(request: AuthenticatedHttpRequest, pk: int, book_pk: int) -> FileResponse:
    book = _book(request, pk, book_pk)
    if book.status != ProgrammeBook.Status.DONE or not book.file:
        raise Http404
    name = download_filename(
        f"{_('Buku Risalah')} {book.programme.name} {book.programme.year}", "pdf"
    )
    response = FileResponse(
        book.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )
    return _attachment(response, book.sha256)
