"""Role × action matrix for every competitions URL, over real HTTP requests. The judge persona is
assigned to every entry; chair and member belong to the first entry's team."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import get_resolver, reverse

from tulta.competitions.models import Assignment, Award
from tulta.testing.competitions import competition_world, ensure_templates
from tulta.testing.risalah import programme_2026, template_method
from tulta.testing.shared import from_shared
from tulta.testing.urls import named_urls
from tulta.testing.world import PERSONAS, build_world

pytestmark = pytest.mark.django_db

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404
# persona order: admin unit_head chair member mentor judge leader outsider other_admin anonymous
SIGNED_IN = (OK,) * 9 + (REDIRECT,)
IN_GOV = (OK,) * 8 + (NOT_FOUND, REDIRECT)
ADMIN_POST = (REDIRECT,) + (FORBIDDEN,) * 7 + (NOT_FOUND, REDIRECT)
ADMIN_GET = (OK,) + (FORBIDDEN,) * 7 + (NOT_FOUND, REDIRECT)
# The team, and the mentor of its entered risalah (for next year's pendampingan).
TEAM_AND_MENTOR = (OK, FORBIDDEN, OK, OK, OK) + (FORBIDDEN,) * 3 + (NOT_FOUND, REDIRECT)
PUBLIC = (OK,) * 10


def judge_only(ok: int) -> tuple[int, ...]:
    return (NOT_FOUND,) * 5 + (ok,) + (NOT_FOUND,) * 3 + (REDIRECT,)


def C(o):
    return {"pk": o["competition"].pk}


def RND(o):
    return {"pk": o["round"].pk}


def JE(o):
    return {"round_pk": o["round"].pk, "entry_pk": o["entries"][0].pk}


MATRIX = {
    "competitions:list": ("get", lambda o: {}, SIGNED_IN, {}),
    "competitions:detail": ("get", C, IN_GOV, {}),
    "competitions:create": ("get", lambda o: {}, (OK,) + (FORBIDDEN,) * 7 + (OK, REDIRECT), {}),
    "competitions:settings": ("get", C, ADMIN_GET, {}),
    "competitions:round_create": ("get", C, ADMIN_GET, {}),
    "competitions:shortlist": ("get", RND, ADMIN_GET, {}),
    "competitions:entry_create": (
        "post",
        C,
        (REDIRECT, FORBIDDEN, REDIRECT, REDIRECT) + (FORBIDDEN,) * 4 + (NOT_FOUND, REDIRECT),
        lambda o: {"risalah": o["entries"][0].risalah_id},
    ),
    "competitions:vote": (
        "post",
        C,
        (REDIRECT,) * 8 + (NOT_FOUND, REDIRECT),
        lambda o: {"entry": o["entries"][1].pk},
    ),
    "competitions:public_results": ("get", C, PUBLIC, {}),
    "competitions:results_index": ("get", lambda o: {}, PUBLIC, {}),
    "competitions:certificates_zip": ("get", C, ADMIN_GET, {}),
    "competitions:results_download": ("get", C, ADMIN_GET, {}),
    "competitions:entry_check": (
        "post",
        lambda o: {"pk": o["entries"][0].pk},
        ADMIN_POST,
        {"decision": "accept"},
    ),
    "competitions:team_scores": (
        "get",
        lambda o: {"pk": o["entries"][0].pk},
        TEAM_AND_MENTOR,
        {},
    ),
    "competitions:feedback_pdf": (
        "get",
        lambda o: {"pk": o["entries"][0].pk},
        TEAM_AND_MENTOR,
        {},
    ),
    # The judge persona chairs the round, but the round is open: the chair sees the rapat
    # (every judge's totals) only once it is closed (tests/test_rapat.py).
    "competitions:rapat": ("get", RND, ADMIN_GET, {}),
    "competitions:rapat_chair": ("post", RND, ADMIN_POST, lambda o: {"chair": o["judge2"].pk}),
    "competitions:rapat_adjust": (
        "post",
        RND,
        ADMIN_POST,
        lambda o: {"entry": o["entries"][0].pk, "score": "80", "reason": "Disepakati"},
    ),
    "competitions:rapat_lock": ("post", RND, ADMIN_POST, {"confirm": "1"}),
    "competitions:special_award": (
        "post",
        RND,
        ADMIN_POST,
        lambda o: {"kind": "best_facilitator", "entries": [o["entries"][1].pk]},
    ),
    "competitions:judge_done": ("post", RND, judge_only(REDIRECT), {}),
    "competitions:feedback_save": (
        "post",
        JE,
        judge_only(REDIRECT),
        {"strengths-babak": "Data lengkap", "improvements-babak": "Perjelas target"},
    ),
    "competitions:round_results": ("get", RND, ADMIN_GET, {}),
    "competitions:schedule": ("get", RND, IN_GOV, {}),
    "competitions:stage": ("get", RND, IN_GOV, {}),
    "competitions:stage_now": ("get", RND, IN_GOV, {}),
    "competitions:assignment_add": (
        "post",
        RND,
        ADMIN_POST,
        lambda o: {"entry": o["entries"][0].pk, "judge": o["judge2"].pk},
    ),
    "competitions:assignment_remove": (
        "post",
        lambda o: {"pk": o["assignment"].pk},
        ADMIN_POST,
        {},
    ),
    "competitions:assignment_exclude": (
        "post",
        lambda o: {"pk": o["assignment"].pk},
        ADMIN_POST,
        {"reason": "Kerabat"},
    ),
    "competitions:assignment_count": (
        "post",
        lambda o: {"pk": o["assignment"].pk},
        ADMIN_POST,
        {"reason": "Diputuskan rapat juri"},
    ),
    "competitions:round_close": ("get", RND, ADMIN_GET, {}),
    "competitions:round_reopen": ("post", RND, ADMIN_POST, {"reason": "Salah tutup"}),
    "competitions:round_action": ("post", lambda o: {**RND(o), "action": "draw"}, ADMIN_POST, {}),
    "competitions:judge_list": (
        "get",
        lambda o: {},
        (FORBIDDEN,) * 5 + (OK,) + (FORBIDDEN,) * 3 + (REDIRECT,),
        {},
    ),
    "competitions:judge_entry": ("get", JE, judge_only(OK), {}),
    "competitions:score_save": (
        "post",
        JE,
        judge_only(OK),
        lambda o: {"criterion": o["round"].rubric.criteria.first().pk, "value": "7"},
    ),
    "competitions:comment_save": ("post", JE, judge_only(REDIRECT), {"comment": "Bagus"}),
    "competitions:conflict_declare": ("post", JE, judge_only(REDIRECT), {"reason": "Kerabat"}),
    "competitions:certificate_pdf": (
        "get",
        lambda o: {"pk": o["award"].pk},
        TEAM_AND_MENTOR,
        {},
    ),
    "competitions:certificate_check": ("get", lambda o: {"code": o["award"].code}, PUBLIC, {}),
}


@pytest.fixture(scope="module")
def shared_data(shared_db):
    """The world and the competition with an award and an assignment, written once."""

    def build():
        world = build_world()
        ensure_templates()
        comp = competition_world(world, programme_2026(world, template_method()))
        return {"world": world, "objects": make_objects(comp, world)}

    return shared_db.build(build)


objects = from_shared("objects")


def make_objects(comp, world):
    competition = comp["competition"]
    competition.results_public = True
    competition.save()
    award = Award.objects.create(
        competition=competition,
        entry=comp["entries"][0],
        kind=Award.Kind.JUARA_1,
        rank=1,
        awarded_on=dt.date(2026, 11, 30),
    )
    assignment = Assignment.objects.get(judge=comp["judge2"], entry=comp["entries"][0])
    risalah = comp["entries"][0].risalah
    risalah.mentor = world.mentor
    risalah.save()
    rnd = comp["round"]
    rnd.chair = world.judge
    rnd.save()
    return {**comp, "award": award, "assignment": assignment}


def test_every_competitions_url_has_an_access_entry():
    ours = {n for n in named_urls(get_resolver()) if n.startswith("competitions:")}
    assert ours - set(MATRIX) == set()


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("persona_index", range(len(PERSONAS)), ids=PERSONAS)
def test_access(world, objects, client_for, name, persona_index):
    method, kwargs, expected, data = MATRIX[name]
    client = client_for(world.persona(PERSONAS[persona_index]))
    url = reverse(name, kwargs=kwargs(objects))
    payload = data(objects) if callable(data) else data
    response = getattr(client, method)(url, payload)
    assert response.status_code == expected[persona_index], (
        f"{name} as {PERSONAS[persona_index]}: {response.status_code}"
    )
