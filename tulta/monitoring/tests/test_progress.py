"""The dashboard's figures: states, current steps, lateness, scope and filters."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tulta.factories import TeamFactory, UnitFactory
from tulta.monitoring import selectors
from tulta.monitoring.selectors import Filters, programme_progress
from tulta.organizations.models import Unit
from tulta.risalah.models import RisalahStep
from tulta.testing.monitoring import DEADLINES, TODAY, finalize, set_steps, start, team_in

pytestmark = pytest.mark.django_db


def row_of(progress, team):
    return next(r for r in progress.rows if r.team_id == team.pk)


def test_a_team_without_risalah_is_not_started(world, programme):
    row = row_of(programme_progress(programme), world.team)
    assert row.state == selectors.NOT_STARTED
    assert row.risalah_id is None and row.current_step is None


def test_the_current_step_is_the_first_step_not_approved(world, programme):
    set_steps(start(world.team, programme), approved=2)
    row = row_of(programme_progress(programme), world.team)
    assert (row.state, row.current_step, row.approved) == (selectors.IN_PROGRESS, 3, 2)


def test_a_submitted_step_makes_the_risalah_wait_for_review(world, programme):
    set_steps(start(world.team, programme), approved=1, then=RisalahStep.State.SUBMITTED)
    row = row_of(programme_progress(programme), world.team)
    assert (row.state, row.current_step) == (selectors.WAITING, 2)


def test_a_returned_step_marks_the_risalah_returned(world, programme):
    set_steps(start(world.team, programme), approved=0, then=RisalahStep.State.RETURNED)
    row = row_of(programme_progress(programme), world.team)
    assert (row.state, row.has_returned) == (selectors.RETURNED, True)


def test_a_final_risalah_is_final_and_never_late(world, programme):
    finalize(start(world.team, programme))
    row = row_of(programme_progress(programme), world.team)
    assert row.state == selectors.FINAL and row.late == []


def test_a_step_past_its_deadline_and_not_approved_is_late_by_the_days_since_due(world, programme):
    set_steps(start(world.team, programme), approved=1)
    row = row_of(programme_progress(programme), world.team)
    assert [(s.number, s.days) for s in row.late] == [(2, 5)]
    assert row.days_late == 5


def test_an_approved_step_is_not_late(world, programme):
    set_steps(start(world.team, programme), approved=2)
    assert row_of(programme_progress(programme), world.team).late == []


def test_a_team_that_has_not_started_is_late_on_every_passed_deadline(world, programme):
    row = row_of(programme_progress(programme), world.team)
    assert [(s.number, s.days) for s in row.late] == [(1, 30), (2, 5)]


def test_lateness_is_counted_against_the_given_day(world, programme):
    later = DEADLINES[4] + dt.timedelta(days=1)
    row = row_of(programme_progress(programme, today=later), world.team)
    assert [s.number for s in row.late] == [1, 2, 3, 4]


def test_inactive_teams_do_not_count(world, programme):
    TeamFactory(unit=world.unit, name="KBK Bubar", is_active=False)
    names = {r.team_name for r in programme_progress(programme).rows}
    assert names == {"KBK Cepat"}


def test_only_participating_units_count_when_the_programme_lists_units(world, programme):
    team_in(world.other_unit, "KBK Sehat")
    programme.units.set([world.other_unit])
    progress = programme_progress(programme)
    assert [r.team_name for r in progress.rows] == ["KBK Sehat"]
    assert [u.name for u in progress.units] == ["Dinas Kesehatan"]


def test_another_governments_teams_never_count(world, programme):
    names = {r.team_name for r in programme_progress(programme).rows}
    assert "KBK Lain" not in names


def test_units_without_a_team_are_listed(world, programme):
    names = {u.name for u in selectors.units_without_team(programme_progress(programme))}
    assert names == {"Kecamatan Utara", "Kelurahan Sukamulya", "Dinas Kesehatan"}


def test_a_unit_head_scope_covers_their_units_and_sub_units(world, programme):
    team_in(world.sub_unit, "KBK Kelurahan")
    team_in(world.other_unit, "KBK Sehat")
    kecamatan = world.sub_unit.parent
    progress = programme_progress(programme, unit_ids=[kecamatan.pk, world.sub_unit.pk])
    assert [r.team_name for r in progress.rows] == ["KBK Kelurahan"]


def test_figures_are_broken_down_by_unit_kind_with_totals(world, programme, upt):
    set_steps(start(world.team, programme), approved=1, then=RisalahStep.State.RETURNED)
    team_in(world.sub_unit, "KBK Kelurahan")
    finalize(start(team_in(upt, "KBK Puskesmas"), programme))
    board = selectors.dashboard(programme_progress(programme), Filters())
    kinds = {k.kind: k for k in board.kinds}
    assert kinds[Unit.Kind.OPD].states[selectors.RETURNED] == 1
    assert kinds[Unit.Kind.OPD].units_without_team == 1
    assert kinds[Unit.Kind.KELURAHAN].states[selectors.NOT_STARTED] == 1
    assert kinds[Unit.Kind.UPT].states[selectors.FINAL] == 1
    assert kinds[Unit.Kind.KECAMATAN].units_without_team == 1
    assert board.total.teams == 3
    assert board.total.units == 5
    assert board.total.late_teams == 2  # returned at step 2 (5 days late) and not started


def test_figures_count_risalah_per_current_step(world, programme):
    set_steps(start(world.team, programme), approved=2)
    set_steps(start(team_in(world.unit, "KBK Dua"), programme), approved=2)
    board = selectors.dashboard(programme_progress(programme), Filters())
    assert board.total.steps == {3: 2}


def test_filtering_by_unit_kind_keeps_only_that_kind(world, programme):
    team_in(world.sub_unit, "KBK Kelurahan")
    board = selectors.dashboard(programme_progress(programme), Filters(kind="kelurahan"))
    assert [r.team_name for r in board.rows] == ["KBK Kelurahan"]
    assert [k.kind for k in board.kinds] == ["kelurahan"]


def test_filtering_by_state_keeps_only_that_state(world, programme):
    set_steps(start(world.team, programme), approved=0, then=RisalahStep.State.SUBMITTED)
    team_in(world.unit, "KBK Belum")
    board = selectors.dashboard(programme_progress(programme), Filters(state=selectors.WAITING))
    assert [r.team_name for r in board.rows] == ["KBK Cepat"]


def test_filtering_by_step_keeps_risalah_at_that_step(world, programme):
    set_steps(start(world.team, programme), approved=2)
    set_steps(start(team_in(world.unit, "KBK Satu"), programme), approved=0)
    board = selectors.dashboard(programme_progress(programme), Filters(step=3))
    assert [r.team_name for r in board.rows] == ["KBK Cepat"]


def test_filters_read_from_the_query_string_ignore_unknown_values():
    filters = Filters.from_query(
        {"jenis": "planet", "status": "dikembalikan", "langkah": "99", "terlambat": "ya"},
        [1, 2, 3],
    )
    assert filters == Filters(state=selectors.RETURNED, late=0)


def test_the_funnel_counts_teams_past_each_step(world, programme):
    set_steps(start(world.team, programme), approved=2)
    set_steps(start(team_in(world.unit, "KBK Satu"), programme), approved=1)
    team_in(world.unit, "KBK Belum")
    funnel = {
        s.label: s.count
        for s in selectors.dashboard(programme_progress(programme), Filters()).funnel
    }
    assert funnel["Kelompok peserta"] == 3
    assert funnel["Memulai risalah"] == 2
    assert funnel["Langkah 1 disetujui"] == 2
    assert funnel["Langkah 2 disetujui"] == 1
    assert funnel["Risalah final"] == 0


def test_lateness_over_time_is_weekly_from_the_programme_start_to_today(world, programme):
    progress = programme_progress(programme)
    days = [day for day, _n in selectors.lateness_over_time(progress, progress.rows)]
    assert days[0] == programme.starts_on and days[-1] == TODAY
    assert {(b - a).days for a, b in itertools.pairwise(days[:-1])} == {7}


def test_lateness_over_time_follows_the_approval_dates(world, programme):
    # Step 1 (due 30 days ago) approved 20 days ago: late for ten days, then on time until
    # step 2's deadline (5 days ago) passed.
    approved_on = TODAY - dt.timedelta(days=20)
    set_steps(start(world.team, programme), approved=1, approved_on=approved_on)
    progress = programme_progress(programme)
    timeline = selectors.lateness_over_time(progress, progress.rows)
    late_before = {n for day, n in timeline if DEADLINES[1] < day < approved_on}
    on_time = {n for day, n in timeline if approved_on <= day <= DEADLINES[2]}
    assert (late_before, on_time, timeline[-1][1]) == ({1}, {0}, 1)


def test_lagging_means_not_started_late_or_returned(world, programme):
    set_steps(start(world.team, programme), approved=2)  # on time
    late = set_steps(start(team_in(world.unit, "KBK Telat"), programme), approved=1)
    returned = team_in(world.unit, "KBK Kembali")
    set_steps(start(returned, programme), approved=2, then=RisalahStep.State.RETURNED)
    team_in(world.unit, "KBK Belum")
    lagging = {r.team_name for r in programme_progress(programme).rows if r.is_lagging}
    assert lagging == {"KBK Telat", "KBK Kembali", "KBK Belum"}
    assert late.team.name == "KBK Telat"


def test_progress_takes_the_same_number_of_queries_for_more_teams(world, programme):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            programme_progress(programme)
        return len(ctx.captured_queries)

    before = count()
    unit = UnitFactory(government=world.government, kind=Unit.Kind.KELURAHAN)
    for i in range(10):
        set_steps(start(team_in(unit, f"KBK {i}"), programme), approved=i % 4)
    assert count() == before == 9
