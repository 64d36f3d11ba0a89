"""Write a programme's recap (the whole government) as XLSX or PDF.

python manage.py programme_recap <programme id> --format xlsx|pdf --output FILE
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tulta.monitoring.recap import recap_build, recap_pdf, recap_xlsx
from tulta.risalah.models import Programme


class Command(BaseCommand):
    help = "Tulis rekap program (XLSX atau PDF) untuk seluruh pemda penyelenggara."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("programme", type=int, help="id program")
        parser.add_argument("--format", choices=["xlsx", "pdf"], default="xlsx")
        parser.add_argument("--output", required=True, help="berkas tujuan")

    def handle(self, *args: Any, **options: Any) -> None:
        programme = (
            Programme.objects.select_related("government", "method")
            .filter(pk=options["programme"])
            .first()
        )
        if programme is None:
            raise CommandError(f"Program {options['programme']} tidak ada.")
        recap = recap_build(programme)
        data = recap_xlsx(recap) if options["format"] == "xlsx" else recap_pdf(recap)
        output = Path(options["output"])
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Tidak dapat menulis {output}: {exc}") from exc
        self.stdout.write(
            f"Rekap {programme.name} ({recap.total.teams} kelompok) ditulis ke {output}"
        )
