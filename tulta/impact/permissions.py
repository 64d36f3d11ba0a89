"""Who may see and do what with indicators, the city ledger and the showcase.

- Writers of a risalah (team members, the programme admin) edit its indicators until it is
  final; everyone who may view the risalah sees the verdict.
- The programme admin of the risalah's government publishes and withdraws it; only final work.
- The programme admin and leadership read the city ledger of their own government.
- Anyone, signed in or not, sees published work; unpublished work does not exist for them.
- A signed-in user who may start a risalah for some team replicates published work.
- The team claims a final risalah's benefits; the head of its unit and then, where the
  programme names them, a finance verifier (BPKAD) verify or return them -- never a member of
  the team. A finance verifier sees the benefit, not the rest of the risalah.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from tulta.accounts.models import Role, User
from tulta.organizations.permissions import (
    has_role,
    headed_unit_ids,
    in_government,
    is_programme_admin,
)
from tulta.risalah.models import Risalah
from tulta.risalah.permissions import (
    can_view_risalah,
    can_write_risalah,
    get_risalah_for_user,
    is_team_member,
)

from .models import Benefit, Indicator


def can_edit_indicators(user: User, risalah: Risalah) -> bool:
    return can_write_risalah(user, risalah) and not risalah.is_final


def can_publish(user: User, risalah: Risalah) -> bool:
    return in_government(user, risalah.team.unit.government_id) and is_programme_admin(user)


def can_view_ledger(user: User) -> bool:
    return getattr(user, "is_authenticated", False) and (
        is_programme_admin(user) or has_role(user, Role.LEADERSHIP)
    )


def get_indicator_for_user(user: User, risalah_pk: int, pk: int) -> Indicator:
    """The indicator of a risalah the user may write (404 outsiders, 403 readers)."""
    risalah = get_risalah_for_user(user, risalah_pk, write=True)
    indicator = Indicator.objects.filter(risalah=risalah, pk=pk).first()
    if indicator is None:
        raise Http404
    if not can_edit_indicators(user, risalah):
        raise PermissionDenied
    indicator.risalah = risalah
    return indicator


def get_indicator_to_read(user: User, risalah_pk: int, pk: int) -> Indicator:
    """The indicator of a risalah the user may see (404 otherwise, also for another risalah's
    indicator): its full data is part of the risalah."""
    risalah = get_risalah_for_user(user, risalah_pk)
    indicator = Indicator.objects.filter(risalah=risalah, pk=pk).first()
    if indicator is None:
        raise Http404
    indicator.risalah = risalah
    return indicator


def get_risalah_to_publish(user: User, pk: int) -> Risalah:
    """A risalah of the user's government (404 otherwise) that the user may publish (403)."""
    risalah = Risalah.objects.select_related("team__unit").filter(pk=pk).first()
    if risalah is None or not in_government(user, risalah.team.unit.government_id):
        raise Http404
    if not can_publish(user, risalah):
        raise PermissionDenied
    return risalah


def get_published_risalah(pk: int) -> Risalah:
    """A published risalah, for anyone; 404 for everything unpublished."""
    risalah = (
        Risalah.objects.select_related(
            "team", "team__unit", "team__unit__government", "programme", "publication"
        )
        .filter(pk=pk, publication__isnull=False, state=Risalah.State.FINAL)
        .first()
    )
    if risalah is None:
        raise Http404
    return risalah


# --- benefits: claimed by the team, verified by the unit head and the finance verifier -------


def can_claim_benefit(user: User, risalah: Risalah) -> bool:
    """The team (or the programme admin) claims a final risalah's benefits."""
    return risalah.is_final and can_write_risalah(user, risalah)


def can_verify_benefit_as_unit(user: User, risalah: Risalah) -> bool:
    """The head of the team's unit, who is not a member of the team."""
    return (
        in_government(user, risalah.team.unit.government_id)
        and risalah.team.unit_id in headed_unit_ids(user)
        and not is_team_member(user, risalah.team)
    )


def can_verify_benefit_as_finance(user: User, risalah: Risalah) -> bool:
    """A finance verifier (BPKAD) the programme names, who is not a member of the team."""
    return (
        in_government(user, risalah.team.unit.government_id)
        and risalah.programme.finance_verifiers.filter(pk=user.pk).exists()
        and not is_team_member(user, risalah.team)
    )


def benefits_awaiting(user: User) -> QuerySet[Benefit]:
    """The benefits waiting for ``user``: claimed ones of the units they head, and those the
    unit head verified in programmes where they are the finance verifier."""
    if not getattr(user, "is_authenticated", False) or user.government_id is None:
        return Benefit.objects.none()
    mine = Q(
        state=Benefit.State.CLAIMED, indicator__risalah__team__unit_id__in=headed_unit_ids(user)
    )
    mine |= Q(
        state=Benefit.State.UNIT_VERIFIED,
        indicator__risalah__programme__finance_verifiers=user,
    )
    return (
        Benefit.objects.filter(
            mine, indicator__risalah__team__unit__government_id=user.government_id
        )
        .exclude(indicator__risalah__team__memberships__user=user)
        .select_related(
            "indicator__risalah__team__unit", "indicator__risalah__programme", "claimed_by"
        )
        .distinct()
        .order_by("claimed_at")
    )


def get_benefit_for_verifier(user: User, pk: int) -> Benefit:
    """A benefit the user may verify or return now (404 for anything else: another pemda's, or
    one not waiting for this user)."""
    benefit = benefits_awaiting(user).filter(pk=pk).first()
    if benefit is None:
        raise Http404
    return benefit


def get_benefit_document(user: User, pk: int) -> Benefit:
    """A benefit whose evidence the user may download: who may see the risalah, or a finance
    verifier of its programme (404 otherwise)."""
    benefit = (
        Benefit.objects.select_related(
            "indicator__risalah__team__unit", "indicator__risalah__programme"
        )
        .filter(pk=pk)
        .first()
    )
    if benefit is None:
        raise Http404
    risalah = benefit.indicator.risalah
    if not (can_view_risalah(user, risalah) or can_verify_benefit_as_finance(user, risalah)):
        raise Http404
    return benefit
