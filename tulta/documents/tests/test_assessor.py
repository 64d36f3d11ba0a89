"""The risalah an assessor accepts (#21 points 14–17, #23 point 2), checked by reopening the PDF
and the Word file: the results chapter prints the impact ledger's own figures, the approval page
comes right after the cover with the unit head's real title, the lampiran prints the attached
files, the tool tables are Word tables with captions, and the unit's own kop is on the cover."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from PIL import Image
from pypdf import PdfReader

from tulta.documents import export
from tulta.documents.builder import build_risalah_document
from tulta.documents.pdf import html_to_pdf
from tulta.factories import UnitFactory
from tulta.impact import services as impact_services
from tulta.impact.models import Indicator
from tulta.impact.selectors import verdict_for
from tulta.organizations.models import Unit
from tulta.risalah import attachments
from tulta.testing import samples

from .reading import docx_text, painted_images, pdf_pages, squash

pytestmark = pytest.mark.django_db

# Medians and means differ here (45,0 → 15,5 by median), and the target (15) is not reached: the
# figures of the issue, where the document said 44,5 → 14,8 and "Sasaran tercapai".
BEFORE = ["44", "45", "45", "46", "44", "45", "52", "41", "45", "47", "43", "38"]
AFTER = ["15", "16", "14", "17", "16", "16", "12", "19", "15", "16", "11", "14"]


def _starts(page: str, title: str) -> bool:
    """Whether ``page`` opens with ``title`` (after a draft's watermark)."""
    return page.removeprefix("DRAF ").startswith(title)


def _results_chapter(pages: list[str]) -> str:
    start = next(i for i, text in enumerate(pages) if _starts(text, "Hasil, Standar Baru dan Tema"))
    end = next(i for i, text in enumerate(pages) if _starts(text, "Daftar Lampiran"))
    return " ".join(pages[start:end])


@pytest.fixture
def measured(draft_risalah, world):
    """The draft risalah with two indicators measured: a waiting time (primary, median test)
    and an error rate (counts, with a target it reaches)."""
    primary = impact_services.indicator_save(
        actor=world.chair,
        risalah=draft_risalah,
        name="waktu tunggu KTP-el",
        kind=Indicator.Kind.CEPAT,
        unit=Indicator.Unit.MENIT,
        direction=Indicator.Direction.LOWER,
        statistic=Indicator.Statistic.MEDIAN,
        annual_volume=12_000,
        target=15.0,
        baseline=BEFORE,
        after=AFTER,
    )
    errors = impact_services.indicator_save(
        actor=world.chair,
        risalah=draft_risalah,
        name="berkas dikembalikan",
        kind=Indicator.Kind.TEPAT,
        unit=Indicator.Unit.PERSEN,
        direction=Indicator.Direction.LOWER,
        data_form=Indicator.DataForm.COUNTS,
        annual_volume=6_000,
        target=10.0,
        baseline=["30/100", "34/100", "31/100"],
        after=["8/100", "9/100", "7/100"],
    )
    return draft_risalah, [primary, errors]


def _ledger_figures(indicator: Indicator) -> dict[str, str]:
    with translation.override("id"):
        verdict = verdict_for(indicator, draw=False)
        assert verdict.comparison is not None
        return {
            "before": verdict.before_text,
            "after": verdict.after_text,
            "change": verdict.change_text,
            "p": verdict.p_text,
            "target": "sasaran tercapai" if verdict.target_reached else "sasaran belum tercapai",
        }


def test_the_pdf_results_chapter_prints_each_indicators_ledger_figures(measured):
    risalah, indicators = measured
    chapter = _results_chapter(pdf_pages(export.render_document(risalah, "pdf")))
    primary = _ledger_figures(indicators[0])
    assert (primary["before"], primary["after"]) == ("45,0 menit", "15,5 menit")
    assert primary["target"] == "sasaran belum tercapai"
    for indicator in indicators:
        figures = _ledger_figures(indicator)
        for text in figures.values():
            assert squash(text) in squash(chapter), (indicator.name, text)
    assert squash("Sasaran 15,0 menit: sasaran belum tercapai.") in squash(chapter)
    assert squash("Sasaran 10,0%: sasaran tercapai.") in squash(chapter)
    # the figures read from the charts (45,6 → 18,3) are not printed beside the ledger's; the
    # group's own words follow, under their own heading
    figures, words = chapter.split("Uraian kelompok")
    assert "45,6" not in figures and "Angka berikut dibaca dari grafik" not in figures
    assert "Sasaran hampir tercapai" in words


def test_the_word_results_chapter_prints_each_indicators_ledger_figures(measured):
    risalah, indicators = measured
    document = docx.Document(io.BytesIO(export.render_document(risalah, "docx")))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Indikator")
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [r[0] for r in rows] == ["waktu tunggu KTP-el (utama)", "berkas dikembalikan"]
    for row, indicator in zip(rows, indicators, strict=True):
        figures = _ledger_figures(indicator)
        assert row[1:3] == [figures["before"], figures["after"]]
        assert row[3].startswith(figures["change"])
        assert row[5].endswith(f"p {figures['p']}")
        assert row[6].endswith(figures["target"])
    text = docx_text(export.render_document(risalah, "docx"))
    assert "45,6" not in text.split("Indikator sebelum dan sesudah")[-1].split("Uraian")[0]


def test_without_measured_indicators_the_chart_figures_are_said_to_be_untested(draft_risalah):
    doc = build_risalah_document(draft_risalah)
    assert doc.results.indicators == ()
    chapter = _results_chapter(pdf_pages(export.render_document(draft_risalah, "pdf")))
    assert "belum ada uji statistik" in chapter and "45,6" in chapter


# --- approval page, front matter, kop, lampiran and Word tables: one kelurahan risalah ------------


def _pdf_file(text: str, pages: int) -> bytes:
    sheets = "".join(
        f'<section style="break-after: page"><h1>{text}</h1><p>Halaman SK {n}</p></section>'
        for n in range(1, pages + 1)
    )
    return html_to_pdf(f"<html><body>{sheets}</body></html>")


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 140, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


def _minutes_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("NOTULEN RAPAT KBK CIJERAH")
    document.add_paragraph("Rapat menyepakati daftar periksa berkas di pintu masuk.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def kelurahan_risalah(world, programme):
    unit = UnitFactory(
        government=world.government, name="Kelurahan Cijerah", kind=Unit.Kind.KELURAHAN
    )
    unit.head = world.unit_head
    unit.address = "Jl. Cijerah No. 7, Uji"
    unit.save()
    cast = samples.sample_team(world.government, name="KBK Cijerah", unit=unit)
    risalah = samples.write_risalah(cast, programme, final=False)
    risalah.mentor = world.mentor
    risalah.save(update_fields=["mentor"])
    attachments.attachment_add(
        actor=cast.chair, risalah=risalah, data=_pdf_file("SURAT KEPUTUSAN LURAH", 2),
        name="sk-asli.pdf", kind="sk", title="SK Lurah tentang KBK",
    )  # fmt: skip
    attachments.attachment_add(
        actor=cast.chair, risalah=risalah, data=_jpeg(), name="foto.jpg", kind="photo",
        title="Foto daftar periksa",
    )  # fmt: skip
    attachments.attachment_add(
        actor=cast.chair, risalah=risalah, data=_minutes_docx(), name="notulen.docx",
        kind="minutes", title="Notulen rapat kedua",
    )  # fmt: skip
    return risalah


@pytest.fixture
def kelurahan_pdf(kelurahan_risalah):
    return export.render_document(kelurahan_risalah, "pdf")


@pytest.fixture
def kelurahan_docx(kelurahan_risalah):
    return export.render_document(kelurahan_risalah, "docx")


def test_pdf_front_matter_runs_cover_approval_foreword_contents_figures(kelurahan_pdf):
    pages = pdf_pages(kelurahan_pdf)
    starts = [
        next(i for i, t in enumerate(pages) if _starts(t, title))
        for title in ("Lembar Pengesahan", "Kata Pengantar", "Daftar Isi", "Daftar Gambar")
    ]
    assert starts == sorted(starts) and starts[0] == 1
    assert starts[-1] < next(i for i, t in enumerate(pages) if _starts(t, "Identitas"))
    figures = pages[starts[-1]]
    assert "Gambar 1.1 — Penilaian USG masalah" in figures
    assert "Gambar 6.2 — Peta kendali waktu tunggu" in figures


def test_the_approval_page_has_the_lurah_place_date_and_every_signature(
    kelurahan_pdf, kelurahan_risalah, world
):
    page = pdf_pages(kelurahan_pdf)[1]
    assert "Uji, ……………………… 2026" in page  # a draft: the date is written by hand
    for block in ("Ketua KBK Cijerah", "Fasilitator", "Pendamping", world.mentor.full_name):
        assert block in page
    assert "Mengetahui/Menyetujui, Lurah Cijerah" in page
    assert "Kepala Kelurahan" not in page
    assert page.index("Ketua KBK Cijerah") < page.index("Mengetahui/Menyetujui")


def test_the_final_approval_page_is_dated_the_day_it_became_final(full_risalah):
    doc = build_risalah_document(full_risalah)
    assert doc.approval.place_date.startswith("Uji, ")
    assert doc.approval.place_date.endswith(" 2026") and "…" not in doc.approval.place_date


def test_the_cover_carries_the_units_own_kop_and_logo(kelurahan_risalah):
    unit = kelurahan_risalah.team.unit
    unit.logo = SimpleUploadedFile("logo.png", samples.png_bytes(), "image/png")
    unit.save()
    data = export.render_document(kelurahan_risalah, "pdf")
    cover = pdf_pages(data)[0]
    assert _starts(cover, "PEMERINTAH KOTA UJI KELURAHAN CIJERAH Jl. Cijerah No. 7, Uji")
    assert painted_images(PdfReader(io.BytesIO(data)).pages[0])
    document = docx.Document(io.BytesIO(export.render_document(kelurahan_risalah, "docx")))
    assert [p.text for p in document.paragraphs[1:4]] == [
        "PEMERINTAH KOTA UJI",
        "KELURAHAN CIJERAH",
        "Jl. Cijerah No. 7, Uji",
    ]


def test_the_pdf_lampiran_prints_the_sk_pages_the_photo_and_the_minutes(kelurahan_pdf):
    reader = PdfReader(io.BytesIO(kelurahan_pdf))
    pages = pdf_pages(kelurahan_pdf)
    sk = [i for i, t in enumerate(pages) if "SURAT KEPUTUSAN LURAH" in t]
    # after the samples' own SK (damaged, so only named) comes this SK, both of its pages laid
    # onto the document's own pages
    assert len(sk) == 2
    assert "Lampiran 2. SK Lurah tentang KBK (SK pembentukan) — halaman 1 dari 2" in pages[sk[0]]
    assert "Halaman SK 2" in pages[sk[1]] and f"dari {len(pages)}" in pages[sk[1]]
    photo = next(i for i, t in enumerate(pages) if "Lampiran 4. Foto daftar periksa" in t)
    assert painted_images(reader.pages[photo])
    minutes = next(i for i, t in enumerate(pages) if "Lampiran 5. Notulen rapat kedua" in t)
    assert "Rapat menyepakati daftar periksa berkas di pintu masuk." in pages[minutes]
    assert not painted_images(reader.pages[minutes])


def test_a_damaged_pdf_attachment_is_named_with_a_note_not_a_failure(full_risalah):
    pages = pdf_pages(export.render_document(full_risalah, "pdf"))  # its SK is "%PDF-1.4 sk"
    page = next(t for t in pages if "Lampiran 1. SK pembentukan KBK" in t)
    assert "tidak dapat dibaca untuk dicetak" in page and "sk.pdf" in page


def test_word_tool_tables_are_real_tables_with_captions_below(kelurahan_docx):
    document = docx.Document(io.BytesIO(kelurahan_docx))
    by_header = {tuple(c.text for c in t.rows[0].cells): t for t in document.tables}
    usg = by_header[("Peringkat", "Masalah", "Urgency", "Seriousness", "Growth", "Nilai")]
    assert [c.text for c in usg.rows[1].cells] == ["1", "Antrean KTP-el", "4,5", "4", "3,5", "12"]
    meer = next(t for h, t in by_header.items() if h[:2] == ("Peringkat", "Penanggulangan"))
    assert meer.rows[1].cells[1].text == "Daftar periksa berkas"
    check = by_header[("Kategori", "Senin", "Selasa", "Rabu", "Jumlah")]
    assert [c.text for c in check.rows[-1].cells] == ["Jumlah", "42", "35", "7", "84"]
    plan = next(t for h, t in by_header.items() if h[0] == "What (apa)")
    assert plan.rows[1].cells[-1].text == "Rp 1.250.000"
    gantt = next(t for h, t in by_header.items() if h[:2] == ("Langkah / kegiatan", "Minggu ke-"))
    planned = [c.text for c in gantt.rows[1].cells]
    assert planned[:4] == ["Menentukan tema", "Rencana", "■", "■"] and planned[4] == ""
    assert 'w:fill="9DC3E6"' in gantt.rows[1].cells[2]._tc.xml
    # each table is followed by its caption, in Word's Caption style
    for table, caption in (
        (usg, "Tabel 1.1 — Penilaian USG masalah"),
        (check, "Tabel 1.2 — Lembar periksa keluhan dua minggu"),
        (gantt, "Tabel 3.1 — Jadwal kegiatan"),
    ):
        following = table._tbl.getnext()
        assert following.tag == qn("w:p")
        paragraph = Paragraph(following, document._body)
        assert paragraph.style.name == "Caption" and paragraph.text.startswith(caption)


def test_word_chart_captions_are_below_the_picture_in_caption_style(kelurahan_docx):
    document = docx.Document(io.BytesIO(kelurahan_docx))
    paragraphs = document.paragraphs
    captions = [i for i, p in enumerate(paragraphs) if p.style.name == "Caption"]
    assert len(captions) == 13
    pareto = next(i for i in captions if paragraphs[i].text.startswith("Gambar 1.3 —"))
    assert paragraphs[pareto - 1]._p.xpath(".//pic:pic")  # the picture right above it
    headings = [p.text for p in paragraphs if p.style.name in ("Heading 1", "Title")]
    assert headings[:5] == [
        "Lembar Pengesahan",
        "Kata Pengantar",
        "Daftar Isi",
        "Daftar Gambar",
        "Identitas Kelompok",
    ]
    assert 'TOC \\h \\z \\t "Caption,1"' in document.element.body.xml


def test_word_lampiran_embeds_the_photo_and_the_minutes_text(kelurahan_docx):
    document = docx.Document(io.BytesIO(kelurahan_docx))
    text = docx_text(kelurahan_docx)
    assert "Lampiran 4. Foto daftar periksa (Foto kegiatan)" in text
    assert "Rapat menyepakati daftar periksa berkas di pintu masuk." in text
    assert "Berkas PDF sk-asli.pdf, 2 halaman" in text
    last = document.inline_shapes[len(document.inline_shapes) - 1]
    blip = last._inline.graphic.graphicData.pic.blipFill.blip
    assert document.part.related_parts[blip.embed].content_type == "image/jpeg"


# --- the demo's published works ---------------------------------------------------------------


def test_the_demos_published_works_each_tell_their_own_ledger_result():
    from django.core.management import call_command

    from tulta.impact.selectors import primary_verdict, published

    call_command("seed_demo", stdout=io.StringIO())
    works = list(published())
    assert len(works) >= 2
    texts = []
    for risalah in works:
        sections = risalah.steps.get(number=6).sections
        texts.append(sections["perbandingan"])
        with translation.override("id"):
            verdict = primary_verdict(risalah)
        assert verdict is not None and verdict.comparison is not None
        assert verdict.comparison.verdict in sections["perbandingan"]  # the ledger's sentence
        assert verdict.after_text in sections["sasaran_tercapai"]
        reached = "belum tercapai" not in sections["sasaran_tercapai"]
        assert reached == bool(verdict.target_reached), risalah.tema
    assert len(set(texts)) == len(texts)  # no two works carry the same result text
    risalah = works[0]
    chapter = _results_chapter(pdf_pages(export.render_document(risalah, "pdf")))
    figures = _ledger_figures(risalah.impact_indicators.get(is_primary=True))
    for text in figures.values():
        assert squash(text) in squash(chapter)
