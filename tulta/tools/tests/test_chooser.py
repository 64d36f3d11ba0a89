"""The chart chooser for novices, against a table of data shapes and the suggestion each gets."""

from __future__ import annotations

import numpy as np
import pytest

from tulta.tools.chooser import suggest
from tulta.tools.grids import parse_grid
from tulta.tools.registry import get_tool

RNG = np.random.default_rng(7)


def block(*rows: object) -> str:
    return "\n".join("\t".join(str(c) for c in r) for r in rows)


def days(n: int) -> list[str]:
    return [f"{i + 1} Mar" for i in range(n)]


def comma(v: float) -> str:
    return f"{v:.1f}".replace(".", ",")


MEASURES = [comma(v) for v in RNG.normal(45, 4, 25)]
SKEWED = [comma(v) for v in RNG.exponential(5, 40)]
COUNTS = [str(v) for v in RNG.poisson(6, 25)]
WRONG = [str(v) for v in RNG.integers(2, 12, 25)]
FILES = [str(v) for v in RNG.integers(80, 140, 25)]

SHAPES: list[tuple[str, str, str, str | None]] = [
    # (what the group pasted, the data, expected tool, expected chart type)
    ("measurements, one column", block(*[[v] for v in MEASURES]), "histogram", None),
    (
        "measurements with a header",
        block(["Waktu tunggu"], *[[v] for v in MEASURES]),
        "histogram",
        None,
    ),
    ("whole numbers, one column", block(*[[v] for v in COUNTS]), "histogram", None),
    (
        "measurement per day",
        block(["Tanggal", "Menit"], *zip(days(25), MEASURES, strict=True)),
        "control_chart",
        "individuals",
    ),
    (
        "measurement per week, no header",
        block(*zip([f"Minggu {i + 1}" for i in range(25)], MEASURES, strict=True)),
        "control_chart",
        "individuals",
    ),
    (
        "defects per day",
        block(["Hari", "Jumlah salah"], *zip(days(25), COUNTS, strict=True)),
        "control_chart",
        "c",
    ),
    (
        "wrong files of varying totals",
        block(
            ["Tanggal", "Berkas salah", "Jumlah berkas"], *zip(days(25), WRONG, FILES, strict=True)
        ),
        "control_chart",
        "p",
    ),
    (
        "wrong files of equal totals",
        block(
            ["Tanggal", "Berkas salah", "Diperiksa"],
            *zip(days(25), WRONG, ["50"] * 25, strict=True),
        ),
        "control_chart",
        "np",
    ),
    (
        "counts and sizes, no labels",
        block(["Salah", "Ukuran"], *zip(WRONG, FILES, strict=True)),
        "control_chart",
        "p",
    ),
    (
        "subgroups of 4 per day",
        block(
            ["Tanggal", "Menit"], *[[d, comma(v)] for d in days(20) for v in RNG.normal(10, 1, 4)]
        ),
        "control_chart",
        "xbar",
    ),
    (
        "subgroups of 12 per week",
        block(
            ["Minggu", "Menit"],
            *[[f"Minggu {w}", comma(v)] for w in range(1, 21) for v in RNG.normal(10, 1, 12)],
        ),
        "control_chart",
        "S",
    ),
    (
        "before/after measurements",
        block(
            ["Menit", "Fase"],
            *[[v, "sebelum"] for v in MEASURES[:15]],
            *[[v, "sesudah"] for v in MEASURES[15:]],
        ),
        "control_chart",
        "individuals",
    ),
    (
        "before/after per day",
        block(
            ["Tanggal", "Menit", "Fase"],
            *[
                [d, v, "sebelum" if i < 15 else "sesudah"]
                for i, (d, v) in enumerate(zip(days(25), MEASURES, strict=True))
            ],
        ),
        "control_chart",
        "individuals",
    ),
    (
        "complaints by cause",
        block(
            ["Penyebab", "Jumlah"],
            ["Berkas kurang", "120"],
            ["Antre", "60"],
            ["Sistem", "30"],
            ["Lainnya", "12"],
        ),
        "pareto",
        None,
    ),
    (
        "cost by cause",
        block(
            ["Penyebab", "Biaya (Rp)"],
            ["Fotokopi", "14.244,8"],
            ["Transport", "6.000"],
            ["Materai", "2.031,6"],
        ),
        "pareto",
        None,
    ),
    (
        "minutes by step",
        block(["Tahap", "Waktu (menit)"], ["Antre", "45,5"], ["Verifikasi", "12"], ["Cetak", "3"]),
        "pareto",
        None,
    ),
    (
        "causes before and after",
        block(
            ["Penyebab", "Jumlah", "Periode"],
            ["Berkas", "120", "sebelum"],
            ["Antre", "60", "sebelum"],
            ["Berkas", "20", "sesudah"],
            ["Antre", "30", "sesudah"],
        ),
        "pareto",
        None,
    ),
    (
        "measurements by counter",
        block(["Loket", "Menit"], *[[f"Loket {i % 3 + 1}", v] for i, v in enumerate(MEASURES)]),
        "stratification",
        None,
    ),
    (
        "two measurements paired",
        block(
            ["Jumlah petugas", "Waktu tunggu"],
            *[
                [comma(a), comma(b)]
                for a, b in zip(RNG.normal(5, 1, 20), RNG.normal(40, 5, 20), strict=True)
            ],
        ),
        "scatter",
        None,
    ),
    (
        "records, one per line",
        block(["Jenis keluhan"], *[["Antre"], ["Berkas"], ["Antre"], ["Sistem"], ["Antre"]]),
        "check_sheet",
        None,
    ),
    (
        "records with day",
        block(["Jenis", "Hari"], ["Antre", "Senin"], ["Berkas", "Senin"], ["Antre", "Selasa"]),
        "check_sheet",
        None,
    ),
    ("skewed waiting times", block(*[[v] for v in SKEWED]), "histogram", None),
    ("nothing", "  \n\t\n", "", None),
]


@pytest.mark.parametrize(
    ("data", "tool", "chart"), [s[1:] for s in SHAPES], ids=[s[0] for s in SHAPES]
)
def test_each_shape_gets_its_tool_and_chart(data: str, tool: str, chart: str | None) -> None:
    found = suggest(data)
    assert found.tool == tool
    assert found.options.get("chart") == chart
    assert found.reason
    if tool:
        # The data come back in the tool's own columns, and that grid is clean.
        t = get_tool(tool)
        parsed = parse_grid(t.columns, found.rows)
        assert parsed.ok, parsed.errors[:3]
        t.compute(parsed, found.options)


def test_at_least_twenty_shapes_are_in_the_table() -> None:
    assert len(SHAPES) >= 20


def test_the_p_chart_reason_reads_as_the_issue_asks() -> None:
    data = next(s[1] for s in SHAPES if s[0] == "wrong files of varying totals")
    assert suggest(data).reason == (
        "data berupa jumlah berkas salah per tanggal dengan jumlah berkas berbeda-beda → peta p"
    )


def test_a_pareto_of_rupiah_says_it_adds_up_money_and_sets_its_unit() -> None:
    found = suggest(next(s[1] for s in SHAPES if s[0] == "cost by cause"))
    assert found.options == {"unit": "Rp"}
    assert any("menjumlahkan rupiah, bukan banyaknya kejadian" in n for n in found.notes)


def test_too_few_points_for_limits_is_noted() -> None:
    found = suggest(block(["Tanggal", "Menit"], *zip(days(12), MEASURES[:12], strict=True)))
    assert found.options == {"chart": "individuals"}
    assert any("Baru 12 titik" in n and "sedikitnya 20" in n for n in found.notes)


def test_clearly_non_normal_data_warn_about_capability() -> None:
    found = suggest(next(s[1] for s in SHAPES if s[0] == "skewed waiting times"))
    assert any("tidak normal" in n and "Cp/Cpk" in n for n in found.notes)
    normal = suggest(next(s[1] for s in SHAPES if s[0] == "measurements, one column"))
    assert not any("tidak normal" in n for n in normal.notes)


def test_a_suggestion_is_named_for_people() -> None:
    found = suggest(next(s[1] for s in SHAPES if s[0] == "defects per day"))
    assert found.label == "Grafik dan peta kendali: c"
