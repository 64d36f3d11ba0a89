"""Mentoring pages over HTTP: the mentor's page, assigning, the team page, the session form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tulta.mentoring import services
from tulta.mentoring.models import MentorAssignment, MentoringSession
from tulta.risalah import services as risalah_services
from tulta.risalah.models import RisalahStep
from tulta.testing.monitoring import TODAY, set_steps, start, team_in
from tulta.testing.risalah import fill

pytestmark = pytest.mark.django_db


def assign(world, programme, team=None):
    return services.mentor_assign(
        actor=world.admin, programme=programme, team=team or world.team, mentor=world.mentor
    )


def test_the_mentor_page_lists_their_teams_and_the_steps_waiting_for_them(
    world, client_for, programme
):
    risalah = start(world.team, programme)
    assign(world, programme)
    set_steps(risalah, approved=0, then=RisalahStep.State.SUBMITTED)
    text = client_for(world.mentor).get(reverse("mentoring:mine")).content.decode()
    assert "KBK Cepat" in text
    assert reverse("risalah:step", args=[risalah.pk, 1]) in text
    assert "Menunggu tinjauan Anda" in text


def test_a_step_resubmitted_after_a_return_links_to_what_changed(world, client_for, programme):
    risalah = start(world.team, programme)
    assign(world, programme)
    step = risalah.steps.select_related("method_step").get(number=1)
    step.risalah = risalah
    step = fill(step, actor=world.chair)
    risalah_services.step_submit(actor=world.chair, step=step)
    risalah_services.step_return(actor=world.mentor, step=step, comment="Tambah data.")
    text = client_for(world.mentor).get(reverse("mentoring:mine")).content.decode()
    assert "diajukan ulang" not in text  # returned, not yet back
    risalah_services.step_submit(actor=world.chair, step=step)
    text = client_for(world.mentor).get(reverse("mentoring:mine")).content.decode()
    assert "(diajukan ulang " in text
    assert reverse("risalah:step", args=[risalah.pk, 1]) + "#perubahan" in text


def test_the_mentor_page_lists_teams_that_have_not_started(world, client_for, programme):
    assign(world, programme)
    text = client_for(world.mentor).get(reverse("mentoring:mine")).content.decode()
    assert "belum memulai risalah" in text


def test_the_mentor_page_query_count_does_not_grow_with_teams(world, client_for, programme):
    client = client_for(world.mentor)
    url = reverse("mentoring:mine")
    set_steps(start(world.team, programme), approved=1)
    assign(world, programme)
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    before = queries()
    for i in range(5):
        team = team_in(world.unit, f"KBK {i}")
        set_steps(start(team, programme), approved=i, then=RisalahStep.State.SUBMITTED)
        assign(world, programme, team=team)
    assert queries() == before


def test_the_admin_assigns_a_mentor_from_the_page(world, client_for, programme):
    response = client_for(world.admin).post(
        reverse("monitoring:mentor_assign", args=[programme.pk]),
        {"team": world.team.pk, "mentor": world.mentor.pk},
    )
    assert response.status_code == 302
    assert MentorAssignment.objects.get(team=world.team, active=True).mentor == world.mentor


def test_assigning_goes_back_to_the_page_it_came_from(world, client_for, programme):
    back = reverse("monitoring:teams", args=[programme.pk]) + "?jenis=opd"
    response = client_for(world.admin).post(
        reverse("monitoring:mentor_assign", args=[programme.pk]),
        {"team": world.team.pk, "mentor": world.mentor.pk, "next": back},
    )
    assert response["Location"] == back


def test_a_team_of_another_government_cannot_be_chosen_on_the_assign_page(
    world, client_for, programme
):
    response = client_for(world.admin).post(
        reverse("monitoring:mentor_assign", args=[programme.pk]),
        {"team": world.other_team.pk, "mentor": world.mentor.pk},
    )
    assert "Pilih kelompok dari daftar program ini." in response.content.decode()
    assert not MentorAssignment.objects.exists()


def test_a_user_without_the_mentor_role_cannot_be_chosen(world, client_for, programme):
    response = client_for(world.admin).post(
        reverse("monitoring:mentor_assign", args=[programme.pk]),
        {"team": world.team.pk, "mentor": world.outsider.pk},
    )
    assert "Pilih pendamping dari daftar." in response.content.decode()


def test_the_assign_page_preselects_the_team_from_the_link(world, client_for, programme):
    url = reverse("monitoring:mentor_assign", args=[programme.pk]) + f"?kelompok={world.team.pk}"
    text = client_for(world.admin).get(url).content.decode()
    assert f'<option value="{world.team.pk}" selected>' in text


def test_bulk_assignment_from_the_page_covers_the_lagging_teams(world, client_for, programme):
    team_in(world.unit, "KBK Belum")
    response = client_for(world.admin).post(
        reverse("monitoring:mentor_assign_lagging", args=[programme.pk]),
        {"mentors": [world.mentor.pk]},
    )
    assert response["Location"] == reverse("monitoring:dashboard", args=[programme.pk])
    assert MentorAssignment.objects.filter(active=True).count() == 2


def test_bulk_assignment_without_a_mentor_says_so(world, client_for, programme):
    client = client_for(world.admin)
    response = client.post(
        reverse("monitoring:mentor_assign_lagging", args=[programme.pk]), {}, follow=True
    )
    assert "Pilih sedikitnya satu pendamping." in response.content.decode()


def test_the_team_page_shows_the_sessions_and_the_progress_since(world, client_for, programme):
    risalah = start(world.team, programme)
    assign(world, programme)
    services.session_save(
        actor=world.mentor,
        programme=programme,
        team=world.team,
        held_on=TODAY - dt.timedelta(days=10),
        mode="online",
        place="Zoom",
        topic="Menyusun Pareto",
        attendees=[world.chair],
    )
    set_steps(risalah, approved=2, approved_on=TODAY - dt.timedelta(days=2))
    text = (
        client_for(world.chair)
        .get(reverse("monitoring:mentor_team", args=[programme.pk, world.team.pk]))
        .content.decode()
    )
    assert "Menyusun Pareto" in text
    assert "langkah 1, 2 disetujui" in text
    assert "Ketua Kelompok" in text


def test_leadership_sees_the_team_page_without_record_or_assign_buttons(
    world, client_for, programme
):
    text = (
        client_for(world.leader)
        .get(reverse("monitoring:mentor_team", args=[programme.pk, world.team.pk]))
        .content.decode()
    )
    assert "Riwayat pendampingan" in text
    assert reverse("mentoring:session_create", args=[programme.pk, world.team.pk]) not in text
    assert reverse("monitoring:mentor_assign", args=[programme.pk]) not in text


def test_the_session_form_without_a_date_says_so(world, client_for, programme):
    assign(world, programme)
    response = client_for(world.mentor).post(
        reverse("mentoring:session_create", args=[programme.pk, world.team.pk]),
        {
            "held_on": "",
            "mode": "online",
            "topic": "Tema",
            "follow_up": "open",
            "tindakan-TOTAL_FORMS": "0",
            "tindakan-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert "Isi tanggal pendampingan." in response.content.decode()
    assert not MentoringSession.objects.exists()


def test_the_session_form_saves_the_session_with_its_actions(world, client_for, programme):
    assign(world, programme)
    due = TODAY + dt.timedelta(days=7)
    response = client_for(world.mentor).post(
        reverse("mentoring:session_create", args=[programme.pk, world.team.pk]),
        {
            "held_on": TODAY.isoformat(),
            "mode": "in_person",
            "place": "Aula kecamatan",
            "topic": "Analisis akar masalah",
            "notes": "Tulang ikan selesai.",
            "attendees": [world.chair.pk, world.member.pk],
            "follow_up": "in_progress",
            "tindakan-TOTAL_FORMS": "2",
            "tindakan-INITIAL_FORMS": "0",
            "tindakan-0-description": "Verifikasi penyebab dominan",
            "tindakan-0-owner": world.chair.pk,
            "tindakan-0-due_on": due.isoformat(),
            "tindakan-1-description": "",
        },
    )
    assert response.status_code == 302
    session = MentoringSession.objects.get()
    assert session.attendees.count() == 2
    assert session.actions.get().description == "Verifikasi penyebab dominan"


def test_an_action_row_without_an_owner_is_marked_on_the_form(world, client_for, programme):
    assign(world, programme)
    response = client_for(world.mentor).post(
        reverse("mentoring:session_create", args=[programme.pk, world.team.pk]),
        {
            "held_on": TODAY.isoformat(),
            "mode": "online",
            "topic": "Tema",
            "follow_up": "open",
            "tindakan-TOTAL_FORMS": "1",
            "tindakan-INITIAL_FORMS": "0",
            "tindakan-0-description": "Kumpulkan data",
        },
    )
    text = response.content.decode()
    assert "Pilih penanggung jawab." in text and "Isi batas waktunya." in text


def test_the_session_edit_form_shows_the_existing_actions(world, client_for, programme):
    assign(world, programme)
    session = services.session_save(
        actor=world.mentor,
        programme=programme,
        team=world.team,
        held_on=TODAY,
        mode="online",
        topic="Tema",
        actions=[services.ActionSpec("Kirim notulen", world.chair, TODAY)],
    )
    text = (
        client_for(world.mentor)
        .get(reverse("mentoring:session_edit", args=[session.pk]))
        .content.decode()
    )
    assert 'value="Kirim notulen"' in text


def test_the_team_summary_tag_links_to_the_mentoring_history(world, rf, programme):
    from django.template import Context, Template

    assign(world, programme)
    services.session_save(
        actor=world.mentor,
        programme=programme,
        team=world.team,
        held_on=TODAY,
        mode="online",
        topic="Tema",
    )
    request = rf.get("/")
    request.user = world.chair
    text = Template("{% load mentoring %}{% mentoring_summary team %}").render(
        Context({"request": request, "team": world.team})
    )
    assert reverse("monitoring:mentor_team", args=[programme.pk, world.team.pk]) in text
    assert "didampingi Pendamping" in text and "1 sesi" in text


def test_the_team_summary_tag_shows_nothing_to_people_without_access(world, rf, programme):
    from django.template import Context, Template

    request = rf.get("/")
    request.user = world.judge
    text = Template("{% load mentoring %}{% mentoring_summary team %}").render(
        Context({"request": request, "team": world.team})
    )
    assert text.strip() == ""
