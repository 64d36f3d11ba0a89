"""The builder: what a risalah document contains, gathered as plain data, read-only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tulta.core.formatting import tanggal
from tulta.documents.builder import build_risalah_document, filename_stem
from tulta.risalah import services
from tulta.risalah.models import ToolArtefact
from tulta.testing import samples
from tulta.tools import rendering

pytestmark = pytest.mark.django_db


def test_there_is_one_chapter_per_step_in_order(full_risalah):
    doc = build_risalah_document(full_risalah)
    titles = list(full_risalah.programme.method.steps.values_list("title", flat=True))
    assert [c.title for c in doc.chapters] == titles
    assert [c.number for c in doc.chapters] == list(range(1, 8))


def test_each_chapter_carries_its_sections_and_figures(full_risalah):
    doc = build_risalah_document(full_risalah)
    first = doc.chapters[0]
    assert [s.code for s in first.sections] == ["masalah", "usg", "data", "tema"]
    assert [f.title for f in first.figures] == [t[1] for t in samples.ARTEFACTS[1]]
    assert sum(len(c.figures) for c in doc.chapters) == 13


def test_members_are_listed_with_role_and_nip_chair_first(full_risalah, world):
    members = build_risalah_document(full_risalah).members
    assert [(m.name, m.role) for m in members][:2] == [
        ("Ketua Kelompok", "Ketua"),
        ("Anggota Kelompok", "Sekretaris"),
    ]
    assert members[0].nip == world.chair.nip_display


def test_meetings_are_counted_with_their_average_length(full_risalah):
    meetings = build_risalah_document(full_risalah).meetings
    assert meetings.count == 2
    assert meetings.summary == "2 kali rapat, rata-rata 75 menit, rata-rata kehadiran 100% anggota."
    assert [m.date for m in meetings.rows] == ["Sabtu, 10 Januari 2026", "Sabtu, 7 Februari 2026"]


def test_schedule_comes_from_the_gantt_of_step_3(full_risalah):
    schedule = build_risalah_document(full_risalah).schedule
    assert schedule.source == "gantt"
    assert (schedule.rows[1].planned, schedule.rows[1].actual) == ("3–4", "3–5")
    assert schedule.rows[1].status == "mundur 1 minggu"
    assert schedule.rows[-1].status == "belum dilaksanakan"


def test_schedule_falls_back_to_deadlines_and_approval_dates(full_risalah):
    ToolArtefact.objects.filter(tool="gantt").delete()
    schedule = build_risalah_document(full_risalah).schedule
    assert schedule.source == "deadlines"
    assert schedule.rows[0].label == "1. Menentukan tema"
    assert schedule.rows[0].planned == "1 Maret 2026"
    assert schedule.rows[0].actual == tanggal(timezone.localdate(), with_day=False)


def test_indicator_before_and_after_come_from_the_control_chart_phases(full_risalah):
    indicator = build_risalah_document(full_risalah).results.indicator
    assert (indicator.name, indicator.unit) == ("waktu tunggu KTP-el", "menit")
    assert (indicator.before, indicator.after, indicator.change) == ("45,6", "18,3", "−59,8%")
    assert "Peta kendali waktu tunggu" in indicator.source


def test_results_take_the_evaluation_and_standardisation_sections(full_risalah):
    results = build_risalah_document(full_risalah).results
    assert [s.code for s in results.sections] == ["perbandingan", "sasaran_tercapai", "manfaat"]
    assert "SOP verifikasi" in results.standard.html
    assert "pencetakan KTP-el" in results.next_theme.html


def test_attachments_are_listed(full_risalah):
    rows = build_risalah_document(full_risalah).attachments
    assert [(a.title, a.kind) for a in rows] == [
        ("SK pembentukan KBK", "SK pembentukan"),
        ("Foto pelaksanaan daftar periksa", "Foto kegiatan"),
    ]


def test_a_draft_risalah_gives_a_draft_document(draft_risalah):
    doc = build_risalah_document(draft_risalah)
    assert doc.draft and doc.cover.state == "DRAF — belum final"
    assert doc.filename_stem.endswith("(DRAF)")


def test_a_final_risalah_gives_a_final_document(full_risalah):
    doc = build_risalah_document(full_risalah)
    assert not doc.draft and doc.cover.state.startswith("Final, diajukan")


def test_an_empty_risalah_builds_with_empty_parts(world, programme):
    risalah = services.risalah_start(
        actor=world.chair, team=world.team, programme=programme, tema="T", judul="J"
    )
    doc = build_risalah_document(risalah)
    assert all(c.empty for c in doc.chapters)
    assert doc.meetings.count == 0 and doc.attachments == ()
    assert doc.results.indicator.before == "—"
    assert doc.schedule.source == "deadlines"


def test_narratives_are_sanitised_again_on_the_way_out(draft_risalah):
    step = draft_risalah.steps.get(number=1)
    step.content = {"sections": {"tema": "<p>ok</p><script>alert(1)</script><img src=x>"}}
    step.save()
    doc = build_risalah_document(draft_risalah)
    tema = next(s for s in doc.chapters[0].sections if s.code == "tema")
    assert "<script" not in tema.html and "<img" not in tema.html and "ok" in tema.html


def test_a_chart_that_cannot_be_drawn_carries_its_message(draft_risalah):
    artefact = ToolArtefact.objects.get(tool="histogram")
    artefact.rows = [["bukan angka"]]
    artefact.save()
    figure = next(
        f for c in build_risalah_document(draft_risalah).chapters for f in c.figures
        if f.tool == "histogram"
    )  # fmt: skip
    assert figure.svg == "" and "Perbaiki sel" in figure.message and figure.png() is None


def test_png_is_drawn_only_when_asked_and_then_cached(draft_risalah, monkeypatch):
    calls = []
    real = rendering.png

    def counting(artefact, dpi=300):
        calls.append(dpi)
        return real(artefact, dpi=dpi)

    monkeypatch.setattr(rendering, "png", counting)
    figure = build_risalah_document(draft_risalah).chapters[0].figures[0]
    assert calls == []
    assert figure.png().startswith(b"\x89PNG") and calls == [300]
    build_risalah_document(draft_risalah).chapters[0].figures[0].png()
    assert calls == [300]


def test_building_writes_nothing(full_risalah):
    with CaptureQueriesContext(connection) as queries:
        build_risalah_document(full_risalah)
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


def test_building_takes_a_bounded_number_of_queries(full_risalah, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        build_risalah_document(full_risalah)


def test_file_names_are_readable_and_safe(full_risalah):
    full_risalah.tema = 'Antrean / "KTP-el": lama?'
    name = filename_stem(full_risalah, draft=True)
    assert name == "Risalah KBK Cepat 2026 - Antrean KTP-el lama (DRAF)"


def test_generated_time_is_shown_in_local_time(full_risalah):
    doc = build_risalah_document(full_risalah)
    local = timezone.localtime(doc.generated_at)
    assert doc.generated_text.endswith(f"{local.hour:02d}.{local.minute:02d} WIB")
    assert isinstance(doc.generated_at, dt.datetime) and timezone.is_aware(doc.generated_at)
