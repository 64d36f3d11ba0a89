"""Who may see and do what with indicators, the city ledger and the showcase.

- Writers of a risalah (team members, the programme admin) edit its indicators until it is
  final; everyone who may view the risalah sees the verdict.
- The programme admin of the risalah's government publishes and withdraws it; only final work.
- The programme admin and leadership read the city ledger of their own government.
- Anyone, signed in or not, sees published work; unpublished work does not exist for them.
- A signed-in user who may start a risalah for some team replicates published work.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tulta.accounts.models import Role, User
from tulta.organizations.permissions import has_role, in_government, is_programme_admin
from tulta.risalah.models import Risalah
from tulta.risalah.permissions import can_write_risalah, get_risalah_for_user

from .models import Indicator


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
