"""Background tasks of the documents app (Django's tasks API; ``manage.py db_worker`` runs
them in production)."""

from __future__ import annotations

from django_tasks import task

from . import books


@task()
def build_programme_book(book_id: int) -> str:
    """Build programme book ``book_id``; returns its final status."""
    return books.programme_book_build(book_id=book_id).status
