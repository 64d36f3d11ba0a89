"""The recap exports, opened again and read: XLSX sheets per unit kind, PDF text."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from tulta.core.formatting import tanggal
from tulta.monitoring.recap import recap_build, recap_pdf, recap_xlsx
from tulta.risalah.models import RisalahStep
from tulta.testing.monitoring import TODAY, finalize, set_steps, start, team_in

pytestmark = pytest.mark.django_db

KIND_SHEETS = ["OPD", "Kecamatan", "Kelurahan dan desa", "UPT"]


@pytest.fixture
def filled(world, programme, upt):
    set_steps(start(world.team, programme), approved=1, then=RisalahStep.State.RETURNED)
    team_in(world.sub_unit, "KBK Kelurahan")
    finalize(start(team_in(upt, "KBK Puskesmas"), programme))
    return programme


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_xlsx_recap_has_one_sheet_per_unit_kind(filled):
    wb = workbook(recap_xlsx(recap_build(filled)))
    assert wb.sheetnames == ["Ringkasan", *KIND_SHEETS, "Unit tanpa kelompok"]


def test_every_sheet_of_the_xlsx_recap_has_a_frozen_header(filled):
    wb = workbook(recap_xlsx(recap_build(filled)))
    assert {ws.title: ws.freeze_panes for ws in wb} == dict.fromkeys(wb.sheetnames, "A2")
    assert wb["OPD"]["B1"].value == "Kelompok" and wb["OPD"]["B1"].font.b


def test_each_team_is_listed_on_the_sheet_of_its_unit_kind(filled):
    wb = workbook(recap_xlsx(recap_build(filled)))
    opd = [row for row in wb["OPD"].iter_rows(min_row=2, values_only=True)]
    assert [(r[1], r[4], r[8]) for r in opd] == [("KBK Cepat", "dikembalikan", 5)]
    assert [r[1] for r in wb["UPT"].iter_rows(min_row=2, values_only=True)] == ["KBK Puskesmas"]
    assert wb["OPD"].auto_filter.ref == "A1:K2"


def _evaluate(ws, text: str) -> float:
    """The value of one of the recap's formulas (SUM, MAX over a column range; the share IF)."""
    if match := re.fullmatch(r"=(SUM|MAX)\(([A-Z]+\d+):([A-Z]+\d+)\)", text):
        values = [c.value or 0 for row in ws[match[2] : match[3]] for c in row]
        return sum(values) if match[1] == "SUM" else max(values)
    match = re.fullmatch(r"=IF\(([A-Z]+\d+)>0,([A-Z]+\d+)/\1,0\)", text)
    assert match, text
    teams, final = ws[match[1]].value, ws[match[2]].value
    if isinstance(teams, str):
        teams, final = _evaluate(ws, teams), _evaluate(ws, final)
    return final / teams if teams else 0


def test_the_summary_sheet_totals_every_unit_kind_and_names_the_government(filled):
    ws = workbook(recap_xlsx(recap_build(filled)))["Ringkasan"]
    rows = list(ws.iter_rows(values_only=True))
    total = next(r for r in rows if r[0] == "Jumlah")
    assert _evaluate(ws, total[3]) == 3  # teams
    assert any(r[0] == "Pemerintah Kota Uji" for r in rows)


def test_the_summary_totals_are_formulas_that_give_the_dashboard_figures(filled):
    recap = recap_build(filled)
    ws = workbook(recap_xlsx(recap))["Ringkasan"]
    header = [c.value for c in ws[1]]
    total_row = next(r for r in ws.iter_rows() if r[0].value == "Jumlah")
    formulas = {header[c.column - 1]: c for c in total_row[1:]}
    assert all(c.data_type == "f" for c in formulas.values())
    assert formulas["Kelompok"].value == "=SUM(D2:D5)"
    t = recap.total
    expected = {
        "Unit": t.units,
        "Unit tanpa kelompok": t.units_without_team,
        "Kelompok": t.teams,
        "final": t.states["final"],
        "dikembalikan": t.states["returned"],
        "Kelompok terlambat": t.late_teams,
        "Langkah terlambat": t.late_steps,
        "Terlambat terlama (hari)": t.max_days_late,
    }
    assert {k: _evaluate(ws, formulas[k].value) for k in expected} == expected
    assert formulas["Terlambat terlama (hari)"].value.startswith("=MAX(")


def test_the_summary_has_a_percent_final_column_per_unit_kind_and_in_total(filled):
    recap = recap_build(filled)
    ws = workbook(recap_xlsx(recap))["Ringkasan"]
    header = [c.value for c in ws[1]]
    column = header.index("% final") + 1
    assert header[column - 2] == "final"  # next to the count it is the share of
    shares = {}
    for row in range(2, 7):
        cell = ws.cell(row=row, column=column)
        assert cell.data_type == "f" and cell.number_format == "0.0%"
        shares[ws.cell(row=row, column=1).value] = _evaluate(ws, cell.value)
    assert shares["Jumlah"] == pytest.approx(recap.total.states["final"] / recap.total.teams)
    upt = next(k for k in recap.kinds if k.kind == "upt")
    assert shares[upt.label] == 1.0  # the one UPT group is final
    assert ws.cell(row=2, column=1).value != "Jumlah"


def test_every_sheet_of_the_xlsx_recap_prints_landscape_one_page_wide_with_its_header(filled):
    wb = workbook(recap_xlsx(recap_build(filled)))
    for ws in wb:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.print_title_rows == "$1:$1"
        assert "Pemerintah Kota Uji" in ws.oddHeader.left.text
        assert "Halaman" in ws.oddFooter.right.text


def test_the_pdf_recap_shows_the_government_name_and_the_date(filled):
    text = pdf_text(recap_pdf(recap_build(filled)))
    assert "Pemerintah Kota Uji" in text
    assert tanggal(TODAY) in text


def test_the_pdf_recap_lists_the_teams_per_unit_kind(filled):
    text = pdf_text(recap_pdf(recap_build(filled)))
    assert "KBK Cepat" in text and "KBK Puskesmas" in text and "KBK Kelurahan" in text
    assert "Ringkasan per jenis unit" in text


def test_the_pdf_recap_prints_the_letterhead_when_there_is_one(world, filled):
    world.government.letterhead = "PEMERINTAH KOTA UJI\nSEKRETARIAT DAERAH"
    world.government.save()
    filled.refresh_from_db()
    assert "SEKRETARIAT DAERAH" in pdf_text(recap_pdf(recap_build(filled)))


def test_the_recap_downloads_from_the_page_as_xlsx(world, client_for, filled):
    response = client_for(world.admin).get(reverse("monitoring:recap_xlsx", args=[filled.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert workbook(response.content).sheetnames[1:5] == KIND_SHEETS


def test_the_recap_downloads_from_the_page_as_pdf(world, client_for, filled):
    response = client_for(world.leader).get(reverse("monitoring:recap_pdf", args=[filled.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "KBK Cepat" in pdf_text(response.content)


def test_a_unit_heads_recap_only_holds_their_teams(world, client_for, filled):
    response = client_for(world.unit_head).get(reverse("monitoring:recap_xlsx", args=[filled.pk]))
    wb = workbook(response.content)
    teams = [r[1] for ws in wb.worksheets[1:5] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert teams == ["KBK Cepat"]


def test_the_programme_recap_command_writes_xlsx(filled, tmp_path):
    output = tmp_path / "rekap.xlsx"
    call_command("programme_recap", str(filled.pk), "--format", "xlsx", "--output", str(output))
    assert workbook(output.read_bytes()).sheetnames[1:5] == KIND_SHEETS


def test_the_programme_recap_command_writes_pdf(filled, tmp_path):
    output = tmp_path / "rekap.pdf"
    call_command("programme_recap", str(filled.pk), "--format", "pdf", "--output", str(output))
    assert "Pemerintah Kota Uji" in pdf_text(output.read_bytes())


def test_the_programme_recap_command_refuses_an_unknown_programme(db, tmp_path):
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("programme_recap", "999999", "--output", str(tmp_path / "x.xlsx"))


def test_the_pdf_recap_numbers_its_pages_on_from_the_summary_to_the_team_lists(filled):
    reader = PdfReader(io.BytesIO(recap_pdf(recap_build(filled))))
    texts = [page.extract_text() for page in reader.pages]
    assert "Ringkasan per jenis unit" in texts[0]
    assert any("OPD — 1 kelompok" in text and "KBK Cepat" in text for text in texts[1:])
    assert [f"Halaman {n}" in text for n, text in enumerate(texts, start=1)] == [True] * len(texts)
