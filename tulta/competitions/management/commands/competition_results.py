"""``python manage.py competition_results <id> --format xlsx|csv --output FILE``: every round's
ranking with per-criterion means, raw and normalised totals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from openpyxl import Workbook

from tulta.competitions.models import Competition, Entry
from tulta.competitions.selectors import round_result
from tulta.core.exports import workbook_bytes, write_csv


def result_rows(competition: Competition) -> list[list[Any]]:
    names = {
        e.pk: (e.team.name, e.team.unit.name)
        for e in Entry.objects.filter(competition=competition).select_related("team__unit")
    }
    rows: list[list[Any]] = []
    for rnd in competition.rounds.select_related("rubric"):
        criteria = list(rnd.rubric.criteria.all())
        rows.append(
            [
                "Babak",
                "Peringkat",
                "Kelompok",
                "Unit",
                *[c.name for c in criteria],
                "Nilai mentah",
                "Nilai ternormalisasi",
            ]
        )
        for r in round_result(rnd).entries:
            team, unit = names[r.entry]
            rows.append(
                [
                    rnd.name,
                    r.rank,
                    team,
                    unit,
                    *[round(r.criteria.get(c.code, 0.0), 2) for c in criteria],
                    round(r.raw, 2),
                    round(r.normalised, 2),
                ]
            )
    return rows


class Command(BaseCommand):
    help = "Ekspor hasil lomba ke XLSX atau CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("competition_id", type=int)
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        parser.add_argument("--output", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        competition = Competition.objects.filter(pk=options["competition_id"]).first()
        if competition is None:
            raise CommandError(f"Lomba {options['competition_id']} tidak ada.")
        rows = result_rows(competition)
        if options["format"] == "csv":
            with open(options["output"], "w", newline="", encoding="utf-8") as fh:
                write_csv(fh, rows)
        else:
            wb = Workbook()
            ws = wb.active
            assert ws is not None
            ws.title = "Hasil"
            for row in rows:
                ws.append(row)
            Path(options["output"]).write_bytes(workbook_bytes(wb))
        self.stdout.write(f"{len(rows)} baris ditulis ke {options['output']}")
