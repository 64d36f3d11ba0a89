"""The ground floor's own pages: the health check and the signed-in user's notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .notifications import mark_read

if TYPE_CHECKING:
    from tulta.accounts.types import AuthenticatedHttpRequest


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database state for load balancers and monitors; no sign-in needed."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError:
        database = "error"
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {
            "status": "ok" if status == 200 else "error",
            "database": database,
            "vendor": connection.vendor,
        },
        status=status,
    )


@login_required
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own notifications; opening the page marks them read."""
    items = list(request.user.notifications.select_related("actor")[:100])
    response = render(request, "core/notifications.html", {"items": items})
    mark_read(request.user)
    return response
