"""The registry is the only place a tool is known: every entry is complete, and a tool
registered from anywhere is drawn without touching another module (that a step offers it is
tested in ``tulta/risalah/tests/test_artefacts.py``; tulta.tools does not import risalah)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tulta import charts
from tulta.tools import registry, rendering
from tulta.tools.grids import NUMBER, Column
from tulta.tools.registry import TOOLS, Tool, get_tool, tool_label

TOOLS_DIR = Path(registry.__file__).parent


@pytest.mark.parametrize("code", sorted(TOOLS))
def test_every_registered_tool_has_columns_a_label_compute_and_draw(code):
    tool = TOOLS[code]
    assert tool.code == code
    assert tool.columns and all(c.key and str(c.label) for c in tool.columns)
    assert str(tool.label) and tool_label(code) == str(tool.label) != code
    assert callable(tool.compute_with) and callable(tool.draw_with)


def test_the_house_has_fourteen_tools():
    assert len(TOOLS) == 14


def test_an_unknown_code_is_shown_as_itself():
    assert tool_label("bukan_alat") == "bukan_alat"
    with pytest.raises(KeyError):
        get_tool("bukan_alat")


def _doubled(tool, parsed, options):
    return {c: 2 * v for c, v in zip(parsed.column("nama"), parsed.column("n"), strict=True)}


def _bars(tool, result, options, title):
    return charts.pareto(result, title=title)


@pytest.fixture
def new_tool(monkeypatch):
    tool = Tool(
        code="dobel",
        label="Alat uji",
        columns=(Column("nama", "Nama", "category"), Column("n", "Jumlah", NUMBER)),
        compute_with=_doubled,
        draw_with=_bars,
    )
    monkeypatch.setitem(TOOLS, tool.code, tool)
    return tool


def test_a_tool_registered_elsewhere_is_drawn_by_the_pipeline(new_tool):
    data = rendering.ToolInput("dobel", "Uji", [["A", "3"], ["B", "1"]], {})
    rendered = rendering.render(data)
    assert rendered.ok, rendered.message
    assert "A" in rendered.svg


def test_no_module_dispatches_on_a_tool_code():
    """Adding a tool is adding one entry: no ``x[code]`` tables of tool codes, no
    ``if code == "pareto"`` chains in the pipeline."""
    codes = set(TOOLS)
    for path in TOOLS_DIR.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                assert len(keys & codes) < 2, (path.name, sorted(keys & codes))
            if isinstance(node, ast.Compare):
                constants = {c.value for c in node.comparators if isinstance(c, ast.Constant)}
                assert not constants & codes, (path.name, node.lineno)


def test_the_pipeline_imports_no_other_app():
    allowed = ("tulta.stats", "tulta.charts", "tulta.core")
    for path in TOOLS_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name.startswith("tulta") and name != "tulta":
                    assert name.startswith(allowed), (path.name, name)
