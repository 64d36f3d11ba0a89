"""SOFI feedback: written by judges on the scoring page, per criterion and for the round; no
judge sees another's; released to the team and its mentor when the round closes, never before;
downloadable as a PDF that is read back."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from tulta.competitions import selectors, services
from tulta.competitions.models import Criterion, Feedback
from tulta.core.models import AuditEvent
from tulta.testing.competitions import close_round

pytestmark = pytest.mark.django_db


def write(judge, comp, entry, strengths, improvements, criterion=None):
    return services.feedback_save(
        actor=judge,
        round=comp["round"],
        entry=entry,
        items={criterion.pk if criterion else None: (strengths, improvements)},
    )


def test_judge_writes_feedback_per_criterion_and_for_the_round_on_the_scoring_page(
    world, comp, client_for
):
    rnd, entry = comp["round"], comp["entries"][1]
    cause = rnd.rubric.criteria.get(code="analisis-penyebab")
    client = client_for(world.judge)
    response = client.post(
        reverse("competitions:feedback_save", args=[rnd.pk, entry.pk]),
        {
            f"strengths-{cause.pk}": "Tulang ikan lengkap dengan data",
            f"improvements-{cause.pk}": "Verifikasi penyebab dominan dengan Pareto",
            "strengths-babak": "Tim kompak",
            "improvements-babak": "",
        },
        follow=True,
    )
    assert "Umpan balik disimpan." in response.text
    rows = {f.criterion_id: f for f in Feedback.objects.filter(judge=world.judge, entry=entry)}
    assert rows[cause.pk].improvements == "Verifikasi penyebab dominan dengan Pareto"
    assert rows[None].strengths == "Tim kompak" and rows[None].improvements == ""
    page = client.get(reverse("competitions:judge_entry", args=[rnd.pk, entry.pk]))
    assert "Tulang ikan lengkap dengan data" in page.text and "Tim kompak" in page.text
    event = AuditEvent.objects.get(verb="feedback_saved")
    assert event.actor == world.judge and event.changes["babak"][1] == ["Tim kompak", ""]


def test_emptied_feedback_is_removed(world, comp):
    entry = comp["entries"][1]
    write(world.judge, comp, entry, "Bagus", "")
    write(world.judge, comp, entry, "", "")
    assert not Feedback.objects.exists()


def test_a_judge_never_sees_another_judges_feedback(world, comp, client_for):
    rnd, entry = comp["round"], comp["entries"][1]
    write(comp["judge2"], comp, entry, "Rahasia juri dua", "Perbaiki grafik")
    assert selectors.judge_feedback(world.judge, rnd, entry) == {}
    page = client_for(world.judge).get(reverse("competitions:judge_entry", args=[rnd.pk, entry.pk]))
    assert page.status_code == 200 and "Rahasia juri dua" not in page.text


def test_feedback_is_refused_for_a_criterion_of_another_rubric_and_after_the_close(world, comp):
    other = Criterion.objects.exclude(rubric=comp["round"].rubric).first()
    with pytest.raises(ValidationError, match="bukan bagian"):
        write(world.judge, comp, comp["entries"][1], "X", "Y", criterion=other)
    close_round(world.admin, comp["round"])
    with pytest.raises(ValidationError, match="ditutup"):
        write(world.judge, comp, comp["entries"][1], "X", "Y")
    assert not Feedback.objects.exists()


def test_team_and_mentor_see_feedback_only_once_the_round_closes(world, comp, client_for):
    rnd, entry = comp["round"], comp["entries"][0]
    entry.risalah.mentor = world.mentor
    entry.risalah.save()
    cause = rnd.rubric.criteria.get(code="analisis-penyebab")
    write(world.judge, comp, entry, "Data sebelum-sesudah jelas", "Tambahkan peta kendali", cause)
    write(comp["judge2"], comp, entry, "Yel-yel bersemangat", "")
    url = reverse("competitions:team_scores", args=[entry.pk])
    assert selectors.released_feedback(entry) == []
    before = client_for(world.chair).get(url)
    assert before.status_code == 200 and "Tambahkan peta kendali" not in before.text
    close_round(world.admin, rnd)
    for user in [world.chair, world.mentor]:
        page = client_for(user).get(url)
        assert page.status_code == 200
        assert "Tambahkan peta kendali" in page.text and "Yel-yel bersemangat" in page.text
        assert "Juri Dua" not in page.text  # feedback teaches; it names no judge
    # A mentor of another team sees nothing of it.
    entry.risalah.mentor = None
    entry.risalah.save()
    assert client_for(world.mentor).get(url).status_code == 403


def test_feedback_of_a_judge_whose_card_does_not_count_is_not_released(world, comp):
    rnd, entry = comp["round"], comp["entries"][1]
    write(comp["judge2"], comp, entry, "Tidak dihitung", "")
    services.assignment_exclude(
        actor=world.admin,
        assignment=rnd.assignments.get(judge=comp["judge2"], entry=entry),
        reason="Kerabat ketua kelompok",
    )
    close_round(world.admin, rnd)
    [released] = selectors.released_feedback(entry)
    assert released.items == []


def test_feedback_pdf_holds_the_released_feedback(world, comp, client_for):
    rnd, entry = comp["round"], comp["entries"][0]
    cause = rnd.rubric.criteria.get(code="analisis-penyebab")
    write(world.judge, comp, entry, "Akar masalah terbukti", "Perluas pengukuran", cause)
    url = reverse("competitions:feedback_pdf", args=[entry.pk])
    before = client_for(world.chair).get(url)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(before.content)).pages)
    assert "Akar masalah terbukti" not in text
    close_round(world.admin, rnd)
    response = client_for(world.chair).get(url)
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "KBK Cepat" in text and "Analisis penyebab" in text
    assert "Akar masalah terbukti" in text and "Perluas pengukuran" in text
