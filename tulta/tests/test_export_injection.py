"""No export hands out a live formula: each export is fed the classic formula-injection payloads
(as team and unit names, or as a tool's grid cells), and the file is opened again."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from tulta.competitions import services as competition_services
from tulta.core.exports import csv_cell, csv_text, is_safe_formula, workbook_bytes
from tulta.monitoring.recap import recap_build, recap_xlsx
from tulta.risalah import artefacts
from tulta.testing.competitions import fill_gaps
from tulta.testing.monitoring import start

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "=1+1",
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
]


def _cells(data: bytes) -> list[openpyxl.cell.cell.Cell]:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


def _assert_no_formula_and_payloads_kept(data: bytes, expected: list[str]) -> None:
    """No payload became a formula; the only formulas are the exports' own totals and shares
    (references and arithmetic, see ``exports.is_safe_formula``)."""
    cells = _cells(data)
    formulas = [c.value for c in cells if c.data_type == "f"]
    assert [f for f in formulas if not is_safe_formula(f) or f in PAYLOADS] == []
    texts = {c.value for c in cells if isinstance(c.value, str)}
    for payload in expected:
        assert payload in texts


def test_the_shared_writer_saves_text_that_starts_with_equals_as_a_string():
    workbook = openpyxl.Workbook()
    workbook.active.append(PAYLOADS)
    _assert_no_formula_and_payloads_kept(workbook_bytes(workbook), PAYLOADS)


def test_csv_cells_that_would_be_formulas_get_a_leading_quote_and_numbers_stay():
    assert [csv_cell(p) for p in PAYLOADS] == ["'" + p for p in PAYLOADS]
    assert csv_cell("\tx") == "'\tx" and csv_cell("\rx") == "'\rx"
    assert csv_cell(-2) == -2 and csv_cell("KBK Cepat") == "KBK Cepat" and csv_cell(None) == ""
    assert list(csv.reader(io.StringIO(csv_text([PAYLOADS])))) == [["'" + p for p in PAYLOADS]]


def test_monitoring_recap_writes_team_and_unit_names_as_text(world, programme):
    world.team.name = PAYLOADS[0]
    world.team.save()
    world.unit.name = PAYLOADS[1]
    world.unit.save()
    start(world.team, programme)
    _assert_no_formula_and_payloads_kept(recap_xlsx(recap_build(programme)), PAYLOADS[:2])


def test_tool_data_export_writes_grid_cells_as_text(world, risalah, client_for):
    step = risalah.steps.get(number=1)
    step.risalah = risalah
    artefact = artefacts.artefact_create(actor=world.chair, step=step, tool="pareto")
    artefact.step = step
    artefact = artefacts.artefact_save(
        actor=world.chair,
        artefact=artefact,
        rows=[[p, "10", ""] for p in PAYLOADS],
        options={},
        title="Keluhan",
        base_version=artefact.version,
    )
    url = reverse("risalah:artefact_export", args=[risalah.pk, 1, artefact.pk])
    response = client_for(world.member).get(url)
    assert response.status_code == 200
    _assert_no_formula_and_payloads_kept(response.content, PAYLOADS)


def _named_and_scored(world, comp):
    teams = [e.team for e in comp["entries"]]
    for team, payload in zip(teams, PAYLOADS, strict=False):
        team.name = payload
        team.save()
    world.unit.name = PAYLOADS[-1]
    world.unit.save()
    rnd = comp["round"]
    for entry in comp["entries"]:
        for c in rnd.rubric.criteria.all():
            competition_services.score_save(
                actor=world.judge, round=rnd, entry=entry, criterion=c, value=7
            )
    fill_gaps(rnd)  # only complete cards have a total (the second judge's too)
    return [*[t.name for t in teams], PAYLOADS[-1]]


def test_competition_results_xlsx_writes_names_as_text(world, comp, tmp_path):
    names = _named_and_scored(world, comp)
    out = tmp_path / "hasil.xlsx"
    call_command("competition_results", comp["competition"].pk, "--output", str(out))
    _assert_no_formula_and_payloads_kept(out.read_bytes(), names)


def test_competition_results_csv_neutralises_formula_cells(world, comp, tmp_path):
    names = _named_and_scored(world, comp)
    out = tmp_path / "hasil.csv"
    call_command(
        "competition_results", comp["competition"].pk, "--format", "csv", "--output", str(out)
    )
    reader = csv.reader(out.open(encoding="utf-8-sig"), delimiter=";")  # for Indonesian Excel
    cells = [cell for row in reader for cell in row]
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    for name in names:
        assert "'" + name in cells


def test_no_export_writes_a_spreadsheet_around_the_shared_writer():
    """Every XLSX is saved by workbook_bytes and every CSV written by write_csv/csv_text."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    pattern = re.compile(r"csv\.writer\(|\b(?:wb|workbook)\.save\(")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and "testing" not in path.parts
        and path != root / "core" / "exports.py"
        and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
