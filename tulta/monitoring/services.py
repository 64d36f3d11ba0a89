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
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tulta.accounts.models import User
from tulta.core import audit
from tulta.core.formatting import tanggal
from tulta.core.metrics import REMINDERS_SENT
from tulta.core.models import AuditEvent, Notification
from tulta.core.notifications import Notice, notify_each
from tulta.impact.selectors import follow_ups_due
from tulta.mentoring.models import AgreedAction
from tulta.organizations.models import Membership
from tulta.risalah.models import Programme, Risalah, RisalahStep
from tulta.risalah.selectors import reviewers_for_each

from .emails import notifications_email
from .models import SentReminder
from .selectors import FINAL, Progress, TeamRow, programme_progress
from .tasks import reminder_emails_send

SOON = "soon"
PASSED = "passed"


@dataclass
class ReminderReport:
    deadline_notices: int = 0
    review_notices: int = 0
    action_notices: int = 0
    follow_up_notices: int = 0
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
    team_id: int = 0
    passed: bool = False


def _digest_message(items: Sequence[_Reminder], head: str = "") -> str:
    """One notice for everything new a person is reminded of in one run, latest first, cut to
    the notice's 500 characters with "… dan N lainnya"; ``head`` opens it (by default, how many
    reminders it holds)."""
    if len(items) == 1 and not head:
        return items[0].text
    head = head or ngettext(
        "%(n)d pengingat batas waktu:", "%(n)d pengingat batas waktu:", len(items)
    ) % {"n": len(items)}
    lines: list[str] = []
    for index, item in enumerate(items):
        left = len(items) - index
        more = " " + _("… dan %(n)d lainnya.") % {"n": left - 1} if left > 1 else ""
        if lines and len(" ".join([head, *lines, item.text])) + len(more) > 500:
            return " ".join([head, *lines]) + " " + _("… dan %(n)d lainnya.") % {"n": left}
        lines.append(item.text)
    return " ".join([head, *lines])


def deadline_items(progress: Progress, row: TeamRow, days_before: int) -> list[_Reminder]:
    """What ``row``'s team is to be reminded of today: every step not approved whose deadline
    is within ``days_before`` days or has passed, keyed by what it is about."""
    today = progress.today
    horizon = today + dt.timedelta(days=days_before)
    if row.state == FINAL:
        return []
    items = []
    for number, due in sorted(progress.deadlines.items()):
        if due > horizon or number in row.approved_steps:
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
        else:
            text = _("Batas waktu langkah %(n)d (%(title)s) %(team)s: %(due)s, %(when)s.") % values
        if row.risalah_id is None:
            text += " " + _("Kelompok ini belum memulai risalah.")
        items.append(
            _Reminder(
                key=f"deadline:team{row.team_id}:programme{progress.programme.pk}:step{number}:"
                f"{due.isoformat()}:{kind}",
                text=text,
                url=url,
                late_days=(today - due).days,
                team_id=row.team_id,
                passed=kind == PASSED,
            )
        )
    return items


def _members_by_team(team_ids: Sequence[int]) -> dict[int, list[User]]:
    members: dict[int, list[User]] = defaultdict(list)
    for membership in (
        Membership.objects.filter(team_id__in=list(team_ids), user__is_active=True)
        .select_related("user")
        .order_by("team_id", "role", "user__full_name")
    ):
        members[membership.team_id].append(membership.user)
    return members


def _deadline_reminders(programme: Programme, today: dt.date, days_before: int) -> int:
    """Remind each member (and, once late, the mentor) of the steps whose deadline is near or
    passed: one digest notice per person per run with everything new, never the same thing
    twice (:class:`~tulta.monitoring.models.SentReminder`), whoever reminded of it first."""
    progress = programme_progress(programme, today=today)
    rows = [r for r in progress.rows if r.state != FINAL]
    team_items = {r.team_id: deadline_items(progress, r, days_before) for r in rows}
    rows = [r for r in rows if team_items[r.team_id]]
    if not rows:
        return 0
    members = _members_by_team([r.team_id for r in rows])
    mentors = User.objects.in_bulk({r.mentor_id for r in rows if r.mentor_id})
    per_person: dict[int, list[_Reminder]] = defaultdict(list)
    people: dict[int, User] = {}
    for row in rows:
        for item in team_items[row.team_id]:
            recipients: list[User | None] = list(members[row.team_id])
            if item.passed:
                recipients.append(mentors.get(row.mentor_id or 0))
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
    # The run's digest notices carry one key, so the rows below can point at them.
    digest_key = f"digest:programme{programme.pk}:{timezone.now():%Y%m%dT%H%M%S%f}"
    notices: list[Notice] = []
    new_items: dict[int, list[_Reminder]] = {}
    for person_pk, items in per_person.items():
        new = sorted(
            (i for i in items if (person_pk, i.key) not in sent),
            key=lambda i: (-i.late_days, i.key),
        )
        if not new:
            continue
        notices.append(
            Notice(
                recipient=people[person_pk],
                message=_digest_message(new),
                url=new[0].url,
                key=digest_key,
            )
        )
        new_items[person_pk] = new
    created = notify_each(notices, actor=None)
    # By recipient and key: the (recipient, key) unique index answers it.
    sent_ids = dict(
        Notification.objects.filter(recipient_id__in=list(new_items), key=digest_key).values_list(
            "recipient_id", "pk"
        )
    )
    SentReminder.objects.bulk_create(
        [
            SentReminder(
                recipient_id=person_pk,
                key=i.key,
                programme=programme,
                team_id=i.team_id,
                notification_id=sent_ids.get(person_pk),
            )
            for person_pk, items in new_items.items()
            for i in items
        ],
        ignore_conflicts=True,
    )
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


def _follow_up_reminders(today: dt.date, days_before: int) -> int:
    """Remind each member of a team whose improvement is due to be measured again (soon, then
    once it has passed), once per re-measure and kind (the notice key)."""
    due = follow_ups_due(today, days_before)
    if not due:
        return 0
    members: dict[int, list[User]] = defaultdict(list)
    for membership in Membership.objects.filter(
        team_id__in={i.risalah.team_id for i, _due in due}, user__is_active=True
    ).select_related("user"):
        members[membership.team_id].append(membership.user)
    notices = []
    for indicator, item in due:
        kind = SOON if today < item.due_on else PASSED
        values = {
            "name": indicator.name,
            "team": indicator.risalah.team.name,
            "m": item.months,
            "due": tanggal(item.due_on),
        }
        message = (
            _(
                "%(team)s: ukur ulang “%(name)s” %(m)d bulan setelah final, paling lambat "
                "%(due)s, dengan data seperti data sebelum perbaikan."
            )
            if kind == SOON
            else _(
                "%(team)s: pengukuran ulang “%(name)s” %(m)d bulan setelah final jatuh tempo "
                "%(due)s dan belum dicatat; tanpa itu perbaikannya dianggap berhenti."
            )
        ) % values
        url = reverse("impact:indicators", args=[indicator.risalah_id])
        key = f"followup:indicator{indicator.pk}:{item.months}:{kind}"
        notices += [
            Notice(recipient=person, message=message, url=url, key=key)
            for person in members[indicator.risalah.team_id]
        ]
    return notify_each(notices, actor=None)


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
    with transaction.atomic():
        report.follow_up_notices = _follow_up_reminders(today, days_before)
    if email:
        report.emails, report.emailed_notifications, report.email_failures = notifications_email(
            now=now, window_days=email_window_days, base_url=base_url
        )
    REMINDERS_SENT.labels(kind="deadline").inc(report.deadline_notices)
    REMINDERS_SENT.labels(kind="review").inc(report.review_notices)
    REMINDERS_SENT.labels(kind="action").inc(report.action_notices)
    REMINDERS_SENT.labels(kind="follow_up").inc(report.follow_up_notices)
    REMINDERS_SENT.labels(kind="email").inc(report.emails)
    return report


# --- reminders sent by an admin from the dashboard --------------------------------------------


@dataclass(frozen=True)
class ReminderSend:
    """What :func:`reminder_send` did: the teams reminded, the notices created (one per person)
    and the notices whose email is queued."""

    team_ids: tuple[int, ...]
    notices: int
    emails_queued: int
    whatsapp_rows: int


NOTE_MAX = 300


@transaction.atomic
def reminder_send(
    *,
    actor: User,
    programme: Programme,
    teams: Sequence[int],
    note: str = "",
    days_before: int = 3,
    today: dt.date | None = None,
) -> ReminderSend:
    """Remind the members of the chosen ``teams`` now: one in-app notice per person (emailed
    through the tasks queue), and a row for each team's chair on the WhatsApp list.

    The caller checks ``permissions.can_send_reminders``. Each notice says who sends it, the
    admin's ``note`` and what the person's teams are reminded of: the same deadline items the
    hourly job would send now (:func:`deadline_items`), or a general request to go on when
    nothing is due.

    **The rule between a manual reminder and the hourly job: one reminder per thing per person,
    whoever sent it.** The deadline items a manual reminder lists are recorded for each member
    as the job records its own (``SentReminder`` by key), so the job's next run does not send
    them again; what the manual reminder did not cover (a deadline that passes later, a soon
    deadline that then passes, the mentor of a late team, who is not a member) the job still
    sends. A manual reminder itself is never skipped: the admin asked for it, so it lists the
    items again even when the job already sent them.

    Writes the notices, the ``SentReminder`` rows (one per person and team for the log, with
    ``sent_by``) and an audit event on the programme. Raises ValidationError when no team is
    chosen, when a team does not take part in the programme or its risalah is final, or when
    the note is too long.
    """
    today = today or timezone.localdate()
    chosen = list(dict.fromkeys(int(t) for t in teams))
    if not chosen:
        raise ValidationError(_("Pilih minimal satu kelompok."))
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        raise ValidationError(
            _("Catatan paling banyak %(n)d karakter.") % {"n": NOTE_MAX}, code="note"
        )
    progress = programme_progress(programme, today=today)
    rows = {r.team_id: r for r in progress.rows}
    unknown = [t for t in chosen if t not in rows]
    if unknown:
        raise ValidationError(_("Ada kelompok yang tidak mengikuti program ini."))
    final = [rows[t].team_name for t in chosen if rows[t].state == FINAL]
    if final:
        raise ValidationError(
            _("Risalah kelompok berikut sudah final: %(names)s.") % {"names": ", ".join(final)}
        )
    stamp = f"{timezone.now():%Y%m%dT%H%M%S%f}"
    head = _("Pengingat dari %(name)s:") % {"name": actor.full_name}
    if note:
        head += " " + note
    team_items: dict[int, list[_Reminder]] = {}
    for team_id in chosen:
        row = rows[team_id]
        items = deadline_items(progress, row, days_before)
        if not items:
            url = (
                reverse("risalah:detail", args=[row.risalah_id])
                if row.risalah_id is not None
                else reverse("risalah:start") + f"?kelompok={row.team_id}"
            )
            text = (
                _("%(team)s belum memulai risalah; mohon segera dimulai.")
                if row.risalah_id is None
                else _("%(team)s: mohon lanjutkan risalah di TULTA.")
            ) % {"team": row.team_name}
            items = [_Reminder(key="", text=text, url=url, late_days=0, team_id=team_id)]
        team_items[team_id] = items
    memberships = list(
        Membership.objects.filter(team_id__in=chosen, user__is_active=True)
        .select_related("user")
        .order_by("team_id", "user__full_name")
    )
    per_person: dict[int, list[_Reminder]] = defaultdict(list)
    person_teams: dict[int, list[int]] = defaultdict(list)
    people: dict[int, User] = {}
    chairs: dict[int, User] = {}
    for membership in memberships:
        if membership.role == Membership.Role.KETUA:
            chairs.setdefault(membership.team_id, membership.user)
        if membership.user_id == actor.pk:
            continue  # nobody reminds themselves (notify skips the actor too)
        people[membership.user_id] = membership.user
        person_teams[membership.user_id].append(membership.team_id)
        per_person[membership.user_id] += team_items[membership.team_id]
    notice_key = f"manual:programme{programme.pk}:{stamp}"
    manual: list[Notice] = []
    for person_pk, items in per_person.items():
        ordered = sorted(items, key=lambda i: (-i.late_days, i.key))
        manual.append(
            Notice(
                recipient=people[person_pk],
                message=_digest_message(ordered, head=head),
                url=ordered[0].url,
                key=notice_key,
            )
        )
    created = notify_each(manual, actor=actor)  # one INSERT for every person
    notices = dict(
        Notification.objects.filter(recipient_id__in=list(per_person), key=notice_key).values_list(
            "recipient_id", "pk"
        )
    )
    log_rows = [
        SentReminder(
            recipient_id=person_pk,
            key=f"manual:team{team_id}:programme{programme.pk}:{stamp}",
            programme=programme,
            team_id=team_id,
            sent_by=actor,
            notification_id=notices.get(person_pk),
        )
        for person_pk, team_ids in person_teams.items()
        for team_id in team_ids
    ]
    whatsapp_rows = [
        SentReminder(
            recipient=chair,
            key=f"manual:team{team_id}:programme{programme.pk}:{stamp}:whatsapp",
            programme=programme,
            team_id=team_id,
            channel=SentReminder.Channel.WHATSAPP,
            sent_by=actor,
        )
        for team_id, chair in chairs.items()
    ]
    SentReminder.objects.bulk_create(log_rows + whatsapp_rows)
    # The deadline items listed, recorded as the job records them: it will not repeat them.
    SentReminder.objects.bulk_create(
        [
            SentReminder(
                recipient_id=person_pk,
                key=item.key,
                programme=programme,
                team_id=item.team_id,
                sent_by=actor,
                notification_id=notices.get(person_pk),
            )
            for person_pk, items in per_person.items()
            for item in items
            if item.key
        ],
        ignore_conflicts=True,
    )
    audit.record(
        actor=actor,
        action=AuditEvent.Action.OTHER,
        verb="reminders_sent",
        obj=programme,
        government_id=programme.government_id,
        changes={
            "kelompok": [None, [rows[t].team_name for t in chosen]],
            "penerima": [None, len(notices)],
            "catatan": [None, note],
        },
    )
    ids = list(notices.values())
    if ids:
        transaction.on_commit(lambda: reminder_emails_send.enqueue(ids))
    return ReminderSend(
        team_ids=tuple(chosen),
        notices=created,
        emails_queued=len(ids),
        whatsapp_rows=len(whatsapp_rows),
    )
