"""Indicators: saving raw measurements, refusing bad input, and the verdict's explanations."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tulta.core import audit
from tulta.impact import selectors, services
from tulta.impact.models import Indicator

from .conftest import add_indicator, finalize

pytestmark = pytest.mark.django_db

BEFORE = ["40", "45", "50", "44", "46"]
AFTER = ["14", "15", "16", "15", "15"]


def test_first_indicator_is_primary_mirrored_on_the_risalah_and_audited(world, risalah):
    indicator = add_indicator(
        world.chair, risalah, name="waktu tunggu KTP-el", unit="jam", baseline=BEFORE, after=AFTER
    )
    risalah.refresh_from_db()
    assert indicator.is_primary
    assert (risalah.indicator_name, risalah.indicator_unit) == ("waktu tunggu KTP-el", "jam")
    event = audit.history_for(indicator).get()
    assert event.actor == world.chair
    assert event.changes["baseline"] == [None, BEFORE]


def test_verdict_compares_before_and_after_with_the_indonesian_sentence(world, risalah):
    indicator = add_indicator(world.chair, risalah, baseline=BEFORE, after=AFTER, target=15)
    verdict = selectors.verdict_for(indicator)
    assert verdict.comparison is not None
    assert verdict.comparison.test == "welch"
    assert verdict.comparison.before == pytest.approx(45.0)
    assert verdict.comparison.after == pytest.approx(15.0)
    assert verdict.comparison.verdict.startswith("turun dari 45,0 menjadi 15,0 menit (−66,7%)")
    assert "berbeda nyata" in verdict.comparison.verdict
    assert verdict.improved and verdict.counts
    assert verdict.target_reached is True
    assert "<svg" in verdict.chart_svg and verdict.chart_alt


def test_small_samples_use_mann_whitney_automatically(world, risalah):
    indicator = add_indicator(
        world.chair, risalah, baseline=BEFORE, after=AFTER, statistic=Indicator.Statistic.AUTO
    )
    verdict = selectors.verdict_for(indicator)
    assert verdict.comparison is not None and verdict.comparison.test == "mann-whitney"
    assert "Mann–Whitney" in verdict.method


def test_error_counts_use_a_proportion_test_and_target_in_percent(world, risalah):
    indicator = add_indicator(
        world.chair,
        risalah,
        name="berkas ditolak",
        kind=Indicator.Kind.TEPAT,
        unit=Indicator.Unit.PERSEN,
        data_form=Indicator.DataForm.COUNTS,
        baseline=["10/100", "10/100"],
        after=["2/100", "2/100"],
        target=5,
    )
    verdict = selectors.verdict_for(indicator)
    assert verdict.comparison is not None and verdict.comparison.test == "z"
    assert verdict.comparison.before == pytest.approx(0.10)
    assert verdict.before_text == "10,0%" and verdict.after_text == "2,0%"
    assert verdict.target_reached is True


def test_too_few_measurements_explain_why_no_test_was_run(world, risalah):
    indicator = add_indicator(world.chair, risalah, baseline=["45"], after=["15", "16"])
    verdict = selectors.verdict_for(indicator)
    assert verdict.comparison is None and not verdict.counts
    assert "data sebelum ada 1" in verdict.reason
    assert "minimal 2" in verdict.reason


def test_identical_values_explain_that_the_test_cannot_run(world, risalah):
    indicator = add_indicator(world.chair, risalah, baseline=["5", "5"], after=["5", "5"])
    verdict = selectors.verdict_for(indicator)
    assert verdict.comparison is None
    assert verdict.reason.startswith("Uji tidak dapat dijalankan:")


def test_bad_values_are_kept_and_reported_with_their_position(world, risalah):
    indicator = add_indicator(
        world.chair, risalah, baseline=["45", "empat puluh", "1.250,5"], after=["15", "-3", "16"]
    )
    indicator.refresh_from_db()
    assert indicator.baseline == ["45", "empat puluh", "1.250,5"]
    verdict = selectors.verdict_for(indicator)
    assert verdict.comparison is None
    assert verdict.errors == [
        "Data sebelum, baris 2 (“empat puluh”): bukan angka.",
        "Data sesudah, baris 2 (“-3”): tidak boleh negatif.",
    ]


def test_after_data_in_another_unit_is_refused_and_nothing_is_saved(world, risalah):
    with pytest.raises(ValidationError, match="harus memakai satuan yang sama"):
        services.indicator_save(
            actor=world.chair,
            risalah=risalah,
            name="waktu tunggu",
            kind="cepat",
            unit="menit",
            after_unit="jam",
            annual_volume=100,
            baseline=BEFORE,
            after=["0,25", "0,3"],
        )
    assert not Indicator.objects.exists()


def test_negative_volume_is_refused(world, risalah):
    with pytest.raises(ValidationError, match="tidak boleh negatif"):
        add_indicator(world.chair, risalah, baseline=BEFORE, after=AFTER, volume=-5)
    assert not Indicator.objects.exists()


def test_indicators_of_a_final_risalah_cannot_change(world, risalah):
    indicator = add_indicator(world.chair, risalah, baseline=BEFORE, after=AFTER)
    finalize(risalah)
    with pytest.raises(ValidationError, match="sudah final"):
        services.indicator_save(
            actor=world.chair, risalah=risalah, indicator=indicator, baseline=BEFORE, after=[]
        )


def test_the_edit_form_refuses_a_different_after_unit_with_a_message(world, risalah, client_for):
    client = client_for(world.chair)
    response = client.post(
        f"/risalah/{risalah.pk}/indikator/baru/",
        {
            "name": "waktu tunggu",
            "kind": "cepat",
            "unit": "menit",
            "direction": "lower",
            "data_form": "values",
            "statistic": "auto",
            "annual_volume": "1000",
            "baseline": "45\n50\n",
            "after": "0,25\n0,3",
            "after_unit": "jam",
        },
    )
    assert response.status_code == 200
    assert "harus memakai satuan yang sama" in response.content.decode()
    assert not Indicator.objects.exists()


def test_the_risalah_panel_shows_the_verdict(world, risalah, client_for, rf):
    from django.template import Context, Template

    add_indicator(world.chair, risalah, baseline=BEFORE, after=AFTER)
    request = rf.get("/")
    request.user = world.member
    html = Template("{% load impact %}{% impact_panel risalah %}").render(
        Context({"request": request, "risalah": risalah})
    )
    assert "turun dari 45,0 menjadi 15,0 menit" in html
    assert "Kelola indikator dan data" in html
