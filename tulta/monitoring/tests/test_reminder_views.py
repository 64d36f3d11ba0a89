"""'Kirim pengingat' on the dashboard and the drill-down, the WhatsApp list and the log, over
HTTP."""

from __future__ import annotations

import html
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tulta.core.formatting import tanggal_jam
from tulta.core.models import Notification
from tulta.monitoring.models import SentReminder
from tulta.monitoring.services import reminders_send
from tulta.testing.monitoring import finalize, set_steps, start, team_in

pytestmark = pytest.mark.django_db


def send(client, programme, teams, note="", next_url=""):
    data = {"kelompok": [t.pk for t in teams], "catatan": note}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("monitoring:reminder_send", args=[programme.pk]), data)


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_the_admins_dashboard_lists_the_lagging_groups_to_remind(world, client_for, programme):
    team_in(world.other_unit, "KBK Sehat")  # not started: lagging
    finalize(start(team_in(world.unit, "KBK Selesai"), programme))
    text = text_of(
        client_for(world.admin).get(reverse("monitoring:dashboard", args=[programme.pk]))
    )
    form = text.split('id="kirim-pengingat"', 1)[1].split("</section>", 1)[0]
    assert 'name="kelompok"' in form and "KBK Sehat" in form and "KBK Cepat" in form
    assert "KBK Selesai" not in form
    assert "Pilih semua" in form and "belum pernah diingatkan" in form


@pytest.mark.parametrize("persona", ["leader", "unit_head"])
def test_who_only_reads_the_dashboard_gets_no_reminder_form(world, client_for, programme, persona):
    client = client_for(getattr(world, persona))
    dashboard = text_of(client.get(reverse("monitoring:dashboard", args=[programme.pk])))
    teams = text_of(client.get(reverse("monitoring:teams", args=[programme.pk])))
    assert "kirim-pengingat" not in dashboard
    assert 'name="kelompok"' not in teams


def test_sending_reminds_the_chosen_groups_and_opens_their_whatsapp_list(
    world, client_for, programme
):
    other = team_in(world.other_unit, "KBK Sehat", chair_phone="0812-1111-2222")
    client = client_for(world.admin)
    response = send(client, programme, [world.team, other], note="Rapat Jumat")
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert target.path == reverse("monitoring:reminder_whatsapp", args=[programme.pk])
    assert parse_qs(target.query)["kelompok"] == [str(world.team.pk), str(other.pk)]
    assert Notification.objects.filter(recipient=world.member, actor=world.admin).exists()
    page = client.get(response["Location"])
    text = text_of(page)
    assert "Pengingat terkirim ke" in text
    assert "+6281211112222" in text and "KBK Sehat" in text
    assert "Nomor HP/WhatsApp ketua (Ketua Kelompok) belum diisi." in text  # world's chair
    assert "https://wa.me/6281211112222?text=" in text


def test_the_whatsapp_list_is_one_text_to_copy(world, client_for, programme):
    other = team_in(world.other_unit, "KBK Sehat", chair_phone="081211112222")
    url = reverse("monitoring:reminder_whatsapp", args=[programme.pk]) + f"?kelompok={other.pk}"
    text = text_of(client_for(world.admin).get(url))
    area = text.split('id="daftar-wa"', 1)[1].split("</textarea>", 1)[0]
    assert "— KBK Sehat — +6281211112222" in area and "Mohon segera dilanjutkan" in area


def test_a_refused_send_goes_back_with_the_reason(world, client_for, programme):
    finalize(start(world.team, programme))
    back = reverse("monitoring:teams", args=[programme.pk]) + "?status=final"
    response = send(client_for(world.admin), programme, [world.team], next_url=back)
    assert response["Location"] == back
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Ada kelompok yang tidak dapat diingatkan dalam program ini."
    ]
    assert not Notification.objects.exists()


def test_nothing_chosen_says_so(world, client_for, programme):
    response = send(client_for(world.admin), programme, [])
    assert response["Location"] == reverse("monitoring:dashboard", args=[programme.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Pilih minimal satu kelompok."]


def test_the_drill_down_shows_when_each_group_was_last_reminded(world, client_for, programme):
    client = client_for(world.admin)
    send(client, programme, [world.team])
    text = text_of(client.get(reverse("monitoring:teams", args=[programme.pk])))
    assert "Terakhir diingatkan" in text
    row = text.split(f'id="ingat-{world.team.pk}"', 1)[1].split("</tr>", 1)[0]
    last = SentReminder.objects.filter(team=world.team).latest("sent_at").sent_at
    assert tanggal_jam(timezone.localtime(last)) in row


def test_the_log_shows_manual_and_hourly_reminders_with_who_sent_them(world, client_for, programme):
    set_steps(start(world.team, programme), approved=1)
    reminders_send(email=False)
    client = client_for(world.admin)
    send(client, programme, [world.team])
    text = text_of(client.get(reverse("monitoring:reminder_log", args=[programme.pk])))
    body = text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "jadwal otomatis" in body and "Admin Program" in body
    assert "Langkah 2 lewat batas waktu" in body
    assert "Pengingat dari pemantauan" in body and "WhatsApp (daftar untuk disalin)" in body
    assert "Anggota Kelompok" in body and "KBK Cepat" in body


def test_the_log_filters_one_group(world, client_for, programme):
    other = team_in(world.other_unit, "KBK Sehat")
    client = client_for(world.admin)
    send(client, programme, [world.team, other])
    url = reverse("monitoring:reminder_log", args=[programme.pk]) + f"?kelompok={other.pk}"
    body = text_of(client.get(url)).split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "KBK Sehat" in body and "KBK Cepat" not in body


def test_the_log_page_queries_do_not_grow_with_its_rows(world, client_for, programme):
    client = client_for(world.admin)
    url = reverse("monitoring:reminder_log", args=[programme.pk])
    send(client, programme, [world.team])
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = queries()
    send(client, programme, [world.team, team_in(world.other_unit, "KBK Sehat")])
    assert queries() == before
