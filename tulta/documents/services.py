"""The only code that writes documents: submitting a risalah as final with its frozen files,
and programme books.

Reading the risalah goes through the builder (read-only); these services store what was
rendered, with an audit event for each stored file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tulta.accounts.models import User
from tulta.core import audit
from tulta.risalah import services as risalah_services
from tulta.risalah.models import Programme, Risalah

from .builder import filename_stem
from .export import book_pdf, render_document
from .models import DocumentFormat, FrozenDocument, ProgrammeBook

logger = logging.getLogger(__name__)
# A book still "running" after this long lost its worker; a new request may start another.
STALE_BOOK_AFTER = dt.timedelta(hours=1)
# Rendering is about 95% of a book's work; merging the files is the rest.
RENDER_SHARE = 95


@transaction.atomic
def risalah_submit_final(*, actor: User, risalah: Risalah) -> Risalah:
    """Submit ``risalah`` as final and freeze its PDF and DOCX, in one transaction.

    What judges read is exactly what was submitted: if rendering fails, the risalah stays a
    draft. The caller checks that ``actor`` may write the risalah. Writes what
    :func:`tulta.risalah.services.risalah_finalize` writes, plus one ``FrozenDocument`` and one
    audit event per file. Raises ValidationError when the risalah cannot become final.
    """
    risalah = risalah_services.risalah_finalize(actor=actor, risalah=risalah)
    freeze_risalah_documents(risalah=risalah, actor=actor)
    return risalah


@transaction.atomic
def freeze_risalah_documents(
    *, risalah: Risalah, actor: User | None = None
) -> dict[str, FrozenDocument]:
    """Render the final ``risalah`` to PDF and DOCX and keep both files for good.

    Called when the risalah becomes final (inside :func:`risalah_submit_final`), and
    lazily for a risalah finalised before documents were frozen. Idempotent: a format already
    frozen is never rendered or written again. Writes one ``FrozenDocument`` and one audit event
    per new file. Raises ValidationError when the risalah is not final.
    """
    # Locking the risalah row makes two simultaneous first downloads freeze one after the other.
    risalah = Risalah.objects.select_for_update().select_related("programme").get(pk=risalah.pk)
    if not risalah.is_final:
        raise ValidationError(_("Hanya risalah final yang dokumennya dibekukan."))
    existing = {d.format: d for d in FrozenDocument.objects.filter(risalah=risalah)}
    for fmt in DocumentFormat.values:
        if fmt in existing:
            continue
        data = render_document(risalah, fmt, draft=False)
        digest = hashlib.sha256(data).hexdigest()
        document = FrozenDocument(risalah=risalah, format=fmt, sha256=digest, size=len(data))
        document.file.save(
            f"{filename_stem(risalah, draft=False)[:80]}.{fmt}", ContentFile(data), save=False
        )
        document.save()
        audit.record(
            actor=actor,
            action="create",
            obj=document,
            government_id=risalah.programme.government_id,
            verb="document_frozen",
            changes={"format": [None, fmt], "sha256": [None, digest], "size": [None, len(data)]},
        )
        existing[fmt] = document
    return existing


@transaction.atomic
def programme_book_request(*, actor: User, programme: Programme) -> ProgrammeBook:
    """Ask for a new programme book; the task worker builds it after this transaction commits.

    While a book of the programme is still queued or running (and not stale), that book is
    returned instead of starting a second one. Writes the book row and an audit event.
    """
    Programme.objects.select_for_update().filter(pk=programme.pk).first()  # one request at a time
    active = ProgrammeBook.objects.filter(
        programme=programme,
        status__in=(ProgrammeBook.Status.QUEUED, ProgrammeBook.Status.RUNNING),
        created_at__gte=timezone.now() - STALE_BOOK_AFTER,
    ).first()
    if active is not None:
        return active
    book = ProgrammeBook.objects.create(programme=programme, requested_by=actor)
    audit.record(
        actor=actor,
        action="create",
        obj=book,
        government_id=programme.government_id,
        verb="programme_book_requested",
        changes={"program": [None, programme.name]},
    )
    from .tasks import build_programme_book

    transaction.on_commit(lambda: build_programme_book.enqueue(book.pk))
    return book


def _progress(book_id: int, done: int, total: int) -> None:
    # One UPDATE per risalah, outside any transaction, so the page's polling sees it at once.
    share = RENDER_SHARE * done // total if total else RENDER_SHARE
    ProgrammeBook.objects.filter(pk=book_id).update(done=done, total=total, progress=share)


def programme_book_build(*, book_id: int) -> ProgrammeBook:
    """Build the book (run by the task worker): collect every final risalah's PDF, merge them
    behind a cover and a table of contents, store the file with its checksum.

    Progress (``done``/``total``/``progress``) is written after each risalah. A failure is
    recorded on the book (``status=failed`` and ``error``) and logged, not raised. A book that
    is already done is returned unchanged.
    """
    book = ProgrammeBook.objects.select_related("programme", "programme__government").get(
        pk=book_id
    )
    if book.status == ProgrammeBook.Status.DONE:
        return book
    total = book.programme.risalah_set.filter(state=Risalah.State.FINAL).count()
    ProgrammeBook.objects.filter(pk=book.pk).update(
        status=ProgrammeBook.Status.RUNNING, total=total, done=0, progress=0, error=""
    )
    try:
        data = book_pdf(book.programme, on_progress=lambda d, t: _progress(book.pk, d, t))
    except Exception as exc:  # whatever went wrong, the page must say so instead of spinning
        logger.exception("Programme book %s failed", book.pk)
        ProgrammeBook.objects.filter(pk=book.pk).update(
            status=ProgrammeBook.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        book.refresh_from_db()
        return book
    book.refresh_from_db()
    name = f"{_('Buku Risalah')} {book.programme.name}"[:90]
    book.file.save(f"{name}.pdf", ContentFile(data), save=False)
    book.sha256 = hashlib.sha256(data).hexdigest()
    book.size = len(data)
    book.status = ProgrammeBook.Status.DONE
    book.progress = 100
    book.finished_at = timezone.now()
    book.save(update_fields=["file", "sha256", "size", "status", "progress", "finished_at"])
    return book
