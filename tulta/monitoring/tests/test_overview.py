"""city_overview: leadership's picture of the city, against hand-counted figures, with its
query count pinned."""

from __future__ import annotations

import datetime as dt

import pytest

from tulta.factories import UnitFactory
from tulta.impact import services as impact_services
from tulta.impact.models import Indicator
from tulta.monitoring.overview import city_overview
from tulta.organizations.models import Unit
from tulta.risalah import services as risalah_services
from tulta.risalah.models import Method, Programme, RisalahStep
from tulta.testing.monitoring import TODAY, finalize, set_steps, start, team_in

pytestmark = pytest.mark.django_db


def last_years_programme(world) -> Programme:
    year = TODAY.year - 1
    return risalah_services.programme_create(
        actor=world.admin,
        government=world.government,
        name=f"Program Budaya Kerja {year}",
        year=year,
        method=Method.objects.get(government=None, code="tulta"),
        starts_on=dt.date(year, 1, 1),
        ends_on=dt.date(year, 12, 31),
    )


def waiting_time(world, risalah) -> Indicator:
    """45 → 15 minutes for 12.000 services a year: 30/60 h × 12.000 = 6.000 hours saved."""
    return impact_services.indicator_save(
        actor=world.admin,
        risalah=risalah,
        name="waktu tunggu",
        kind=Indicator.Kind.CEPAT,
        unit=Indicator.Unit.MENIT,
        direction=Indicator.Direction.LOWER,
        data_form=Indicator.DataForm.VALUES,
        statistic=Indicator.Statistic.MEAN,
        annual_volume=12_000,
        target=None,
        baseline=["40", "45", "50", "44", "46"],
        after=["14", "15", "16", "15", "15"],
    )


def test_the_share_of_final_risalah_is_counted_per_unit_kind(world, programme):
    finalize(start(world.team, programme))
    team_in(world.unit, "KBK Dua")
    team_in(world.sub_unit, "KBK Kelurahan")
    city = city_overview(world.government.pk)
    shares = {k.kind: (k.teams, k.final, k.final_pct) for k in city.kinds}
    assert shares == {
        Unit.Kind.OPD: (2, 1, 50.0),
        Unit.Kind.KELURAHAN: (1, 0, 0.0),
    }
    assert (city.teams, city.final) == (3, 1)


def test_late_and_waiting_groups_are_counted(world, programme):
    set_steps(start(world.team, programme), approved=1, then=RisalahStep.State.SUBMITTED)
    set_steps(start(team_in(world.unit, "KBK Dua"), programme), approved=2)
    team_in(world.sub_unit, "KBK Belum")  # not started: late on steps 1 and 2
    city = city_overview(world.government.pk)
    # KBK Cepat: step 2 (five days late) waits for review; KBK Dua: nothing late yet.
    assert (city.late_teams, city.waiting, city.not_started) == (2, 1, 1)
    assert city.waiting_steps == 1


def test_every_step_waiting_for_review_is_counted_also_in_a_returned_group(world, programme):
    risalah = set_steps(start(world.team, programme), approved=1, then=RisalahStep.State.RETURNED)
    RisalahStep.objects.filter(risalah=risalah, number=3).update(state=RisalahStep.State.SUBMITTED)
    city = city_overview(world.government.pk)
    assert (city.waiting, city.returned, city.waiting_steps) == (0, 1, 1)


def test_the_best_and_the_lagging_opds_are_ranked_by_the_steps_approved(world, programme):
    opds = [world.unit, world.other_unit] + [
        UnitFactory(government=world.government, name=f"Dinas {n}", kind=Unit.Kind.OPD)
        for n in ("Pangan", "Sosial", "Pariwisata")
    ]
    approved = {0: 4, 1: 0, 2: 2, 3: 1, 4: 3}  # of the seven steps
    for index, unit in enumerate(opds):
        team = world.team if index == 0 else team_in(unit, f"KBK {unit.name}")
        if approved[index]:
            set_steps(start(team, programme), approved=approved[index])
    UnitFactory(government=world.government, name="Dinas Tanpa Kelompok", kind=Unit.Kind.OPD)
    city = city_overview(world.government.pk)
    assert [s.name for s in city.best] == ["Dinas Kependudukan", "Dinas Pariwisata", "Dinas Pangan"]
    assert [s.name for s in city.lagging] == ["Dinas Kesehatan", "Dinas Sosial"]  # worst first
    assert city.best[0].progress_pct == pytest.approx(100 * 4 / 7)
    assert city.opd_without_team == 1


def test_the_impact_ledgers_headline_is_this_programme_years(world, programme):
    risalah = start(world.team, programme)
    waiting_time(world, risalah)
    finalize(risalah)
    city = city_overview(world.government.pk)
    assert city.ledger is not None and city.ledger.year == TODAY.year
    assert city.ledger.improvements == 1
    assert city.ledger.hours_saved == pytest.approx(6_000)


def test_this_year_is_set_against_the_previous_programme(world, programme):
    previous = last_years_programme(world)
    old = start(world.team, previous)
    waiting_time(world, old)
    finalize(old)
    finalize(start(team_in(world.other_unit, "KBK Lama"), previous))
    team_in(world.sub_unit, "KBK Baru")
    city = city_overview(world.government.pk)
    assert city.programme == programme
    assert city.last_year is not None and city.last_year.programme == previous
    this, last = city.this_year, city.last_year
    assert (this.teams, this.final, this.improvements) == (3, 0, 0)
    assert (last.teams, last.final, last.improvements) == (3, 2, 1)
    # Leadership quotes only verified benefits: nothing until the unit head verifies it.
    assert last.hours_saved == 0
    from tulta.impact import services as impact_services

    indicator = old.impact_indicators.get()
    benefit = impact_services.benefit_claim(actor=world.chair, indicator=indicator)
    impact_services.benefit_verify(actor=world.unit_head, benefit=benefit)
    last = city_overview(world.government.pk).last_year
    assert last is not None and last.hours_saved == pytest.approx(6_000)


def test_without_a_previous_programme_there_is_no_comparison(world, programme):
    assert city_overview(world.government.pk).last_year is None


def test_a_government_without_programmes_has_no_overview(world):
    assert city_overview(world.other_government.pk) is None


def test_the_overview_reads_in_twenty_queries_whatever_the_size_of_the_city(
    world, programme, django_assert_num_queries
):
    last_years_programme(world)
    finalize(start(world.team, programme))
    city_overview(world.government.pk)  # warm the content types
    with django_assert_num_queries(20):
        city_overview(world.government.pk)
    for i in range(12):
        unit = UnitFactory(government=world.government, name=f"Dinas {i}", kind=Unit.Kind.OPD)
        team = team_in(unit, f"KBK {i}")
        if i % 2:
            set_steps(start(team, programme), approved=i % 5)
    with django_assert_num_queries(20):
        city_overview(world.government.pk)


def test_the_overview_reads_in_eleven_queries_without_a_previous_programme(
    world, programme, django_assert_num_queries
):
    with django_assert_num_queries(11):
        city_overview(world.government.pk)


def test_the_overview_of_a_government_without_programmes_is_one_query(
    world, django_assert_num_queries
):
    with django_assert_num_queries(1):
        city_overview(world.other_government.pk)
