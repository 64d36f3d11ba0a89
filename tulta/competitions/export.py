"""The competition results as people paste them into reports: a builder gathers each round's
ranking and each judge's card, the formatters write XLSX (per round a results sheet, per judge a
sheet of their scores, the rubric with its scale and weights) or CSV for Indonesian Excel.

Every file goes through :mod:`tulta.core.exports` (text never becomes a formula).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tulta.core.exports import csv_for_excel, print_setup, workbook_bytes
from tulta.core.formatting import angka

from .models import Assignment, Award, Competition, Criterion, Entry, Round, Score
from .selectors import round_result

HEADER_FILL = PatternFill("solid", fgColor="0B4F8A")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
SCORE_FORMAT = "0.00"
# Characters a sheet title may not hold.
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass
class ResultLine:
    rank: int | None  # None: the entry's cards are not complete, so it has no total
    team: str
    unit: str
    criteria: list[float | None]
    raw: float | None
    normalised: float | None
    award: str


@dataclass
class JudgeCard:
    judge: str
    team: str
    unit: str
    scores: list[Decimal | None]
    total: float | None
    counted: bool
    note: str


@dataclass
class RoundSheet:
    round: Round
    criteria: list[Criterion]
    lines: list[ResultLine]
    judges: dict[str, list[JudgeCard]] = field(default_factory=dict)

    @property
    def total_weight(self) -> Decimal:
        return sum((c.weight for c in self.criteria), Decimal(0))


def _weight(value: Decimal) -> str:
    return angka(float(value), 0 if value == value.to_integral() else 2)


def criterion_heading(c: Criterion) -> str:
    """A criterion's column title with its weight and scale: "Analisis penyebab (bobot 25;
    skala 0–10)"."""
    return _("%(name)s (bobot %(weight)s; skala %(low)s–%(high)s)") % {
        "name": c.name,
        "weight": _weight(c.weight),
        "low": c.min_score,
        "high": c.max_score,
    }


def results_build(competition: Competition) -> list[RoundSheet]:
    """Each round's ranking (ranked entries first, then those without a complete total), the
    awards of the competition, and every assigned judge's card."""
    entries = {
        e.pk: e for e in Entry.objects.filter(competition=competition).select_related("team__unit")
    }
    awards: dict[int, list[str]] = defaultdict(list)
    kinds = list(Award.Kind.values)
    # Juara I–III and Harapan before Favorit, whatever the database does with an empty rank.
    for award in sorted(
        Award.objects.filter(competition=competition), key=lambda a: kinds.index(a.kind)
    ):
        awards[award.entry_id].append(str(award.get_kind_display()))
    sheets = []
    for rnd in competition.rounds.select_related("rubric", "competition").order_by("number", "pk"):
        criteria = list(rnd.rubric.criteria.all())
        result = round_result(rnd)
        lines = [
            ResultLine(
                rank=r.rank,
                team=entries[r.entry].team.name,
                unit=entries[r.entry].team.unit.name,
                criteria=[r.criteria.get(c.code) for c in criteria],
                raw=r.raw,
                normalised=r.normalised,
                award=", ".join(awards.get(r.entry, [])),
            )
            for r in result.entries
        ]
        lines += [
            ResultLine(
                rank=None,
                team=entries[i.entry].team.name,
                unit=entries[i.entry].team.unit.name,
                criteria=[None] * len(criteria),
                raw=None,
                normalised=None,
                award=", ".join(awards.get(i.entry, [])),
            )
            for i in sorted(result.incomplete, key=lambda i: entries[i.entry].team.name)
        ]
        totals = {r.entry: r.judge_totals for r in result.entries}
        scores: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
        for judge_id, entry_id, criterion_id, value in Score.objects.filter(round=rnd).values_list(
            "judge_id", "entry_id", "criterion_id", "value"
        ):
            scores[(judge_id, entry_id)][criterion_id] = value
        judges: dict[str, list[JudgeCard]] = {}
        for a in (
            Assignment.objects.filter(round=rnd)
            .select_related("judge", "entry__team__unit")
            .order_by("judge__full_name", "judge_id", "entry__team__name")
        ):
            card = scores.get((a.judge_id, a.entry_id), {})
            note = ""
            if a.has_conflict:
                note = _("benturan kepentingan: %(why)s") % {"why": a.stop_reason}
                if a.counts:
                    note += " " + _("(tetap dihitung)")
            judges.setdefault(a.judge.full_name, []).append(
                JudgeCard(
                    judge=a.judge.full_name,
                    team=a.entry.team.name,
                    unit=a.entry.team.unit.name,
                    scores=[card.get(c.pk) for c in criteria],
                    total=totals.get(a.entry_id, {}).get(a.judge_id),
                    counted=a.counts,
                    note=note,
                )
            )
        sheets.append(RoundSheet(round=rnd, criteria=criteria, lines=lines, judges=judges))
    return sheets


# --- XLSX ------------------------------------------------------------------------------------


def _sheet_title(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet title (at most 31 characters, none of []:*?/\\)."""
    base = SHEET_FORBIDDEN.sub("-", wanted).strip("' ")[:31] or "Lembar"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _table_header(ws: Worksheet, row: int, columns: list[tuple[str, int]]) -> None:
    for index, (title, width) in enumerate(columns, 1):
        cell = ws.cell(row=row, column=index, value=title)
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, WRAP
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.row_dimensions[row].height = 48


def _intro(ws: Worksheet, lines: list[str]) -> int:
    """Title lines above a table; returns the header's row number."""
    for number, line in enumerate(lines, 1):
        cell = ws.cell(row=number, column=1, value=line)
        cell.font = Font(bold=number == 1, size=13 if number == 1 else 11)
    return len(lines) + 2


def _scale_line(sheet: RoundSheet) -> str:
    return _(
        "Skala dan bobot: tiap kriteria dinilai pada skalanya (lihat judul kolom); nilai mentah "
        "= Σ bobot × (nilai − terendah) ÷ (tertinggi − terendah), rata-rata para juri, paling "
        "tinggi %(total)s. Peringkat menurut %(decides)s."
    ) % {
        "total": _weight(sheet.total_weight),
        "decides": sheet.round.competition.get_decides_by_display(),
    }


def _results_sheet(ws: Worksheet, competition: Competition, sheet: RoundSheet) -> None:
    header_row = _intro(
        ws,
        [
            f"{competition.name} — {sheet.round.name}",
            competition.programme.government.official_name,
            _scale_line(sheet),
        ],
    )
    columns = [
        (_("Peringkat"), 10),
        (_("Kelompok"), 30),
        (_("Unit"), 32),
        *[(criterion_heading(c), 16) for c in sheet.criteria],
        (_("Nilai mentah (0–%(total)s)") % {"total": _weight(sheet.total_weight)}, 14),
        (_("Nilai ternormalisasi"), 14),
        (_("Penghargaan"), 18),
    ]
    _table_header(ws, header_row, columns)
    for line in sheet.lines:
        ws.append(
            [
                line.rank if line.rank is not None else _("belum lengkap"),
                line.team,
                line.unit,
                *[None if v is None else round(v, 2) for v in line.criteria],
                None if line.raw is None else round(line.raw, 2),
                None if line.normalised is None else round(line.normalised, 2),
                line.award,
            ]
        )
        for col in range(4, 4 + len(sheet.criteria) + 2):
            ws.cell(row=ws.max_row, column=col).number_format = SCORE_FORMAT
    ws.freeze_panes = f"D{header_row + 1}"
    last = get_column_letter(len(columns))
    if sheet.lines:
        ws.auto_filter.ref = f"A{header_row}:{last}{ws.max_row}"
    print_setup(ws, header_rows=f"{header_row}:{header_row}", title=competition.name)


def _judge_sheet(
    ws: Worksheet, competition: Competition, sheet: RoundSheet, judge: str, cards: list[JudgeCard]
) -> None:
    header_row = _intro(
        ws,
        [
            _("Lembar nilai juri: %(judge)s") % {"judge": judge},
            f"{competition.name} — {sheet.round.name}",
            _scale_line(sheet),
        ],
    )
    columns = [
        (_("Kelompok"), 30),
        (_("Unit"), 32),
        *[(criterion_heading(c), 16) for c in sheet.criteria],
        (_("Total juri ini (0–%(total)s)") % {"total": _weight(sheet.total_weight)}, 14),
        (_("Dihitung"), 10),
        (_("Keterangan"), 36),
    ]
    _table_header(ws, header_row, columns)
    for card in cards:
        ws.append(
            [
                card.team,
                card.unit,
                *[None if v is None else float(v) for v in card.scores],
                None if card.total is None else round(card.total, 2),
                _("ya") if card.counted else _("tidak"),
                card.note,
            ]
        )
        for col in range(3, 3 + len(sheet.criteria) + 1):
            ws.cell(row=ws.max_row, column=col).number_format = SCORE_FORMAT
    ws.freeze_panes = f"C{header_row + 1}"
    print_setup(ws, header_rows=f"{header_row}:{header_row}", title=competition.name)


def _rubric_sheet(ws: Worksheet, sheet: RoundSheet) -> None:
    header_row = _intro(ws, [_("Rubrik %(name)s") % {"name": sheet.round.rubric.name}])
    _table_header(
        ws,
        header_row,
        [
            (_("Babak"), 24),
            (_("Kriteria"), 40),
            (_("Bobot"), 10),
            (_("Nilai terendah"), 12),
            (_("Nilai tertinggi"), 12),
        ],
    )
    for c in sheet.criteria:
        ws.append([sheet.round.name, c.name, float(c.weight), c.min_score, c.max_score])
    ws.append([sheet.round.name, _("Jumlah bobot"), float(sheet.total_weight)])
    ws.cell(row=ws.max_row, column=2).font = Font(bold=True)
    ws.freeze_panes = f"A{header_row + 1}"


def results_xlsx(competition: Competition, sheets: list[RoundSheet] | None = None) -> bytes:
    """Per round a results sheet (rank, team, unit, mean per criterion with its weight and
    scale, totals, award; header frozen, widths set, printable) and a sheet per judge with
    their own scores; then each round's rubric."""
    sheets = results_build(competition) if sheets is None else sheets
    wb = Workbook()
    taken: set[str] = set()
    first = wb.active
    assert first is not None
    wb.remove(first)
    several = len(sheets) > 1
    for sheet in sheets:
        prefix = f"{sheet.round.number}. " if several else ""
        ws = wb.create_sheet(_sheet_title(prefix + _("Hasil"), taken))
        _results_sheet(ws, competition, sheet)
        for judge, cards in sheet.judges.items():
            title = _sheet_title(prefix + _("Juri %(name)s") % {"name": judge}, taken)
            _judge_sheet(wb.create_sheet(title), competition, sheet, judge, cards)
    for sheet in sheets:
        prefix = f"{sheet.round.number}. " if several else ""
        _rubric_sheet(wb.create_sheet(_sheet_title(prefix + _("Rubrik"), taken)), sheet)
    if not sheets:
        wb.create_sheet(_("Hasil")).append([_("Lomba ini belum mempunyai babak.")])
    wb.properties.title = competition.name
    wb.properties.creator = "TULTA"
    return workbook_bytes(wb)


# --- CSV -------------------------------------------------------------------------------------


def result_rows(
    competition: Competition, sheets: list[RoundSheet] | None = None
) -> list[list[Any]]:
    """Every round's ranking as rows (a header row per round), for the CSV."""
    sheets = results_build(competition) if sheets is None else sheets
    rows: list[list[Any]] = []
    for sheet in sheets:
        rows.append(
            [
                _("Babak"),
                _("Peringkat"),
                _("Kelompok"),
                _("Unit"),
                *[criterion_heading(c) for c in sheet.criteria],
                _("Nilai mentah"),
                _("Nilai ternormalisasi"),
                _("Penghargaan"),
            ]
        )
        for line in sheet.lines:
            rows.append(
                [
                    sheet.round.name,
                    line.rank if line.rank is not None else _("belum lengkap"),
                    line.team,
                    line.unit,
                    *[None if v is None else round(v, 2) for v in line.criteria],
                    None if line.raw is None else round(line.raw, 2),
                    None if line.normalised is None else round(line.normalised, 2),
                    line.award,
                ]
            )
    return rows


def results_csv(competition: Competition, sheets: list[RoundSheet] | None = None) -> bytes:
    """The rankings as a CSV Indonesian Excel opens into columns (semicolons, decimal commas,
    UTF-8 with a byte-order mark)."""
    return csv_for_excel(result_rows(competition, sheets))
