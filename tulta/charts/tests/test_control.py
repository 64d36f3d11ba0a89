"""Control charts of every type, and the run chart."""

from __future__ import annotations

import numpy as np
import pytest

from tulta import charts
from tulta.charts.run import shifts, trends
from tulta.charts.tests.helpers import overlaps, svg_has, text_boxes
from tulta.stats import RULE_DESCRIPTIONS, control_chart
from tulta.testing.chart_samples import WAIT_AFTER, WAIT_BEFORE, dates

RNG = np.random.default_rng(3)
SIZES = RNG.integers(40, 160, 25)
CASES = {
    "xbar": lambda: control_chart(RNG.normal(10, 1, (20, 5)), "xbar"),
    "R": lambda: control_chart(RNG.normal(10, 1, (20, 5)), "R"),
    "S": lambda: control_chart(RNG.normal(10, 1, (20, 5)), "S"),
    "individuals": lambda: control_chart(RNG.normal(10, 1, 30), "individuals"),
    "p": lambda: control_chart(RNG.binomial(SIZES, 0.1), "p", sizes=SIZES),
    "np": lambda: control_chart(RNG.binomial(100, 0.1, 25), "np", sizes=100),
    "c": lambda: control_chart(RNG.poisson(6, 25), "c"),
    "u": lambda: control_chart(RNG.poisson(6, 25), "u", sizes=SIZES),
}


def _sample() -> charts.Chart:
    cc = control_chart(WAIT_BEFORE, "individuals", newdata=WAIT_AFTER)
    return charts.control_chart(cc, x_labels=dates(30), unit="menit")


@pytest.mark.parametrize("kind", sorted(CASES))
def test_every_chart_type_draws_with_its_limits(kind: str) -> None:
    chart = charts.control_chart(CASES[kind]())
    assert chart.title == charts.control.CHART_TITLES[kind]
    labels = [t for t, _ in text_boxes(chart, ("line_label",))]
    assert [s.split()[0] for s in labels] == ["BKA", "GT", "BKB"]
    assert overlaps(chart) == []


def test_reading_counts_points_beyond_the_limits_after_the_change() -> None:
    chart = _sample()
    assert (
        "Setelah perbaikan mulai 10 Mar: 2 titik di luar batas kendali (12 Mar dan 17 Mar;"
        in chart.reading
    )
    assert "semuanya di bawah BKB" in chart.reading
    assert (
        "Batas kendali dihitung dari 20 titik sebelum perbaikan, semuanya terkendali."
        in chart.reading
    )


def test_change_is_marked_and_annotated_with_its_date() -> None:
    chart = _sample()
    assert svg_has(chart, "Perbaikan (10 Mar)")
    assert svg_has(chart, "← Sebelum") and svg_has(chart, "Sesudah →")
    custom = charts.control_chart(
        control_chart(WAIT_BEFORE, "individuals", newdata=WAIT_AFTER),
        change_label="SOP baru 10 Mar",
    )
    assert svg_has(custom, "SOP baru 10 Mar")


def test_points_beyond_the_limits_are_named_in_the_legend() -> None:
    chart = _sample()
    assert svg_has(chart, "Di luar batas kendali (2)")


def test_run_rule_violations_are_named_in_indonesian() -> None:
    x = (
        [10.0, 10.5, 9.5, 10.2, 9.8, 10.1, 9.9, 10.3]
        + [11.0] * 3
        + [11.2, 10.9, 11.1, 11.05, 10.95]
    )
    cc = control_chart(x[:8], "individuals", newdata=x[8:], rules=("we1", "we4"))
    chart = charts.control_chart(cc)
    desc = RULE_DESCRIPTIONS["we4"]
    assert svg_has(chart, desc)
    assert f"menandai pola “{desc}”" in chart.reading


def test_limits_that_vary_per_point_are_drawn_as_steps() -> None:
    chart = charts.control_chart(CASES["p"]())
    lines = [a for a in chart.canvas().figure.artists if hasattr(a, "get_xdata")]
    stepped = [ln for ln in lines if len(ln.get_xdata()) == 2 * 25]
    assert len(stepped) == 2  # the UCL and the LCL, one step per subgroup


def test_p_chart_is_read_in_percent() -> None:
    chart = charts.control_chart(CASES["p"]())
    assert all(t.endswith("%") for t, _ in text_boxes(chart, ("ytick",)))
    assert "%" in chart.reading


def test_two_thousand_points_draw_without_markers_for_every_point() -> None:
    cc = control_chart(np.random.default_rng(1).normal(10, 1, 2000), "individuals")
    chart = charts.control_chart(cc, x_labels=[f"Hari {i + 1}" for i in range(2000)])
    assert overlaps(chart, ("xtick",)) == []
    assert len(text_boxes(chart, ("xtick",))) < 20


def test_x_labels_of_the_wrong_length_are_refused() -> None:
    with pytest.raises(charts.ChartInputError, match="label sumbu x"):
        charts.control_chart(CASES["c"](), x_labels=["a", "b"])


def test_something_else_than_a_control_chart_is_refused() -> None:
    with pytest.raises(charts.ChartInputError, match=r"tulta\.stats\.control_chart"):
        charts.control_chart([1, 2, 3])  # type: ignore[arg-type]


def test_in_control_reading_says_the_process_is_stable() -> None:
    chart = charts.control_chart(
        control_chart([10, 11, 9, 10, 12, 10, 9, 11, 10, 10], "individuals")
    )
    assert chart.reading.startswith("Semua 10 titik berada di dalam batas kendali")
    assert "proses terkendali" in chart.reading


# --- run chart ---------------------------------------------------------------------------------


def test_run_chart_reading_compares_medians_and_confirms_a_shift() -> None:
    values = [45, 47, 43, 46, 44, 48, 45, 44, 31, 29, 33, 30, 28, 32]
    chart = charts.run_chart(values, change_at=8, unit="menit", target=30)
    assert chart.reading.startswith(
        "Median sebelum perbaikan 45 menit, sesudah perbaikan 30,5 menit (−32,2%)."
    )
    assert "6 titik berturut-turut berada di bawah median sebelumnya" in chart.reading
    assert chart.reading.endswith("Sesudah perbaikan, 3 dari 6 titik memenuhi target (≤ 30 menit).")


def test_run_chart_says_when_a_change_is_not_yet_proven() -> None:
    chart = charts.run_chart([45, 47, 43, 46, 44, 40, 41], change_at=5)
    assert "belum dapat dipastikan" in chart.reading


def test_run_chart_without_signals_reads_as_normal_variation() -> None:
    chart = charts.run_chart([5, 7, 4, 6, 5, 7, 4, 6])
    assert chart.reading == "Median 5,5. Tidak ada pergeseran atau tren: naik-turunnya masih wajar."


def test_shift_needs_six_points_on_one_side_and_skips_points_on_the_median() -> None:
    x = np.array([1, 1, 1, 5, 1, 1, 1, 9, 9])
    assert shifts(x, 5.0) == [(0, 6, -1)]
    assert shifts(np.array([1, 1, 1, 1, 1, 9]), 5.0) == []


def test_trend_needs_five_points_steadily_rising_or_falling() -> None:
    assert trends(np.array([1, 2, 3, 4, 5, 3])) == [(0, 4, 1)]
    assert trends(np.array([5, 4, 3, 2, 2, 1])) == []


def test_run_chart_refuses_text_where_a_number_is_needed() -> None:
    with pytest.raises(charts.ChartInputError, match="Nilai ke-2 bukan angka: 'lima'"):
        charts.run_chart([4, "lima", 6])  # type: ignore[list-item]


def test_run_chart_refuses_a_single_point() -> None:
    with pytest.raises(charts.ChartInputError, match="minimal 2 nilai"):
        charts.run_chart([4])


def test_run_chart_refuses_a_change_outside_the_points() -> None:
    with pytest.raises(charts.ChartInputError, match="Titik perubahan"):
        charts.run_chart([1, 2, 3], change_at=3)


def _staged() -> charts.Chart:
    from tulta.stats import staged_control_chart

    cc = staged_control_chart([*WAIT_BEFORE, *WAIT_AFTER], "individuals", starts=(0, 20))
    return charts.control_chart(
        cc, x_labels=dates(30), unit="menit", stage_labels=["Sebelum", "Sesudah"]
    )


def test_a_staged_chart_draws_each_stage_with_its_own_limits_and_name() -> None:
    chart = _staged()
    assert svg_has(chart, "Sebelum") and svg_has(chart, "Sesudah")
    assert not svg_has(chart, "← Sebelum")  # not the frozen-baseline view's change mark
    assert overlaps(chart) == []
    reading = chart.reading
    assert reading.startswith("Batas kendali dihitung sendiri untuk setiap tahap (2 tahap).")
    days = dates(30)
    assert f"Sebelum ({days[0]} s.d. {days[19]}): garis tengah 45,0 menit" in reading
    assert f"Sesudah ({days[20]} s.d. {days[29]}): garis tengah" in reading
    assert reading.endswith("Garis tengah turun dari 45,0 menjadi 40,9 menit.")


def test_a_staged_chart_breaks_its_lines_at_the_stage_boundary() -> None:
    import re

    chart = _staged()
    # The points are two polylines (one per stage), not one joined across the boundary.
    paths = re.findall(r'<path d="M[^"]*"', chart.svg)
    with_twenty = [p for p in paths if p.count("L") == 19]
    with_ten = [p for p in paths if p.count("L") == 9]
    assert with_twenty and with_ten


def test_notes_are_added_to_the_reading() -> None:
    cc = control_chart(WAIT_BEFORE, "individuals")
    chart = charts.control_chart(cc, notes=["Usulan TULTA: pisah di titik ke-5."])
    assert chart.reading.endswith("Usulan TULTA: pisah di titik ke-5.")
