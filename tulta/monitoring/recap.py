"""The programme recap: a builder gathers the figures, formatters write XLSX and PDF.

The builder reads only through :mod:`tulta.monitoring.selectors` (so the recap shows exactly
what the dashboard shows, for the same scope); the formatters only format.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from tulta.core.exports import formula, print_setup, workbook_bytes
from tulta.core.formatting import tanggal
from tulta.organizations.models import Government, Unit
from tulta.risalah.models import Programme

from .selectors import (
    FINAL,
    STATE_LABELS,
    STATES,
    Filters,
    KindFigures,
    Progress,
    TeamRow,
    UnitRow,
    dashboard,
    programme_progress,
)
from .tablepdf import Cell, Style, Table, tables_pdf

# Sheet titles may not contain "/" and hold at most 31 characters, so not the kinds' labels.
SHEET_NAMES: dict[str, Any] = {
    Unit.Kind.OPD.value: gettext_lazy("OPD"),
    Unit.Kind.KECAMATAN.value: gettext_lazy("Kecamatan"),
    Unit.Kind.KELURAHAN.value: gettext_lazy("Kelurahan dan desa"),
    Unit.Kind.UPT.value: gettext_lazy("UPT"),
}


@dataclass
class RecapSheet:
    kind: str
    name: str
    figures: KindFigures
    rows: list[TeamRow]


@dataclass
class Recap:
    government: Government
    programme: Programme
    generated_on: dt.date
    progress: Progress
    kinds: list[KindFigures]
    total: KindFigures
    sheets: list[RecapSheet]
    units_without_team: list[UnitRow]
    scope_label: str

    @property
    def title(self) -> str:
        return _("Rekap %(programme)s") % {"programme": self.programme.name}

    def step_label(self, row: TeamRow) -> str:
        if row.state in ("not_started", "final"):
            return "—"
        if row.current_step is None:
            return _("semua langkah disetujui")
        return f"{row.current_step}. {self.progress.step_title(row.current_step)}"

    def late_label(self, row: TeamRow) -> str:
        return ", ".join(str(s.number) for s in row.late)


def recap_build(
    programme: Programme,
    *,
    unit_ids: frozenset[int] | None = None,
    today: dt.date | None = None,
    scope_label: str = "",
) -> Recap:
    progress = programme_progress(programme, unit_ids=unit_ids, today=today)
    board = dashboard(progress, Filters())
    sheets = [
        RecapSheet(
            kind=k.kind,
            name=str(SHEET_NAMES[k.kind]),
            figures=k,
            rows=[r for r in board.rows if r.unit_kind == k.kind],
        )
        for k in board.kinds
    ]
    return Recap(
        government=programme.government,
        programme=programme,
        generated_on=progress.today,
        progress=progress,
        kinds=board.kinds,
        total=board.total,
        sheets=sheets,
        units_without_team=[u for u in progress.units if u.teams == 0],
        scope_label=scope_label,
    )


def recap_filename(recap: Recap, extension: str) -> str:
    return f"rekap-{recap.programme.year}-{recap.programme.pk}-{recap.generated_on}.{extension}"


# --- XLSX ---------------------------------------------------------------------------------

HEADER_FILL = PatternFill("solid", fgColor="0B4F8A")
HEADER_FONT = Font(bold=True, color="FFFFFF")
LATE_FONT = Font(bold=True, color="A11D1D")
WRAP = Alignment(wrap_text=True, vertical="top")


def _team_columns() -> list[tuple[str, int]]:
    return [
        (_("No."), 6),
        (_("Kelompok"), 30),
        (_("Unit"), 32),
        (_("Ketua"), 26),
        (_("Status"), 20),
        (_("Langkah sekarang"), 34),
        (_("Langkah disetujui"), 11),
        (_("Langkah terlambat"), 12),
        (_("Hari terlambat"), 11),
        (_("Pendamping"), 26),
        (_("Tema risalah"), 44),
    ]


def _header(ws: Any, columns: list[tuple[str, int]]) -> None:
    """Row 1 holds the column titles, styled, and stays in view when scrolling."""
    ws.append([title for title, _width in columns])
    for index, (_title, width) in enumerate(columns, 1):
        cell = ws.cell(row=1, column=index)
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, WRAP
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"


def recap_xlsx(recap: Recap) -> bytes:
    """One summary sheet, one sheet per unit kind (header frozen, filterable), and the units
    without a team; every sheet set up for printing (A4 landscape, one page wide, the header row
    on every page). The summary's total row and its "% final" column are formulas, so a figure
    corrected by hand in Excel carries into the total."""
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = _("Ringkasan")
    summary_columns = [
        (_("Jenis unit"), 26),
        (_("Unit"), 9),
        (_("Unit tanpa kelompok"), 12),
        (_("Kelompok"), 11),
        *[(str(label), 13) for label in _state_labels()],
        (_("% final"), 10),
        (_("Kelompok terlambat"), 12),
        (_("Langkah terlambat"), 12),
        (_("Terlambat terlama (hari)"), 13),
    ]
    _header(summary, summary_columns)
    teams_col = get_column_letter(4)
    final_col = get_column_letter(5 + STATES.index(FINAL))
    share_index = 5 + len(STATES)
    first = summary.max_row + 1
    for k in recap.kinds:
        summary.append(
            [
                k.label,
                k.units,
                k.units_without_team,
                k.teams,
                *[k.states[s] for s in STATES],
                None,
                k.late_teams,
                k.late_steps,
                k.max_days_late,
            ]
        )
    last = summary.max_row
    total_row = last + 1
    summary.cell(row=total_row, column=1, value=recap.total.label)
    for index in range(2, len(summary_columns) + 1):
        if index == share_index:
            continue
        letter = get_column_letter(index)
        function = "MAX" if index == len(summary_columns) else "SUM"
        text = f"={function}({letter}{first}:{letter}{last})" if last >= first else "=0"
        formula(summary, f"{letter}{total_row}", text)
    for n in range(first, total_row + 1):
        formula(
            summary,
            f"{get_column_letter(share_index)}{n}",
            f"=IF({teams_col}{n}>0,{final_col}{n}/{teams_col}{n},0)",
            number_format="0.0%",
        )
    for cell in summary[total_row]:
        cell.font = Font(bold=True)
    summary.append([])
    for line in (
        recap.government.official_name,
        recap.title,
        recap.scope_label,
        _("Keadaan per %(date)s") % {"date": tanggal(recap.generated_on)},
    ):
        if line:
            summary.append([line])

    columns = _team_columns()
    for sheet in recap.sheets:
        ws = wb.create_sheet(sheet.name[:31])
        _header(ws, columns)
        for number, row in enumerate(sheet.rows, 1):
            ws.append(
                [
                    number,
                    row.team_name,
                    row.unit_name,
                    row.chair_name,
                    row.state_label,
                    recap.step_label(row),
                    row.approved,
                    recap.late_label(row),
                    row.days_late or None,
                    row.mentor_name,
                    row.tema,
                ]
            )
            if row.days_late:
                ws.cell(row=ws.max_row, column=9).font = LATE_FONT
        if sheet.rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{ws.max_row}"

    ws = wb.create_sheet(_("Unit tanpa kelompok"))
    _header(ws, [(_("No."), 6), (_("Unit"), 40), (_("Jenis unit"), 26)])
    labels = dict(Unit.Kind.choices)
    for number, unit in enumerate(recap.units_without_team, 1):
        ws.append([number, unit.name, str(labels.get(unit.kind, unit.kind))])

    page_title = f"{recap.government.official_name} — {recap.title}"
    for ws in wb.worksheets:
        print_setup(ws, header_rows="1:1", title=page_title)
    wb.properties.title = recap.title
    wb.properties.creator = "TULTA"
    wb.properties.subject = recap.government.official_name
    return workbook_bytes(wb)


def _state_labels() -> list[str]:
    return [str(STATE_LABELS[s]) for s in STATES]


# --- PDF ----------------------------------------------------------------------------------


def recap_pdf(recap: Recap) -> bytes:
    """A printable A4 landscape recap with the government's letterhead and the date.

    WeasyPrint draws the first pages (letterhead, logo, the summary per unit kind, the units
    without a team); the team lists, one per unit kind, are drawn by
    :func:`tulta.monitoring.tablepdf.tables_pdf`, which is some hundred times quicker for long
    plain tables (600 teams: 10 s before, well under 2 s now); pypdf puts them together.
    """
    from pypdf import PdfWriter
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    logo = ""
    if recap.government.logo:
        try:
            logo = Path(recap.government.logo.path).as_uri()
        except (ValueError, NotImplementedError):
            logo = ""
    html = render_to_string(
        "monitoring/recap_pdf.html",
        {
            "recap": recap,
            "state_labels": _state_labels(),
            "states": STATES,
            "logo": logo,
            "printed_at": timezone.localtime(),
        },
    )
    front = HTML(string=html, base_url="/").render()
    tables = [
        Table(
            title=ngettext("%(sheet)s — %(n)s kelompok", "%(sheet)s — %(n)s kelompok", len(s.rows))
            % {"sheet": s.name, "n": len(s.rows)},
            columns=_team_pdf_columns(),
            rows=[
                [
                    Cell(str(number), right=True),
                    Cell(r.team_name),
                    Cell(r.unit_name),
                    Cell(r.chair_name or "—"),
                    Cell(str(r.state_label)),
                    Cell(recap.step_label(r)),
                    Cell(str(r.approved), right=True),
                    Cell(recap.late_label(r) or "—"),
                    Cell(
                        str(r.days_late) if r.days_late else "—", right=True, late=bool(r.days_late)
                    ),
                    Cell(r.mentor_name or "—"),
                ]
                for number, r in enumerate(s.rows, start=1)
            ],
        )
        for s in recap.sheets
        if s.rows
    ]
    writer = PdfWriter()
    writer.append(io.BytesIO(front.write_pdf()))
    if tables:
        style = Style(page_label=_("Halaman"))
        writer.append(
            io.BytesIO(tables_pdf(tables, first_page_number=len(front.pages) + 1, style=style))
        )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _team_pdf_columns() -> list[tuple[str, float, bool]]:
    """The team list's columns: label, share of the page width, right-aligned."""
    return [
        (_("No."), 0.04, True),
        (_("Kelompok"), 0.13, False),
        (_("Unit"), 0.14, False),
        (_("Ketua"), 0.12, False),
        (_("Status"), 0.10, False),
        (_("Langkah sekarang"), 0.17, False),
        (_("Disetujui"), 0.07, True),
        (_("Terlambat (langkah)"), 0.08, False),
        (_("Hari"), 0.05, True),
        (_("Pendamping"), 0.10, False),
    ]
