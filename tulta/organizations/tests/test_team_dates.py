"""A team's SK date and founding date: an impossible date says it does not exist, and dates
outside a sensible range are refused, on the page and in the import (issue #22.4; the API in
tulta/api/tests/test_team_dates_api.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tulta.core.dates import parse_calendar_date, validate_past_date, validate_year_to_now
from tulta.core.formatting import tanggal
from tulta.factories import UserFactory
from tulta.organizations.models import Team

from .test_imports import _run, _xlsx
from .test_team_views import _post_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "Tanggal 30 Februari 2026 tidak ada."),
        ("31/04/2026", "Tanggal 31 April 2026 tidak ada."),
        ("2025-02-29", "Tanggal 29 Februari 2025 tidak ada."),
        ("2026-13-01", "Bulan 13 tidak ada pada '2026-13-01'"),
        ("kemarin", "'kemarin' bukan tanggal; tulis TTTT-BB-HH"),
    ],
)
def test_a_date_that_does_not_exist_says_so(text, message):
    with pytest.raises(ValidationError) as caught:
        parse_calendar_date(text)
    assert message in caught.value.messages[0]


def test_real_dates_in_every_accepted_spelling_are_read():
    assert parse_calendar_date("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_calendar_date(" 15/01/2026 ") == dt.date(2026, 1, 15)
    assert parse_calendar_date("15.1.2026") == dt.date(2026, 1, 15)


def test_an_sk_date_after_today_or_before_1945_is_refused():
    today = timezone.localdate()
    validate_past_date(today)
    validate_past_date(dt.date(1945, 1, 1))
    with pytest.raises(ValidationError, match="tidak boleh setelah hari ini"):
        validate_past_date(today + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="tidak boleh sebelum tahun 1945"):
        validate_past_date(dt.date(1944, 12, 31))


def test_a_founding_year_outside_1945_to_this_year_is_refused():
    this_year = timezone.localdate().year
    validate_year_to_now(dt.date(this_year, 12, 31))
    for year in (1900, 9999, this_year + 1):
        with pytest.raises(ValidationError, match=f"Tahun {year} tidak masuk akal"):
            validate_year_to_now(dt.date(year, 1, 1))


def _form(world, client_for, **dates):
    people = [UserFactory(government=world.government) for _ in range(3)]
    rows = [(people[0].nip, "ketua"), (people[1].nip, "anggota"), (people[2].nip, "anggota")]
    data = {**_post_data(world.unit, rows, name="KBK Tanggal"), **dates}
    return client_for(world.admin).post(reverse("organizations:team_create"), data)


def test_the_team_form_says_the_date_does_not_exist(world, client_for):
    response = _form(world, client_for, decree_date="2026-02-30")
    assert response.status_code == 200
    assert "Tanggal 30 Februari 2026 tidak ada." in response.content.decode()
    assert not Team.objects.filter(name="KBK Tanggal").exists()


@pytest.mark.parametrize("year", ["1900", "9999"])
def test_the_team_form_refuses_a_team_formed_in_a_year_that_makes_no_sense(world, client_for, year):
    response = _form(world, client_for, decree_date="", formed_on=f"{year}-01-01")
    assert response.status_code == 200
    assert f"Tahun {year} tidak masuk akal" in response.content.decode()
    assert not Team.objects.filter(name="KBK Tanggal").exists()


def test_the_team_form_refuses_an_sk_dated_after_today(world, client_for):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = _form(world, client_for, decree_date=tomorrow.isoformat(), formed_on="")
    text = response.content.decode()
    assert f"Tanggal {tanggal(tomorrow, with_day=False)} belum tiba" in text
    assert not Team.objects.filter(name="KBK Tanggal").exists()


def test_the_team_import_names_the_row_and_column_of_a_bad_date(world):
    a, b, c = (UserFactory(government=world.government) for _ in range(3))
    content = _xlsx(
        [
            ["unit", "nama_kelompok", "nip_anggota", "peran", "tanggal_sk", "tanggal_dibentuk"],
            ["Dinas Kesehatan", "KBK A", a.nip, "ketua", "2026-02-30", "1900-05-01"],
            ["Dinas Kesehatan", "KBK A", b.nip, "anggota", "", ""],
            ["Dinas Kesehatan", "KBK A", c.nip, "anggota", "", ""],
        ]
    )
    report = _run(world, "kelompok", content)
    messages = {(e.row, e.column): e.message for e in report.errors}
    assert messages[(2, "tanggal_sk")] == "Tanggal 30 Februari 2026 tidak ada."
    assert "Tahun 1900 tidak masuk akal" in messages[(2, "tanggal_dibentuk")]
    assert not Team.objects.filter(name="KBK A").exists()
