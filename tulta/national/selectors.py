"""The national roll-up for platform operators: every government's figures in a programme year,
added up per province.

:func:`government_figures` reads everything in five queries (the governments, then four
GROUP BY government counts), whatever the number of governments; provinces and totals are sums
of those rows in Python.

Definitions, following the programme dashboard (``tulta.monitoring.selectors``):

- *teams* are the active teams (KBK) of a government's units;
- a team has *started* when it has a risalah in a programme of the year; a risalah is *final*
  once finalised (``Risalah.State.FINAL``); only active teams' risalah count;
- *% final* is the share of teams with a final risalah in the year;
- *measured*: final risalah with at least one service indicator holding both before and after
  data. The statistical verdict itself (``tulta.impact.selectors.verdict_for``) runs a test and
  draws a chart per indicator, too costly for hundreds of governments, so it is not counted here;
  each government's ledger shows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from tulta.impact.models import Indicator
from tulta.organizations.models import Government, Team, Unit
from tulta.risalah.models import Programme, Risalah

ORDERS = ("nama", "final", "final-naik")


@dataclass
class Figures:
    governments: int = 0
    kota: int = 0
    kabupaten: int = 0
    units: int = 0
    teams: int = 0
    risalah_started: int = 0
    risalah_final: int = 0
    teams_started: int = 0
    teams_final: int = 0
    measured: int = 0

    @property
    def final_pct(self) -> float | None:
        return 100 * self.teams_final / self.teams if self.teams else None

    @property
    def started_pct(self) -> float | None:
        return 100 * self.teams_started / self.teams if self.teams else None

    def add(self, other: Figures) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Row:
    """One province (``government`` is None) or one government, with its figures."""

    label: str
    province: str
    figures: Figures
    government: Government | None = None


@dataclass
class Rollup:
    year: int | None
    years: list[int]
    rows: list[Row]
    total: Figures = field(default_factory=Figures)


def programme_years() -> list[int]:
    """Years that have a programme somewhere, newest first."""
    return sorted(set(Programme.objects.values_list("year", flat=True)), reverse=True)


def choose_year(requested: str | None, years: list[int]) -> int | None:
    """The year asked for when it has programmes; else this year if it has; else the newest."""
    if requested and requested.isdigit() and int(requested) in years:
        return int(requested)
    this_year = timezone.localdate().year
    if this_year in years:
        return this_year
    return years[0] if years else None


def government_figures(year: int | None, *, province: str | None = None) -> list[Row]:
    """One row per government (of ``province``, or all), ordered by province and name; five
    queries whatever the number of governments."""
    governments = Government.objects.only("pk", "name", "kind", "province", "slug")
    units = Unit.objects.all()
    teams = Team.objects.filter(is_active=True)
    year_value = year if year is not None else 0  # no programme anywhere: match nothing
    risalah = Risalah.objects.filter(programme__year=year_value, team__is_active=True)
    indicators = Indicator.objects.filter(
        risalah__programme__year=year_value,
        risalah__state=Risalah.State.FINAL,
        risalah__team__is_active=True,
    )
    if province is not None:
        governments = governments.filter(province=province)
        units = units.filter(government__province=province)
        teams = teams.filter(unit__government__province=province)
        risalah = risalah.filter(programme__government__province=province)
        indicators = indicators.filter(risalah__programme__government__province=province)

    rows: dict[int, Row] = {}
    for gov in governments.order_by("province", "name", "pk"):
        figures = Figures(
            governments=1,
            kota=int(gov.kind == Government.Kind.KOTA),
            kabupaten=int(gov.kind == Government.Kind.KABUPATEN),
        )
        rows[gov.pk] = Row(
            label=gov.official_name, province=gov.province, figures=figures, government=gov
        )

    for gov_id, n in units.values_list("government_id").annotate(n=Count("id")).order_by():
        if gov_id in rows:
            rows[gov_id].figures.units = n
    for gov_id, n in teams.values_list("unit__government_id").annotate(n=Count("id")).order_by():
        if gov_id in rows:
            rows[gov_id].figures.teams = n
    final = Q(state=Risalah.State.FINAL)
    for gov_id, started, done, teams_started, teams_final in (
        risalah.values_list("programme__government_id")
        .annotate(
            started=Count("id"),
            done=Count("id", filter=final),
            teams_started=Count("team_id", distinct=True),
            teams_final=Count("team_id", distinct=True, filter=final),
        )
        .order_by()
    ):
        if gov_id in rows:
            f = rows[gov_id].figures
            f.risalah_started, f.risalah_final = started, done
            f.teams_started, f.teams_final = teams_started, teams_final
    for gov_id, n in (
        indicators.exclude(baseline=[])
        .exclude(after=[])
        .values_list("risalah__programme__government_id")
        .annotate(n=Count("risalah_id", distinct=True))
        .order_by()
    ):
        if gov_id in rows:
            rows[gov_id].figures.measured = n
    return list(rows.values())


def province_rows(government_rows: Iterable[Row]) -> list[Row]:
    """The government rows added up per province, in province order."""
    provinces: dict[str, Row] = {}
    for row in government_rows:
        target = provinces.setdefault(
            row.province, Row(label=row.province, province=row.province, figures=Figures())
        )
        target.figures.add(row.figures)
    return [provinces[name] for name in sorted(provinces)]


def total_of(rows: Iterable[Row]) -> Figures:
    total = Figures()
    for row in rows:
        total.add(row.figures)
    return total


def sort_rows(rows: list[Row], order: str) -> list[Row]:
    """``nama``: by name (as given); ``final``: highest % final first; ``final-naik``: lowest
    first. Rows without teams (no percentage) always come last."""
    if order not in ("final", "final-naik"):
        return rows
    sign = -1 if order == "final" else 1
    return sorted(
        rows,
        key=lambda r: (
            r.figures.final_pct is None,
            sign * (r.figures.final_pct or 0.0),
            r.label,
        ),
    )


def national_rollup(year: int | None, years: list[int], order: str = "nama") -> Rollup:
    """Provinces with their totals."""
    governments = government_figures(year)
    provinces = province_rows(governments)
    return Rollup(
        year=year, years=years, rows=sort_rows(provinces, order), total=total_of(provinces)
    )


def province_rollup(
    province: str, year: int | None, years: list[int], order: str = "nama"
) -> Rollup | None:
    """The governments of one province; ``None`` when the province has none."""
    governments = government_figures(year, province=province)
    if not governments:
        return None
    return Rollup(
        year=year,
        years=years,
        rows=sort_rows(governments, order),
        total=total_of(governments),
    )
