"""``manage.py programme_book <programme id> --output FILE``: every final risalah of a programme
in one PDF (cover, table of contents), built here and now, without the task worker."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tulta.documents.export import book_pdf
from tulta.risalah.models import Programme


class Command(BaseCommand):
    help = "Susun buku risalah (PDF) dari semua risalah final sebuah program."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("programme_id", type=int)
        parser.add_argument("--output", "-o", required=True, help="berkas PDF tujuan")

    def handle(self, *args: Any, **options: Any) -> None:
        programme = (
            Programme.objects.select_related("government")
            .filter(pk=options["programme_id"])
            .first()
        )
        if programme is None:
            raise CommandError(f"Program {options['programme_id']} tidak ada.")
        verbose = options["verbosity"] >= 1

        def progress(done: int, total: int) -> None:
            if verbose:
                self.stderr.write(f"\r{done}/{total} risalah", ending="")

        data = book_pdf(programme, on_progress=progress)
        if verbose:
            self.stderr.write("")
        target = Path(options["output"])
        try:
            target.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Tidak dapat menulis {target}: {exc}") from exc
        self.stdout.write(f"{target}  {len(data)} bita")
        self.stdout.write(f"SHA-256 {hashlib.sha256(data).hexdigest()}")
