"""Building a programme book (run by the task worker, ``tasks.build_programme_book``): every
final risalah's PDF merged behind a cover and a table of contents, stored with its checksum.

Requesting a book is a service (``services.programme_book_request``), which enqueues the task
that calls :func:`programme_book_build`; the builder lives apart from the services so that the
task and the request do not import each other.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from tulta.risalah.models import Risalah

from .export import book_pdf
from .models import ProgrammeBook

logger = logging.getLogger(__name__)
# Rendering is about 95% of a book's work; merging the files is the rest.
RENDER_SHARE = 95


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
