"""Reads of the reminder log: when each group was last reminded, and what was sent (by the
hourly job and by admins), from :class:`~tulta.monitoring.models.SentReminder`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext as _

from tulta.core.formatting import tanggal
from tulta.risalah.models import Programme

from .models import SentReminder

DEADLINE_KEY = re.compile(r"^deadline:team\d+:programme\d+:step(\d+):(\d{4}-\d{2}-\d{2}):(\w+)$")


def last_reminded(programme: Programme, team_ids: Iterable[int]) -> dict[int, dt.datetime]:
    """When each of ``team_ids`` was last reminded in ``programme``, by anyone, on any channel;
    one query."""
    return dict(
        SentReminder.objects.filter(programme=programme, team_id__in=list(team_ids))
        .values("team_id")
        .annotate(last=Max("sent_at"))
        .values_list("team_id", "last")
    )


def reminder_log(programme: Programme, *, team_id: int | None = None) -> QuerySet[SentReminder]:
    """What was sent in ``programme``, newest first, with who got it, the group, who sent it
    and the notice's email. A manual send records the deadline items it listed so the job does
    not repeat them; those rows are covered by the send's own ``manual:`` row and left out."""
    rows = (
        SentReminder.objects.filter(programme=programme)
        .exclude(Q(sent_by__isnull=False) & Q(key__startswith="deadline:"))
        .select_related("recipient", "team", "sent_by", "notification__emailed")
        .order_by("-sent_at", "-id")
    )
    if team_id is not None:
        rows = rows.filter(team_id=team_id)
    return rows


def reminder_about(row: SentReminder) -> str:
    """What one log row reminded of, in words."""
    match = DEADLINE_KEY.match(row.key)
    if match is not None:
        number, due, kind = int(match[1]), dt.date.fromisoformat(match[2]), match[3]
        values = {"n": number, "due": tanggal(due, with_day=False)}
        if kind == "passed":
            return _("Langkah %(n)d lewat batas waktu (%(due)s)") % values
        return _("Batas waktu langkah %(n)d mendekat (%(due)s)") % values
    if row.channel == SentReminder.Channel.WHATSAPP:
        return _("Ketua dalam daftar WhatsApp")
    return _("Pengingat dari pemantauan")
