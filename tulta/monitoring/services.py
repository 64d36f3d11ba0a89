"""Reminders: the scheduled job behind ``python manage.py send_reminders``.

It creates in-app notifications for step deadlines that are near or have passed, for steps that
have waited for review, and for agreed mentoring actions that are due; then it emails every
unread notification not yet emailed (including comments and mentions notified elsewhere), one
digest per person.

Safe to run every hour. A deadline reminder is identified by what it is about
(``deadline:team<t>:programme<p>:step<n>:<due>:<soon|passed>``, the same before and after the
group starts its risalah) and recorded per person (``SentReminder``); each person gets one
digest notice per run with everything new. Review and follow-up notices carry a key
(``review:<step>:<submitted at>``, ``action:<pk>:<due>:<soon|passed>``) that ``notify`` creates
at most once per person, and each notification is emailed at most once
(:class:`~tulta.monitoring.models.EmailedNotification`, claimed in the same transaction as the
sending, so an email that fails is retried next hour and one that went out is never repeated).
The job acts for nobody: its notices have no actor, and it changes no audited state.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tulta.accounts.models import User
from tulta.core.formatting import tanggal
from tulta.core.metrics import REMINDERS_SENT
from tulta.core.models import Notification
from tulta.core.notifications import Notice, notify_each
from tulta.mentoring.models import AgreedAction
from tulta.organizations.models import Membership
from tulta.risalah.models import Programme, Risalah, RisalahStep
from tulta.risalah.selectors import reviewers_for_each

from .models import EmailedNotification, SentReminder
from .selectors import FINAL, programme_progress

logger = logging.getLogger(__name__)

SOON = "soon"
PASSED = "passed"


@dataclass
class ReminderReport:
    deadline_notices: int = 0
    review_notices: int = 0
    action_notices: int = 0
    emails: int = 0
    emailed_notifications: int = 0
    email_failures: int = 0


def _when(due: dt.date, today: dt.date) -> str:
    days = (due - today).days
    if days == 0:
        return _("hari ini")
    return ngettext("%(n)d hari lagi", "%(n)d hari lagi", days) % {"n": days}


@dataclass(frozen=True)
class _Reminder:
    """One thing to remind of: ``key`` says what it is about, whatever the group's state."""

    key: str
    text: str
    url: str
    late_days: int  # negative: days left


def _digest_message(items: Sequence[_Reminder]) -> str:
    """One notice for everything new a person is reminded of in one run, latest first, cut to
    the notice's 500 characters with "… dan N lainnya"."""
    if len(items) == 1:
        return items[0].text
    head = ngettext("%(n)d pengingat batas waktu:", "%(n)d pengingat batas waktu:", len(items)) % {
        "n": len(items)
    }
    lines: list[str] = []
    for index, item in enumerate(items):
        left = len(items) - index
        more = " " + _("… dan %(n)d lainnya.") % {"n": left - 1} if left > 1 else ""
        if lines and len(" ".join([head, *lines, item.text])) + len(more) > 500:
            return " ".join([head, *lines]) + " " + _("… dan %(n)d lainnya.") % {"n": left}
        lines.append(item.text)
    return " ".join([head, *lines])


def _deadline_reminders(programme: Programme, today: dt.date, days_before: int) -> int:
    """Remind each member (and, once late, the mentor) of the steps whose deadline is near or
    passed: one digest notice per person per run with everything new, never the same thing
    twice (:class:`~tulta.monitoring.models.SentReminder`)."""
    horizon = today + dt.timedelta(days=days_before)
    progress = programme_progress(programme, today=today)
    deadlines = {n: due for n, due in progress.deadlines.items() if due <= horizon}
    if not deadlines:
        return 0
    rows = [r for r in progress.rows if r.state != FINAL]
    members: dict[int, list[User]] = defaultdict(list)
    for membership in Membership.objects.filter(
        team_id__in=[r.team_id for r in rows], user__is_active=True
    ).select_related("user"):
        members[membership.team_id].append(membership.user)
    mentors = User.objects.in_bulk({r.mentor_id for r in rows if r.mentor_id})
    per_person: dict[int, list[_Reminder]] = defaultdict(list)
    people: dict[int, User] = {}
    for row in rows:
        for number, due in sorted(deadlines.items()):
            if number in row.approved_steps:
                continue
            kind = PASSED if due < today else SOON
            values = {
                "n": number,
                "title": progress.step_title(number),
                "team": row.team_name,
                "due": tanggal(due),
                "when": _when(due, today),
                "days": (today - due).days,
            }
            if row.risalah_id is not None:
                url = reverse("risalah:step", args=[row.risalah_id, number])
            else:
                url = reverse("risalah:start") + f"?kelompok={row.team_id}"
            if kind == PASSED:
                text = (
                    _(
                        "Langkah %(n)d (%(title)s) %(team)s melewati batas waktu %(due)s; "
                        "terlambat %(days)d hari."
                    )
                    % values
                )
                recipients = [*members[row.team_id], mentors.get(row.mentor_id or 0)]
            else:
                text = (
                    _("Batas waktu langkah %(n)d (%(title)s) %(team)s: %(due)s, %(when)s.") % values
                )
                recipients = list(members[row.team_id])
            if row.risalah_id is None:
                text += " " + _("Kelompok ini belum memulai risalah.")
            item = _Reminder(
                key=f"deadline:team{row.team_id}:programme{programme.pk}:step{number}:"
                f"{due.isoformat()}:{kind}",
                text=text,
                url=url,
                late_days=(today - due).days,
            )
            for person in recipients:
                if person is not None and person.is_active and item not in per_person[person.pk]:
                    people[person.pk] = person
                    per_person[person.pk].append(item)
    sent = set(
        SentReminder.objects.filter(
            recipient_id__in=list(per_person),
            key__in={i.key for items in per_person.values() for i in items},
        ).values_list("recipient_id", "key")
    )
    notices = []
    records = []
    for person_pk, items in per_person.items():
        new = sorted(
            (i for i in items if (person_pk, i.key) not in sent),
            key=lambda i: (-i.late_days, i.key),
        )
        if not new:
            continue
        notices.append(
            Notice(recipient=people[person_pk], message=_digest_message(new), url=new[0].url)
        )
        records += [SentReminder(recipient_id=person_pk, key=i.key) for i in new]
    created = notify_each(notices, actor=None)
    SentReminder.objects.bulk_create(records, ignore_conflicts=True)
    return created


def _review_reminders(programme: Programme, now: dt.datetime, after_days: int) -> int:
    steps = list(
        RisalahStep.objects.filter(
            risalah__programme=programme,
            risalah__state=Risalah.State.DRAFT,
            state=RisalahStep.State.SUBMITTED,
            submitted_at__lte=now - dt.timedelta(days=after_days),
        ).select_related(
            "method_step", "risalah__team__unit__head", "risalah__mentor", "risalah__team"
        )
    )
    # Never a member of the team, whatever other role they hold: see can_review_step.
    reviewers = reviewers_for_each([step.risalah for step in steps])
    notices = []
    for step in steps:
        risalah = step.risalah
        submitted = step.submitted_at or now
        message = _(
            "Langkah %(n)d (%(title)s) %(team)s menunggu tinjauan Anda sejak %(date)s "
            "(%(days)d hari)."
        ) % {
            "n": step.number,
            "title": step.method_step.title,
            "team": risalah.team.name,
            "date": tanggal(timezone.localtime(submitted)),
            "days": (now - submitted).days,
        }
        notices += [
            Notice(
                recipient=reviewer,
                message=message,
                url=reverse("risalah:step", args=[risalah.pk, step.number]),
                key=f"review:{step.pk}:{submitted:%Y%m%dT%H%M%S}",
            )
            for reviewer in reviewers[risalah.pk]
        ]
    return notify_each(notices, actor=None)


def _action_reminders(today: dt.date, days_before: int) -> int:
    actions = AgreedAction.objects.filter(
        done=False,
        due_on__lte=today + dt.timedelta(days=days_before),
        session__programme__is_open=True,
    ).select_related("owner", "session__team")
    notices = []
    for action in actions:
        kind = PASSED if action.due_on < today else SOON
        values = {
            "what": action.description,
            "team": action.session.team.name,
            "due": tanggal(action.due_on),
            "when": _when(action.due_on, today),
            "days": (today - action.due_on).days,
        }
        message = (
            _(
                "Tindak lanjut pendampingan %(team)s belum selesai: %(what)s (batas %(due)s, "
                "terlambat %(days)d hari)."
            )
            if kind == PASSED
            else _("Tindak lanjut pendampingan %(team)s: %(what)s, batas %(due)s, %(when)s.")
        ) % values
        notices.append(
            Notice(
                recipient=action.owner,
                message=message,
                url=reverse(
                    "monitoring:mentor_team",
                    args=[action.session.programme_id, action.session.team_id],
                ),
                key=f"action:{action.pk}:{action.due_on.isoformat()}:{kind}",
            )
        )
    return notify_each(notices, actor=None)


def _absolute(url: str, base_url: str) -> str:
    if url.startswith("/") and base_url:
        return base_url.rstrip("/") + url
    return url


def _send_digest(recipient: User, items: Sequence[Notification], base_url: str) -> None:
    context = {
        "recipient": recipient,
        "items": [{"message": n.message, "url": _absolute(n.url, base_url)} for n in items],
        "count": len(items),
        "home": _absolute("/", base_url) if base_url else "",
    }
    subject = render_to_string("monitoring/email/digest_subject.txt", context).strip()
    body = render_to_string("monitoring/email/digest.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
    ).send(fail_silently=False)


def notifications_email(
    *, now: dt.datetime | None = None, window_days: int = 7, base_url: str = ""
) -> tuple[int, int, int]:
    """Email each person their unread notifications of the last ``window_days`` that were never
    emailed, one digest each. Returns (emails sent, notifications emailed, failures)."""
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(
            read_at=None,
            emailed__isnull=True,
            created_at__gte=now - dt.timedelta(days=window_days),
            recipient__is_active=True,
        )
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    )
    by_recipient: dict[int, list[Notification]] = defaultdict(list)
    for item in pending:
        by_recipient[item.recipient_id].append(item)
    emails = notices = failures = 0
    for items in by_recipient.values():
        try:
            with transaction.atomic():
                # Claim first: a concurrent run that claimed any of these fails here and skips.
                EmailedNotification.objects.bulk_create(
                    [EmailedNotification(notification=n) for n in items]
                )
                _send_digest(items[0].recipient, items, base_url)
        except IntegrityError:
            continue
        except (smtplib.SMTPException, OSError):
            logger.exception("reminder email to user %s failed", items[0].recipient_id)
            failures += 1
            continue
        emails += 1
        notices += len(items)
    return emails, notices, failures


def reminders_send(
    *,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    days_before: int = 3,
    review_after_days: int = 2,
    email: bool = True,
    email_window_days: int = 7,
    base_url: str = "",
) -> ReminderReport:
    """Create the due reminders of every open programme, then email what is pending."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    report = ReminderReport()
    for programme in Programme.objects.filter(is_open=True).select_related("method"):
        with transaction.atomic():
            report.deadline_notices += _deadline_reminders(programme, today, days_before)
            report.review_notices += _review_reminders(programme, now, review_after_days)
    with transaction.atomic():
        report.action_notices = _action_reminders(today, days_before)
    if email:
        report.emails, report.emailed_notifications, report.email_failures = notifications_email(
            now=now, window_days=email_window_days, base_url=base_url
        )
    REMINDERS_SENT.labels(kind="deadline").inc(report.deadline_notices)
    REMINDERS_SENT.labels(kind="review").inc(report.review_notices)
    REMINDERS_SENT.labels(kind="action").inc(report.action_notices)
    REMINDERS_SENT.labels(kind="email").inc(report.emails)
    return report
