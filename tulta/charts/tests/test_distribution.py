"""Histogram, scatter diagram and stratification."""

from __future__ import annotations

import numpy as np
import pytest

from tulta import charts
from tulta.charts.tests.helpers import overlaps, svg_has, text_boxes
from tulta.stats import StatsInputError, histogram, stratify

VALUES = [38, 40, 41, 42, 42, 43, 43, 44, 44, 44, 45, 45, 46, 47, 48, 50]


def test_histogram_draws_spec_limits_and_target_with_their_values() -> None:
    chart = charts.histogram(histogram(VALUES), lsl=35, usl=50, target=44, unit="menit")
    assert svg_has(chart, "BSB 35") and svg_has(chart, "BSA 50") and svg_has(chart, "Target 44")


def test_histogram_reading_gives_centre_spread_and_the_share_beyond_spec() -> None:
    h = histogram(VALUES)
    chart = charts.histogram(h, usl=50, x_label="Waktu tunggu", unit="menit")
    assert chart.reading.startswith(
        f"Dari 16 nilai, rata-rata {charts.format.number(h.mean, 1)} menit dengan simpangan baku "
    )
    assert "di luar batas spesifikasi (BSA 50 menit)" in chart.reading


def test_histogram_legend_gives_mean_and_sd_of_the_normal_curve() -> None:
    h = histogram(VALUES)
    chart = charts.histogram(h)
    assert svg_has(chart, f"rata-rata {charts.format.number(h.mean, 1)}")


def test_histogram_accepts_raw_values() -> None:
    assert charts.histogram(VALUES).svg == charts.histogram(histogram(VALUES)).svg


def test_histogram_bar_counts_add_up_to_n() -> None:
    chart = charts.histogram(VALUES)
    assert sum(int(t) for t, _ in text_boxes(chart, ("bar_value",))) == len(VALUES)


def test_histogram_refuses_spec_limits_in_the_wrong_order() -> None:
    with pytest.raises(charts.ChartInputError, match="Batas spesifikasi bawah"):
        charts.histogram(VALUES, lsl=50, usl=40)


def test_histogram_refuses_text_values() -> None:
    with pytest.raises(charts.ChartInputError, match="Nilai ke-3 bukan angka"):
        charts.histogram([1, 2, "x", 4])


def test_histogram_passes_on_too_few_values_from_the_statistics() -> None:
    with pytest.raises((StatsInputError, charts.ChartInputError), match="minimal 2"):
        charts.histogram([5])


def test_scatter_shows_r_and_reads_a_strong_positive_relation() -> None:
    x = [1, 2, 3, 4, 5, 6, 7, 8]
    y = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1]
    chart = charts.scatter(x, y, x_label="Jumlah berkas", y_label="Waktu proses", y_unit="menit")
    assert svg_has(chart, "r = 1,00 (hubungan sangat kuat positif)")
    assert chart.reading.startswith(
        "Hubungan sangat kuat positif antara jumlah berkas dan waktu proses"
    )
    assert "makin besar jumlah berkas, makin besar waktu proses" in chart.reading
    assert "bermakna secara statistik (p < 0,001)" in chart.reading


def test_scatter_reads_a_weak_relation_as_possibly_chance() -> None:
    chart = charts.scatter([1, 2, 3, 4, 5], [3, 1, 4, 1, 5])
    assert "belum bermakna secara statistik" in chart.reading


@pytest.mark.parametrize(
    ("r", "words"),
    [
        (0.1, "hampir tidak ada hubungan"),
        (0.3, "hubungan lemah positif"),
        (-0.5, "hubungan sedang negatif"),
        (0.7, "hubungan kuat positif"),
        (-0.9, "hubungan sangat kuat negatif"),
    ],
)
def test_correlation_words(r: float, words: str) -> None:
    assert charts.correlation_words(r) == words


def test_scatter_refuses_fewer_than_three_pairs() -> None:
    with pytest.raises(charts.ChartInputError, match="minimal 3 nilai x"):
        charts.scatter([1, 2], [3, 4])


def test_stratification_reading_compares_the_highest_and_lowest_means() -> None:
    result = stratify(
        [10, 12, 30, 34, 20, 22], ["Loket 1", "Loket 1", "Loket 2", "Loket 2", "Loket 3", "Loket 3"]
    )
    chart = charts.stratification(result, measure="Waktu tunggu", factor="loket", unit="menit")
    assert chart.reading.startswith(
        "Rata-rata waktu tunggu tertinggi pada loket “Loket 2” (32,0 menit) dan terendah pada "
        "“Loket 1” (11,0 menit); selisihnya 21,0 menit, atau 2,9 kali lipat."
    )
    assert "kurang dari 5 nilai" in chart.reading
    assert svg_has(chart, "32,0") and svg_has(chart, "n = 2")


def test_stratification_of_totals_reads_the_largest_share() -> None:
    result = stratify([3, 4, 10, 2, 1], ["A", "A", "B", "C", "C"])
    chart = charts.stratification(result, statistic="total", measure="Keluhan", decimals=0)
    assert (
        chart.reading
        == "“B” menyumbang keluhan terbanyak: 10 (50,0% dari 20); paling sedikit “C” (3)."
    )


def test_stratification_with_many_long_names_switches_to_horizontal_bars() -> None:
    names = [f"Kelurahan dengan nama yang sangat panjang nomor {i}" for i in range(9)]
    result = stratify(list(np.arange(45) % 7 + 1), [n for n in names for _ in range(5)])
    chart = charts.stratification(result, statistic="total")
    rights = [b.x1 for _, b in text_boxes(chart, ("category",))]
    assert max(rights) - min(rights) < 1
    assert overlaps(chart) == []


def test_stratification_refuses_an_unknown_statistic() -> None:
    with pytest.raises(charts.ChartInputError, match="mean atau total"):
        charts.stratification(stratify([1, 2], ["a", "b"]), statistic="median")


def test_histogram_of_whole_numbers_reads_its_classes_in_whole_numbers() -> None:
    scores = [1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 2, 3, 4, 3, 1, 5, 4, 3, 3, 2, 4, 3, 3, 4]
    chart = charts.histogram(scores, x_label="Skor kepuasan")
    assert "Nilai terbanyak: 3 (10 nilai)." in chart.reading
    assert "dalam 5 kelas dari 1 sampai 5" in chart.alt
    wide = charts.histogram(list(range(10, 51)) * 2, unit="menit")
    assert "Kelas terbanyak: 10–15 menit (12 nilai)." in wide.reading
