"""Reads for the programme dashboard, its drill-down lists and the recap exports.

:func:`programme_progress` loads a programme's teams, risalah, steps, deadlines, mentors and
chairs in a fixed number of queries (nine, whatever the number of teams) and works out each
team's state in Python; everything else here only counts and filters its rows. Callers pass the
viewer's scope (``unit_ids``: ``None`` for the whole government, or the units a unit head
leads) from ``permissions.dashboard_unit_ids``.

Definitions (issue #7):

- a team *participates* when it is active and its unit takes part (``Programme.units`` empty
  means every unit of the government);
- *not started*: a participating team with no risalah in the programme;
- the *current step* of a risalah is its first step not approved; a risalah is *returned* when a
  step is returned, *waiting* (for review) when a step is submitted, otherwise *in progress*;
  *final* once finalised;
- a step is *late* when its deadline has passed and it is not approved (a team that has not
  started is late on every step whose deadline has passed); days late = today − deadline.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tulta.mentoring.models import MentorAssignment
from tulta.organizations.models import Membership, Team, Unit
from tulta.risalah.models import Programme, Risalah, RisalahStep

from . import charts

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
WAITING = "waiting"
RETURNED = "returned"
FINAL = "final"
STATES = (NOT_STARTED, IN_PROGRESS, WAITING, RETURNED, FINAL)
STATE_LABELS = {
    NOT_STARTED: _("belum memulai"),
    IN_PROGRESS: _("sedang disusun"),
    WAITING: _("menunggu tinjauan"),
    RETURNED: _("dikembalikan"),
    FINAL: _("final"),
}
STATE_SLUGS = {
    NOT_STARTED: "belum-mulai",
    IN_PROGRESS: "disusun",
    WAITING: "menunggu-tinjauan",
    RETURNED: "dikembalikan",
    FINAL: "final",
}
SLUG_STATES = {slug: state for state, slug in STATE_SLUGS.items()}
KIND_SHORT = {
    Unit.Kind.OPD.value: _("OPD"),
    Unit.Kind.KECAMATAN.value: _("Kecamatan"),
    Unit.Kind.KELURAHAN.value: _("Kelurahan"),
    Unit.Kind.UPT.value: _("UPT"),
}


@dataclass(frozen=True)
class LateStep:
    number: int
    due_on: dt.date
    days: int


@dataclass
class TeamRow:
    team_id: int
    team_name: str
    unit_id: int
    unit_name: str
    unit_kind: str
    risalah_id: int | None = None
    tema: str = ""
    state: str = NOT_STARTED
    current_step: int | None = None
    approved: int = 0
    approved_steps: set[int] = field(default_factory=set)
    late: list[LateStep] = field(default_factory=list)
    has_returned: bool = False
    waiting_steps: int = 0  # steps submitted, waiting for review
    mentor_id: int | None = None
    mentor_name: str = ""
    chair_name: str = ""
    chair_phone: str = ""

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def state_slug(self) -> str:
        return STATE_SLUGS[self.state]

    @property
    def days_late(self) -> int:
        return max((s.days for s in self.late), default=0)

    @property
    def is_lagging(self) -> bool:
        """Needs a mentor's help: not started, or a step late or returned."""
        return self.state == NOT_STARTED or bool(self.late) or self.has_returned

    @property
    def first_late(self) -> LateStep | None:
        return self.late[0] if self.late else None


@dataclass(frozen=True)
class UnitRow:
    pk: int
    name: str
    kind: str
    teams: int


@dataclass
class Progress:
    programme: Programme
    today: dt.date
    steps: list[tuple[int, str]]
    deadlines: dict[int, dt.date]
    units: list[UnitRow]
    rows: list[TeamRow]
    approvals: dict[tuple[int, int], dt.date]  # (team_id, step number) -> approval date

    def step_title(self, number: int | None) -> str:
        return next((title for n, title in self.steps if n == number), "")


def participating_unit_ids(programme: Programme) -> list[int]:
    """The units that take part; an empty list means every unit of the government."""
    return list(programme.units.values_list("pk", flat=True))


def programme_progress(
    programme: Programme,
    *,
    unit_ids: Iterable[int] | None = None,
    today: dt.date | None = None,
) -> Progress:
    """Every participating team of ``programme`` within ``unit_ids`` (``None``: the whole
    government) with its state, current step, late steps, mentor and chair; nine queries."""
    today = today or timezone.localdate()
    scope = None if unit_ids is None else set(unit_ids)
    participating = participating_unit_ids(programme)

    units_qs = Unit.objects.filter(government_id=programme.government_id)
    if participating:
        units_qs = units_qs.filter(pk__in=participating)
    if scope is not None:
        units_qs = units_qs.filter(pk__in=scope)
    unit_info = {
        pk: (name, kind)
        for pk, name, kind in units_qs.order_by("kind", "name").values_list("pk", "name", "kind")
    }

    teams_qs = Team.objects.filter(unit__government_id=programme.government_id, is_active=True)
    if participating:
        teams_qs = teams_qs.filter(unit_id__in=participating)
    if scope is not None:
        teams_qs = teams_qs.filter(unit_id__in=scope)
    rows: dict[int, TeamRow] = {}
    team_count: dict[int, int] = defaultdict(int)
    for pk, name, unit_id in teams_qs.values_list("pk", "name", "unit_id"):
        if unit_id not in unit_info:
            continue
        unit_name, kind = unit_info[unit_id]
        rows[pk] = TeamRow(
            team_id=pk, team_name=name, unit_id=unit_id, unit_name=unit_name, unit_kind=kind
        )
        team_count[unit_id] += 1

    steps = list(programme.method.steps.order_by("number").values_list("number", "title"))
    numbers = [n for n, _ in steps]
    deadlines = dict(programme.deadlines.values_list("step_number", "due_on"))

    risalah_qs = Risalah.objects.filter(programme=programme)
    step_qs = RisalahStep.objects.filter(risalah__programme=programme)
    if scope is not None:
        risalah_qs = risalah_qs.filter(team__unit_id__in=scope)
        step_qs = step_qs.filter(risalah__team__unit_id__in=scope)
    by_risalah: dict[int, TeamRow] = {}
    for pk, team_id, state, tema, mentor_id, mentor_name in risalah_qs.values_list(
        "pk", "team_id", "state", "tema", "mentor_id", "mentor__full_name"
    ):
        row = rows.get(team_id)
        if row is None:
            continue
        row.risalah_id, row.tema = pk, tema
        row.mentor_id, row.mentor_name = mentor_id, mentor_name or ""
        row.state = FINAL if state == Risalah.State.FINAL else IN_PROGRESS
        by_risalah[pk] = row

    step_states: dict[int, dict[int, str]] = defaultdict(dict)
    approvals: dict[tuple[int, int], dt.date] = {}
    # No ORDER BY: the default one (by risalah, hence by its created_at) joins and sorts every
    # step of the programme for nothing.
    for risalah_id, number, state, reviewed_at in step_qs.values_list(
        "risalah_id", "number", "state", "reviewed_at"
    ).order_by():
        row = by_risalah.get(risalah_id)
        if row is None:
            continue
        step_states[risalah_id][number] = state
        if state == RisalahStep.State.APPROVED:
            row.approved_steps.add(number)
            approvals[(row.team_id, number)] = (
                timezone.localdate(reviewed_at) if reviewed_at else today
            )

    for team_id, mentor_id, mentor_name in MentorAssignment.objects.filter(
        programme=programme, active=True
    ).values_list("team_id", "mentor_id", "mentor__full_name"):
        row = rows.get(team_id)
        if row is not None:
            row.mentor_id, row.mentor_name = mentor_id, mentor_name

    chairs = Membership.objects.filter(
        role=Membership.Role.KETUA, team__unit__government_id=programme.government_id
    )
    if scope is not None:
        chairs = chairs.filter(team__unit_id__in=scope)
    for team_id, chair_name, phone in chairs.values_list(
        "team_id", "user__full_name", "user__phone"
    ):
        row = rows.get(team_id)
        if row is not None:
            row.chair_name, row.chair_phone = chair_name, phone

    for row in rows.values():
        states = step_states.get(row.risalah_id or 0, {})
        row.approved = len(row.approved_steps)
        if row.risalah_id is not None and row.state != FINAL:
            pending = [n for n in numbers if states.get(n) != RisalahStep.State.APPROVED]
            row.current_step = pending[0] if pending else None
            row.has_returned = RisalahStep.State.RETURNED in states.values()
            row.waiting_steps = sum(1 for s in states.values() if s == RisalahStep.State.SUBMITTED)
            if row.has_returned:
                row.state = RETURNED
            elif RisalahStep.State.SUBMITTED in states.values():
                row.state = WAITING
        if row.state != FINAL:
            row.late = [
                LateStep(number=n, due_on=deadlines[n], days=(today - deadlines[n]).days)
                for n in numbers
                if n in deadlines and deadlines[n] < today and n not in row.approved_steps
            ]

    units = [
        UnitRow(pk=pk, name=name, kind=kind, teams=team_count.get(pk, 0))
        for pk, (name, kind) in unit_info.items()
    ]
    ordered = sorted(rows.values(), key=lambda r: (r.unit_name, r.team_name, r.team_id))
    return Progress(
        programme=programme,
        today=today,
        steps=steps,
        deadlines=deadlines,
        units=units,
        rows=ordered,
        approvals=approvals,
    )


# --- filters ------------------------------------------------------------------------------


def lagging_rows(progress: Progress) -> list[TeamRow]:
    """Teams that need a mentor: no risalah, a late step or a returned step, and no active
    mentor (in the order of the dashboard: unit, then team)."""
    return [row for row in progress.rows if row.is_lagging and row.mentor_id is None]


def lagging_team_ids(programme: Programme) -> list[int]:
    """The ids of :func:`lagging_rows` of the programme, for the bulk mentor assignment."""
    return [row.team_id for row in lagging_rows(programme_progress(programme))]


@dataclass(frozen=True)
class Filters:
    """The dashboard's and drill-down's filters, read from the query string."""

    kind: str = ""
    state: str = ""
    step: int | None = None
    late: int | None = None  # 0: any late step; n: late on step n; None: no filter
    lagging: bool = False
    without_mentor: bool = False
    unit_id: int | None = None
    approved: int | None = None  # step n approved
    started: bool = False

    @classmethod
    def from_query(cls, query: Any, step_numbers: Sequence[int]) -> Filters:
        kind = query.get("jenis", "")
        state = SLUG_STATES.get(query.get("status", ""), "")
        step = _int(query.get("langkah", ""))
        late_text = query.get("terlambat", "")
        late = 0 if late_text == "ya" else _int(late_text)
        approved = _int(query.get("disetujui", ""))
        return cls(
            kind=kind if kind in Unit.Kind.values else "",
            state=state,
            step=step if step in step_numbers else None,
            late=late if late == 0 or late in step_numbers else None,
            lagging=query.get("tertinggal", "") == "ya",
            without_mentor=query.get("pendamping", "") == "belum",
            unit_id=_int(query.get("unit", "")),
            approved=approved if approved in step_numbers else None,
            started=query.get("mulai", "") == "ya",
        )

    def query(self, **override: Any) -> str:
        """The query string of these filters with ``override`` applied (``None`` drops one)."""
        values: dict[str, Any] = {
            "jenis": self.kind,
            "status": STATE_SLUGS.get(self.state, ""),
            "langkah": self.step,
            "terlambat": "ya" if self.late == 0 else self.late,
            "tertinggal": "ya" if self.lagging else "",
            "pendamping": "belum" if self.without_mentor else "",
            "unit": self.unit_id,
            "disetujui": self.approved,
            "mulai": "ya" if self.started else "",
        }
        values.update(override)
        return urlencode({k: v for k, v in values.items() if v not in (None, "")})

    @property
    def active(self) -> bool:
        return any(
            (
                self.kind,
                self.state,
                self.step,
                self.late is not None,
                self.lagging,
                self.without_mentor,
                self.unit_id,
                self.approved,
                self.started,
            )
        )


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def filter_rows(rows: Iterable[TeamRow], filters: Filters) -> list[TeamRow]:
    result = []
    for row in rows:
        if filters.kind and row.unit_kind != filters.kind:
            continue
        if filters.state and row.state != filters.state:
            continue
        if filters.step is not None and (
            row.current_step != filters.step or row.state in (NOT_STARTED, FINAL)
        ):
            continue
        if filters.late == 0 and not row.late:
            continue
        if filters.late and all(s.number != filters.late for s in row.late):
            continue
        if filters.lagging and not row.is_lagging:
            continue
        if filters.without_mentor and row.mentor_id is not None:
            continue
        if filters.unit_id and row.unit_id != filters.unit_id:
            continue
        if filters.approved is not None and filters.approved not in row.approved_steps:
            continue
        if filters.started and row.state == NOT_STARTED:
            continue
        result.append(row)
    return result


def units_without_team(progress: Progress, kind: str = "") -> list[UnitRow]:
    return [u for u in progress.units if u.teams == 0 and (not kind or u.kind == kind)]


# --- figures ------------------------------------------------------------------------------


@dataclass
class KindFigures:
    kind: str
    label: str
    units: int = 0
    units_without_team: int = 0
    teams: int = 0
    states: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    steps: dict[int, int] = field(default_factory=dict)
    ready: int = 0  # every step approved, not yet final
    late_teams: int = 0
    late_steps: int = 0
    days_late_total: int = 0
    max_days_late: int = 0

    @property
    def short_label(self) -> str:
        return str(KIND_SHORT.get(self.kind, self.label))

    @property
    def started(self) -> int:
        return self.teams - self.states[NOT_STARTED]

    @property
    def average_days_late(self) -> float | None:
        return self.days_late_total / self.late_steps if self.late_steps else None

    @property
    def final_pct(self) -> float | None:
        return 100 * self.states[FINAL] / self.teams if self.teams else None

    def add(self, row: TeamRow) -> None:
        self.teams += 1
        self.states[row.state] += 1
        if row.state in (IN_PROGRESS, WAITING, RETURNED):
            if row.current_step is None:
                self.ready += 1
            else:
                self.steps[row.current_step] = self.steps.get(row.current_step, 0) + 1
        if row.late:
            self.late_teams += 1
            self.late_steps += len(row.late)
            self.days_late_total += sum(s.days for s in row.late)
            self.max_days_late = max(self.max_days_late, row.days_late)


@dataclass(frozen=True)
class FunnelStage:
    label: str
    count: int
    pct: float
    query: str


@dataclass(frozen=True)
class StepLateness:
    number: int
    title: str
    due_on: dt.date
    late_teams: int
    average_days: float | None
    max_days: int
    passed: bool


@dataclass(frozen=True)
class StepTableRow:
    number: int
    title: str
    by_kind: list[tuple[str, int]]  # (unit kind, teams whose current step this is)
    total: int
    lateness: StepLateness | None


BAR_WIDTH = 420  # pixels of the bar area in the progress chart's 600-wide viewBox
BAR_ROW = 34


@dataclass
class Dashboard:
    progress: Progress
    filters: Filters
    rows: list[TeamRow]
    kinds: list[KindFigures]
    total: KindFigures
    funnel: list[FunnelStage]
    lateness: list[StepLateness]
    timeline: list[tuple[dt.date, int]]
    progress_bars: list[charts.StackedBar]
    line: charts.LineChart
    step_table: list[StepTableRow]

    @property
    def bars_height(self) -> int:
        return len(self.progress_bars) * BAR_ROW + 4


def _kind_figures(
    progress: Progress, rows: Sequence[TeamRow], kind_filter: str
) -> tuple[list[KindFigures], KindFigures]:
    kinds = [
        KindFigures(kind=k, label=str(label))
        for k, label in Unit.Kind.choices
        if not kind_filter or k == kind_filter
    ]
    by_kind = {k.kind: k for k in kinds}
    for unit in progress.units:
        figures = by_kind.get(unit.kind)
        if figures is not None:
            figures.units += 1
            figures.units_without_team += unit.teams == 0
    for row in rows:
        by_kind[row.unit_kind].add(row)
    total = KindFigures(kind="", label=str(_("Jumlah")))
    for k in kinds:
        total.units += k.units
        total.units_without_team += k.units_without_team
        total.teams += k.teams
        for state in STATES:
            total.states[state] += k.states[state]
        for number, count in k.steps.items():
            total.steps[number] = total.steps.get(number, 0) + count
        total.ready += k.ready
        total.late_teams += k.late_teams
        total.late_steps += k.late_steps
        total.days_late_total += k.days_late_total
        total.max_days_late = max(total.max_days_late, k.max_days_late)
    return kinds, total


def _funnel(progress: Progress, rows: Sequence[TeamRow], filters: Filters) -> list[FunnelStage]:
    n = len(rows)

    def stage(label: str, count: int, **override: Any) -> FunnelStage:
        return FunnelStage(
            label=label,
            count=count,
            pct=100 * count / n if n else 0.0,
            query=filters.query(**override),
        )

    stages = [
        stage(str(_("Kelompok peserta")), n),
        stage(
            str(_("Memulai risalah")),
            sum(1 for r in rows if r.state != NOT_STARTED),
            mulai="ya",
        ),
    ]
    for number, _title in progress.steps:
        stages.append(
            stage(
                str(_("Langkah %(n)d disetujui") % {"n": number}),
                sum(1 for r in rows if number in r.approved_steps),
                disetujui=number,
            )
        )
    stages.append(
        stage(
            str(_("Risalah final")),
            sum(1 for r in rows if r.state == FINAL),
            status=STATE_SLUGS[FINAL],
        )
    )
    return stages


def _lateness(progress: Progress, rows: Sequence[TeamRow]) -> list[StepLateness]:
    result = []
    for number, title in progress.steps:
        due = progress.deadlines.get(number)
        if due is None:
            continue
        days = [s.days for r in rows for s in r.late if s.number == number]
        result.append(
            StepLateness(
                number=number,
                title=title,
                due_on=due,
                late_teams=len(days),
                average_days=sum(days) / len(days) if days else None,
                max_days=max(days, default=0),
                passed=due < progress.today,
            )
        )
    return result


def lateness_over_time(progress: Progress, rows: Sequence[TeamRow]) -> list[tuple[dt.date, int]]:
    """Late steps of ``rows`` at the end of each week from the programme's start to today.

    An approved step stays approved, so the lateness of any past day follows from today's data:
    step *n* of a team was late on day *d* when its deadline was before *d* and it had not been
    approved by *d*. (Teams count from the start; a team formed later counts as late before.)
    """
    start = progress.programme.starts_on
    end = min(progress.today, progress.programme.ends_on)
    if end < start:
        return []
    team_ids = {r.team_id for r in rows}
    approved_by_step: dict[int, list[dt.date]] = defaultdict(list)
    for (team_id, number), day in progress.approvals.items():
        if team_id in team_ids:
            approved_by_step[number].append(day)
    for days in approved_by_step.values():
        days.sort()
    n = len(team_ids)
    points = []
    day = start
    while True:
        late = 0
        for number, due in progress.deadlines.items():
            if due < day:
                late += n - bisect.bisect_right(approved_by_step.get(number, []), day)
        points.append((day, late))
        if day >= end:
            break
        day = min(day + dt.timedelta(days=7), end)
    return points


def dashboard(progress: Progress, filters: Filters) -> Dashboard:
    """Every figure of the dashboard for the rows that pass ``filters``."""
    rows = filter_rows(progress.rows, filters)
    kinds, total = _kind_figures(progress, rows, filters.kind)
    timeline = lateness_over_time(progress, rows)
    lateness = {item.number: item for item in _lateness(progress, rows)}
    step_table = [
        StepTableRow(
            number=number,
            title=title,
            by_kind=[(k.kind, k.steps.get(number, 0)) for k in kinds],
            total=total.steps.get(number, 0),
            lateness=lateness.get(number),
        )
        for number, title in progress.steps
    ]
    bars = charts.stacked_bars(
        [(k.short_label, [(s, k.states[s]) for s in STATES]) for k in kinds if k.units or k.teams],
        width=BAR_WIDTH,
        row_height=BAR_ROW,
    )
    return Dashboard(
        progress=progress,
        filters=filters,
        rows=rows,
        kinds=kinds,
        total=total,
        funnel=_funnel(progress, rows, filters),
        lateness=list(lateness.values()),
        timeline=timeline,
        progress_bars=bars,
        line=charts.line_chart(timeline),
        step_table=step_table,
    )


def sort_rows(rows: list[TeamRow], order: str) -> list[TeamRow]:
    if order == "terlambat":
        return sorted(rows, key=lambda r: (-r.days_late, r.unit_name, r.team_name))
    if order == "kelompok":
        return sorted(rows, key=lambda r: (r.team_name, r.unit_name))
    return rows
