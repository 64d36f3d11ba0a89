"""The dashboard, its drill-down pages and the WhatsApp reminder button, over HTTP."""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tulta.factories import UnitFactory
from tulta.mentoring.models import MentorAssignment
from tulta.organizations.models import Unit
from tulta.risalah.models import RisalahStep
from tulta.testing.monitoring import DEADLINES, TODAY, set_steps, start, team_in

pytestmark = pytest.mark.django_db


def dashboard(client, programme, query=""):
    url = reverse("monitoring:dashboard", args=[programme.pk])
    return client.get(f"{url}?{query}" if query else url).content.decode()


def teams_page(client, programme, query=""):
    return client.get(
        reverse("monitoring:teams", args=[programme.pk]) + f"?{query}"
    ).content.decode()


def test_the_admin_dashboard_shows_state_counts_per_unit_kind(world, client_for, programme):
    set_steps(start(world.team, programme), approved=1, then=RisalahStep.State.RETURNED)
    team_in(world.sub_unit, "KBK Kelurahan")
    text = dashboard(client_for(world.admin), programme)
    assert "Per jenis unit" in text
    assert ">Kelurahan</th>" in text
    assert "?jenis=opd&amp;status=dikembalikan" in text  # the OPD returned figure links
    assert "?jenis=kelurahan&amp;status=belum-mulai" in text


def test_the_dashboard_draws_its_charts_as_inline_svg_without_scripts(world, client_for, programme):
    set_steps(start(world.team, programme), approved=1)
    text = dashboard(client_for(world.admin), programme)
    assert text.count('<svg class="chart-svg') == 2
    # The funnel's bars take their data-driven width from an attribute, not an inline style.
    assert '<svg class="fill" width="' in text and 'style="' not in text
    assert "Corong per langkah" in text and 'class="funnel"' in text
    assert "Keterlambatan dari waktu ke waktu" in text and "<polyline" in text
    assert "<script" not in text.split("<main", 1)[1].split("</main>", 1)[0]


def test_svg_coordinates_use_a_decimal_point_in_indonesian(world, client_for, programme):
    set_steps(start(world.team, programme), approved=1)
    team_in(world.unit, "KBK Dua")
    text = dashboard(client_for(world.admin), programme)
    points = text.split('points="', 1)[1].split('"', 1)[0]
    assert "," in points and all(p.count(",") == 1 for p in points.split())
    assert 'width="210.00"' in text  # half of the 420-pixel bar, not "210,00"


def test_the_dashboard_query_count_does_not_grow_with_teams(world, client_for, programme):
    client = client_for(world.admin)
    url = reverse("monitoring:dashboard", args=[programme.pk])
    unit = UnitFactory(government=world.government, kind=Unit.Kind.KELURAHAN)
    set_steps(start(team_in(unit, "KBK Awal"), programme), approved=1)
    client.get(url)  # warm caches (content types, session)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = queries()
    for i in range(15):
        team = team_in(unit, f"KBK Tambahan {i}")
        if i % 3:
            set_steps(start(team, programme), approved=i % 5, then=RisalahStep.State.SUBMITTED)
    MentorAssignment.objects.create(
        programme=programme, team=world.team, mentor=world.mentor, assigned_by=world.admin
    )
    assert queries() == before


def test_the_drill_down_query_count_does_not_grow_with_teams(world, client_for, programme):
    client = client_for(world.admin)
    url = reverse("monitoring:teams", args=[programme.pk])
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    before = queries()
    for i in range(15):
        set_steps(start(team_in(world.unit, f"KBK {i}"), programme), approved=i % 3)
    assert queries() == before


def test_a_unit_head_dashboard_counts_only_their_units(world, client_for, programme):
    team_in(world.other_unit, "KBK Sehat")
    client = client_for(world.unit_head)
    text = dashboard(client, programme)
    assert "Unit Anda: Dinas Kependudukan" in text
    listed = teams_page(client, programme)
    assert "KBK Cepat" in listed and "KBK Sehat" not in listed


def test_leadership_sees_the_dashboard_without_assign_buttons(world, client_for, programme):
    text = dashboard(client_for(world.leader), programme)
    assert "Per jenis unit" in text
    assert reverse("monitoring:mentor_assign", args=[programme.pk]) not in text
    assert reverse("monitoring:mentor_assign", args=[programme.pk]) not in teams_page(
        client_for(world.leader), programme
    )


def test_the_admin_sees_how_many_lagging_teams_wait_for_a_mentor(world, client_for, programme):
    text = dashboard(client_for(world.admin), programme)
    assert "Tugaskan pendamping (1 kelompok tertinggal)" in text


def test_a_state_figure_drills_down_to_the_teams_behind_it(world, client_for, programme):
    set_steps(start(world.team, programme), approved=0, then=RisalahStep.State.SUBMITTED)
    team_in(world.unit, "KBK Belum")
    text = teams_page(client_for(world.admin), programme, "status=menunggu-tinjauan")
    assert "KBK Cepat" in text and "KBK Belum" not in text


def test_the_drill_down_filters_by_unit_kind(world, client_for, programme):
    team_in(world.sub_unit, "KBK Kelurahan")
    text = teams_page(client_for(world.admin), programme, "jenis=kelurahan")
    assert "KBK Kelurahan" in text and "KBK Cepat" not in text


def test_the_late_figure_of_a_step_drills_down_to_teams_late_on_it(world, client_for, programme):
    set_steps(start(world.team, programme), approved=1)  # late on step 2 only
    set_steps(start(team_in(world.unit, "KBK Nol"), programme), approved=0)  # steps 1 and 2
    text = teams_page(client_for(world.admin), programme, "terlambat=1")
    assert "KBK Nol" in text and "KBK Cepat" not in text


def test_each_team_in_the_drill_down_links_to_its_risalah(world, client_for, programme):
    risalah = start(world.team, programme)
    text = teams_page(client_for(world.admin), programme)
    assert reverse("risalah:detail", args=[risalah.pk]) in text
    assert reverse("monitoring:mentor_team", args=[programme.pk, world.team.pk]) in text


def test_the_whatsapp_button_opens_a_prefilled_message_to_the_chair(world, client_for, programme):
    team_in(world.unit, "KBK Telepon", chair_phone="0812-3456-7890")
    text = teams_page(client_for(world.admin), programme, "q=")
    link = next(
        html.unescape(part.split('"', 1)[0])
        for part in text.split('href="')[1:]
        if part.startswith("https://wa.me/6281234567890")
    )
    message = parse_qs(urlparse(link).query)["text"][0]
    assert "KBK Telepon" in message
    assert "belum memulai risalah" in message
    assert f"langkah 1 ({DEADLINES[1].day}" in message.lower()
    assert "Admin Program" in message


def test_a_missing_phone_number_disables_the_whatsapp_button_with_the_reason(
    world, client_for, programme
):
    text = teams_page(client_for(world.admin), programme)
    assert '<button type="button" disabled' in text
    assert "Nomor HP/WhatsApp ketua (Ketua Kelompok) belum diisi." in text


def test_leadership_gets_no_whatsapp_buttons(world, client_for, programme):
    team_in(world.unit, "KBK Telepon")
    assert "Ingatkan lewat WhatsApp" not in teams_page(client_for(world.leader), programme)


def test_a_unit_head_may_remind_their_teams_by_whatsapp(world, client_for, programme):
    team_in(world.unit, "KBK Telepon")
    assert "https://wa.me/62" in teams_page(client_for(world.unit_head), programme)


def test_the_units_without_team_page_lists_them_by_kind(world, client_for, programme):
    client = client_for(world.admin)
    url = reverse("monitoring:units_without_team", args=[programme.pk])
    text = client.get(url + "?jenis=opd").content.decode()
    assert "Dinas Kesehatan" in text and "Kecamatan Utara" not in text


def test_the_index_lists_the_governments_programmes(world, client_for, programme):
    text = client_for(world.admin).get(reverse("monitoring:index")).content.decode()
    assert reverse("monitoring:dashboard", args=[programme.pk]) in text


def test_a_deadline_before_the_programme_starts_is_refused_on_the_deadlines_page(
    world, client_for, programme
):
    early = programme.starts_on - dt.timedelta(days=1)
    response = client_for(world.admin).post(
        reverse("risalah:programme_deadlines", args=[programme.pk]),
        {"step_1": early.isoformat()},
    )
    assert response.status_code == 200
    assert "sebelum program dimulai" in response.content.decode()
    assert programme.deadlines.get(step_number=1).due_on == DEADLINES[1]


def test_the_dashboard_says_the_date_of_its_figures(world, client_for, programme):
    from tulta.core.formatting import tanggal

    assert f"keadaan per {tanggal(TODAY)}" in dashboard(client_for(world.admin), programme)
