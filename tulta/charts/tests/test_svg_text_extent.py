"""The SVG renderer's text measurement (cached glyph metrics) against matplotlib's own."""

from __future__ import annotations

import pytest
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.textpath import TextToPath

from tulta.charts.base import FAMILY
from tulta.charts.text import svg_text_extent

LABELS = [
    "Penyebab nomor 12 pada kategori Manusia",
    "AVATAR Ty To",  # kerning pairs
    "Tegangan Yang Terlalu",
    "Rp 14.245",
    "Mesin ",  # a trailing space counts in the width
    "  x",
    "Ä É ü — ±",
    "Waktu tunggu (menit)",
    "lp",
    "0",
    "",
]


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("size", [6.5, 8.0, 9.0, 11.0])
def test_the_extent_of_a_label_is_matplotlibs_within_a_hundredth_of_a_point(bold, size):
    prop = FontProperties(family=FAMILY, weight="bold" if bold else "normal", size=size)
    path = str(findfont(prop))
    for label in LABELS:
        expected = TextToPath().get_text_width_height_descent(label, prop, ismath=False)
        extent = svg_text_extent(label, path, size)
        assert extent is not None
        assert extent == pytest.approx(expected, abs=0.01), label


@pytest.mark.parametrize("label", ["kualifikasi", "office", "fleksibel", "漢字"])
def test_possible_ligatures_and_missing_glyphs_are_left_to_matplotlib(label):
    path = str(findfont(FontProperties(family=FAMILY, weight="bold")))
    assert svg_text_extent(label, path, 9.0) is None
