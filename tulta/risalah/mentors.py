"""Where a new risalah finds its mentor.

``Risalah.mentor`` (who reviews the team's steps) follows the team's active mentor assignment
in the programme. Assignments belong to the mentoring app, which builds on risalah; so risalah
does not import it. Instead mentoring registers its look-up here when Django starts
(``MentoringConfig.ready``), and :func:`tulta.risalah.services.risalah_start` asks. With no
look-up registered (mentoring not installed) a new risalah starts without a mentor.

One of the two extension points of its kind in the house (the other is
:mod:`tulta.documents.indicators`): one function, registered once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tulta.accounts.models import User
    from tulta.organizations.models import Team

    from .models import Programme

MentorLookup = Callable[["Team", "Programme"], "User | None"]

_registered: list[MentorLookup] = []


def register_mentor_lookup(lookup: MentorLookup) -> None:
    """Name the function that gives a team's assigned mentor in a programme. Called once, by
    the app that keeps mentor assignments; a second registration replaces the first."""
    _registered[:] = [lookup]


def assigned_mentor(team: Team, programme: Programme) -> User | None:
    """The team's assigned mentor in ``programme``, or None (also when nobody registered)."""
    return _registered[0](team, programme) if _registered else None
