"""Reads of the documents app: frozen files, final risalah for the programme book, books."""

from __future__ import annotations

from django.db.models import QuerySet

from tulta.risalah.models import Programme, Risalah

from .models import FrozenDocument, ProgrammeBook


def frozen_documents(risalah: Risalah) -> dict[str, FrozenDocument]:
    """The final risalah's frozen files by format (empty while it is a draft)."""
    return {d.format: d for d in FrozenDocument.objects.filter(risalah=risalah)}


def final_risalah_for_book(programme: Programme) -> QuerySet[Risalah]:
    """Every final risalah of the programme in book order: by unit, then group."""
    return (
        Risalah.objects.filter(programme=programme, state=Risalah.State.FINAL)
        .select_related("team", "team__unit")
        .order_by("team__unit__name", "team__name", "pk")
    )


def books_of(programme: Programme) -> QuerySet[ProgrammeBook]:
    """The programme's books, newest first."""
    return ProgrammeBook.objects.filter(programme=programme).select_related("requested_by")
