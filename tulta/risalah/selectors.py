"""Reads of programmes and risalah, scoped to what the viewing user may see."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tulta.accounts.models import Role, User
from tulta.core.models import AuditEvent
from tulta.organizations.models import Membership, Team
from tulta.organizations.permissions import has_role, headed_unit_ids, is_programme_admin

from .diff import word_diff, words
from .models import Programme, Risalah, RisalahStep, StepComment, StepVersion
from .permissions import STARTER_ROLES
from .rules import step_is_open


def programmes_visible_to(user: User) -> QuerySet[Programme]:
    if user.government_id is None:  # outside every government: nothing to see
        return Programme.objects.none()
    return Programme.objects.filter(government_id=user.government_id).select_related("method")


def risalah_visible_to(user: User) -> QuerySet[Risalah]:
    if user.government_id is None:  # outside every government: nothing to see
        return Risalah.objects.none()
    base = Risalah.objects.filter(team__unit__government_id=user.government_id).select_related(
        "team", "team__unit", "programme", "mentor"
    )
    if is_programme_admin(user) or has_role(user, Role.LEADERSHIP):
        return base
    return base.filter(
        Q(team__memberships__user=user)
        | Q(mentor=user)
        | Q(team__unit_id__in=headed_unit_ids(user))
    ).distinct()


def teams_user_can_start(user: User) -> QuerySet[Team]:
    if user.government_id is None:  # outside every government: nothing to see
        return Team.objects.none()
    teams = Team.objects.filter(unit__government_id=user.government_id, is_active=True)
    if not is_programme_admin(user):
        teams = teams.filter(memberships__user=user, memberships__role__in=STARTER_ROLES)
    return teams.select_related("unit").order_by("name")


@dataclass
class StepRow:
    step: RisalahStep
    due_on: dt.date | None
    days_late: int
    is_open: bool


def step_rows(risalah: Risalah) -> list[StepRow]:
    """The risalah's steps with their deadlines, lateness and whether they are open."""
    steps = list(risalah.steps.select_related("method_step").order_by("number"))
    for s in steps:
        s.risalah = risalah
    deadlines = {d.step_number: d.due_on for d in risalah.programme.deadlines.all()}
    today = timezone.localdate()
    rows = []
    for step in steps:
        due = deadlines.get(step.number)
        late = 0
        if due and step.state != RisalahStep.State.APPROVED and today > due:
            late = (today - due).days
        rows.append(StepRow(step, due, late, step_is_open(step, steps)))
    return rows


def timeline(risalah: Risalah) -> QuerySet[AuditEvent]:
    """Every audited change of the risalah and its steps, newest first."""
    step_ids = [str(pk) for pk in risalah.steps.values_list("pk", flat=True)]
    return (
        AuditEvent.objects.filter(
            Q(content_type=ContentType.objects.get_for_model(Risalah), object_id=str(risalah.pk))
            | Q(content_type=ContentType.objects.get_for_model(RisalahStep), object_id__in=step_ids)
        )
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


@dataclass
class TeamWork:
    team: Team
    risalah: Risalah | None
    current: RisalahStep | None
    returned: list[RisalahStep]
    can_start: bool


def work_for_member(user: User) -> list[TeamWork]:
    """For each of the user's active teams: its risalah in an open programme (if any), the step
    to work on now and the steps returned for fixing."""
    memberships = (
        user.memberships.filter(team__is_active=True).select_related("team", "team__unit")
        if getattr(user, "is_authenticated", False)
        else []
    )
    result = []
    for membership in memberships:
        team = membership.team
        risalah = (
            Risalah.objects.filter(team=team, programme__is_open=True)
            .select_related("programme")
            .prefetch_related("steps__method_step")
            .order_by("-created_at")
            .first()
        )
        current = None
        returned: list[RisalahStep] = []
        if risalah is not None:
            steps = list(risalah.steps.all())
            returned = [s for s in steps if s.state == RisalahStep.State.RETURNED]
            current = next((s for s in steps if s.state != RisalahStep.State.APPROVED), None)
        result.append(
            TeamWork(
                team=team,
                risalah=risalah,
                current=current,
                returned=returned,
                can_start=risalah is None and membership.role in STARTER_ROLES,
            )
        )
    return result


def reviews_waiting_for(user: User) -> QuerySet[RisalahStep]:
    """Submitted steps this user reviews: as assigned mentor, unit head or programme admin, never
    a step of a team the user belongs to (read now, so adding a reviewer to a team takes its
    steps off their list at once). Each step carries ``needs_other_reviewer``: its mentor and
    its unit's head are both missing or members of the team, so only an admin outside the team
    can review it (the admin's list marks it "perlu peninjau lain"). One query."""
    if user.government_id is None:  # outside every government: nothing to see
        return RisalahStep.objects.none()
    team_members = Membership.objects.filter(team_id=OuterRef("risalah__team_id"))
    mentor_is_member = Exists(team_members.filter(user_id=OuterRef("risalah__mentor_id")))
    head_is_member = Exists(team_members.filter(user_id=OuterRef("risalah__team__unit__head_id")))
    steps = (
        RisalahStep.objects.filter(
            state=RisalahStep.State.SUBMITTED,
            risalah__state=Risalah.State.DRAFT,
            risalah__team__unit__government_id=user.government_id,
        )
        .exclude(Exists(team_members.filter(user_id=user.pk)))
        .annotate(
            needs_other_reviewer=(Q(risalah__mentor__isnull=True) | Q(mentor_is_member))
            & (Q(risalah__team__unit__head__isnull=True) | Q(head_is_member))
        )
        .select_related("risalah", "risalah__team", "risalah__team__unit", "method_step")
    )
    if not is_programme_admin(user):
        steps = steps.filter(
            Q(risalah__mentor=user) | Q(risalah__team__unit_id__in=headed_unit_ids(user))
        )
    return steps.order_by("submitted_at")


def reviewers_for(risalah: Risalah) -> list[User]:
    """Who is told of (and reminded about) a submitted step: the mentor and the unit head,
    unless they belong to the team (nobody reviews their own team's step); the programme
    admins of the government when nobody is left. Two queries at most."""
    return reviewers_for_each([risalah])[risalah.pk]


def reviewers_for_each(risalahs: Iterable[Risalah]) -> dict[int, list[User]]:
    """:func:`reviewers_for` of many risalah at once (risalah pk → reviewers), in two queries
    at most whatever their number: the members of their teams, then the programme admins of
    the governments where nobody else is left. Load ``mentor`` and ``team__unit__head`` with
    the risalah (``select_related``)."""
    risalahs = list(risalahs)
    members: dict[int, set[int]] = defaultdict(set)
    for team_id, user_id in Membership.objects.filter(
        team_id__in={r.team_id for r in risalahs}
    ).values_list("team_id", "user_id"):
        members[team_id].add(user_id)
    found: dict[int, list[User]] = {}
    for risalah in risalahs:
        people: list[User] = []
        team_members = members[risalah.team_id]
        if risalah.mentor is not None and risalah.mentor.pk not in team_members:
            people.append(risalah.mentor)
        head = risalah.team.unit.head
        if head is not None and head.pk not in team_members:
            people.append(head)
        found[risalah.pk] = people
    orphaned = {r.team.unit.government_id for r in risalahs if not found[r.pk]}
    if orphaned:
        admins: dict[int, list[User]] = defaultdict(list)
        for admin in User.objects.filter(
            government_id__in=orphaned, role_grants__role=Role.PROGRAMME_ADMIN, is_active=True
        ).distinct():
            admins[admin.government_id or 0].append(admin)
        for risalah in risalahs:
            if not found[risalah.pk]:
                found[risalah.pk] = list(admins[risalah.team.unit.government_id])
    return found


@dataclass(frozen=True)
class SectionChange:
    code: str
    label: str
    diff: SafeString


@dataclass(frozen=True)
class StepChanges:
    """What changed in a step since it was last returned: the return (who, when, on which
    version), each changed section's word-level diff, the labels of the sections whose words
    are the same but not their formatting and of those unchanged, and the tools edited since."""

    returned: StepComment
    returned_version: int
    current_version: int
    changed: list[SectionChange]
    reformatted: list[str]
    unchanged: list[str]
    tools_edited: list[str]


def _returned_version(comment: StepComment) -> int:
    """The version a return was made on: kept on the comment since it was added; for an older
    return, the last version saved before it."""
    if comment.step_version is not None:
        return comment.step_version
    version = (
        StepVersion.objects.filter(step_id=comment.step_id, saved_at__lte=comment.created_at)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return version or 0


def step_changes_since_return(step: RisalahStep) -> StepChanges | None:
    """The step's changes since its latest return, or None when it was never returned. Three
    queries: the return, the returned version, the tools edited since."""
    returned = step.comments.filter(kind="return").select_related("author").order_by("-id").first()
    if returned is None:
        return None
    version = _returned_version(returned)
    old_content = (
        StepVersion.objects.filter(step=step, version=version)
        .values_list("content", flat=True)
        .first()
        if version
        else None
    ) or {}
    old = dict(old_content.get("sections", {}))
    new = step.sections
    labels = [(req["code"], req["label"]) for req in step.method_step.requirements]
    if old.get("catatan") or new.get("catatan"):
        labels.append(("catatan", _("Catatan")))
    changed, reformatted, unchanged = [], [], []
    for code, label in labels:
        before, after = old.get(code, ""), new.get(code, "")
        if before == after:
            unchanged.append(label)
        elif words(before) == words(after):
            reformatted.append(label)
        else:
            changed.append(SectionChange(code, label, word_diff(before, after)))
    tools = step.artefacts.filter(updated_at__gt=returned.created_at).order_by("position", "id")
    return StepChanges(
        returned=returned,
        returned_version=version,
        current_version=step.version,
        changed=changed,
        reformatted=reformatted,
        unchanged=unchanged,
        tools_edited=list(tools.values_list("title", flat=True)),
    )
