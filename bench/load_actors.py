"""Who plays each part in ``bench_load.py``, read from the seeded national dataset: one person
per simulated user, spread over many governments. Runs inside Django (``load_settings``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Min

from tulta.accounts.models import Role, User
from tulta.demo.organizations import DEMO_PASSWORD
from tulta.impact.models import Publication
from tulta.organizations.models import Membership
from tulta.risalah.models import Programme, Risalah, RisalahStep


def _spread(items: list[Any], count: int) -> list[Any]:
    """``count`` items taken evenly over ``items`` (so over many governments)."""
    if len(items) <= count:
        return items
    stride = len(items) / count
    return [items[int(i * stride)] for i in range(count)]


def actors(mix: dict[str, int]) -> dict[str, Any]:
    # Editors: the chair of a team whose current step is open for writing (draft or returned,
    # every earlier step approved), one team each so that no two users edit the same step.
    editable = (
        RisalahStep.objects.filter(
            risalah__programme__is_open=True,
            risalah__state=Risalah.State.DRAFT,
            state__in=[RisalahStep.State.DRAFT, RisalahStep.State.RETURNED],
            version__gte=1,
        )
        .order_by("risalah_id")
        .values_list("risalah_id", "number", "risalah__team_id")
    )
    steps = _spread(list(editable), mix["editor"])
    chairs = dict(
        Membership.objects.filter(
            team_id__in=[t for _r, _n, t in steps], role=Membership.Role.KETUA
        ).values_list("team_id", "user__email")
    )
    editors = [{"email": chairs[t], "risalah": r, "step": n} for r, n, t in steps]

    # Mentors with teams in open programmes, and the current step of each of their risalah.
    mentor_ids = _spread(
        list(
            User.objects.filter(
                role_grants__role=Role.MENTOR, mentored_risalah__programme__is_open=True
            )
            .distinct()
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        mix["mentor"],
    )
    current = dict(
        RisalahStep.objects.filter(
            risalah__mentor_id__in=mentor_ids, risalah__programme__is_open=True
        )
        .exclude(state=RisalahStep.State.APPROVED)
        .values_list("risalah_id")
        .annotate(n=Min("number"))
        .order_by()
    )
    mentors = []
    for pk, email in User.objects.filter(pk__in=mentor_ids).values_list("pk", "email"):
        mine = Risalah.objects.filter(mentor_id=pk, programme__is_open=True).values_list(
            "pk", flat=True
        )
        mentors.append({"email": email, "steps": [[r, current.get(r, 7)] for r in mine]})

    # Programme admins with their government's open programme.
    programmes = dict(
        Programme.objects.filter(is_open=True).values_list("government_id", "pk").order_by("pk")
    )
    admin_rows = _spread(
        list(
            User.objects.filter(role_grants__role=Role.PROGRAMME_ADMIN)
            .exclude(government=None)
            .order_by("pk")
            .values_list("email", "government_id")
        ),
        mix["admin"],
    )
    admins = [
        {"email": email, "programme": programmes[gov]}
        for email, gov in admin_rows
        if gov in programmes
    ]
    published = list(Publication.objects.values_list("risalah_id", flat=True)[:500])
    return {
        "editor": editors,
        "mentor": mentors,
        "admin": admins,
        "visitor": [{"email": ""}],
        "published": published,
        "password": DEMO_PASSWORD,
    }
