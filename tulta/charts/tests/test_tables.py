"""Check sheet, scoring matrix, 5W1H plan, Gantt and brainstorming list."""

from __future__ import annotations

import pytest

from tulta import charts
from tulta.charts.tests.helpers import overlaps, svg_has, text_boxes
from tulta.stats import score, tally
from tulta.testing.chart_samples import PLAN, STEPS

COUNTS = {
    "Berkas tidak lengkap": 23,
    "Antrean panjang": 14,
    "Petugas tidak di tempat": 7,
    "Lainnya": 6,
}


def test_one_way_check_sheet_has_tally_counts_and_shares() -> None:
    chart = charts.check_sheet(COUNTS, row_title="Jenis keluhan", unit="keluhan")
    assert svg_has(chart, "Turus") and svg_has(chart, "46,0%") and svg_has(chart, "100%")
    assert chart.reading.startswith(
        "Tercatat 50 keluhan dalam 4 kategori. Terbanyak “Berkas tidak lengkap”: 23 (46,0%)."
    )
    assert "Tiga terbanyak" in chart.reading and "mencakup 88,0%" in chart.reading


def test_tally_marks_come_in_groups_of_five() -> None:
    chart = charts.check_sheet({"A": 7})
    lines = [a for a in chart.canvas().figure.artists if hasattr(a, "get_xdata")]
    # one polyline per group: four upright strokes (NaN-separated) crossed by a diagonal, then 2
    tallies = [len(ln.get_xdata()) for ln in lines if len(ln.get_xdata()) > 2]  # not table rules
    assert sorted(tallies) == [2 * 3, 4 * 3 + 2]


def test_large_counts_get_a_bar_instead_of_tally_marks() -> None:
    chart = charts.check_sheet({"A": 125, "B": 7.5})
    assert svg_has(chart, "Grafik") and not svg_has(chart, "Turus")


def test_two_way_check_sheet_has_row_and_column_totals() -> None:
    records = [{"jenis": "Antrean", "hari": "Senin"}] * 3 + [
        {"jenis": "Berkas", "hari": "Selasa"}
    ] * 2
    chart = charts.check_sheet(tally(records, ["jenis", "hari"]), col_title="hari", unit="keluhan")
    assert svg_has(chart, "Senin") and svg_has(chart, "Jumlah")
    assert (
        "Menurut hari, terbanyak pada “Senin” (3) dan paling sedikit pada “Selasa” (2)."
        in chart.reading
    )
    assert chart.reading.endswith("Sel terbanyak: “Antrean” pada “Senin” (3).")


def test_a_month_of_days_turns_the_headers_upright_without_overlap() -> None:
    data = {f"Keluhan jenis {k}": {str(d): (d * k) % 9 for d in range(1, 32)} for k in range(1, 6)}
    chart = charts.check_sheet(data, col_title="tanggal")
    assert overlaps(chart) == []
    assert chart.width_px > 624  # grew beyond the 6.5-inch page width


def test_check_sheet_refuses_negative_counts() -> None:
    with pytest.raises(charts.ChartInputError, match="tidak boleh negatif"):
        charts.check_sheet({"A": 3, "B": -2})


def test_check_sheet_refuses_text_counts() -> None:
    with pytest.raises(charts.ChartInputError, match="bukan angka"):
        charts.check_sheet({"A": {"Senin": "tiga"}})


def test_check_sheet_refuses_empty_data() -> None:
    with pytest.raises(charts.ChartInputError, match="masih kosong"):
        charts.check_sheet({})


def test_check_sheet_refuses_an_empty_category_name() -> None:
    with pytest.raises(charts.ChartInputError, match="Nama kategori ke-2"):
        charts.check_sheet({"A": 1, " ": 2})


USG = {"Antrean panjang": (5, 4, 4), "Berkas hilang": (4, 5, 3), "Info tidak jelas": (3, 3, 3)}


def test_scoring_matrix_lists_items_by_rank_with_totals() -> None:
    chart = charts.scoring_matrix(score(USG, "usg"))
    cells = [t for t, _ in text_boxes(chart, ("cell",))]
    assert cells[:6] == ["1", "Antrean panjang", "5", "4", "4", "13"]
    assert svg_has(chart, "Urgency") and svg_has(chart, "Total (jumlah)")
    assert chart.reading == (
        "Prioritas pertama menurut USG: “Antrean panjang” (total 13). Berikutnya “Berkas hilang” "
        "(12) dan “Info tidak jelas” (9)."
    )


def test_scoring_matrix_names_ties_for_first_place() -> None:
    chart = charts.scoring_matrix(score({"A": (4, 4, 4), "B": (5, 4, 3)}, "usg"))
    assert chart.reading.startswith("2 masalah sama-sama di peringkat pertama (total 12)")


def test_scoring_matrix_shows_each_members_totals() -> None:
    members = {"Andi": score(USG, "usg"), "Budi": score(USG, "usg")}
    chart = charts.scoring_matrix(score(USG, "usg"), members=members)
    assert svg_has(chart, "Andi") and svg_has(chart, "Budi")


def test_scoring_matrix_refuses_a_member_who_missed_an_item() -> None:
    members = {"Andi": score({"Antrean panjang": (5, 4, 4)}, "usg")}
    with pytest.raises(charts.ChartInputError, match="Andi"):
        charts.scoring_matrix(score(USG, "usg"), members=members)


def test_carl_matrix_uses_the_product() -> None:
    chart = charts.scoring_matrix(
        score({"A": (2, 3, 4, 5), "B": (1, 1, 1, 1)}, "carl"), item="penyebab"
    )
    assert svg_has(chart, "Total (hasil kali)") and svg_has(chart, "120")


def test_action_plan_becomes_5w2h_with_costs_in_rupiah() -> None:
    chart = charts.action_plan(PLAN)
    assert chart.title == "Rencana perbaikan 5W2H"
    assert svg_has(chart, "3.500.000") and svg_has(chart, "Berapa")
    assert chart.reading.startswith("Rencana perbaikan berisi 3 tindakan dengan 3 penanggung jawab")


def test_action_plan_without_costs_is_5w1h_and_accepts_indonesian_keys() -> None:
    chart = charts.action_plan(
        [{"Apa": "Pasang papan informasi", "Siapa": "Ketua", "Kapan": "Mei"}]
    )
    assert chart.title == "Rencana perbaikan 5W1H"
    assert not svg_has(chart, "Berapa")


def test_action_plan_flags_rows_without_who_or_when() -> None:
    chart = charts.action_plan([{"what": "A", "who": "Ketua", "when": "Mei"}, {"what": "B"}])
    assert chart.reading.endswith("Tindakan nomor 2 belum lengkap: isi kapan dan siapa.")


def test_action_plan_refuses_a_row_without_what() -> None:
    with pytest.raises(charts.ChartInputError, match="“Apa” pada baris ke-1"):
        charts.action_plan([{"why": "karena"}])


def test_action_plan_refuses_an_unknown_column() -> None:
    with pytest.raises(charts.ChartInputError, match="tidak dikenal"):
        charts.action_plan([{"what": "A", "warna": "merah"}])


def test_gantt_reading_counts_steps_on_time_late_and_pending() -> None:
    chart = charts.gantt(STEPS)
    assert chart.reading == (
        "4 dari 7 langkah selesai sesuai jadwal atau lebih cepat. Terlambat: langkah 2 “Memahami "
        "situasi dan menetapkan sasaran” (1 minggu) dan langkah 4 “Menganalisis akar masalah” "
        "(1 minggu). Belum dilaksanakan: langkah 7."
    )


def test_gantt_merges_consecutive_weeks_into_one_bar() -> None:
    chart = charts.gantt([{"step": "A", "planned": [1, 2, 3, 5], "actual": [1, 2]}])
    bars = [p for p in chart.canvas().figure.artists if type(p).__name__ == "Rectangle"]
    hatched = [b for b in bars if b.get_hatch()]
    assert len(hatched) == 1 + 2  # legend swatch + weeks 1-3 + week 5


def test_gantt_refuses_a_week_that_is_not_a_whole_number() -> None:
    with pytest.raises(charts.ChartInputError, match="bilangan bulat 1 sampai 104"):
        charts.gantt([{"step": "A", "planned": [1, 2.5]}])


def test_gantt_refuses_an_empty_schedule() -> None:
    with pytest.raises(charts.ChartInputError, match="masih kosong"):
        charts.gantt([])


def test_brainstorm_groups_and_numbers_ideas_through_all_groups() -> None:
    ideas = [
        {"text": "a", "category": "Metode"},
        {"text": "b", "category": "Manusia"},
        {"text": "c", "category": "Metode"},
    ]
    chart = charts.brainstorm(ideas)
    assert [t for t, _ in text_boxes(chart, ("group",))] == ["Metode (2)", "Manusia (1)"]
    assert [t for t, _ in text_boxes(chart, ("number",))] == ["1.", "2.", "3."]
    assert [t for t, _ in text_boxes(chart, ("idea",))] == ["a", "c", "b"]
    assert chart.reading == (
        "Terkumpul 3 gagasan dalam 2 kelompok (“Metode” dan “Manusia”); terbanyak “Metode” "
        "dengan 2 gagasan."
    )


def test_brainstorm_of_plain_texts_has_no_groups() -> None:
    chart = charts.brainstorm(["satu", "dua"])
    assert text_boxes(chart, ("group",)) == [] and chart.reading == "Terkumpul 2 gagasan."


def test_brainstorm_refuses_an_empty_idea() -> None:
    with pytest.raises(charts.ChartInputError, match="Gagasan ke-2"):
        charts.brainstorm(["satu", ""])
