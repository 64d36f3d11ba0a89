"""The pure helpers: WhatsApp numbers and the charts' geometry."""

from __future__ import annotations

import datetime as dt

import pytest

from tulta.monitoring import charts
from tulta.monitoring.whatsapp import whatsapp_number


@pytest.mark.parametrize(
    "phone",
    ["081234567890", "0812-3456-7890", "+62 812 3456 7890", "6281234567890", "81234567890"],
)
def test_indonesian_numbers_become_the_international_form_wa_me_expects(phone):
    assert whatsapp_number(phone) == "6281234567890"


@pytest.mark.parametrize("phone", ["", "12345", "+1 415 555 0100", "tidak ada"])
def test_unusable_numbers_give_none(phone):
    assert whatsapp_number(phone) is None


def test_stacked_bars_split_each_bar_by_share():
    (bar,) = charts.stacked_bars([("OPD", [("a", 1), ("b", 3)])], width=400)
    assert [(s.x, s.width) for s in bar.segments] == [(0.0, 100.0), (100.0, 300.0)]
    assert bar.total == 4


def test_an_empty_bar_has_zero_width_segments():
    (bar,) = charts.stacked_bars([("UPT", [("a", 0), ("b", 0)])])
    assert [s.width for s in bar.segments] == [0.0, 0.0]


def test_rows_of_stacked_bars_are_spaced_by_the_row_height():
    bars = charts.stacked_bars([("A", [("a", 1)]), ("B", [("a", 1)])], row_height=30)
    assert [b.y for b in bars] == [0, 30]


@pytest.mark.parametrize(
    ("value", "ceiling"), [(0, 1), (1, 1), (3, 5), (7, 10), (12, 20), (51, 100)]
)
def test_the_axis_maximum_is_a_tidy_number(value, ceiling):
    assert charts.nice_ceiling(value) == ceiling


def test_the_line_chart_puts_the_first_and_last_points_at_the_plot_edges():
    start = dt.date(2026, 1, 1)
    series = [(start + dt.timedelta(days=7 * i), i) for i in range(5)]
    chart = charts.line_chart(series, width=200, height=100, left=20, right=10, top=10, bottom=20)
    points = [tuple(map(float, p.split(","))) for p in chart.points.split()]
    assert points[0] == (20.0, 80.0) and points[-1] == (190.0, 10.0)
    assert chart.maximum == 4 and [t.value for t in chart.y_ticks] == [0, 1, 2, 3, 4]


def test_the_line_chart_ticks_go_in_tidy_steps():
    series = [(dt.date(2026, 1, 1), 0), (dt.date(2026, 1, 8), 37)]
    chart = charts.line_chart(series)
    assert (chart.maximum, [t.value for t in chart.y_ticks]) == (40, [0, 10, 20, 30, 40])


def test_the_line_chart_labels_each_month_once_in_its_first_week():
    start = dt.date(2026, 1, 31)
    series = [(start + dt.timedelta(days=7 * i), 0) for i in range(10)]
    assert [label.text for label in charts.line_chart(series).x_labels] == ["Feb", "Mar", "Apr"]
