from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tulta.factories import GovernmentFactory, TeamFactory, UnitFactory
from tulta.national import selectors

from .conftest import YEAR, programme_for, risalah_in

pytestmark = pytest.mark.django_db


def _figures(row):
    f = row.figures
    return (
        f.governments,
        f.kota,
        f.kabupaten,
        f.units,
        f.teams,
        f.risalah_started,
        f.risalah_final,
        f.teams_final,
        f.measured,
    )


def test_province_figures_match_the_hand_count(national):
    rollup = selectors.national_rollup(YEAR, [YEAR])
    rows = {r.label: r for r in rollup.rows}
    assert list(rows) == ["Jawa Barat", "Jawa Timur"]
    assert _figures(rows["Jawa Barat"]) == (2, 2, 0, 5, 4, 3, 2, 2, 1)
    assert rows["Jawa Barat"].figures.final_pct == 50.0
    assert _figures(rows["Jawa Timur"]) == (1, 0, 1, 2, 2, 0, 0, 0, 0)
    assert rows["Jawa Timur"].figures.final_pct == 0.0
    total = rollup.total
    assert (total.governments, total.units, total.teams, total.risalah_final) == (3, 7, 6, 2)
    assert total.final_pct == pytest.approx(100 * 2 / 6)


def test_government_figures_of_one_province(national):
    rollup = selectors.province_rollup("Jawa Barat", YEAR, [YEAR])
    rows = {r.label: r for r in rollup.rows}
    assert list(rows) == ["Pemerintah Kota Lain", "Pemerintah Kota Uji"]
    assert _figures(rows["Pemerintah Kota Uji"]) == (1, 1, 0, 4, 3, 2, 1, 1, 1)
    assert _figures(rows["Pemerintah Kota Lain"]) == (1, 1, 0, 1, 1, 1, 1, 1, 0)
    assert selectors.province_rollup("Atlantis", YEAR, [YEAR]) is None


def test_another_year_counts_only_that_years_risalah(national):
    rows = {r.label: r for r in selectors.province_rollup("Jawa Barat", YEAR - 1, []).rows}
    assert _figures(rows["Pemerintah Kota Uji"])[5:] == (1, 1, 1, 0)
    assert _figures(rows["Pemerintah Kota Lain"])[5:] == (0, 0, 0, 0)


def test_year_defaults_to_this_year_then_the_newest(national):
    years = selectors.programme_years()
    assert years == [YEAR, YEAR - 1]
    assert selectors.choose_year(None, years) == YEAR
    assert selectors.choose_year(str(YEAR - 1), years) == YEAR - 1
    assert selectors.choose_year("1999", years) == YEAR
    assert selectors.choose_year(None, [YEAR - 3, YEAR - 5]) == YEAR - 3
    assert selectors.choose_year(None, []) is None


def test_rows_sort_by_percentage_final_both_ways(national):
    high_first = selectors.national_rollup(YEAR, [YEAR], "final").rows
    assert [r.label for r in high_first] == ["Jawa Barat", "Jawa Timur"]
    low_first = selectors.national_rollup(YEAR, [YEAR], "final-naik").rows
    assert [r.label for r in low_first] == ["Jawa Timur", "Jawa Barat"]


def test_page_shows_provinces_and_sorts_by_final(national, superadmin, client_for):
    client = client_for(superadmin)
    text = client.get(reverse("national:index"), {"urut": "final-naik"}).content.decode()
    assert text.index("Jawa Timur") < text.index("Jawa Barat")
    assert "50,0%" in text
    text = client.get(reverse("national:index"), {"urut": "final"}).content.decode()
    assert text.index("Jawa Barat") < text.index("Jawa Timur")


def test_province_page_lists_its_governments(national, superadmin, client_for):
    response = client_for(superadmin).get(
        reverse("national:province", kwargs={"province": "Jawa Barat"})
    )
    text = response.content.decode()
    assert "Pemerintah Kota Uji" in text and "Pemerintah Kota Lain" in text
    assert "Kabupaten Timur" not in text


def _add_governments(n: int, start: int) -> None:
    for i in range(start, start + n):
        gov = GovernmentFactory(name=f"Tambahan {i}", slug=f"kota-tambahan-{i}", province=f"P{i}")
        team = TeamFactory(unit=UnitFactory(government=gov))
        risalah_in(team, programme_for(gov), final=i % 2 == 0)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "name,kwargs",
    [("national:index", {}), ("national:province", {"province": "Jawa Barat"})],
)
def test_query_count_does_not_grow_with_the_number_of_governments(
    national, superadmin, client_for, django_assert_max_num_queries, name, kwargs
):
    client = client_for(superadmin)
    url = reverse(name, kwargs=kwargs)
    _add_governments(2, 0)
    few = _queries(client, url)
    _add_governments(12, 2)
    with django_assert_max_num_queries(few):
        client.get(url)
    assert _queries(client, url) == few
    # Session, user, years, governments, units, teams, risalah, measured: a small fixed number.
    assert few <= 10


def test_nav_shows_the_national_page_to_super_admins_only(world, superadmin, client_for):
    home = reverse("home:home")
    link = f'href="{reverse("national:index")}"'
    assert link in client_for(superadmin).get(home).content.decode()
    assert link not in client_for(world.admin).get(home).content.decode()
