"""Follow-up re-measures: does an improvement last? Tested against the baseline with the
original test, given a status, and counted in the ledger only while it holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tulta.impact import selectors, services
from tulta.impact.models import FollowUp
from tulta.risalah.models import Risalah

from .conftest import add_indicator, finalize, start

pytestmark = pytest.mark.django_db

BASELINE = ["40", "45", "50", "44", "46"]
AFTER = ["14", "15", "16", "15", "15"]


@pytest.fixture
def improved(world, programme):
    risalah = start(world.admin, world.team, programme, tema="Waktu tunggu KTP-el")
    indicator = add_indicator(world.chair, risalah, baseline=BASELINE, after=AFTER, volume=12_000)
    finalize(risalah)
    Risalah.objects.filter(pk=risalah.pk).update(
        finalized_at=dt.datetime(2026, 1, 31, 9, tzinfo=dt.UTC)
    )
    indicator.refresh_from_db()
    indicator.risalah.refresh_from_db()
    return indicator


def record(world, indicator, months, values, unit="menit"):
    return services.follow_up_record(
        actor=world.chair, indicator=indicator, months=months, values=values, unit=unit
    )


def test_the_programmes_intervals_fall_due_in_calendar_months(improved):
    dues = selectors.follow_ups_for(improved)
    assert [(d.months, d.due_on) for d in dues] == [
        (6, dt.date(2026, 7, 31)),
        (12, dt.date(2027, 1, 31)),
    ]
    assert selectors.add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)


@pytest.mark.parametrize(
    ("values", "status"),
    [
        (["15", "14", "16", "15", "14"], FollowUp.Status.BERLANJUT),
        (["8", "9", "8", "7", "9"], FollowUp.Status.BERKEMBANG),
        (["25", "27", "26", "24", "26"], FollowUp.Status.MENURUN),
        (["44", "47", "45", "43", "46"], FollowUp.Status.BERHENTI),
    ],
)
def test_each_status_from_the_same_test_as_the_original(world, improved, values, status):
    found = record(world, improved, 6, values)
    assert found.status == status
    assert selectors.lasting_status(improved, today=dt.date(2026, 8, 1)) == status


def test_too_few_values_say_how_many_are_needed(world, improved):
    with pytest.raises(ValidationError) as caught:
        record(world, improved, 6, ["15", "14"])
    assert "baru 2 nilai; diperlukan minimal 5" in " ".join(caught.value.messages)
    assert not FollowUp.objects.exists()


def test_another_unit_than_the_baseline_is_refused_with_the_reason(world, improved):
    with pytest.raises(ValidationError, match=r"berbeda dengan data awal \(menit\)"):
        record(world, improved, 6, ["0,25", "0,2", "0,3", "0,25", "0,2"], unit="jam")


def test_a_bad_entry_is_named_and_nothing_is_saved(world, improved):
    with pytest.raises(ValidationError) as caught:
        record(world, improved, 6, ["15", "lima belas", "14", "16", "15"])
    assert "Data pengukuran ulang, baris 2 (“lima belas”): bukan angka." in caught.value.messages
    assert not FollowUp.objects.exists()


def test_an_interval_the_programme_does_not_ask_for_is_refused(world, improved):
    with pytest.raises(ValidationError, match="tidak meminta pengukuran ulang 3 bulan"):
        record(world, improved, 3, AFTER)


def test_not_measured_long_after_it_was_due_is_berhenti(improved):
    assert selectors.lasting_status(improved, today=dt.date(2026, 9, 1)) is None  # in grace
    assert selectors.lasting_status(improved, today=dt.date(2026, 10, 1)) == "berhenti"


def test_the_ledger_counts_only_what_lasts(world, improved):
    # Final 200 days ago: the six-month re-measure fell due a few weeks ago (still in its grace).
    Risalah.objects.filter(pk=improved.risalah_id).update(
        finalized_at=timezone.now() - dt.timedelta(days=200)
    )
    improved.risalah.refresh_from_db()
    (year,) = selectors.ledger_for(world.government.pk).years
    assert round(year.hours_saved) == 6000
    partly = record(world, improved, 6, ["25", "27", "26", "24", "26"])
    assert partly.status == "menurun"
    (year,) = selectors.ledger_for(world.government.pk).years
    # What is left: (45 − 25,6) min × 12.000 / 60 = 3.880 hours.
    assert round(year.hours_saved) == 3880
    record(world, improved, 12, ["44", "47", "45", "43", "46"])
    assert selectors.ledger_for(world.government.pk).years == []


def test_the_page_records_a_re_measure_and_keeps_refused_data(world, improved, client_for):
    client = client_for(world.chair)
    url = reverse("impact:follow_up_record", args=[improved.risalah_id, improved.pk, 6])
    page = reverse("impact:indicators", args=[improved.risalah_id])
    client.post(url, {"values": "15\nlima belas", "unit": "menit"})
    text = client.get(page).content.decode()
    assert "lima belas" in text  # what was typed comes back
    client.post(url, {"values": "15\n14\n16\n15\n14", "unit": "menit"})
    assert FollowUp.objects.get(indicator=improved, months=6).status == "berlanjut"
    assert "berlanjut" in client.get(page).content.decode()
    assert client_for(world.mentor).post(url, {"values": "1"}).status_code in (403, 404)


def test_improvements_at_risk_are_the_lost_the_partly_lost_and_the_overdue(world, improved):
    today = dt.date(2026, 8, 10)  # the six-month re-measure fell due on 31 July
    (late,) = selectors.improvements_at_risk(world.government.pk, today=today)
    assert late.status == "terlambat" and late.due is not None and late.due.months == 6
    record(world, improved, 6, ["15", "14", "16", "15", "14"])
    assert selectors.improvements_at_risk(world.government.pk, today=today) == []
    record(world, improved, 6, ["25", "27", "26", "24", "26"])
    (partly,) = selectors.improvements_at_risk(world.government.pk, today=today)
    assert partly.status == "menurun"


def test_the_dashboard_lists_improvements_at_risk(world, improved, programme, client_for):
    Risalah.objects.filter(pk=improved.risalah_id).update(
        finalized_at=timezone.now() - dt.timedelta(days=200)
    )
    url = reverse("monitoring:dashboard", args=[programme.pk])
    text = client_for(world.admin).get(url).content.decode()
    assert "1 perbaikan berisiko tidak bertahan" in text
    assert "pengukuran ulang 6 bulan jatuh tempo" in text
