"""An indicator at the largest size the API allows (10,000 measurements a side) keeps the pages
light: a summary instead of a point-by-point chart, and a link to the full data as CSV (issue
#15.12)."""

from __future__ import annotations

import csv
import io
import random

import pytest
from django.urls import reverse

from tulta.api.serializers import IndicatorSerializer
from tulta.impact import selectors, services

pytestmark = pytest.mark.django_db
BUDGET = 300 * 1024


def _largest_allowed() -> int:
    """The API's limit on measurements per side (the forms take what the API takes)."""
    return IndicatorSerializer().fields["baseline"].max_length


def _huge(world, risalah):
    n = _largest_allowed()
    assert n >= 10_000
    rng = random.Random(2026)
    return services.indicator_save(
        actor=world.chair,
        risalah=risalah,
        name="waktu tunggu",
        kind="cepat",
        unit="menit",
        baseline=[str(rng.randint(30, 60)) for _ in range(n - 1)] + ["=HYPERLINK(1)"],
        after=[str(rng.randint(10, 30)) for _ in range(n)],
    )


@pytest.mark.parametrize("name", ["risalah:detail", "impact:indicators"])
def test_pages_with_the_largest_indicator_stay_under_300_kb(world, risalah, client_for, name):
    indicator = _huge(world, risalah)
    indicator.baseline[-1] = "45"  # a valid set, so the verdict and its summary are shown
    indicator.save()
    response = client_for(world.chair).get(reverse(name, args=[risalah.pk]))
    assert response.status_code == 200
    size = len(response.content)
    print(f"{name} with 2 x {_largest_allowed()} measurements: {size / 1024:.0f} KB")
    assert size < BUDGET, f"{size / 1024:.0f} KB"
    text = response.content.decode()
    assert "data-indicator-summary" in text
    assert "Peta kendali tidak digambar di halaman: 20.000 pengukuran" in text
    assert reverse("impact:indicator_data", args=[risalah.pk, indicator.pk]) in text


def test_the_summary_gives_n_centre_range_and_the_first_values(world, risalah):
    indicator = services.indicator_save(
        actor=world.chair,
        risalah=risalah,
        name="waktu",
        kind="cepat",
        unit="menit",
        baseline=[str(v) for v in range(1, 1002)],
        after=["5", "7", "9"],
    )
    verdict = selectors.verdict_for(indicator)
    assert verdict.large and not verdict.chart_svg
    before, after = verdict.summaries
    assert (before.n, before.mean, before.median, before.minimum, before.maximum) == (
        1001, 501.0, 501, 1, 1001,
    )  # fmt: skip
    assert before.first == tuple(str(v) for v in range(1, 11))
    assert (after.n, after.median, after.first) == (3, 7, ("5", "7", "9"))
    assert verdict.summary_text(before.mean) == "501,0 menit"


def test_a_small_indicator_still_gets_its_chart(world, risalah):
    indicator = services.indicator_save(
        actor=world.chair,
        risalah=risalah,
        name="waktu",
        kind="cepat",
        unit="menit",
        baseline=["40", "45", "50", "42"],
        after=["15", "14", "16", "13"],
    )
    verdict = selectors.verdict_for(indicator)
    assert not verdict.large and "<svg" in verdict.chart_svg


def test_a_page_lists_only_the_first_twenty_bad_entries(world, risalah, client_for):
    services.indicator_save(
        actor=world.chair,
        risalah=risalah,
        name="waktu",
        kind="cepat",
        unit="menit",
        baseline=["x"] * 500,
        after=["5", "6"],
    )
    text = client_for(world.chair).get(reverse("impact:indicators", args=[risalah.pk]))
    assert "… dan 480 kesalahan lainnya." in text.content.decode()


def test_the_full_data_downloads_as_csv_with_formulas_neutralised(world, risalah, client_for):
    indicator = _huge(world, risalah)
    url = reverse("impact:indicator_data", args=[risalah.pk, indicator.pk])
    response = client_for(world.member).get(url)
    assert response.status_code == 200
    assert 'filename="data waktu tunggu.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["no", "sebelum", "sesudah"]
    assert len(rows) == 1 + _largest_allowed()
    assert rows[1] == ["1", indicator.baseline[0], indicator.after[0]]
    assert rows[-1][1] == "'=HYPERLINK(1)"
    assert client_for(world.outsider).get(url).status_code == 404
