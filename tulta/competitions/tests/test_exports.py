"""The results command, the certificate PDF and its public check."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from tulta.competitions import certificates, services
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
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[1][:3] == ["Penilaian risalah", "1", "KBK Cepat"]
    assert rows[1][-2:] == ["90.0", "90.0"]
    xlsx = tmp_path / "hasil.xlsx"
    call_command("competition_results", comp["competition"].pk, "--output", str(xlsx))
    ws = load_workbook(xlsx).active
    assert ws.cell(row=3, column=3).value == "KBK Sehat"


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
