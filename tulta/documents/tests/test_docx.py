"""The risalah as Word: reopened with python-docx, and converted by LibreOffice."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from tulta.documents import export
from tulta.documents.builder import build_risalah_document
from tulta.documents.docx import add_html, xml_safe
from tulta.risalah import services

from .reading import docx_text, pdf_text, squash

pytestmark = pytest.mark.django_db


@pytest.fixture
def final_docx(full_risalah, shared_db):
    """Rendered once for the module: the tests only read it."""
    return shared_db.once("final_docx", lambda: export.render_document(full_risalah, "docx"))


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def test_docx_contains_every_chapter_title_as_heading_1(full_risalah, final_docx):
    headings = [p.text for p in _open(final_docx).paragraphs if p.style.name == "Heading 1"]
    for step in full_risalah.programme.method.steps.all():
        assert any(h.startswith(f"Langkah {step.number}. {step.title}") for h in headings)


def test_docx_names_the_team_the_unit_and_the_members(final_docx, world):
    text = docx_text(final_docx)
    assert "KBK Cepat" in text and "Dinas Kependudukan" in text
    for membership in world.team.memberships.select_related("user"):
        assert membership.user.full_name in text
        assert membership.user.nip_display in text


def test_docx_shows_the_key_numbers(final_docx):
    text = docx_text(final_docx)
    assert "2 kali, rata-rata 75 menit" in text
    assert "45,6" in text and "18,3" in text and "−59,8%" in text
    assert "Rp 1.250.000 — ✓ ≥ ü ş 漢" in text  # Word keeps every character


def test_docx_is_a4_with_page_numbers_in_the_footer(final_docx):
    document = _open(final_docx)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml


def test_docx_has_a_table_of_contents_field_listing_the_chapters(full_risalah, final_docx):
    body = _open(final_docx).element.body.xml
    assert 'TOC \\o "1-2" \\h \\z \\u' in body
    text = docx_text(final_docx)
    for step in full_risalah.programme.method.steps.all():
        assert f"Langkah {step.number}. {step.title}" in text
    settings = _open(final_docx).settings.element
    assert settings.find(qn("w:updateFields")) is not None


def test_docx_table_header_rows_repeat_on_every_page(final_docx):
    tables = _open(final_docx).tables
    members = next(t for t in tables if t.rows[0].cells[0].text == "No.")
    assert members.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert members.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None


def test_docx_charts_are_pictures_of_at_least_300_dpi(full_risalah, final_docx):
    doc = build_risalah_document(full_risalah)
    charts = [f for f in doc.figures if f.svg and f.word_table is None]
    photos = [a for a in doc.attachments if a.image]
    document = _open(final_docx)
    pictures = list(document.inline_shapes)
    # one picture per chart (tabular tools are Word tables) and per photo in the lampiran
    assert len(charts) >= 7 and len(pictures) == len(charts) + len(photos)
    for picture in pictures[: len(charts)]:
        blip = picture._inline.graphic.graphicData.pic.blipFill.blip
        image = document.part.related_parts[blip.embed].image
        inches = picture.width / Cm(2.54)
        assert image.px_width / inches >= 295


def test_draft_docx_says_draft_in_the_header(draft_risalah):
    document = _open(export.render_document(draft_risalah, "docx"))
    header = " ".join(c.text for t in document.sections[0].header.tables for c in t._cells)
    assert "DRAF —" in header and "DRAFT" not in header


def test_final_docx_carries_no_draft_mark(final_docx):
    assert "DRAF" not in docx_text(final_docx)


def test_docx_of_a_risalah_with_empty_steps_says_so(world, programme):
    risalah = services.risalah_start(
        actor=world.chair, team=world.team, programme=programme, tema="Kosong", judul="J"
    )
    text = docx_text(export.render_document(risalah, "docx"))
    assert "Langkah ini belum diisi kelompok." in text
    assert "Bagian ini belum diisi." in text


def test_libreoffice_converts_the_docx_to_pdf_without_error(final_docx, full_risalah, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail(
            "LibreOffice is not installed: `apt-get install libreoffice-writer-nogui` "
            "(bin/test installs it) so the Word file can be checked by converting it."
        )
    source = tmp_path / "risalah.docx"
    source.write_bytes(final_docx)
    profile = tmp_path / "lo-profile"  # a private profile: parallel runs do not collide
    result = subprocess.run(  # noqa: S603  (our own arguments, no shell)
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=240,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    converted = tmp_path / "risalah.pdf"
    assert result.returncode == 0 and converted.exists(), result.stderr.decode()
    text = squash(pdf_text(converted.read_bytes()))
    for step in full_risalah.programme.method.steps.all():
        assert squash(f"Langkah {step.number}. {step.title}") in text


# --- the HTML converter -------------------------------------------------------------------


def _converted(html: str):
    document = docx.Document()
    add_html(document, html)
    return document


def test_converter_keeps_bold_and_italic_runs():
    paragraph = _converted("<p>a <strong>b</strong> <em>c</em></p>").paragraphs[0]
    runs = {r.text: r for r in paragraph.runs}
    assert runs["b"].bold and runs["c"].italic and not runs["a "].bold


def test_converter_turns_bullets_into_list_paragraphs():
    paragraphs = _converted("<ul><li>satu</li><li>dua</li></ul>").paragraphs
    assert [(p.style.name, p.text) for p in paragraphs] == [
        ("List Bullet", "satu"),
        ("List Bullet", "dua"),
    ]


def test_converter_numbers_ordered_lists_from_one_each_time():
    paragraphs = _converted("<ol><li>a</li><li>b</li></ol><ol><li>c</li></ol>").paragraphs
    assert [p.text for p in paragraphs] == ["1.\u00a0a", "2.\u00a0b", "1.\u00a0c"]


def test_converter_builds_tables_with_merged_header_cells():
    document = _converted(
        "<table><tr><th colspan='2'>Judul</th></tr><tr><td>x</td><td>y</td></tr></table>"
    )
    table = document.tables[0]
    assert [c.text for c in table.rows[1].cells] == ["x", "y"]
    assert table.rows[0].cells[0].text == "Judul" and table.rows[0].cells[1].text == "Judul"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_converter_survives_unclosed_tags_and_control_characters():
    document = _converted("<p>awal <strong>tebal<table><tr><td>sel\x0b</td>")
    assert document.paragraphs[0].text.startswith("awal")
    assert document.tables[0].rows[0].cells[0].text == "sel"


def test_xml_safe_drops_characters_word_cannot_store():
    assert xml_safe("a\x00b\x1fc\td") == "abc\td"


def test_the_word_file_is_indonesian_and_its_times_say_their_zone(final_docx):
    """#21: the document language was en-US; "DRAF", not "DRAFT"; times with "WIB"."""
    document = _open(final_docx)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:lang"))
    assert lang is not None and lang.get(qn("w:val")) == "id-ID"
    assert document.core_properties.language == "id-ID"
    assert re.search(r"\d{2}\.\d{2} WIB", docx_text(final_docx)), "the time names its zone"
