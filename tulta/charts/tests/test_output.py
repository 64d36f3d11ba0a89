"""What every chart promises: SVG, PNG at 300 dpi, determinism, accessibility, readings, layout."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tulta.charts import Chart, ChartInputError, placeholder_svg
from tulta.charts.tests.helpers import outside, overlaps, png_image, svg_root, svg_texts
from tulta.testing.chart_samples import SAMPLES

ROOT = Path(__file__).resolve().parents[3]
TOOLS = sorted(SAMPLES)


@pytest.fixture(scope="module")
def drawn() -> dict[str, Chart]:
    return {name: make() for name, make in SAMPLES.items()}


@pytest.mark.parametrize("tool", TOOLS)
def test_svg_is_well_formed_xml_with_title_and_desc(drawn: dict[str, Chart], tool: str) -> None:
    chart = drawn[tool]
    root = svg_root(chart)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{ns}title"), root.find(f"{ns}desc")
    assert title is not None and title.text == chart.title
    assert desc is not None and desc.text == chart.alt
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


@pytest.mark.parametrize("tool", TOOLS)
def test_svg_has_no_inline_css_so_pages_with_a_strict_csp_draw_it(
    drawn: dict[str, Chart], tool: str
) -> None:
    svg = drawn[tool].svg
    assert "style=" not in svg
    assert "<style" not in svg
    root = svg_root(drawn[tool])
    assert root.get("stroke-linejoin") == "round"  # matplotlib's *{...} default, now inherited
    assert any(el.get("fill") for el in root.iter())


@pytest.mark.parametrize("tool", TOOLS)
def test_svg_keeps_text_as_text(drawn: dict[str, Chart], tool: str) -> None:
    chart = drawn[tool]
    assert chart.title in " ".join(svg_texts(chart)).replace("\n", " ") or svg_texts(chart)
    assert "<?xml" not in chart.svg and "<metadata>" not in chart.svg
    assert "DejaVu Sans" in chart.svg


@pytest.mark.parametrize("tool", TOOLS)
def test_png_is_300_dpi_and_sized_from_css_pixels(drawn: dict[str, Chart], tool: str) -> None:
    chart = drawn[tool]
    image = png_image(chart.png())
    dpi = image.info["dpi"]
    assert dpi[0] == pytest.approx(300, abs=0.01) and dpi[1] == pytest.approx(300, abs=0.01)
    assert image.size[0] == pytest.approx(chart.width_px / 96 * 300, abs=2)
    assert image.size[1] == pytest.approx(chart.height_px / 96 * 300, abs=2)


@pytest.mark.parametrize("tool", TOOLS)
def test_same_data_give_identical_bytes(tool: str) -> None:
    first, second = SAMPLES[tool](), SAMPLES[tool]()
    assert first.svg == second.svg
    assert first.png(dpi=100) == second.png(dpi=100)


def test_same_data_give_identical_svg_in_another_process() -> None:
    code = (
        "from tulta.testing.chart_samples import SAMPLES; import hashlib, sys; "
        "sys.stdout.write(hashlib.sha256(''.join(SAMPLES[k]().svg for k in sorted(SAMPLES))"
        ".encode()).hexdigest())"
    )
    out = subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    )
    here = hashlib.sha256("".join(SAMPLES[k]().svg for k in sorted(SAMPLES)).encode())
    assert out.stdout == here.hexdigest()


@pytest.mark.parametrize("tool", TOOLS)
def test_no_text_overlaps_another(drawn: dict[str, Chart], tool: str) -> None:
    assert overlaps(drawn[tool]) == []


@pytest.mark.parametrize("tool", TOOLS)
def test_no_text_sticks_out_of_the_image(drawn: dict[str, Chart], tool: str) -> None:
    assert outside(drawn[tool]) == []


@pytest.mark.parametrize("tool", TOOLS)
def test_every_chart_has_a_reading_and_alt_text(drawn: dict[str, Chart], tool: str) -> None:
    chart = drawn[tool]
    assert chart.reading.strip().endswith(".")
    assert len(chart.alt) > len(chart.title)


def test_png_dpi_outside_50_to_600_is_refused(drawn: dict[str, Chart]) -> None:
    with pytest.raises(ChartInputError, match="dpi"):
        drawn["pareto"].png(dpi=2000)


def test_to_dict_is_plain_json_without_png(drawn: dict[str, Chart]) -> None:
    data = drawn["pareto"].to_dict()
    assert set(data) == {"kind", "title", "reading", "alt", "svg", "width_px", "height_px"}
    assert data["kind"] == "pareto"


def test_placeholder_is_accessible_svg_with_the_message() -> None:
    message = "Grafik ini memerlukan minimal 2 nilai; baru ada 1 & <itu> belum cukup."
    svg = placeholder_svg(message)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text == message  # type: ignore[union-attr]
    shown = " ".join("".join(t.itertext()) for t in root.iter(f"{ns}tspan"))
    assert shown == message


def test_placeholder_wraps_a_long_message_and_grows() -> None:
    svg = placeholder_svg("kata " * 200, width_px=300, height_px=100)
    root = ET.fromstring(svg)
    assert len(list(root.iter("{http://www.w3.org/2000/svg}tspan"))) > 10
    assert int(root.get("height")) > 100  # type: ignore[arg-type]


def test_input_error_is_a_value_error_with_code_and_indonesian_message() -> None:
    error = ChartInputError("empty_data", "Data kosong.", field="values")
    assert isinstance(error, ValueError)
    assert error.to_dict() == {
        "code": "empty_data",
        "message": "Data kosong.",
        "where": {"field": "values"},
    }


def test_rendering_from_several_threads_gives_the_same_bytes() -> None:
    from concurrent.futures import ThreadPoolExecutor

    makers = [SAMPLES[name] for name in ("pareto", "control_chart", "fishbone", "gantt")] * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        charts_ = list(pool.map(lambda make: make(), makers))
    for first, again in zip(charts_[:4], charts_[4:8], strict=True):
        assert first.svg == again.svg
