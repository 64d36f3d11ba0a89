from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from tulta.accounts.models import Role, User
from tulta.accounts.nip import parse_nip
from tulta.demo.organizations import DEMO_PASSWORD, DEMO_SLUG
from tulta.organizations import selectors
from tulta.organizations.models import Government, Membership, Team, Unit
from tulta.organizations.permissions import user_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return Government.objects.get(slug=DEMO_SLUG), out.getvalue()


def test_seed_demo_builds_a_city_shaped_like_the_real_one(demo):
    government, _ = demo
    units = Unit.objects.filter(government=government)
    assert units.filter(kind="opd").count() == 30
    assert units.filter(kind="kelurahan").count() == 27
    teams = Team.objects.filter(unit__government=government)
    assert teams.filter(unit__kind="opd").count() == 31
    assert teams.filter(unit__kind="kelurahan").count() == 27
    for team in teams:
        assert team.memberships.filter(role=Membership.Role.KETUA).count() == 1


def test_seed_demo_members_have_valid_nips(demo):
    government, _ = demo
    for nip in User.objects.filter(government=government).values_list("nip", flat=True):
        parse_nip(nip)


def test_seed_demo_prints_a_login_for_every_role(demo):
    _government, output = demo
    assert DEMO_PASSWORD in output
    expected = {
        "admin@demo.tulta.id": Role.PROGRAMME_ADMIN,
        "kepala@demo.tulta.id": Role.UNIT_HEAD,
        "ketua@demo.tulta.id": Role.TEAM_MEMBER,
        "anggota@demo.tulta.id": Role.TEAM_MEMBER,
        "pendamping@demo.tulta.id": Role.MENTOR,
        "juri@demo.tulta.id": Role.JUDGE,
        "pimpinan@demo.tulta.id": Role.LEADERSHIP,
    }
    for email, role in expected.items():
        assert email in output
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        assert role in user_roles(user)


def test_seed_demo_can_run_again_safely(demo):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "sudah ada" in out.getvalue()
    assert Government.objects.filter(slug=DEMO_SLUG).count() == 1


def test_government_summary_counts_per_unit_kind(world):
    rows = {r.kind: r for r in selectors.government_summary(world.government.pk)}
    assert rows["opd"].units == 2
    assert rows["opd"].teams == 1
    assert rows["opd"].units_without_team == 1
    assert rows["opd"].members == 3
    assert rows["kelurahan"].units_without_team == 1


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["home:home", "organizations:team_list"])
@pytest.mark.parametrize("persona", ["admin", "mentor", "chair"])
def test_page_query_count_does_not_grow_with_teams(world, client_for, url_name, persona):
    from tulta.factories import MembershipFactory, TeamFactory

    client = client_for(getattr(world, persona))
    url = reverse(url_name)
    _queries(client, url)  # warm caches (content types, session)
    before = _queries(client, url)
    for _ in range(15):
        team = TeamFactory(unit=world.unit, decree_number="")
        MembershipFactory(team=team, role="ketua")
    assert _queries(client, url) == before


def test_teams_needing_attention_lists_small_teams_and_missing_decrees(world):
    from tulta.factories import MembershipFactory, TeamFactory

    small = TeamFactory(unit=world.unit, name="KBK Kecil")
    MembershipFactory(team=small, role="ketua")
    no_sk = TeamFactory(unit=world.unit, name="KBK Tanpa SK", decree_number="", decree_date=None)
    for role in ("ketua", "anggota", "anggota"):
        MembershipFactory(team=no_sk, role=role)
    names = set(
        selectors.teams_needing_attention(world.government.pk).values_list("name", flat=True)
    )
    assert names == {"KBK Kecil", "KBK Tanpa SK"}


@pytest.mark.parametrize("persona", ["mentor", "leader", "admin"])
def test_overview_roles_see_the_summary_and_the_teams_to_help(world, client_for, persona):
    from tulta.factories import MembershipFactory, TeamFactory

    small = TeamFactory(unit=world.unit, name="KBK Kecil")
    MembershipFactory(team=small, role="ketua")
    text = client_for(getattr(world, persona)).get(reverse("home:home")).content.decode()
    assert "Ringkasan program budaya kerja" in text
    if persona == "leader":
        # Leadership sees the summary (the picture of the city once a programme runs), not the
        # list of groups whose data the admin and mentors complete.
        assert "KBK Kecil" not in text
    else:
        assert "KBK Kecil" in text


def test_a_member_home_shows_their_team_and_what_to_complete(world, client_for):
    text = client_for(world.member).get(reverse("home:home")).content.decode()
    assert "KBK Cepat" in text
    assert "Ringkasan program" not in text


def test_seed_demo_prints_the_platform_operator_who_sees_the_national_recap(demo, client):
    _government, output = demo
    assert "operator@demo.tulta.id" in output
    operator = User.objects.get(email="operator@demo.tulta.id")
    assert operator.is_superuser and operator.government is None
    assert operator.check_password(DEMO_PASSWORD)
    client.force_login(operator, backend="tulta.accounts.backends.EmailOrNipBackend")
    page = client.get(reverse("national:index"))
    assert page.status_code == 200 and "Jawa Barat" in page.content.decode()
    call_command("seed_demo", "--reset", stdout=io.StringIO())
    assert User.objects.filter(email="operator@demo.tulta.id").count() == 1
