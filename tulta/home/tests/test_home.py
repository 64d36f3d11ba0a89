"""The home page: leadership's picture of the city, and "Kelompok saya" only for group members,
for every persona."""

from __future__ import annotations

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tulta.factories import MembershipFactory
from tulta.organizations.models import Membership
from tulta.risalah.models import RisalahStep
from tulta.testing.monitoring import finalize, set_steps, start, team_in
from tulta.testing.world import PERSONAS

pytestmark = pytest.mark.django_db

IN_A_GROUP = {"chair", "member"}


def home(client) -> str:
    return html.unescape(client.get(reverse("home:home")).content.decode())


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_kelompok_saya_is_shown_only_to_who_is_in_a_group(world, client_for, programme, persona):
    text = home(client_for(world.persona(persona)))
    assert ("Kelompok saya" in text) == (persona in IN_A_GROUP), persona


def test_a_leader_in_a_group_sees_their_group_too(world, client_for, programme):
    MembershipFactory(team=world.team, user=world.leader, role=Membership.Role.ANGGOTA)
    text = home(client_for(world.leader))
    assert "Kelompok saya" in text and "Gambaran kota" in text


def test_the_leaders_home_is_the_citys_progress(world, client_for, programme):
    finalize(start(world.team, programme))
    set_steps(
        start(team_in(world.other_unit, "KBK Sehat"), programme),
        approved=1,
        then=RisalahStep.State.SUBMITTED,
    )
    team_in(world.sub_unit, "KBK Kelurahan")
    text = home(client_for(world.leader))
    city = text.split('id="gambaran-kota"', 1)[1].split("</section>", 1)[0]
    assert "Gambaran kota: Program Budaya Kerja" in city
    assert "kelompok dengan risalah final (1 dari 3)" in city and "33%" in city
    assert "Risalah final per jenis unit" in city and ">Kelurahan</a>" in city
    assert "langkah menunggu tinjauan" in city and "kelompok terlambat" in city
    assert "OPD terdepan" in city and "Dinas Kependudukan" in city
    assert "Dampak perbaikan" in city and reverse("impact:ledger") in city
    assert "Belum ada program tahun sebelumnya untuk dibandingkan." in city
    assert "Ringkasan program budaya kerja" not in text  # the structure is not the picture
    assert "perlu melengkapi data" not in text


def test_the_admins_home_keeps_the_structure_summary(world, client_for, programme):
    text = home(client_for(world.admin))
    assert "Ringkasan program budaya kerja" in text and "Gambaran kota" not in text


def test_a_leader_of_a_government_without_programmes_sees_its_structure(world, client_for):
    text = home(client_for(world.leader))
    assert "Gambaran kota" not in text and "Ringkasan program budaya kerja" in text


def test_the_leaders_home_queries_do_not_grow_with_the_city(world, client_for, programme):
    client = client_for(world.leader)
    url = reverse("home:home")
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = queries()
    for i in range(10):
        team = team_in(world.other_unit, f"KBK {i}")
        if i % 2:
            set_steps(start(team, programme), approved=i % 4)
    assert queries() == before
