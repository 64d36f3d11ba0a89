"""Role × action matrix for every page of the monitoring and mentoring apps, over real HTTP.

The mentor persona is the assigned mentor of the world's team; the unit head heads its unit.
Every named URL of both apps must appear here, so no page ships without an access decision.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import get_resolver, reverse

from tulta.mentoring import services as mentoring
from tulta.testing.monitoring import TODAY, programme_around_today, start
from tulta.testing.risalah import template_method
from tulta.testing.shared import from_shared
from tulta.testing.urls import named_urls
from tulta.testing.world import PERSONAS, build_world

pytestmark = pytest.mark.django_db

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404
# persona order: admin unit_head chair member mentor judge leader outsider other_admin anonymous
DASHBOARD = (OK, OK) + (FORBIDDEN,) * 4 + (OK, FORBIDDEN, NOT_FOUND, REDIRECT)
ADMIN_ONLY = (OK,) + (FORBIDDEN,) * 7 + (NOT_FOUND, REDIRECT)
ADMIN_ONLY_POST = (REDIRECT,) + (FORBIDDEN,) * 7 + (NOT_FOUND, REDIRECT)
TEAM_VIEWERS = (OK, OK, OK, OK, OK, FORBIDDEN, OK, FORBIDDEN, NOT_FOUND, REDIRECT)
SESSION_WRITERS = (OK,) + (FORBIDDEN,) * 3 + (OK,) + (FORBIDDEN,) * 3 + (NOT_FOUND, REDIRECT)


@pytest.fixture(scope="module")
def shared_data(shared_db):
    """The world, its team's risalah under way, a mentor assignment and a session, written
    once."""

    def build():
        world = build_world()
        template_method()
        return {"world": world, "objects": make_objects(world, programme_around_today(world))}

    return shared_db.build(build)


objects = from_shared("objects")


def make_objects(world, programme):
    risalah = start(world.team, programme)
    assignment = mentoring.mentor_assign(
        actor=world.admin, programme=programme, team=world.team, mentor=world.mentor
    )
    session = mentoring.session_save(
        actor=world.mentor,
        programme=programme,
        team=world.team,
        held_on=TODAY - dt.timedelta(days=1),
        mode="online",
        topic="Memilih tema",
    )
    return {
        "programme": programme,
        "risalah": risalah,
        "assignment": assignment,
        "session": session,
        "world": world,
    }


def P(o):
    return {"pk": o["programme"].pk}


def TEAM(o):
    return {"pk": o["programme"].pk, "team_pk": o["world"].team.pk}


MATRIX = {
    # The mentor picker on the risalah page: the admin; who may not see the risalah gets 404.
    "mentoring:risalah_mentor": (
        "post",
        lambda o: {"pk": o["risalah"].pk},
        (REDIRECT,) + (FORBIDDEN,) * 4 + (NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, REDIRECT),
    ),
    "monitoring:index": (
        "get",
        lambda o: {},
        (OK, OK) + (FORBIDDEN,) * 4 + (OK, FORBIDDEN, OK, REDIRECT),
    ),
    "monitoring:dashboard": ("get", P, DASHBOARD),
    "monitoring:teams": ("get", P, DASHBOARD),
    "monitoring:units_without_team": ("get", P, DASHBOARD),
    "monitoring:recap_xlsx": ("get", P, DASHBOARD),
    "monitoring:recap_pdf": ("get", P, DASHBOARD),
    # Reminding chosen groups and the reminder log: the programme admin only.
    "monitoring:reminder_log": ("get", P, ADMIN_ONLY),
    "monitoring:reminder_whatsapp": ("get", P, ADMIN_ONLY),
    "monitoring:reminder_send": ("post", P, ADMIN_ONLY_POST),
    "mentoring:mine": (
        "get",
        lambda o: {},
        (FORBIDDEN,) * 4 + (OK,) + (FORBIDDEN,) * 4 + (REDIRECT,),
    ),
    "monitoring:mentor_assign": ("get", P, ADMIN_ONLY),
    "monitoring:mentor_assign_lagging": ("post", P, ADMIN_ONLY_POST),
    "mentoring:unassign": ("post", lambda o: {"pk": o["assignment"].pk}, ADMIN_ONLY_POST),
    "monitoring:mentor_team": ("get", TEAM, TEAM_VIEWERS),
    "mentoring:session_create": ("get", TEAM, SESSION_WRITERS),
    "mentoring:session_edit": ("get", lambda o: {"pk": o["session"].pk}, SESSION_WRITERS),
}


def test_every_monitoring_and_mentoring_url_has_an_access_entry():
    ours = {n for n in named_urls(get_resolver()) if n.split(":")[0] in {"monitoring", "mentoring"}}
    assert ours, "the monitoring and mentoring URLs are not installed"
    assert ours ^ set(MATRIX) == set()


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("persona_index", range(len(PERSONAS)), ids=PERSONAS)
def test_access(world, objects, client_for, name, persona_index):
    method, kwargs, expected = MATRIX[name]
    client = client_for(world.persona(PERSONAS[persona_index]))
    response = getattr(client, method)(reverse(name, kwargs=kwargs(objects)))
    assert response.status_code == expected[persona_index], (name, PERSONAS[persona_index])


def test_another_governments_admin_never_sees_this_governments_teams(world, objects, client_for):
    client = client_for(world.other_admin)
    text = client.get(reverse("monitoring:index")).content.decode()
    assert "Program Budaya Kerja" not in text
