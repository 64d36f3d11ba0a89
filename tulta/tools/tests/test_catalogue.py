from __future__ import annotations

import pytest

from tulta.stats import StatsInputError
from tulta.tools.grids import parse_grid
from tulta.tools.registry import TOOLS, ToolDataError, get_tool

SAMPLES = {
    "brainstorming": [["Antrean panjang", "Pelayanan", "Siti"], ["Berkas kurang", "", ""]],
    "usg": [
        ["Antrean", "Siti", "5", "4", "4"],
        ["Antrean", "Agus", "4", "4", "3"],
        ["Berkas", "Siti", "3", "3", "2"],
    ],
    "carl": [["Verifikasi manual", "", "4", "5", "4", "4"], ["Printer", "", "2", "2", "3", "2"]],
    "meer": [
        ["Daftar periksa", "", "5", "4", "4", "5"],
        ["Loket tambahan", "", "2", "4", "2", "3"],
    ],
    "check_sheet": [
        ["Berkas kurang", "Senin", "12"],
        ["Antre", "Senin", "30"],
        ["Berkas kurang", "Selasa", "9"],
    ],
    "stratification": [["42", "Loket 1"], ["38", "Loket 1"], ["20", "Loket 2"], ["25", "Loket 2"]],
    "pareto": [["Berkas kurang", "120", ""], ["Antre", "60", ""], ["Sistem", "20", ""]],
    "fishbone": [
        ["Manusia", "Petugas belum terlatih", "Tidak ada pelatihan"],
        ["Metode", "Verifikasi manual", ""],
    ],
    "histogram": [[str(v)] for v in (40, 42, 45, 47, 44, 41, 50, 39)],
    "scatter": [["1", "10"], ["2", "12"], ["3", "15"], ["4", "19"]],
    "control_chart": [
        ["", str(v), "", "", "sesudah" if i >= 10 else ""]
        for i, v in enumerate([45, 47, 44, 46, 48, 45, 43, 46, 47, 45, 20, 18, 17])
    ],
    "action_plan": [
        [
            "Daftar periksa berkas",
            "Berkas kurang",
            "Pintu masuk",
            "Maret",
            "Satpam",
            "Cek sebelum antre",
            "Rp 0",
        ]
    ],
    "gantt": [["Menentukan tema", "1-2", "1-3"], ["Analisis", "3, 4", ""]],
    "flowchart": [
        ["A", "Warga datang", "mulai", "B", ""],
        ["B", "Berkas lengkap?", "keputusan", "C, A", "ya"],
        ["C", "Cetak KTP", "selesai", "", ""],
    ],
}


def test_every_tool_has_a_sample():
    assert set(SAMPLES) == set(TOOLS)


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_each_tool_computes_from_its_sample_grid(code):
    parsed = parse_grid(TOOLS[code].columns, SAMPLES[code])
    assert parsed.ok, [e.text() for e in parsed.errors]
    assert get_tool(code).compute(parsed, {}) is not None


def test_usg_averages_members_and_ranks_items():
    parsed = parse_grid(TOOLS["usg"].columns, SAMPLES["usg"])
    items = get_tool("usg").compute(parsed, {}).to_dict()["items"]
    assert items[0] == {
        "label": "Antrean",
        "scores": [4.5, 4.0, 3.5],
        "total": 12.0,
        "rank": 1,
    }
    assert items[1]["label"] == "Berkas"
    assert items[1]["rank"] == 2


def test_control_chart_uses_before_rows_as_baseline_and_after_rows_as_phase_two():
    parsed = parse_grid(TOOLS["control_chart"].columns, SAMPLES["control_chart"])
    chart = get_tool("control_chart").compute(parsed, {"chart": "individuals"}).chart
    assert len(chart.statistics) == 10
    assert len(chart.new_statistics) == 3
    assert len(chart.beyond_limits) >= 3  # the improvement is far below the old limits


def test_pareto_with_periods_gives_a_before_after_pair():
    rows = [
        ["Berkas", "120", "sebelum"],
        ["Antre", "60", "sebelum"],
        ["Berkas", "20", "sesudah"],
        ["Antre", "30", "sesudah"],
    ]
    result = get_tool("pareto").compute(parse_grid(TOOLS["pareto"].columns, rows), {})
    assert set(result) == {"before", "after"}


def test_too_few_rows_says_how_many_are_needed():
    parsed = parse_grid(TOOLS["histogram"].columns, [["1"], ["2"]])
    with pytest.raises(ToolDataError, match="sedikitnya 5 baris data; baru ada 2"):
        get_tool("histogram").compute(parsed, {})


def test_gantt_weeks_must_be_readable():
    parsed = parse_grid(TOOLS["gantt"].columns, [["Tema", "minggu satu", ""]])
    with pytest.raises(ToolDataError, match="Baris 1"):
        get_tool("gantt").compute(parsed, {})


def test_flowchart_arrow_to_an_unknown_code_is_refused():
    rows = [["A", "Mulai", "mulai", "Z", ""], ["B", "Selesai", "selesai", "", ""]]
    with pytest.raises(ToolDataError, match="“Z” tidak ada"):
        get_tool("flowchart").compute(parse_grid(TOOLS["flowchart"].columns, rows), {})


def test_xbar_needs_subgroups():
    rows = [["", "4", "", "", ""], ["", "5", "", "", ""]]
    parsed = parse_grid(TOOLS["control_chart"].columns, rows)
    with pytest.raises(ToolDataError, match="Subgrup"):
        get_tool("control_chart").compute(parsed, {"chart": "xbar"})


def test_data_without_variation_is_explained_by_the_stats_engine():
    rows = [["", "5", "", "", ""]] * 5
    parsed = parse_grid(TOOLS["control_chart"].columns, rows)
    with pytest.raises((StatsInputError, ToolDataError)):
        get_tool("control_chart").compute(parsed, {"chart": "individuals"})


SHIFT_ROWS = [[f"M{i + 1}", v, "", "", ""] for i, v in enumerate(
    ["45", "47", "44", "46", "45", "43", "46", "44", "45", "47", "44", "46",
     "15", "16", "14", "15", "17", "15", "14", "16", "15", "14", "16", "15"]
)]  # fmt: skip


def _control(rows: list[list[str]], **options: str):  # type: ignore[no-untyped-def]
    tool = get_tool("control_chart")
    result = tool.compute(parse_grid(tool.columns, rows), {"chart": "individuals", **options})
    return result, tool.draw(result, {"chart": "individuals", **options}, "Waktu tunggu")


def test_the_finder_proposes_a_split_in_plain_indonesian_which_the_user_may_take():
    result, drawn = _control(SHIFT_ROWS)
    assert len(result.chart.stage_starts) == 1  # a proposal, never a silent switch
    assert [c.index for c in result.proposals] == [12]
    assert "Usulan TULTA: Mulai titik ke-13, 12 titik berturut-turut di bawah garis tengah" in (
        drawn.reading
    )
    assert "pilih “Batas kendali: Per tahap” dan isi “Pisah tahap mulai titik ke-” dengan 13" in (
        drawn.reading
    )
    taken, drawn = _control(SHIFT_ROWS, limits="per_tahap", split_at="13")
    assert taken.chart.stage_starts == (0, 12)
    assert taken.proposals == ()
    assert "Usulan" not in drawn.reading
    assert "Tahap 1 (titik 1–12): garis tengah 45,2" in drawn.reading
    assert "Tahap 2 (titik 13–24): garis tengah 15,2" in drawn.reading


def test_per_stage_limits_follow_the_phase_column():
    rows = [
        [r[0], r[1], "", "", "sebelum" if i < 12 else "sesudah"] for i, r in enumerate(SHIFT_ROWS)
    ]
    frozen, _ = _control(rows)
    assert frozen.chart.new_statistics.size == 12 and frozen.proposals == ()
    staged, drawn = _control(rows, limits="per_tahap")
    assert staged.chart.stage_starts == (0, 12)
    assert staged.stage_labels == ("Sebelum", "Sesudah")
    assert "Sesudah (titik 13–24)" in drawn.reading


@pytest.mark.parametrize("typed", ["1", "30", "tiga"])
def test_a_split_point_that_is_not_a_point_is_refused_by_name(typed: str):
    with pytest.raises(ToolDataError, match=f"“{typed}” bukan nomor titik antara 2 dan 24"):
        _control(SHIFT_ROWS, limits="per_tahap", split_at=typed)
