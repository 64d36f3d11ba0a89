"""The city ledger against hand-computed figures, and its Excel export reopened."""

from __future__ import annotations

from io import BytesIO
from typing import cast

import pytest
from openpyxl import load_workbook

from tulta.factories import TeamFactory, UnitFactory
from tulta.impact import selectors
from tulta.impact.models import Indicator
from tulta.organizations.models import Team, Unit
from tulta.risalah import services as risalah_services

from .conftest import add_indicator, finalize, start, team_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(world, programme, programme_2025, tulta_method):
    admin = world.admin
    # 2026, OPD: 45 -> 15 minutes for 12.000 services: 30/60 h × 12.000 = 6.000 h; and
    # Rp 50.000 -> 20.000 for 1.000 services: Rp 30.000.000.
    a = start(admin, world.team, programme, tema="Waktu tunggu KTP-el")
    add_indicator(
        admin,
        a,
        baseline=["40", "45", "50", "44", "46"],
        after=["14", "15", "16", "15", "15"],
        volume=12_000,
    )
    add_indicator(
        admin,
        a,
        name="biaya",
        kind="murah",
        unit="Rp",
        volume=1_000,
        baseline=["50.000", "52.000", "48.000"],
        after=["20.000", "21.000", "19.000"],
    )
    finalize(a)
    # 2026, kelurahan: errors 20/200 = 10% -> 4/200 = 2%: 8 points; 0,08 × 5.000 = 400.
    b = start(admin, team_in(world.sub_unit, "KBK Tepat"), programme, tema="Salah ketik surat")
    add_indicator(
        admin,
        b,
        name="surat salah",
        kind="tepat",
        unit="%",
        data_form="counts",
        baseline=["10/100", "10/100"],
        after=["2/100", "2/100"],
        volume=5_000,
    )
    finalize(b)
    # 2025, OPD: 6 -> 2,5 days for 100 services: 3,5 × 24 h × 100 = 8.400 h.
    c = start(admin, team_in(world.other_unit, "KBK Kilat"), programme_2025, tema="Izin lama")
    add_indicator(
        admin, c, unit="hari", baseline=["5", "6", "7", "6"], after=["2", "3", "2", "3"], volume=100
    )
    finalize(c)
    # Not counted: a draft, a change that is not significant, bad data, another government.
    d = start(admin, team_in(world.unit, "KBK Draf"), programme, tema="Masih draf")
    add_indicator(admin, d, baseline=["40", "45", "50"], after=["4", "5", "6"], volume=9_999)
    e = start(admin, team_in(world.unit, "KBK Ragu"), programme, tema="Tidak nyata")
    add_indicator(admin, e, baseline=["10", "20", "30"], after=["11", "19", "29"], volume=9_999)
    finalize(e)
    f = start(admin, team_in(world.unit, "KBK Salah"), programme, tema="Data salah")
    add_indicator(admin, f, baseline=["40", "x"], after=["4", "5"], volume=9_999)
    finalize(f)
    other_programme = risalah_services.programme_create(
        actor=world.other_admin,
        government=world.other_government,
        name="P",
        year=2026,
        method=tulta_method,
        starts_on=programme.starts_on,
        ends_on=programme.ends_on,
    )
    other_team = cast(Team, TeamFactory(unit=UnitFactory(government=world.other_government)))
    g = start(world.other_admin, other_team, other_programme, tema="Lain")
    add_indicator(
        world.other_admin, g, baseline=["40", "45", "50"], after=["4", "5", "6"], volume=9_999
    )
    finalize(g)
    return world


def _row(ledger, year, kind):
    return next(r for r in ledger.rows if (r.year, r.unit_kind) == (year, kind))


def test_ledger_sums_match_hand_computed_figures(corpus):
    ledger = selectors.ledger_for(corpus.government.pk)
    assert [(r.year, r.unit_kind) for r in ledger.rows] == [
        (2026, Unit.Kind.KELURAHAN),
        (2026, Unit.Kind.OPD),
        (2025, Unit.Kind.OPD),
    ]
    opd = _row(ledger, 2026, Unit.Kind.OPD)
    assert opd.improvements == 1  # one risalah, two indicators
    assert opd.hours_saved == pytest.approx(6_000)
    assert opd.rupiah_saved == pytest.approx(30_000_000)
    kel = _row(ledger, 2026, Unit.Kind.KELURAHAN)
    assert kel.improvements == 1
    assert kel.error_reduction_pp == pytest.approx(8.0)
    assert kel.errors_avoided == pytest.approx(400)
    assert _row(ledger, 2025, Unit.Kind.OPD).hours_saved == pytest.approx(8_400)
    y2026, y2025 = ledger.years
    assert (y2026.year, y2026.improvements, y2025.improvements) == (2026, 2, 1)
    assert y2026.hours_saved == pytest.approx(6_000)
    assert y2026.rupiah_saved == pytest.approx(30_000_000)


def test_ledger_filters_by_year(corpus):
    ledger = selectors.ledger_for(corpus.government.pk, year=2025)
    assert [(r.year, r.hours_saved) for r in ledger.years] == [(2025, pytest.approx(8_400))]


def test_ledger_of_another_government_holds_only_its_own_work(corpus):
    ledger = selectors.ledger_for(corpus.other_government.pk)
    assert [r.improvements for r in ledger.years] == [1]
    assert ledger.years[0].hours_saved == pytest.approx((45 - 5) / 60 * 9_999)


def test_ledger_page_and_xlsx_show_the_same_figures(corpus, client_for):
    client = client_for(corpus.admin)
    page = client.get("/dampak/").content.decode()
    assert "Rp 30.000.000" in page and "6.000,0" in page
    response = client.get("/dampak/buku-dampak.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(response.content)).active
    rows = [list(r) for r in ws.iter_rows(min_row=3, values_only=True)]
    assert ["2026", "OPD", 1, 6000.0, 30000000] == [str(rows[1][0]), *rows[1][1:5]]
    assert rows[0][1] == "Kelurahan/desa" and rows[0][5] == 8.0 and rows[0][6] == 400.0
    assert rows[-2][1] == "Semua unit" and rows[-2][2] == 2


def test_ledger_page_takes_a_constant_number_of_queries(
    corpus, client_for, django_assert_max_num_queries
):
    client = client_for(corpus.admin)
    with django_assert_max_num_queries(15):
        assert client.get("/dampak/").status_code == 200


def test_other_indicator_kinds_count_as_improvements_without_savings(world, programme):
    r = start(world.admin, world.team, programme, tema="Lain-lain")
    add_indicator(
        world.admin,
        r,
        kind=Indicator.Kind.LAINNYA,
        unit="kali",
        volume=1_000,
        baseline=["40", "45", "50"],
        after=["4", "5", "6"],
    )
    finalize(r)
    (row,) = selectors.ledger_for(world.government.pk).years
    assert (row.improvements, row.hours_saved, row.rupiah_saved) == (1, 0, 0)
