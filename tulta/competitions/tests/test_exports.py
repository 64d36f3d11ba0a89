"""The results export (XLSX and CSV, reopened), the certificate PDF and its public check."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from tulta.competitions import certificates, export, services
from tulta.competitions.models import Award

pytestmark = pytest.mark.django_db


def _scored(world, comp):
    rnd = comp["round"]
    for entry, v in zip(comp["entries"], [9, 7, 5], strict=True):
        for judge in (world.judge, comp["judge2"]):
            for c in rnd.rubric.criteria.all():
                services.score_save(actor=judge, round=rnd, entry=entry, criterion=c, value=v)
    return rnd


def test_results_command_writes_csv_and_xlsx(world, comp, tmp_path):
    _scored(world, comp)
    out = tmp_path / "hasil.csv"
    call_command(
        "competition_results", comp["competition"].pk, "--format", "csv", "--output", str(out)
    )
    rows = list(csv.reader(out.open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[1][:3] == ["Penilaian risalah", "1", "KBK Cepat"]
    assert rows[1][-3:] == ["90,0", "90,0", ""]
    xlsx = tmp_path / "hasil.xlsx"
    call_command("competition_results", comp["competition"].pk, "--output", str(xlsx))
    ws = load_workbook(xlsx)["Hasil"]
    assert [ws.cell(row=r, column=2).value for r in range(6, 9)] == [
        "KBK Cepat",
        "KBK Sehat",
        "KBK Tepat",
    ]


def _awarded(world, comp):
    rnd = _scored(world, comp)
    for kind, rank, entry in (
        (Award.Kind.JUARA_1, 1, comp["entries"][0]),
        (Award.Kind.FAVORIT, None, comp["entries"][0]),
        (Award.Kind.JUARA_2, 2, comp["entries"][1]),
    ):
        Award.objects.create(
            competition=comp["competition"],
            entry=entry,
            kind=kind,
            rank=rank,
            awarded_on=dt.date(2026, 12, 3),
        )
    return rnd


def _results_workbook(comp):
    return load_workbook(io.BytesIO(export.results_xlsx(comp["competition"])))


def test_the_results_sheet_has_a_frozen_header_widths_and_print_setup(world, comp):
    _awarded(world, comp)
    ws = _results_workbook(comp)["Hasil"]
    header = [c.value for c in ws[5]]
    assert header[:3] == ["Peringkat", "Kelompok", "Unit"]
    assert ws.freeze_panes == "D6"  # header row and rank/team/unit stay in view
    assert ws.column_dimensions["B"].width == 30 and ws.column_dimensions["C"].width == 32
    assert ws.auto_filter.ref == f"A5:{ws.cell(row=5, column=len(header)).column_letter}8"
    assert ws.print_title_rows == "$5:$5"
    assert ws.page_setup.orientation == "landscape"
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True


def test_the_results_state_the_scale_and_the_weights(world, comp):
    rnd = _awarded(world, comp)
    ws = _results_workbook(comp)["Hasil"]
    assert ws["A1"].value == "Lomba KBK 2026 — Penilaian risalah"
    assert "paling tinggi 100" in ws["A3"].value and "nilai mentah" in ws["A3"].value
    header = [c.value for c in ws[5]]
    for c in rnd.rubric.criteria.all():
        weight = f"{c.weight:f}".rstrip("0").rstrip(".")
        assert f"{c.name} (bobot {weight}; skala {c.min_score}–{c.max_score})" in header
    assert "Nilai mentah (0–100)" in header
    rubric = _results_workbook(comp)["Rubrik"]
    rows = list(rubric.iter_rows(min_row=4, values_only=True))
    assert rows[-1][1:3] == ("Jumlah bobot", 100.0)
    assert sum(r[2] for r in rows[:-1]) == 100.0


def test_the_results_have_an_award_column(world, comp):
    _awarded(world, comp)
    ws = _results_workbook(comp)["Hasil"]
    header = [c.value for c in ws[5]]
    column = header.index("Penghargaan")
    awards = {row[1]: row[column] for row in ws.iter_rows(min_row=6, values_only=True)}
    assert awards == {"KBK Cepat": "Juara I, Favorit", "KBK Sehat": "Juara II", "KBK Tepat": None}
    ranks = [row[0] for row in ws.iter_rows(min_row=6, values_only=True)]
    assert ranks == [1, 2, 3]


def test_each_judge_has_a_sheet_with_their_own_scores(world, comp):
    rnd = comp["round"]
    _scored(world, comp)
    first = rnd.rubric.criteria.first()
    services.score_save(
        actor=comp["judge2"], round=rnd, entry=comp["entries"][0], criterion=first, value=3
    )
    wb = _results_workbook(comp)
    assert wb.sheetnames == ["Hasil", f"Juri {world.judge.full_name}", "Juri Juri Dua", "Rubrik"]
    ws = wb["Juri Juri Dua"]
    assert ws["A1"].value == "Lembar nilai juri: Juri Dua"
    assert ws.freeze_panes == "C6"
    rows = {r[0]: r for r in ws.iter_rows(min_row=6, values_only=True)}
    assert set(rows) == {"KBK Cepat", "KBK Sehat", "KBK Tepat"}
    assert rows["KBK Cepat"][2] == 3.0  # the changed score, on this judge's sheet only
    assert wb[f"Juri {world.judge.full_name}"]["C6"].value == 9.0
    assert rows["KBK Sehat"][-2] == "ya"


def test_the_results_csv_is_for_indonesian_excel(world, comp):
    _scored(world, comp)
    data = export.results_csv(comp["competition"])
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    text = data.decode("utf-8-sig")
    first, second = text.splitlines()[:2]
    assert first.startswith("Babak;Peringkat;Kelompok;Unit;")
    assert second.startswith("Penilaian risalah;1;KBK Cepat;")
    assert ";90,0;90,0;" in second
    assert "." not in second.split(";", 4)[4].replace("Dinas", "")  # decimal commas only


def test_certificate_pdf_has_letterhead_fields_and_check_url(world, comp, client_for):
    from pypdf import PdfReader

    world.government.letterhead = "PEMERINTAH KOTA UJI\nSEKRETARIAT DAERAH"
    world.government.save()
    award = Award.objects.create(
        competition=comp["competition"],
        entry=comp["entries"][0],
        kind=Award.Kind.JUARA_1,
        rank=1,
        awarded_on=dt.date(2026, 11, 30),
        signatory_name="Drs. Wali Kota",
    )
    pdf = certificates.certificate_pdf(award, "https://tulta.test/piagam/cek/x/")
    import io

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for expected in [
        "SEKRETARIAT DAERAH",
        "PIAGAM PENGHARGAAN",
        "KBK Cepat",
        "Juara I",
        "Dinas Kependudukan",
        "Drs. Wali Kota",
        "30 November 2026",
    ]:
        assert expected in text
    page = client_for(None).get(f"/piagam/cek/{award.code}/")
    assert b"asli" in page.content and b"KBK Cepat" in page.content
    assert client_for(None).get("/piagam/cek/palsu/").status_code == 404


def test_the_organiser_downloads_the_results_workbook_from_the_page(world, comp, client_for):
    from io import BytesIO

    from django.urls import reverse
    from openpyxl import load_workbook

    competition = comp["competition"]
    response = client_for(world.admin).get(
        reverse("competitions:results_download", args=[competition.pk])
    )
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "attachment" in disposition and ".xlsx" in disposition
    book = load_workbook(BytesIO(response.content))
    assert len(book.sheetnames) >= 2
