"""Reactions to changes made below competitions (organizations, accounts): when a judge's unit,
a team's members or a team's unit change, the judges' open assignments are re-checked against
the conflict rule (``services.assignments_recheck``). Connected in
``apps.CompetitionsConfig.ready``; competitions stands above organizations, so the lower floors
never call up."""

from __future__ import annotations

from typing import Any

from tulta.accounts.models import User
from tulta.organizations.models import Membership, Team

from . import services
from .models import Assignment, Round


def _has_open_work(user_id: int) -> bool:
    return Assignment.objects.filter(
        judge_id=user_id,
        round__state=Round.State.OPEN,
        conflict_declared_at=None,
        excluded_at=None,
    ).exists()


def user_saved(sender: type[User], instance: User, created: bool, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if created or (update_fields is not None and "unit" not in update_fields):
        return
    if _has_open_work(instance.pk):
        services.assignments_recheck(actor=None, judge=instance)


def membership_saved(
    sender: type[Membership], instance: Membership, created: bool, **kwargs: Any
) -> None:
    if _has_open_work(instance.user_id):
        services.assignments_recheck(actor=None, judge=instance.user)


def team_saved(sender: type[Team], instance: Team, created: bool, **kwargs: Any) -> None:
    """A team moved to another unit: its entries' judges may now share that unit."""
    update_fields = kwargs.get("update_fields")
    if created or (update_fields is not None and "unit" not in update_fields):
        return
    judges = (
        Assignment.objects.filter(
            entry__team=instance,
            round__state=Round.State.OPEN,
            conflict_declared_at=None,
            excluded_at=None,
        )
        .values_list("judge_id", flat=True)
        .distinct()
    )
    for judge in User.objects.filter(pk__in=list(judges)):
        services.assignments_recheck(actor=None, judge=judge)
