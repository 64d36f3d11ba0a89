"""Flowchart."""

from __future__ import annotations

import pytest

from tulta import charts
from tulta.charts.tests.helpers import overlaps, svg_has, text_boxes
from tulta.testing.chart_samples import EDGES, NODES


def test_flowchart_draws_every_node_and_edge_label() -> None:
    chart = charts.flowchart(NODES, EDGES)
    drawn = [t.replace("\n", " ") for t, _ in text_boxes(chart, ("node",))]
    assert sorted(drawn) == sorted(n["text"] for n in NODES)
    assert svg_has(chart, "Ya") and svg_has(chart, "Tidak")


def test_decisions_are_diamonds() -> None:
    chart = charts.flowchart(NODES, EDGES)
    polygons = [a for a in chart.canvas().figure.artists if type(a).__name__ == "Polygon"]
    assert len(polygons) == 1  # one decision
    assert len(polygons[0].get_xy()) == 5  # four corners, closed


def test_main_path_runs_straight_down() -> None:
    chart = charts.flowchart(NODES, EDGES)
    boxes = {t.replace("\n", " "): box for t, box in text_boxes(chart, ("node",))}
    centres = {
        round((boxes[n["text"]].x0 + boxes[n["text"]].x1) / 2)
        for n in NODES
        if n["id"] != "kembali"
    }
    assert max(centres) - min(centres) <= 1


def test_loop_back_is_read_as_rework() -> None:
    chart = charts.flowchart(NODES, EDGES)
    assert chart.reading == (
        "Alur terdiri dari 5 langkah dan 1 keputusan, dari “Pemohon datang” sampai “Dokumen "
        "diserahkan”. Ada 1 putaran balik (pekerjaan diulang), tanda alur yang dapat dipangkas."
    )


def test_long_jumps_and_loops_do_not_make_texts_overlap() -> None:
    nodes = [
        {"id": str(i), "text": f"Langkah nomor {i} yang panjang sekali", "kind": "step"}
        for i in range(6)
    ]
    nodes.append({"id": "d", "text": "Sudah benar?", "kind": "decision"})
    edges = [{"from": str(i), "to": str(i + 1)} for i in range(5)]
    edges += [
        {"from": "5", "to": "d"},
        {"from": "d", "to": "0", "label": "Tidak"},
        {"from": "1", "to": "4", "label": "Lewati"},
    ]
    assert overlaps(charts.flowchart(nodes, edges)) == []


def test_an_edge_to_an_unknown_node_is_refused() -> None:
    with pytest.raises(charts.ChartInputError, match="tidak ada"):
        charts.flowchart([{"id": "a", "text": "A"}], [{"from": "a", "to": "b"}])


def test_a_duplicate_id_is_refused() -> None:
    with pytest.raises(charts.ChartInputError, match="lebih dari sekali"):
        charts.flowchart([{"id": "a", "text": "A"}, {"id": "a", "text": "B"}], [])


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(charts.ChartInputError, match="tidak dikenal"):
        charts.flowchart([{"id": "a", "text": "A", "kind": "awan"}], [])
