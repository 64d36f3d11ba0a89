from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from tulta.accounts.models import Role
from tulta.core.notifications import unread_for
from tulta.impact import permissions as impact_permissions
from tulta.mentoring import permissions as mentoring_permissions
from tulta.monitoring import permissions as monitoring_permissions
from tulta.national import permissions as national_permissions
from tulta.organizations import permissions
from tulta.organizations.permissions import has_role


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The header's menu, built from what the signed-in user may do."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    if user.government_id is None:
        # A platform operator: the national roll-up is their page.
        if not national_permissions.can_view_national(user):
            return {"nav_items": []}
        return {
            "nav_items": _current(
                request.path,
                [(_("Beranda"), reverse("home:home")), (_("Nasional"), reverse("national:index"))],
            )
        }
    items = [
        (_("Beranda"), reverse("home:home")),
        (_("Unit"), reverse("organizations:unit_list")),
        (_("Kelompok"), reverse("organizations:team_list")),
        (_("Risalah"), reverse("risalah:list")),
        (_("Program"), reverse("risalah:programme_list")),
    ]
    if monitoring_permissions.can_view_dashboard(user):
        items.append((_("Pemantauan"), reverse("monitoring:index")))
    if mentoring_permissions.can_view_mentor_page(user):
        items.append((_("Pendampingan"), reverse("mentoring:mine")))
    items.append((_("Lomba"), reverse("competitions:list")))
    if has_role(user, Role.JUDGE):
        items.append((_("Penilaian"), reverse("competitions:judge_list")))
    if impact_permissions.can_view_ledger(user):
        items.append((_("Dampak"), reverse("impact:ledger")))
    items.append((_("Katalog karya"), reverse("impact:showcase")))
    if permissions.can_manage_users(user):
        items.append((_("Pengguna"), reverse("organizations:user_list")))
    if permissions.can_import(user):
        items.append((_("Impor"), reverse("organizations:import")))
    if permissions.can_manage_units(user):
        items.append((_("Pemda"), reverse("organizations:government")))
    if national_permissions.can_view_national(user):
        items.append((_("Nasional"), reverse("national:index")))
    return {
        "nav_items": _current(request.path, items),
        "user_roles": permissions.user_roles(user),
        "unread_count": unread_for(user).count(),
    }


def _current(path: str, items: list[tuple[str, str]]) -> list[dict[str, Any]]:
    return [
        {
            "label": label,
            "url": url,
            "current": path == url or (url != "/" and path.startswith(url)),
        }
        for label, url in items
    ]
