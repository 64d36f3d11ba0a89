"""Values with their unit in chart readings (#21): rupiah first and whole ("Rp 14.245", never
"14.244,8 Rp"), percent attached ("10,7%"), a p-chart never "(%) (%)" nor "7,0% %"."""

from __future__ import annotations

import re

import numpy as np

from tulta import charts
from tulta.charts.tests.helpers import text_boxes
from tulta.stats import control_chart, stratify

RNG = np.random.default_rng(7)
COSTS_BEFORE = [14244.8, 15120.4, 13980.2, 14500.7, 14890.1, 15010.9, 13870.3, 14310.6]
COSTS_AFTER = [2031.6, 1980.4, 2105.2, 2050.8, 1999.9, 2012.3, 2070.5, 2040.1]
NOT_RUPIAH = re.compile(r"\d Rp|Rp \d[\d.]*,\d")  # "2.031,6 Rp" or "Rp 2.031,6"


def test_run_chart_reads_rupiah_first_and_whole() -> None:
    chart = charts.run_chart(COSTS_BEFORE + COSTS_AFTER, change_at=8, unit="Rp", target=2500)
    assert "Rp 14." in chart.reading and "Rp 2.0" in chart.reading
    assert not NOT_RUPIAH.search(chart.reading), chart.reading
    assert not NOT_RUPIAH.search(chart.alt)


def test_histogram_and_scatter_read_rupiah_first_and_whole() -> None:
    chart = charts.histogram(COSTS_BEFORE, unit="Rp", usl=15000)
    assert "Rp " in chart.reading and not NOT_RUPIAH.search(chart.reading), chart.reading
    assert not NOT_RUPIAH.search(chart.alt), chart.alt
    scatter = charts.scatter(
        COSTS_BEFORE, [v * 1.3 + RNG.normal(0, 50) for v in COSTS_BEFORE], x_unit="Rp", y_unit="Rp"
    )
    assert not NOT_RUPIAH.search(scatter.reading), scatter.reading


def test_stratification_and_control_chart_read_rupiah_first() -> None:
    result = stratify(COSTS_BEFORE + COSTS_AFTER, ["Loket A"] * 8 + ["Loket B"] * 8)
    chart = charts.stratification(result, unit="Rp")
    assert "Rp " in chart.reading and not NOT_RUPIAH.search(chart.reading), chart.reading
    cc = control_chart(COSTS_BEFORE, "individuals", newdata=COSTS_AFTER)
    control = charts.control_chart(cc, unit="Rp")
    assert "Rp " in control.reading and not NOT_RUPIAH.search(control.reading), control.reading


def test_percent_is_attached_once() -> None:
    chart = charts.run_chart([10.71, 11.2, 9.8, 10.4, 4.1, 3.9, 4.4, 4.0], change_at=4, unit="%")
    assert "10,55%" in chart.reading and "4,05%" in chart.reading
    assert " %" not in chart.reading and "% %" not in chart.reading


def test_p_chart_with_a_percent_unit_says_percent_once() -> None:
    sizes = np.full(25, 100)
    cc = control_chart(RNG.binomial(sizes, 0.07), "p", sizes=sizes)
    chart = charts.control_chart(cc, unit="%")
    assert "% %" not in chart.reading and "%%" not in chart.reading, chart.reading
    titles = [t for t, _ in text_boxes(chart, ("axis_title",))]
    assert not any("(%) (%)" in t for t in titles), titles
    assert "(%) (%)" not in chart.alt


def test_histogram_counts_the_values_outside_the_limits_before_any_estimate() -> None:
    """#21: the reading gave only the normal curve's estimate (75 %) when 33 % were outside."""
    values = [8.0, 9.0, 9.5, 10.0, 10.5, 11.0, 11.5, 12.0, 30.0, 31.0, 32.0, 33.0]
    chart = charts.histogram(values, usl=20)
    assert "4 dari 12 nilai (33,3%) berada di luar batas spesifikasi (BSA 20)" in chart.reading
    assert chart.reading.index("4 dari 12") < chart.reading.find("Menurut kurva") or (
        "Menurut kurva" not in chart.reading
    )


def test_gantt_numbers_each_row_once_when_the_user_numbered_it_too() -> None:
    """#21: "1. 1. Survei loket"."""
    chart = charts.gantt(
        [
            {"step": "1. Survei loket", "planned": [1, 2], "actual": [1, 2]},
            {"step": "2) Uji coba", "planned": [3], "actual": [3, 4]},
            {"step": "Evaluasi", "planned": [5], "actual": []},
        ]
    )
    names = chart.svg
    assert "1. Survei loket" in names and "2. Uji coba" in names and "3. Evaluasi" in names
    assert "1. 1." not in names and "2. 2)" not in names
    assert "Langkah 1 Survei loket" in chart.alt
