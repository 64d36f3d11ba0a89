from __future__ import annotations

import io
import random

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.urls import reverse

from tulta.accounts.models import User
from tulta.demo.national import (
    OPERATOR_EMAIL,
    PROVINCES,
    SLUG_PREFIX,
    _government_names,
    spread,
)
from tulta.demo.organizations import DEMO_PASSWORD
from tulta.impact.models import Publication
from tulta.organizations.models import Government, Membership, Team
from tulta.risalah.models import Risalah, RisalahStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    out = io.StringIO()
    call_command("seed_national", governments=3, teams=30, seed=7, stdout=out)
    return out.getvalue()


def _sign_in(client, user):
    client.force_login(user, backend="tulta.accounts.backends.EmailOrNipBackend")
    return client


def test_seeds_the_asked_counts_with_valid_teams_and_steps(seeded):
    govs = Government.objects.filter(slug__startswith=SLUG_PREFIX)
    assert govs.count() == 3
    assert {g.province for g in govs} <= {p for p, _kab, _kota in PROVINCES}
    assert Team.objects.count() == 30
    assert Risalah.objects.count() == 30
    chairs = Team.objects.annotate(
        chairs=Count("memberships", filter=Q(memberships__role=Membership.Role.KETUA)),
        n_members=Count("memberships"),
    )
    assert {t.chairs for t in chairs} == {1}
    assert all(4 <= t.n_members <= 7 for t in chairs)
    for risalah in Risalah.objects.select_related("programme__method"):
        numbers = sorted(risalah.steps.values_list("number", flat=True))
        assert numbers == list(range(1, risalah.programme.method.steps.count() + 1))
        if risalah.is_final:
            assert not risalah.steps.exclude(state=RisalahStep.State.APPROVED).exists()
    assert Risalah.objects.filter(state=Risalah.State.FINAL).exists()
    assert Risalah.objects.filter(state=Risalah.State.DRAFT).exists()
    operator = User.objects.get(email=OPERATOR_EMAIL)
    assert operator.is_superuser and operator.government_id is None
    assert operator.check_password(DEMO_PASSWORD)
    assert "Selesai" in seeded and OPERATOR_EMAIL in seeded and DEMO_PASSWORD in seeded


def test_a_second_run_changes_nothing(seeded):
    out = io.StringIO()
    call_command("seed_national", governments=3, teams=30, stdout=out)
    assert "sudah ada" in out.getvalue()
    assert Government.objects.count() == 3
    assert Team.objects.count() == 30


def test_government_names_are_unique_and_follow_the_seed():
    first = _government_names(550, random.Random(1))
    assert first == _government_names(550, random.Random(1))
    assert len({name for _p, _k, name in first}) == 550
    assert spread(550, [kab + kota for _p, kab, kota in PROVINCES]) == [
        sum(1 for p, _k, _n in first if p == province) for province, _kab, _kota in PROVINCES
    ]


def test_seeded_pages_render_for_their_people(seeded, client):
    risalah = (
        Risalah.objects.filter(state=Risalah.State.DRAFT, programme__is_open=True)
        .filter(steps__state=RisalahStep.State.DRAFT, steps__version=1)
        .first()
    )
    assert risalah is not None
    chair = Membership.objects.get(team=risalah.team, role=Membership.Role.KETUA).user
    _sign_in(client, chair)
    assert client.get(reverse("risalah:detail", kwargs={"pk": risalah.pk})).status_code == 200
    step = risalah.steps.filter(state=RisalahStep.State.DRAFT, version=1).first()
    url = reverse("risalah:step", kwargs={"pk": risalah.pk, "number": step.number})
    assert client.get(url).status_code == 200
    approved = risalah.steps.filter(state=RisalahStep.State.APPROVED).first()
    if approved is not None:
        url = reverse("risalah:step", kwargs={"pk": risalah.pk, "number": approved.number})
        assert client.get(url).status_code == 200
    autosave = reverse("risalah:step_autosave", kwargs={"pk": risalah.pk, "number": step.number})
    code = step.method_step.requirements[0]["code"]
    response = client.post(autosave, {"version": "1", f"section-{code}": "<p>Diperbarui.</p>"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "saved"

    gov = risalah.team.unit.government
    base = gov.slug.removeprefix(SLUG_PREFIX)
    admin = User.objects.get(email=f"admin@{base}.nasional.tulta.id")
    _sign_in(client, admin)
    programme = risalah.programme
    url = reverse("monitoring:dashboard", kwargs={"pk": programme.pk})
    assert client.get(url).status_code == 200
    mentor = User.objects.get(email=f"pendamping1@{base}.nasional.tulta.id")
    _sign_in(client, mentor)
    assert client.get(reverse("mentoring:mine")).status_code == 200

    _sign_in(client, User.objects.get(email=OPERATOR_EMAIL))
    text = client.get(reverse("national:index")).content.decode()
    assert gov.province in text
    client.logout()
    assert client.get(reverse("impact:showcase")).status_code == 200
    publication = Publication.objects.first()
    if publication is not None:
        url = reverse("impact:showcase_detail", kwargs={"pk": publication.risalah_id})
        assert client.get(url).status_code == 200
