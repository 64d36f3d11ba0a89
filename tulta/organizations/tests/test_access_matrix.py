"""Who gets what on every page: a role × action matrix over real HTTP requests.

A user of another government gets 404 on everything of this one; a user of this government who
may see but not change gets 403; anonymous visitors are sent to sign in (302). Every named URL of
TULTA's own apps must appear here, so a new page cannot ship without an access decision.
"""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from tulta.testing.urls import named_urls
from tulta.testing.world import PERSONAS

pytestmark = pytest.mark.django_db

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404

# persona order: admin unit_head chair member mentor judge leader outsider other_admin anonymous
ALL_SIGNED_IN = (OK,) * 9 + (REDIRECT,)
GOV_ONLY = (OK,) * 8 + (NOT_FOUND, REDIRECT)
ADMIN_ONLY_OWN_GOV = (OK,) + (FORBIDDEN,) * 7 + (OK, REDIRECT)
ADMIN_ONLY_THIS_OBJECT = (OK,) + (FORBIDDEN,) * 7 + (NOT_FOUND, REDIRECT)
HISTORY = (OK,) + (NOT_FOUND,) * 8 + (REDIRECT,)


MATRIX = {
    # name: (method, kwargs builder, expected per persona)
    "home:home": ("get", lambda w: {}, ALL_SIGNED_IN),
    "core:healthz": ("get", lambda w: {}, (OK,) * 10),
    "core:readyz": ("get", lambda w: {}, (OK,) * 10),  # for the load balancer: no sign-in
    # METRICS_TOKEN is unset in the tests: the endpoint does not exist for anyone, signed in or
    # not (with a token: tulta/core/tests/test_metrics.py).
    "core:metrics": ("get", lambda w: {}, (NOT_FOUND,) * 10),
    "core:jsi18n": ("get", lambda w: {}, (OK,) * 10),  # the scripts' texts: public
    "home:notifications": ("get", lambda w: {}, ALL_SIGNED_IN),
    "home:history": ("get", lambda w: {"model": "kelompok", "pk": w.team.pk}, HISTORY),
    "accounts:login": ("get", lambda w: {}, (REDIRECT,) * 9 + (OK,)),
    "accounts:logout": ("post", lambda w: {}, (REDIRECT,) * 10),
    "accounts:password_change": ("get", lambda w: {}, ALL_SIGNED_IN),
    "accounts:password_reset": ("get", lambda w: {}, (OK,) * 10),
    "accounts:password_reset_done": ("get", lambda w: {}, (OK,) * 10),
    "accounts:password_reset_confirm": (
        "get",
        lambda w: {"uidb64": "MQ", "token": "salah"},
        (OK,) * 10,
    ),
    "accounts:password_reset_complete": ("get", lambda w: {}, (OK,) * 10),
    "accounts:invitation_accept": (
        "get",
        lambda w: {"uidb64": "MQ", "token": "salah"},
        (OK,) * 10,  # public: the link itself is the proof; a bad one says why in Indonesian
    ),
    "accounts:code_sign_in": ("get", lambda w: {}, (OK,) * 10),
    "organizations:user_invite": (
        "post",
        lambda w: {"pk": w.member.pk},
        (REDIRECT,) + (FORBIDDEN,) * 7 + (NOT_FOUND, REDIRECT),
    ),
    "organizations:user_invite_many": (
        "post",
        lambda w: {},
        (REDIRECT,) + (FORBIDDEN,) * 7 + (REDIRECT, REDIRECT),  # the other admin's own list
    ),
    "organizations:user_list": ("get", lambda w: {}, ADMIN_ONLY_OWN_GOV),
    "organizations:user_create": ("get", lambda w: {}, ADMIN_ONLY_OWN_GOV),
    "organizations:user_edit": ("get", lambda w: {"pk": w.member.pk}, ADMIN_ONLY_THIS_OBJECT),
    "organizations:user_reset": (
        "post",
        lambda w: {"pk": w.member.pk},
        (REDIRECT,) + (FORBIDDEN,) * 7 + (NOT_FOUND, REDIRECT),
    ),
    "organizations:unit_list": ("get", lambda w: {}, ALL_SIGNED_IN),
    "organizations:unit_create": ("get", lambda w: {}, ADMIN_ONLY_OWN_GOV),
    "organizations:unit_detail": ("get", lambda w: {"pk": w.unit.pk}, GOV_ONLY),
    "organizations:unit_edit": ("get", lambda w: {"pk": w.unit.pk}, ADMIN_ONLY_THIS_OBJECT),
    "organizations:team_list": ("get", lambda w: {}, ALL_SIGNED_IN),
    "organizations:team_create": (
        "get",
        lambda w: {},
        (OK, OK) + (FORBIDDEN,) * 6 + (OK, REDIRECT),
    ),
    "organizations:team_detail": ("get", lambda w: {"pk": w.team.pk}, GOV_ONLY),
    "organizations:team_edit": (
        "get",
        lambda w: {"pk": w.team.pk},
        (OK, OK, OK) + (FORBIDDEN,) * 5 + (NOT_FOUND, REDIRECT),
    ),
    "organizations:unit_delete": ("get", lambda w: {"pk": w.unit.pk}, ADMIN_ONLY_THIS_OBJECT),
    "organizations:team_delete": (
        "get",
        lambda w: {"pk": w.team.pk},
        (OK, OK) + (FORBIDDEN,) * 6 + (NOT_FOUND, REDIRECT),
    ),
    "organizations:government": ("get", lambda w: {}, ADMIN_ONLY_OWN_GOV),
    "organizations:government_logo": (
        "get",
        lambda w: {},
        (NOT_FOUND,) * 9 + (REDIRECT,),  # no logo uploaded in the test government
    ),
    "organizations:import": ("get", lambda w: {}, ADMIN_ONLY_OWN_GOV),
    "organizations:import_template": (
        "get",
        lambda w: {"kind": "unit", "fmt": "xlsx"},
        ADMIN_ONLY_OWN_GOV,
    ),
}


def test_every_tulta_url_has_an_access_entry():
    ours = {
        name
        for name in named_urls(get_resolver())
        if name.split(":")[0] in {"core", "home", "accounts", "organizations"}
    }
    assert ours - set(MATRIX) == set()


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("persona_index", range(len(PERSONAS)), ids=PERSONAS)
def test_access(world, client_for, name, persona_index):
    method, kwargs, expected = MATRIX[name]
    persona = PERSONAS[persona_index]
    client = client_for(world.persona(persona))
    response = getattr(client, method)(reverse(name, kwargs=kwargs(world)))
    assert response.status_code == expected[persona_index], (name, persona)


def test_other_government_admin_gets_404_on_history_of_this_government(world, client_for):
    client = client_for(world.other_admin)
    for model, pk in (("unit", world.unit.pk), ("pengguna", world.member.pk)):
        assert client.get(reverse("home:history", args=[model, pk])).status_code == 404


def test_lists_never_show_another_governments_data(world, client_for):
    client = client_for(world.admin)
    for name in ("organizations:team_list", "organizations:unit_list", "organizations:user_list"):
        text = client.get(reverse(name)).content.decode()
        assert "KBK Lain" not in text and "Dinas Lain" not in text and "Admin Lain" not in text
