"""The recap exports, opened again and read: XLSX sheets per unit kind, PDF text."""

from __future__ import annotations

import io

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


def test_the_summary_sheet_totals_every_unit_kind_and_names_the_government(filled):
    ws = workbook(recap_xlsx(recap_build(filled)))["Ringkasan"]
    rows = list(ws.iter_rows(values_only=True))
    total = next(r for r in rows if r[0] == "Jumlah")
    assert total[3] == 3  # teams
    assert any(r[0] == "Pemerintah Kota Uji" for r in rows)


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
