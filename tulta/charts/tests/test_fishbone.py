"""Fishbone diagram."""

from __future__ import annotations

import pytest

from tulta import charts
from tulta.charts.tests.helpers import outside, overlaps, png_image, svg_has, text_boxes

CATEGORIES = charts.DEFAULT_CATEGORIES


def test_empty_causes_give_the_six_default_bones() -> None:
    chart = charts.fishbone("Antrean panjang")
    assert [t for t, _ in text_boxes(chart, ("category",))] == list(CATEGORIES)
    assert chart.reading == "Diagram tulang ikan untuk “Antrean panjang” belum berisi penyebab."


def test_causes_and_sub_causes_are_drawn_and_counted() -> None:
    chart = charts.fishbone(
        "Antrean panjang",
        {
            "Manusia": [{"text": "Petugas terlambat", "sub": ["Apel pagi"]}],
            "Metode": ["Tanpa SOP"],
            "Mesin/Sarana": [],
        },
    )
    assert svg_has(chart, "Petugas terlambat") and svg_has(chart, "– Apel pagi")
    assert chart.reading.startswith(
        "Ada 2 penyebab dan 1 sub-penyebab untuk “Antrean panjang” dalam 3 kategori"
    )
    assert "Kategori “Mesin/Sarana” belum berisi penyebab." in chart.reading


def test_long_indonesian_causes_are_wrapped_without_overlap() -> None:
    long = (
        "Petugas loket pelayanan administrasi kependudukan sering terlambat datang karena apel pagi"
    )
    chart = charts.fishbone("Waktu tunggu lama", {c: [long, long + " juga"] for c in CATEGORIES})
    assert all("\n" in t for t, _ in text_boxes(chart, ("cause",)))
    assert overlaps(chart) == []


def test_two_hundred_causes_render_legibly_within_the_page_limits() -> None:
    causes = {c: [f"Penyebab nomor {i} pada kategori {c}" for i in range(34)] for c in CATEGORIES}
    causes["Manusia"] = causes["Manusia"][:30]
    chart = charts.fishbone("Waktu tunggu pelayanan KTP lebih dari 60 menit", causes)
    assert sum(len(v) for v in causes.values()) == 200
    assert chart.width_px <= 960 and chart.height_px <= 912  # 10 x 9.5 inches
    assert overlaps(chart) == [] and outside(chart) == []
    sizes = {round(t.get_fontsize(), 1) for t in chart.canvas().texts("cause")}
    assert min(sizes) >= 6.0  # the font floor
    assert "tidak tampil di gambar" in chart.reading
    assert any(t.startswith("… dan ") for t, _ in text_boxes(chart, ("more",)))
    assert "Penyebab nomor 33 pada kategori Metode" in chart.alt  # the alt text keeps every cause
    assert png_image(chart.png(dpi=72)).size[0] <= 720


def test_an_empty_effect_is_refused() -> None:
    with pytest.raises(charts.ChartInputError, match="Akibat"):
        charts.fishbone("  ", {"Manusia": ["a"]})


def test_an_empty_cause_is_refused() -> None:
    with pytest.raises(charts.ChartInputError, match="Penyebab ke-2 pada “Metode”"):
        charts.fishbone("Antrean", {"Metode": ["a", ""]})


def test_a_tie_on_every_bone_is_read_as_a_tie_not_a_largest_category() -> None:
    chart = charts.fishbone("Antrean panjang", {c: [f"Sebab {c}"] for c in CATEGORIES})
    assert "terbanyak" not in chart.reading
    assert "enam kategori sama besar (masing-masing 1 penyebab)" in chart.reading


def test_a_tie_between_some_bones_names_them_all() -> None:
    chart = charts.fishbone(
        "Antrean panjang",
        {"Manusia": ["a", "b"], "Metode": ["c", "d"], "Material": ["e"]},
    )
    assert "terbanyak pada “Manusia” dan “Metode” (masing-masing 2 penyebab)" in chart.reading


def test_one_largest_bone_is_named_with_its_count() -> None:
    chart = charts.fishbone("Antrean panjang", {"Manusia": ["a", "b"], "Metode": ["c"]})
    assert "terbanyak pada “Manusia” (2 penyebab)" in chart.reading
