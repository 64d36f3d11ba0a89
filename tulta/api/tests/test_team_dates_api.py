"""The teams API reads dates like the team form (issue #22.4)."""

from __future__ import annotations

import pytest

from tulta.organizations.models import Team

pytestmark = pytest.mark.django_db
V1 = "/api/v1"


def _post(api_for, world, **dates):
    members = [
        {"user": world.chair.pk, "role": "ketua"},
        {"user": world.member.pk, "role": "anggota"},
    ]
    return api_for(world.admin).post(
        f"{V1}/teams/",
        {"unit": world.other_unit.pk, "name": "KBK Tanggal", "members": members, **dates},
        format="json",
    )


def test_an_impossible_sk_date_is_refused_as_not_existing(api_for, world):
    response = _post(api_for, world, decree_date="2026-02-30")
    assert response.status_code == 400
    assert response.json()["decree_date"] == ["Tanggal 30 Februari 2026 tidak ada."]
    assert not Team.objects.filter(name="KBK Tanggal").exists()


@pytest.mark.parametrize("year", [1900, 9999])
def test_a_team_formed_in_a_year_that_makes_no_sense_is_refused(api_for, world, year):
    response = _post(api_for, world, formed_on=f"{year}-01-01")
    assert response.status_code == 400
    assert f"Tahun {year} tidak masuk akal" in response.json()["formed_on"][0]


def test_an_sk_before_1945_is_refused(api_for, world):
    response = _post(api_for, world, decree_date="1944-08-17")
    assert response.status_code == 400
    assert "tidak boleh sebelum tahun 1945" in response.json()["decree_date"][0]


def test_sensible_dates_are_saved(api_for, world):
    response = _post(api_for, world, decree_date="2026-01-15", formed_on="2026-01-20")
    assert response.status_code == 201, response.json()
