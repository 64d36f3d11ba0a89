"""Reminding chosen groups from the dashboard and the drill-down lists: the send (in-app and
email), the WhatsApp list to copy afterwards, and the log of what was sent (by admins and by
the hourly job). The programme admin only (``permissions.get_programme_for_reminders``)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tulta.accounts.types import AuthenticatedHttpRequest

from . import permissions, reminder_log, selectors, services, whatsapp
from .forms import ReminderForm
from .mentor_views import next_url


def remindable_choices(progress: selectors.Progress) -> list[tuple[int, str]]:
    """The groups a reminder may go to: every participating group whose risalah is not final."""
    return [(r.team_id, r.team_name) for r in progress.rows if r.state != selectors.FINAL]


@login_required
@require_POST
def reminder_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = permissions.get_programme_for_reminders(request.user, pk)
    back = next_url(request, reverse("monitoring:dashboard", args=[programme.pk]))
    progress = selectors.programme_progress(programme)
    form = ReminderForm(request.POST, team_choices=remindable_choices(progress))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(back)
    try:
        result = services.reminder_send(
            actor=request.user,
            programme=programme,
            teams=form.cleaned_data["kelompok"],
            note=form.cleaned_data["catatan"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(
        request,
        ngettext(
            "Pengingat terkirim ke %(people)d orang dari %(n)d kelompok, di aplikasi dan lewat "
            "email. Salin daftar WhatsApp di bawah untuk mengirimnya juga lewat WhatsApp.",
            "Pengingat terkirim ke %(people)d orang dari %(n)d kelompok, di aplikasi dan lewat "
            "email. Salin daftar WhatsApp di bawah untuk mengirimnya juga lewat WhatsApp.",
            len(result.team_ids),
        )
        % {"people": result.notices, "n": len(result.team_ids)},
    )
    query = urlencode([("kelompok", t) for t in result.team_ids] + [("next", back)])
    return redirect(reverse("monitoring:reminder_whatsapp", args=[programme.pk]) + "?" + query)


@login_required
def reminder_whatsapp(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The chosen groups' chairs with numbers and messages, to copy into WhatsApp."""
    programme = permissions.get_programme_for_reminders(request.user, pk)
    progress = selectors.programme_progress(programme)
    team_ids = [int(t) for t in request.GET.getlist("kelompok") if t.isdigit()]
    entries = whatsapp.whatsapp_list(progress, team_ids, request.user.full_name)
    return render(
        request,
        "monitoring/reminder_whatsapp.html",
        {
            "programme": programme,
            "entries": entries,
            "list_text": whatsapp.whatsapp_list_text(entries),
            "back": next_url(request, reverse("monitoring:dashboard", args=[programme.pk])),
        },
    )


@login_required
def reminder_log_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """What was sent in the programme: who, which group, when, channel, by whom."""
    programme = permissions.get_programme_for_reminders(request.user, pk)
    team_text = request.GET.get("kelompok", "")
    team_id = int(team_text) if team_text.isdigit() else None
    page = Paginator(reminder_log.reminder_log(programme, team_id=team_id), 50).get_page(
        request.GET.get("halaman")
    )
    rows = [{"row": r, "about": reminder_log.reminder_about(r)} for r in page.object_list]
    team_name = next((r["row"].team.name for r in rows if r["row"].team), "") if team_id else ""
    return render(
        request,
        "monitoring/reminder_log.html",
        {
            "programme": programme,
            "page": page,
            "rows": rows,
            "team_id": team_id,
            "team_name": team_name,
            "title": _("Log pengingat"),
        },
    )
