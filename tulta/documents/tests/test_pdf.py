"""The risalah PDF, checked by reopening it with pypdf (and rasterising it with pdftoppm)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfReader

from tulta.documents import export
from tulta.documents.builder import build_risalah_document
from tulta.documents.pdf import render_risalah_pdf
from tulta.risalah import services
from tulta.risalah.models import Risalah
from tulta.testing import samples
from tulta.tools import rendering

from .reading import painted_images, pdf_pages, pdf_text, squash

pytestmark = pytest.mark.django_db

A4 = (595.28, 841.89)


@pytest.fixture
def final_pdf(full_risalah, shared_db):
    """Rendered once for the module: the tests only read it."""
    return shared_db.once("final_pdf", lambda: export.render_document(full_risalah, "pdf"))


def test_pdf_contains_every_chapter_title(full_risalah, final_pdf):
    text = squash(pdf_text(final_pdf))
    for step in full_risalah.programme.method.steps.all():
        assert squash(f"Langkah {step.number}. {step.title}") in text


def test_pdf_names_the_team_the_unit_and_the_members(full_risalah, final_pdf, world):
    text = pdf_text(final_pdf)
    assert "KBK Cepat" in text
    assert "Dinas Kependudukan" in text
    for membership in world.team.memberships.select_related("user"):
        assert membership.user.full_name in text
        assert membership.user.nip_display in text


def test_pdf_shows_the_key_numbers(final_pdf):
    text = pdf_text(final_pdf)
    assert "2 kali, rata-rata 75 menit" in text  # meetings
    assert "100%" in text  # attendance
    assert "45,6" in text and "18,3" in text and "−59,8%" in text  # indicator before/after


def test_pdf_pages_are_a4_and_numbered(final_pdf):
    reader = PdfReader(io.BytesIO(final_pdf))
    pages = pdf_pages(final_pdf)
    for index, page in enumerate(reader.pages):
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=1)
        if index:  # the cover carries no number
            assert f"Halaman {index + 1} dari {len(pages)}" in pages[index]


def test_pdf_has_an_approval_page_naming_who_signs(final_pdf, world):
    page = pdf_pages(final_pdf)[1]  # right after the cover
    assert page.startswith("Lembar Pengesahan")
    assert "Ketua KBK Cepat" in page and world.chair.nip_display in page
    assert "Mengetahui/Menyetujui, Kepala Dinas Kependudukan" in page
    assert world.unit_head.full_name in page


def _toc_index(pages: list[str]) -> int:
    return next(i for i, text in enumerate(pages) if text.startswith("Daftar Isi"))


def test_pdf_table_of_contents_gives_the_page_of_each_chapter(full_risalah, final_pdf):
    pages = pdf_pages(final_pdf)
    index = _toc_index(pages)
    toc = pages[index]
    for step in full_risalah.programme.method.steps.all():
        heading = f"Langkah {step.number}. {step.title}"
        match = re.search(re.escape(heading) + r"[ .]*?(\d+)", toc)
        assert match, heading
        first = next(i for i, text in enumerate(pages) if i > index and text.find(heading) >= 0)
        assert int(match.group(1)) == first + 1, heading


def test_draft_pdf_is_marked_draft_on_every_page_after_the_cover(draft_risalah):
    pages = pdf_pages(export.render_document(draft_risalah, "pdf"))
    assert "DRAF" in pages[0]
    assert all("DRAF — belum final" in page for page in pages[1:])


def test_final_pdf_carries_no_draft_mark(final_pdf):
    assert "DRAF" not in pdf_text(final_pdf)
    assert "Final, diajukan" in pdf_pages(final_pdf)[0]


def test_pdf_charts_are_vectors_with_searchable_text(full_risalah, final_pdf):
    reader = PdfReader(io.BytesIO(final_pdf))
    pages = pdf_pages(final_pdf)
    index = next(
        i for i, t in enumerate(pages) if "Gambar 1.3" in t and not t.startswith("Daftar Gambar")
    )
    page = reader.pages[index]
    assert painted_images(page) == []  # drawn as paths, not pasted as a picture
    # the chart's own title is drawn as text, next to the caption's
    assert pages[index].count("Pareto keluhan warga") >= 2


def test_cover_shows_the_units_kop_with_the_government_logo(world, full_risalah):
    government = world.government
    government.letterhead = "PEMERINTAH KOTA UJI\nSEKRETARIAT DAERAH\nJalan Merdeka No. 1"
    government.logo = SimpleUploadedFile("logo.png", samples.png_bytes(), "image/png")
    government.save()
    data = export.render_document(full_risalah, "pdf")
    cover = pdf_pages(data)[0]
    assert cover.startswith("PEMERINTAH KOTA UJI DINAS KEPENDUDUKAN")
    assert "SEKRETARIAT DAERAH" not in cover and "Jalan Merdeka No. 1" not in cover
    assert painted_images(PdfReader(io.BytesIO(data)).pages[0])


def test_a_risalah_with_empty_steps_renders_and_says_so(world, cast, programme):
    risalah = services.risalah_start(
        actor=world.chair, team=world.team, programme=programme, tema="Tema kosong", judul="J"
    )
    text = pdf_text(export.render_document(risalah, "pdf"))
    assert "Langkah ini belum diisi kelompok." in text
    assert "Bagian ini belum diisi." in text
    assert "Belum ada rapat yang dicatat." in text
    assert "Belum ada lampiran." in text
    assert "Standar baru belum ditetapkan." in text


def test_a_chart_with_bad_cells_prints_its_message_instead(world, draft_risalah):
    step = samples.step_of(draft_risalah, 2)
    artefact = step.artefacts.get(tool="histogram")
    artefact.rows = [["empat puluh"], ["42"]]
    artefact.save()
    text = pdf_text(export.render_document(draft_risalah, "pdf"))
    assert "Grafik belum dapat dibuat" in text


def _word_right_edges(data: bytes, tmp_path) -> list[float]:
    """Where every word ends on its page, in points (poppler's word boxes): a layout that
    broke pushes words past the right edge."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext (poppler-utils) is needed to measure the layout; install it.")
    source = tmp_path / "layout.pdf"
    source.write_bytes(data)
    html = subprocess.run(  # noqa: S603  (our own arguments, no shell)
        [pdftotext, "-bbox", str(source), "-"], check=True, capture_output=True, timeout=120
    ).stdout.decode()
    return [float(x) for x in re.findall(r'<word xMin="[^"]+" yMin="[^"]+" xMax="([^"]+)"', html)]


def test_characters_outside_latin1_survive(draft_risalah):
    text = pdf_text(export.render_document(draft_risalah, "pdf"))
    assert "Rp 1.250.000 — ✓ ≥ ü ş" in text


def test_a_character_no_installed_font_has_prints_as_a_replacement_mark(draft_risalah):
    text = pdf_text(export.render_document(draft_risalah, "pdf"))
    # 漢 prints where a CJK font is installed, else as U+FFFD; never as an unreadable box that
    # scrambles the text around it.
    assert "ş 漢." in text or "ş \ufffd." in text


def test_a_very_long_title_and_unbroken_words_wrap_inside_the_page(
    world, cast, programme, tmp_path
):
    long_word = "Pelayanan" * 30
    world.team.name = ("Kelompok Budaya Kerja Pelayanan Administrasi Kependudukan " * 3)[:150]
    world.team.save()
    world.member.full_name = ("Raden " + "Mas" * 40 + " Wicaksono Adiningrat Sastrowardoyo")[-150:]
    world.member.save()
    risalah = services.risalah_start(
        actor=world.chair,
        team=world.team,
        programme=programme,
        tema=("Tema yang sangat panjang sekali " * 9)[:300],
        judul=(long_word + " " + "Menurunkan waktu tunggu " * 12)[:400],
    )
    data = export.render_document(risalah, "pdf")
    edges = _word_right_edges(data, tmp_path)
    assert edges and max(edges) <= A4[0] - 20 * 72 / 25.4 + 1  # inside the right margin
    assert squash(long_word) in squash(pdf_text(data))


def test_a_fishbone_with_200_causes_stays_inside_the_page(world, draft_risalah, tmp_path):
    step = samples.step_of(draft_risalah, 4)
    fishbone = step.artefacts.get(tool="fishbone")
    categories = ["Manusia", "Metode", "Mesin/Sarana", "Material", "Lingkungan", "Pengukuran"]
    fishbone.rows = [
        [categories[i % 6], f"Penyebab nomor {i} yang cukup panjang ditulis", f"sub {i}"]
        for i in range(200)
    ]
    fishbone.save()
    data = export.render_document(draft_risalah, "pdf")
    reader = PdfReader(io.BytesIO(data))
    assert all(float(p.mediabox.width) == pytest.approx(A4[0], abs=1) for p in reader.pages)
    assert max(_word_right_edges(data, tmp_path)) <= A4[0]
    pages = pdf_pages(data)
    assert "Penyebab nomor 199 yang cukup panjang ditulis" in " ".join(pages)  # the full list
    assert sum("Kategori (6M) Penyebab Sub-penyebab" in page for page in pages) >= 2  # header


def test_a_chart_renderer_failure_does_not_stop_the_document(monkeypatch, draft_risalah):
    def broken(artefact):
        raise RuntimeError("renderer down")

    monkeypatch.setattr(rendering, "render", broken)
    text = pdf_text(export.render_document(draft_risalah, "pdf"))
    assert "Grafik tidak dapat dibuat saat ini." in text


def test_pdf_never_fetches_links_from_the_narrative(draft_risalah, monkeypatch):
    import urllib.request

    def refuse(*args, **kwargs):
        raise AssertionError("network access while rendering")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    risalah = Risalah.objects.get(pk=draft_risalah.pk)
    doc = build_risalah_document(risalah)
    assert render_risalah_pdf(doc).startswith(b"%PDF")


def test_every_pdf_page_rasterises(final_pdf, tmp_path):
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.fail("pdftoppm (poppler-utils) is needed to look at the pages; install it.")
    source = tmp_path / "risalah.pdf"
    source.write_bytes(final_pdf)
    subprocess.run(  # noqa: S603  (our own arguments, no shell)
        [pdftoppm, "-png", "-r", "20", str(source), str(tmp_path / "p")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert len(list(tmp_path.glob("p-*.png"))) == len(pdf_pages(final_pdf))


def test_documents_stay_in_indonesian_when_the_reader_uses_english(draft_risalah):
    with translation.override("en"):
        text = pdf_text(export.render_document(draft_risalah, "pdf"))
    assert "Tema" in text and "Theme" not in text
