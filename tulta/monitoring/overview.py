"""The city in one picture, for leadership's home: how far this year's programme is (share of
groups with a final risalah per unit kind, late groups, steps waiting for review), the impact
ledger's headline, the best and the lagging OPDs, and this year against last (the previous
programme of the same government).

:func:`city_overview` reads in a fixed number of queries, whatever the number of units, groups
and risalah: one for the programmes, :func:`~tulta.monitoring.selectors.programme_progress` for
this year's programme and for last year's (nine each), and one for the ledger
(:func:`tulta.impact.selectors.ledger_for`) — 20 with a previous programme, 11 without one,
1 when the government has no programme (pinned by ``tests/test_overview.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from tulta.impact.selectors import LedgerRow, ledger_for
from tulta.organizations.models import Unit
from tulta.risalah.models import Programme

from .selectors import (
    FINAL,
    KIND_SHORT,
    NOT_STARTED,
    RETURNED,
    WAITING,
    Progress,
    TeamRow,
    programme_progress,
)

STANDING_COUNT = 3  # best and lagging OPDs shown


@dataclass(frozen=True)
class KindShare:
    kind: str
    label: str
    teams: int
    final: int

    @property
    def final_pct(self) -> float | None:
        return 100 * self.final / self.teams if self.teams else None


@dataclass(frozen=True)
class UnitStanding:
    """One OPD's progress: the share of its groups' steps approved (a final risalah counts
    whole), its groups and its final risalah."""

    unit_id: int
    name: str
    teams: int
    final: int
    late: int
    progress_pct: float


@dataclass(frozen=True)
class YearFigures:
    programme: Programme
    teams: int
    final: int
    late_teams: int
    improvements: int
    hours_saved: float
    rupiah_saved: float

    @property
    def final_pct(self) -> float | None:
        return 100 * self.final / self.teams if self.teams else None


@dataclass
class CityOverview:
    programme: Programme
    today: dt.date
    teams: int
    final: int
    late_teams: int
    waiting: int  # groups with a step waiting for review and none returned
    waiting_steps: int  # steps waiting for review, in every group
    returned: int
    not_started: int
    kinds: list[KindShare]
    best: list[UnitStanding]
    lagging: list[UnitStanding]
    opd_without_team: int
    this_year: YearFigures
    last_year: YearFigures | None
    ledger: LedgerRow | None  # this programme year's totals in the impact ledger

    @property
    def final_pct(self) -> float | None:
        return 100 * self.final / self.teams if self.teams else None


def _team_progress(row: TeamRow, steps: int) -> float:
    if row.state == FINAL:
        return 1.0
    return row.approved / steps if steps else 0.0


def _standings(progress: Progress) -> tuple[list[UnitStanding], int]:
    """Every OPD with groups, best first; and the number of OPDs without a group."""
    steps = len(progress.steps)
    by_unit: dict[int, list[TeamRow]] = {}
    for row in progress.rows:
        if row.unit_kind == Unit.Kind.OPD:
            by_unit.setdefault(row.unit_id, []).append(row)
    names = {u.pk: u.name for u in progress.units}
    standings = [
        UnitStanding(
            unit_id=unit_id,
            name=names.get(unit_id, rows[0].unit_name),
            teams=len(rows),
            final=sum(1 for r in rows if r.state == FINAL),
            late=sum(1 for r in rows if r.late),
            progress_pct=100 * sum(_team_progress(r, steps) for r in rows) / len(rows),
        )
        for unit_id, rows in by_unit.items()
    ]
    standings.sort(key=lambda s: (-s.progress_pct, -s.final, s.late, s.name))
    without = sum(1 for u in progress.units if u.kind == Unit.Kind.OPD and u.teams == 0)
    return standings, without


def _year(progress: Progress, ledger: dict[int, LedgerRow]) -> YearFigures:
    row = ledger.get(progress.programme.year)
    return YearFigures(
        programme=progress.programme,
        teams=len(progress.rows),
        final=sum(1 for r in progress.rows if r.state == FINAL),
        late_teams=sum(1 for r in progress.rows if r.late),
        improvements=row.improvements if row else 0,
        # Only verified benefits: what a Sekda can quote (the ledger keeps the potential too).
        hours_saved=row.verified_hours if row else 0.0,
        rupiah_saved=row.verified_rupiah if row else 0.0,
    )


def city_overview(government_id: int, *, today: dt.date | None = None) -> CityOverview | None:
    """The picture of the government's current programme (the open one of the latest year, else
    the latest), or ``None`` when it has none. Whole government: the caller checks that the
    viewer sees it (leadership, the programme admin). Query count: see the module docstring."""
    today = today or timezone.localdate()
    programmes = list(
        Programme.objects.filter(government_id=government_id)
        .select_related("method", "government")
        .order_by("-is_open", "-year", "-starts_on", "-pk")
    )
    if not programmes:
        return None
    current = programmes[0]
    previous = max(
        (p for p in programmes if p.year < current.year),
        key=lambda p: (p.year, p.starts_on, p.pk),
        default=None,
    )
    progress = programme_progress(current, today=today)
    last = programme_progress(previous, today=today) if previous is not None else None
    ledger = ledger_for(government_id)
    ledger_by_year = {row.year: row for row in ledger.years}
    rows = progress.rows
    kinds = []
    for kind, _label in Unit.Kind.choices:
        of_kind = [r for r in rows if r.unit_kind == kind]
        if of_kind:
            kinds.append(
                KindShare(
                    kind=kind,
                    label=str(KIND_SHORT.get(kind, kind)),
                    teams=len(of_kind),
                    final=sum(1 for r in of_kind if r.state == FINAL),
                )
            )
    standings, opd_without_team = _standings(progress)
    best = standings[:STANDING_COUNT]
    lagging = [s for s in reversed(standings[STANDING_COUNT:])][:STANDING_COUNT]
    return CityOverview(
        programme=current,
        today=today,
        teams=len(rows),
        final=sum(1 for r in rows if r.state == FINAL),
        late_teams=sum(1 for r in rows if r.late),
        waiting=sum(1 for r in rows if r.state == WAITING),
        waiting_steps=sum(r.waiting_steps for r in rows),
        returned=sum(1 for r in rows if r.state == RETURNED),
        not_started=sum(1 for r in rows if r.state == NOT_STARTED),
        kinds=kinds,
        best=best,
        lagging=lagging,
        opd_without_team=opd_without_team,
        this_year=_year(progress, ledger_by_year),
        last_year=_year(last, ledger_by_year) if last is not None else None,
        ledger=ledger_by_year.get(current.year),
    )
