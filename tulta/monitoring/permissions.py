"""Who may see the programme dashboard, its drill-downs and exports.

- The programme admin sees the whole government and may assign mentors from the dashboard.
- Leadership sees the whole government, read-only (no assign or remind buttons).
- A unit head sees their units and every sub-unit (``headed_unit_ids``) and may remind their
  teams by WhatsApp.
- Only the programme admin sends reminders to chosen groups and reads the reminder log.
- Everyone else of the government gets 403; users of another government get 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tulta.accounts.models import Role, User
from tulta.organizations.permissions import (
    has_role,
    headed_unit_ids,
    in_government,
    is_programme_admin,
)
from tulta.risalah.models import Programme


def sees_whole_government(user: User) -> bool:
    return is_programme_admin(user) or has_role(user, Role.LEADERSHIP)


def can_view_dashboard(user: User) -> bool:
    if not getattr(user, "is_authenticated", False) or user.government_id is None:
        return False
    return sees_whole_government(user) or bool(headed_unit_ids(user))


def dashboard_unit_ids(user: User) -> frozenset[int] | None:
    """The units whose teams the user's dashboard counts; ``None`` means the whole government."""
    if sees_whole_government(user):
        return None
    return headed_unit_ids(user)


def can_assign_mentors(user: User, programme: Programme) -> bool:
    return in_government(user, programme.government_id) and is_programme_admin(user)


def can_remind_teams(user: User, programme: Programme) -> bool:
    """Who sees the 'remind by WhatsApp' buttons on the drill-down: the programme admin and unit
    heads, not read-only leadership."""
    if not in_government(user, programme.government_id):
        return False
    return is_programme_admin(user) or bool(headed_unit_ids(user))


def get_programme_for_dashboard(user: User, pk: int) -> Programme:
    """The programme for its dashboard: 404 outside its government, 403 without a dashboard
    role."""
    programme = Programme.objects.select_related("method", "government").filter(pk=pk).first()
    if programme is None or not in_government(user, programme.government_id):
        raise Http404
    if not can_view_dashboard(user):
        raise PermissionDenied
    return programme


def can_send_reminders(user: User, programme: Programme) -> bool:
    """Who reminds chosen groups from the dashboard (in-app, email, the WhatsApp list) and reads
    the reminder log: the programme admin of its government."""
    return in_government(user, programme.government_id) and is_programme_admin(user)


def get_programme_for_reminders(user: User, pk: int) -> Programme:
    """The programme for its reminder pages: 404 outside its government, 403 for anyone but
    its programme admin."""
    programme = Programme.objects.select_related("method", "government").filter(pk=pk).first()
    if programme is None or not in_government(user, programme.government_id):
        raise Http404
    if not can_send_reminders(user, programme):
        raise PermissionDenied
    return programme
