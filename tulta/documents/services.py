"""The only code that writes documents: submitting a risalah as final with its frozen files,
and requests for programme books (built in ``books``).

Reading the risalah goes through the builder (read-only); these services store what was
rendered, with an audit event for each stored file.
"""

from __future__ import annotations

import datetime as dt
import hashlib

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
from .export import render_document
from .models import DocumentFormat, FrozenDocument, ProgrammeBook
from .tasks import build_programme_book

# A book still "running" after this long lost its worker; a new request may start another.
STALE_BOOK_AFTER = dt.timedelta(hours=1)


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
    transaction.on_commit(lambda: build_programme_book.enqueue(book.pk))
    return book
