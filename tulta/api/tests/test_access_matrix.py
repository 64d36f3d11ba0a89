"""Role × endpoint matrix for the API, over real HTTP requests with tokens.

The same answers as the pages, in API terms: another government's objects do not exist (404),
an insider who may see but not change gets 403, and no token is 401. A write that the rules allow
but the data refuses (submitting an empty step) is a 400 with the reason. Every URL of the
``api`` namespace must appear here.
"""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from tulta.accounts.models import Role
from tulta.competitions.models import Criterion, Rubric
from tulta.factories import MembershipFactory, TeamFactory, UserFactory
from tulta.impact import services as impact_services
from tulta.mentoring import services as mentoring_services
from tulta.organizations.models import Membership
from tulta.risalah import artefacts
from tulta.risalah import services as risalah_services
from tulta.testing.competitions import competition_world, ensure_templates
from tulta.testing.risalah import programme_2026, template_method
from tulta.testing.shared import from_shared
from tulta.testing.urls import named_urls
from tulta.testing.world import PERSONAS, build_world

pytestmark = pytest.mark.django_db

OK, CREATED, NO_CONTENT, BAD, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND = (
    200,
    201,
    204,
    400,
    401,
    403,
    404,
)
# persona order: admin unit_head chair member mentor judge leader outsider other_admin anonymous
SIGNED_IN = (OK,) * 9 + (UNAUTHENTICATED,)
GOVERNMENT = (OK,) * 8 + (NOT_FOUND, UNAUTHENTICATED)
PUBLIC = (OK,) * 10
RISALAH_VIEWERS = (OK, OK, OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, UNAUTHENTICATED)
WRITERS_REFUSED_BY_DATA = (
    BAD,
    FORBIDDEN,
    BAD,
    BAD,
    FORBIDDEN,
    NOT_FOUND,
    FORBIDDEN,
    NOT_FOUND,
    NOT_FOUND,
    UNAUTHENTICATED,
)
# persona order: admin unit_head chair member mentor judge leader outsider other_admin anonymous
TEAM_MENTORING_VIEWERS = (OK, OK, OK, OK, OK, FORBIDDEN, OK, FORBIDDEN, NOT_FOUND, UNAUTHENTICATED)
ORGANISER_ONLY = (OK,) + (FORBIDDEN,) * 7 + (NOT_FOUND, UNAUTHENTICATED)
ORGANISER_REFUSED_BY_DATA = (BAD, *ORGANISER_ONLY[1:])
# A programme admin may create; another government's admin is refused by the ids in the body
# (they do not exist for them), or with an empty body by the body itself.
ADMINS_REFUSED_BY_DATA = (BAD,) + (FORBIDDEN,) * 7 + (BAD, UNAUTHENTICATED)
ADMIN_CREATES_HERE = (CREATED,) + (FORBIDDEN,) * 7 + (BAD, UNAUTHENTICATED)
ADMIN_CREATES = (CREATED,) + (FORBIDDEN,) * 7 + (CREATED, UNAUTHENTICATED)
ADMIN_OR_MENTOR_CREATES = (
    (CREATED,)
    + (FORBIDDEN,) * 3
    + (CREATED,)
    + (FORBIDDEN,) * 3
    + (
        BAD,
        UNAUTHENTICATED,
    )
)
ADMIN_OR_MENTOR_CHANGES = (
    (OK,)
    + (FORBIDDEN,) * 3
    + (OK,)
    + (FORBIDDEN,) * 3
    + (
        NOT_FOUND,
        UNAUTHENTICATED,
    )
)
TEAM_WRITERS = (
    OK,
    FORBIDDEN,
    OK,
    OK,
    FORBIDDEN,
    NOT_FOUND,
    FORBIDDEN,
    NOT_FOUND,
    NOT_FOUND,
    UNAUTHENTICATED,
)
TEAM_WRITERS_CREATE = tuple(CREATED if code == OK else code for code in TEAM_WRITERS)
REVIEWERS_REFUSED_BY_DATA = (
    BAD,
    BAD,
    FORBIDDEN,
    FORBIDDEN,
    BAD,
    NOT_FOUND,
    FORBIDDEN,
    NOT_FOUND,
    NOT_FOUND,
    UNAUTHENTICATED,
)


@pytest.fixture(scope="module")
def shared_data(shared_db):
    """The world, a risalah in progress and the competition, written once."""

    def build():
        world = build_world()
        ensure_templates()
        programme = programme_2026(world, template_method())
        comp = competition_world(world, programme)
        return {"world": world, "objects": make_objects(world, programme, comp)}

    return shared_db.build(build)


objects = from_shared("objects")


def make_objects(world, programme, comp):
    """A risalah in progress (team "KBK Kedua" of the unit head's unit: chair ketua, member
    anggota, the mentor persona assigned) with a tool and an indicator, and the competition
    fixture (final risalah of three teams, a desk round, two judges)."""
    team = TeamFactory(unit=world.unit, name="KBK Kedua")
    MembershipFactory(team=team, user=world.chair, role=Membership.Role.KETUA)
    MembershipFactory(team=team, user=world.member, role=Membership.Role.ANGGOTA)
    risalah = risalah_services.risalah_start(
        actor=world.chair, team=team, programme=programme, tema="Antrean", judul="Turun"
    )
    risalah_services.risalah_assign_mentor(actor=world.admin, risalah=risalah, mentor=world.mentor)
    step = risalah.steps.get(number=1)
    step.risalah = risalah
    artefact = artefacts.artefact_create(actor=world.chair, step=step, tool="pareto")
    indicator = impact_services.indicator_save(
        actor=world.chair,
        risalah=risalah,
        name="Waktu tunggu",
        kind="cepat",
        unit="menit",
        direction="lower",
        baseline=["40", "45"],
    )
    rubric = Rubric.objects.create(government=world.government, code="lokal", name="Rubrik Lokal")
    Criterion.objects.create(rubric=rubric, code="isi", name="Isi", weight=100, max_score=10)
    mentoring = mentoring_services.mentor_assign(
        actor=world.admin, programme=programme, team=team, mentor=world.mentor
    )
    session = mentoring_services.session_save(
        actor=world.mentor,
        programme=programme,
        team=team,
        held_on=programme.starts_on,
        mode="online",
        topic="Data antrean",
    )
    judge3 = UserFactory(government=world.government, full_name="Juri Tiga", roles=[Role.JUDGE])
    round_ = comp["round"]
    return {
        "team": team,
        "risalah": risalah,
        "artefact": artefact,
        "indicator": indicator,
        "competition": comp["competition"],
        "entry": comp["entries"][0],
        "round": round_,
        "assignment": round_.assignments.filter(judge=world.judge).first(),
        "judge3": judge3,
        "rubric": rubric,
        "template_rubric": round_.rubric,
        "mentor_assignment": mentoring,
        "session": session,
        "programme": programme,
    }


def R(o):
    return {"risalah_pk": o["risalah"].pk}


def STEP(o):
    return {"risalah_pk": o["risalah"].pk, "number": 1}


MATRIX = {
    # name: (method, kwargs builder (world, objects), expected per persona)
    "api:token": ("post", lambda w, o: {}, (BAD,) * 10),
    "api:schema": ("get", lambda w, o: {}, PUBLIC),
    "api:docs": ("get", lambda w, o: {}, PUBLIC),
    "api:government-list": ("get", lambda w, o: {}, SIGNED_IN),
    "api:government-detail": ("get", lambda w, o: {"pk": w.government.pk}, GOVERNMENT),
    "api:user-list": ("get", lambda w, o: {}, SIGNED_IN),
    "api:user-detail": ("get", lambda w, o: {"pk": w.member.pk}, GOVERNMENT),
    "api:unit-list": ("get", lambda w, o: {}, SIGNED_IN),
    "api:unit-detail": ("get", lambda w, o: {"pk": w.unit.pk}, GOVERNMENT),
    "api:team-list": ("get", lambda w, o: {}, SIGNED_IN),
    "api:team-detail": ("get", lambda w, o: {"pk": o["team"].pk}, GOVERNMENT),
    "api:programme-list": ("get", lambda w, o: {}, SIGNED_IN),
    "api:programme-detail": (
        "get",
        lambda w, o: {"pk": o["risalah"].programme_id},
        GOVERNMENT,
    ),
    "api:risalah-list": ("get", lambda w, o: {}, SIGNED_IN),
    "api:risalah-detail": ("get", lambda w, o: {"pk": o["risalah"].pk}, RISALAH_VIEWERS),
    "api:step-list": ("get", lambda w, o: R(o), RISALAH_VIEWERS),
    "api:step-detail": ("get", lambda w, o: STEP(o), RISALAH_VIEWERS),
    "api:step-submit": ("post", lambda w, o: STEP(o), WRITERS_REFUSED_BY_DATA),
    "api:step-approve": ("post", lambda w, o: STEP(o), REVIEWERS_REFUSED_BY_DATA),
    "api:step-return": ("post", lambda w, o: STEP(o), REVIEWERS_REFUSED_BY_DATA),
    "api:artefact-list": ("get", lambda w, o: R(o), RISALAH_VIEWERS),
    "api:artefact-detail": (
        "get",
        lambda w, o: {**R(o), "pk": o["artefact"].pk},
        RISALAH_VIEWERS,
    ),
    "api:indicator-list": ("get", lambda w, o: R(o), RISALAH_VIEWERS),
    "api:indicator-detail": (
        "get",
        lambda w, o: {**R(o), "pk": o["indicator"].pk},
        RISALAH_VIEWERS,
    ),
    "api:competition-list": ("get", lambda w, o: {}, SIGNED_IN),
    "api:competition-detail": ("get", lambda w, o: {"pk": o["competition"].pk}, GOVERNMENT),
    "api:entry-list": (
        "get",
        lambda w, o: {"competition_pk": o["competition"].pk},
        GOVERNMENT,
    ),
    "api:entry-detail": (
        "get",
        lambda w, o: {"competition_pk": o["competition"].pk, "pk": o["entry"].pk},
        GOVERNMENT,
    ),
    "api:score-list": ("get", lambda w, o: {}, SIGNED_IN),
    "api:tool-list": ("get", lambda w, o: {}, SIGNED_IN),
    "api:rubric-list": ("get", lambda w, o: {}, SIGNED_IN),
    "api:rubric-detail": ("get", lambda w, o: {"pk": o["rubric"].pk}, GOVERNMENT),
    "api:risalah-final": ("post", lambda w, o: {"pk": o["risalah"].pk}, WRITERS_REFUSED_BY_DATA),
    "api:mentor-assignment-list": ("get", lambda w, o: {}, SIGNED_IN),
    "api:mentor-assignment-detail": (
        "get",
        lambda w, o: {"pk": o["mentor_assignment"].pk},
        TEAM_MENTORING_VIEWERS,
    ),
    "api:mentor-assignment-end": (
        "post",
        lambda w, o: {"pk": o["mentor_assignment"].pk},
        ORGANISER_ONLY,
    ),
    "api:mentoring-session-list": ("get", lambda w, o: {}, SIGNED_IN),
    "api:mentoring-session-detail": (
        "get",
        lambda w, o: {"pk": o["session"].pk},
        TEAM_MENTORING_VIEWERS,
    ),
    "api:round-list": ("post", lambda w, o: {}, ADMINS_REFUSED_BY_DATA),
    "api:round-detail": ("get", lambda w, o: {"pk": o["round"].pk}, GOVERNMENT),
    "api:round-assign-judges": ("post", lambda w, o: {"pk": o["round"].pk}, ORGANISER_ONLY),
    "api:round-close": ("post", lambda w, o: {"pk": o["round"].pk}, ORGANISER_REFUSED_BY_DATA),
    "api:assignment-list": ("get", lambda w, o: {"round_pk": o["round"].pk}, ORGANISER_ONLY),
    "api:assignment-detail": (
        "delete",
        lambda w, o: {"round_pk": o["round"].pk, "pk": o["assignment"].pk},
        (NO_CONTENT, *ORGANISER_ONLY[1:]),
    ),
    "api:assignment-exclude": (
        "post",
        lambda w, o: {"round_pk": o["round"].pk, "pk": o["assignment"].pk},
        ORGANISER_REFUSED_BY_DATA,  # the reason is missing
    ),
    "api:award-list": ("get", lambda w, o: {"competition_pk": o["competition"].pk}, GOVERNMENT),
    "api:entry-check": (
        "post",
        lambda w, o: {"competition_pk": o["competition"].pk, "pk": o["entry"].pk},
        ORGANISER_REFUSED_BY_DATA,
    ),
}


def _ids(o):
    return {"programme": o["programme"].pk, "team": o["team"].pk}


# Writes with a body the rules accept, so the answer is about who asks: (name, method, kwargs,
# body builder, expected per persona). Each runs in its own transaction, rolled back after it.
WRITES = {
    "artefact create": (
        "api:artefact-list",
        "post",
        lambda w, o: R(o),
        lambda w, o: {"step": 1, "tool": "pareto"},
        TEAM_WRITERS_CREATE,
    ),
    "artefact save": (
        "api:artefact-detail",
        "patch",
        lambda w, o: {**R(o), "pk": o["artefact"].pk},
        lambda w, o: {"base_version": o["artefact"].version, "rows": [["Salah isi", "12"]]},
        TEAM_WRITERS,
    ),
    "artefact delete": (
        "api:artefact-detail",
        "delete",
        lambda w, o: {**R(o), "pk": o["artefact"].pk},
        lambda w, o: None,
        (NO_CONTENT, *TEAM_WRITERS[1:2], NO_CONTENT, NO_CONTENT, *TEAM_WRITERS[4:]),
    ),
    "user create": (
        "api:user-list",
        "post",
        lambda w, o: {},
        lambda w, o: {"full_name": "Pegawai Baru", "email": "baru@uji.go.id"},
        ADMIN_CREATES,
    ),
    "mentor assign": (
        "api:mentor-assignment-list",
        "post",
        lambda w, o: {},
        lambda w, o: {"programme": o["programme"].pk, "team": w.team.pk, "mentor": w.mentor.pk},
        ADMIN_CREATES_HERE,
    ),
    "session record": (
        "api:mentoring-session-list",
        "post",
        lambda w, o: {},
        lambda w, o: {**_ids(o), "held_on": "2026-02-03", "mode": "online", "topic": "Pareto"},
        ADMIN_OR_MENTOR_CREATES,
    ),
    "session change": (
        "api:mentoring-session-detail",
        "patch",
        lambda w, o: {"pk": o["session"].pk},
        lambda w, o: {"topic": "Diagram tulang ikan"},
        ADMIN_OR_MENTOR_CHANGES,
    ),
    "competition create": (
        "api:competition-list",
        "post",
        lambda w, o: {},
        lambda w, o: {
            "programme": o["programme"].pk,
            "name": "Lomba Kreatif",
            "category": "kreatif",
        },
        ADMIN_CREATES_HERE,
    ),
    "competition change": (
        "api:competition-detail",
        "patch",
        lambda w, o: {"pk": o["competition"].pk},
        lambda w, o: {"voting_open": True},
        ORGANISER_ONLY,
    ),
    "entry accept": (
        "api:entry-check",
        "post",
        lambda w, o: {"competition_pk": o["competition"].pk, "pk": o["entry"].pk},
        lambda w, o: {"accept": True},
        ORGANISER_ONLY,
    ),
    "round create": (
        "api:round-list",
        "post",
        lambda w, o: {},
        lambda w, o: {
            "competition": o["competition"].pk,
            "name": "Presentasi",
            "kind": "presentation",
            "rubric": o["template_rubric"].pk,
        },
        ADMIN_CREATES_HERE,
    ),
    "judge assign": (
        "api:assignment-list",
        "post",
        lambda w, o: {"round_pk": o["round"].pk},
        lambda w, o: {"entry": o["entry"].pk, "judge": o["judge3"].pk},
        (CREATED, *ORGANISER_ONLY[1:]),
    ),
}


@pytest.mark.parametrize("write", sorted(WRITES))
@pytest.mark.parametrize("persona_index", range(len(PERSONAS)), ids=PERSONAS)
def test_write_access(world, objects, api_for, write, persona_index):
    name, method, kwargs, body, expected = WRITES[write]
    persona = PERSONAS[persona_index]
    client = api_for(world.persona(persona))
    url = reverse(name, kwargs=kwargs(world, objects))
    response = getattr(client, method)(url, body(world, objects), format="json")
    assert response.status_code == expected[persona_index], (write, persona, response.content)


def test_every_api_url_has_an_access_entry():
    ours = {n for n in named_urls(get_resolver()) if n.startswith("api:")}
    assert ours - set(MATRIX) == set()


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("persona_index", range(len(PERSONAS)), ids=PERSONAS)
def test_access(world, objects, api_for, name, persona_index):
    method, kwargs, expected = MATRIX[name]
    persona = PERSONAS[persona_index]
    client = api_for(world.persona(persona))
    response = getattr(client, method)(reverse(name, kwargs=kwargs(world, objects)), format="json")
    assert response.status_code == expected[persona_index], (name, persona, response.content)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("admin", 204), ("unit_head", 204), ("chair", 403), ("other_admin", 404), (None, 401)],
)
def test_who_may_delete_a_team(world, api_for, persona, expected):
    team = TeamFactory(unit=world.unit, name="KBK Bubar")
    client = api_for(world.persona(persona) if persona else None)
    assert client.delete(reverse("api:team-detail", args=[team.pk])).status_code == expected
