"""``python manage.py competition_results <id> --format xlsx|csv --output FILE``: every round's
ranking with per-criterion means (with their weights and scales), raw and normalised totals and
awards; the XLSX adds a sheet per judge and the rubrics (see ``tulta.competitions.export``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tulta.competitions import export
from tulta.competitions.models import Competition


class Command(BaseCommand):
    help = "Ekspor hasil lomba ke XLSX atau CSV (untuk Excel berbahasa Indonesia)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("competition_id", type=int)
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        parser.add_argument("--output", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        competition = Competition.objects.filter(pk=options["competition_id"]).first()
        if competition is None:
            raise CommandError(f"Lomba {options['competition_id']} tidak ada.")
        sheets = export.results_build(competition)
        if options["format"] == "csv":
            body = export.results_csv(competition, sheets)
        else:
            body = export.results_xlsx(competition, sheets)
        Path(options["output"]).write_bytes(body)
        lines = sum(len(s.lines) for s in sheets)
        self.stdout.write(f"{lines} baris hasil ditulis ke {options['output']}")
