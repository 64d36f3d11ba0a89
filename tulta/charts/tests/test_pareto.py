"""Pareto and before/after Pareto."""

from __future__ import annotations

import pytest

from tulta import charts
from tulta.charts.tests.helpers import overlaps, svg_has, text_boxes
from tulta.stats import StatsInputError, pareto
from tulta.testing.chart_samples import AFTER, COMPLAINTS


def test_pareto_writes_percentages_with_a_decimal_comma() -> None:
    chart = charts.pareto(COMPLAINTS, item="penyebab", unit="keluhan")
    assert svg_has(chart, "29,6%")  # 37 of 125
    assert svg_has(chart, "88,0%")
    assert svg_has(chart, "Berkas")


def test_pareto_reading_names_the_vital_few_and_their_share() -> None:
    chart = charts.pareto(COMPLAINTS, item="penyebab", unit="keluhan")
    assert chart.reading.startswith("4 penyebab teratas (“Berkas persyaratan tidak lengkap”, ")
    assert "menyumbang 88,0% dari 125 keluhan" in chart.reading
    assert chart.reading.endswith("Sisanya, 2 penyebab, hanya 12,0%.")


def test_pareto_reading_for_a_single_dominant_category() -> None:
    chart = charts.pareto({"A": 90, "B": 6, "C": 4}, item="penyebab", unit="keluhan")
    assert chart.reading.startswith("Penyebab teratas, “A”, menyumbang 90,0% dari 100 keluhan.")


def test_pareto_reading_when_nothing_stands_out() -> None:
    chart = charts.pareto({"A": 1, "B": 1})
    assert chart.reading.startswith("Tidak ada kategori yang menonjol")


def test_pareto_counts_use_a_thousands_dot() -> None:
    chart = charts.pareto({"Berkas": 1250, "Antrean": 300, "Lainnya": 50})
    assert svg_has(chart, "1.250")
    assert "dari 1.600 kejadian" in chart.reading


def test_pareto_takes_a_stats_result() -> None:
    result = pareto(list(COMPLAINTS), list(COMPLAINTS.values()))
    assert charts.pareto(result).svg == charts.pareto(COMPLAINTS).svg


def test_short_names_stay_under_vertical_bars_without_overlap() -> None:
    chart = charts.pareto(COMPLAINTS)
    labels = text_boxes(chart, ("category",))
    assert len(labels) == len(COMPLAINTS)
    tops = [box.y1 for _, box in labels]
    assert max(tops) - min(tops) < 2  # one row of labels under the bars
    assert overlaps(chart, ("category", "bar_value", "cumulative")) == []


def test_long_names_switch_to_horizontal_bars() -> None:
    long = {
        f"Kategori keluhan nomor {i} dengan nama yang sangat panjang sekali": 90 - 7 * i
        for i in range(10)
    }
    chart = charts.pareto(long)
    labels = text_boxes(chart, ("category",))
    rights = [box.x1 for _, box in labels]
    assert max(rights) - min(rights) < 1  # right-aligned in one column left of the bars
    assert overlaps(chart) == []


def test_a_word_too_long_for_a_slot_switches_to_horizontal_bars() -> None:
    chart = charts.pareto(
        {"Ketidaklengkapanpersyaratanadministrasi" + str(i): 10 - i for i in range(8)}
    )
    rights = [b.x1 for _, b in text_boxes(chart, ("category",))]
    assert max(rights) - min(rights) < 1


def test_orientation_can_be_forced() -> None:
    chart = charts.pareto(COMPLAINTS, orientation="horizontal")
    rights = [b.x1 for _, b in text_boxes(chart, ("category",))]
    assert max(rights) - min(rights) < 1


def test_before_after_share_one_count_scale() -> None:
    chart = charts.pareto_before_after(COMPLAINTS, AFTER)
    ticks = [t for t, _ in text_boxes(chart, ("ytick",))]
    # both panels count up to the larger total (125): the same left-axis ticks twice
    assert ticks == ["0", "25", "50", "75", "100", "125"] * 2
    assert svg_has(chart, "Sebelum perbaikan: 125 kejadian")
    assert svg_has(chart, "Sesudah perbaikan: 42 kejadian")


def test_before_after_reading_gives_the_change() -> None:
    chart = charts.pareto_before_after(COMPLAINTS, AFTER, item="penyebab", unit="keluhan")
    assert chart.reading.startswith("Total keluhan turun dari 125 menjadi 42 (−66,4%).")
    assert "“Berkas persyaratan tidak lengkap”, turun dari 37 menjadi 6 (−83,8%)" in chart.reading


def test_before_after_with_long_names_stays_clear() -> None:
    long_b = {f"Penyebab dengan nama yang panjang sekali nomor {i}": 50 - 4 * i for i in range(9)}
    long_a = {f"Penyebab dengan nama yang panjang sekali nomor {i}": 20 - i for i in range(9)}
    chart = charts.pareto_before_after(long_b, long_a)
    assert overlaps(chart) == []


def test_negative_count_is_refused_in_indonesian() -> None:
    with pytest.raises(StatsInputError, match="tidak boleh negatif"):
        charts.pareto({"A": 5, "B": -1})


def test_text_count_is_refused_in_indonesian() -> None:
    with pytest.raises(StatsInputError, match="bukan angka"):
        charts.pareto({"A": 5, "B": "tujuh"})


def test_empty_categories_are_refused() -> None:
    with pytest.raises(charts.ChartInputError, match="Belum ada kategori"):
        charts.pareto({})


def test_pareto_legend_says_vital_few_in_indonesian() -> None:
    chart = charts.pareto(COMPLAINTS, item="penyebab", unit="keluhan")
    assert svg_has(chart, "Sedikit penyebab utama")
    assert not svg_has(chart, "vital few")


def test_a_pareto_of_rupiah_says_rp_on_its_axis_bars_and_reading() -> None:
    from tulta.stats import pareto as compute

    result = compute(["Fotokopi", "Transport", "Materai"], [14244.8, 6000, 2031.6])
    chart = charts.pareto(result, unit="Rp")
    svg = chart.svg
    assert "Jumlah (Rp)" in svg and "kejadian" not in svg
    assert "14.245" in svg and "14.244,8" not in svg
    assert "Rp 22.276" in chart.reading and "kejadian" not in chart.reading


def test_a_pareto_of_minutes_names_time_on_its_axis() -> None:
    chart = charts.pareto({"Antre": 120.0, "Verifikasi": 45.0, "Cetak": 10.0}, unit="menit")
    assert "Jumlah waktu (menit)" in chart.svg
    assert "175 menit" in chart.reading


def test_before_after_pareto_of_rupiah_reads_rupiah_on_both_sides() -> None:
    chart = charts.pareto_before_after(
        {"Fotokopi": 15000.0, "Transport": 5000.0},
        {"Fotokopi": 2000.0, "Transport": 1000.0},
        unit="Rp",
    )
    assert "Total turun dari Rp 20.000 menjadi Rp 3.000 (−85,0%)." in chart.reading
