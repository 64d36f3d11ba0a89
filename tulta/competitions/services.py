"""Every change to competitions. Keyword-only, atomic, audited (who, old and new values).
Bad input raises ``ValidationError`` with a message for the user, and nothing is changed.

Who may do what is checked by the caller, through ``permissions.py`` (the house's contract,
see the README's conventions); these services guard the rules that hold whoever calls: a closed
round is locked, only the assigned judge without a conflict scores, only the judge declares
their own conflict, a team votes once.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tulta.accounts.models import Role, User
from tulta.core import audit, formatting
from tulta.core.notifications import notify
from tulta.core.numbers import parse_number
from tulta.risalah.models import Programme, Risalah

from . import permissions, rules
from .models import (
    DEFAULT_TIE_BREAKS,
    Assignment,
    Award,
    Category,
    Competition,
    Criterion,
    Entry,
    Feedback,
    JudgeDone,
    Round,
    RoundEntry,
    Rubric,
    Score,
    ScoreAdjustment,
    Vote,
)


def _gov(competition: Competition) -> int:
    return competition.programme.government_id


@transaction.atomic
def competition_create(
    *,
    actor: User,
    programme: Programme,
    name: str,
    category: str,
    eligible_unit_kinds: Iterable[str] = (),
    decides_by: str = Competition.Decides.RAW,
    tie_breaks: list[str] | None = None,
) -> Competition:
    if category not in Category.values:
        raise ValidationError(_("Kategori tidak dikenal."))
    competition = Competition(
        programme=programme,
        name=name,
        category=category,
        eligible_unit_kinds=list(eligible_unit_kinds),
        decides_by=decides_by,
        tie_breaks=list(DEFAULT_TIE_BREAKS if tie_breaks is None else tie_breaks),
    )
    competition.full_clean()
    competition.save()
    audit.record(
        actor=actor,
        action="create",
        obj=competition,
        government_id=programme.government_id,
        changes={"name": [None, name], "category": [None, category]},
    )
    return competition


@transaction.atomic
def competition_update(*, actor: User, competition: Competition, **fields: Any) -> Competition:
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    before = audit.snapshot(competition, fields)
    for name, value in fields.items():
        setattr(competition, name, value)
    competition.full_clean()
    competition.save()
    audit.record(
        actor=actor,
        action="update",
        obj=competition,
        government_id=_gov(competition),
        changes=audit.diff(before, audit.snapshot(competition, fields)),
    )
    return competition


@transaction.atomic
def entry_submit(*, actor: User, competition: Competition, risalah: Risalah) -> Entry:
    """Enter a team's final risalah; the unit kind must be eligible. The caller checks
    ``permissions.can_enter`` (the team's starters or the admin)."""
    team = risalah.team
    if risalah.programme_id != competition.programme_id:
        raise ValidationError(_("Risalah bukan dari program lomba ini."))
    if risalah.state != Risalah.State.FINAL:
        raise ValidationError(_("Hanya risalah final yang dapat didaftarkan."))
    kinds = competition.eligible_unit_kinds
    if kinds and team.unit.kind not in kinds:
        raise ValidationError(
            _("Unit %(unit)s tidak termasuk peserta lomba ini.") % {"unit": team.unit}
        )
    if Entry.objects.filter(competition=competition, risalah=risalah).exists():
        raise ValidationError(_("Risalah ini sudah terdaftar."))
    entry = Entry.objects.create(competition=competition, risalah=risalah, team=team)
    audit.record(
        actor=actor,
        action="create",
        obj=entry,
        government_id=_gov(competition),
        changes={"risalah": [None, str(risalah)]},
    )
    return entry


@transaction.atomic
def entry_check(*, actor: User, entry: Entry, accept: bool, reason: str = "") -> Entry:
    """The administrative check: accept, or reject with a reason. An entry accepted after the
    first round was created joins it while it is open; a rejected entry leaves the open rounds
    (with its judges' assignments). Rejecting an entry that judges have already scored in an
    open round is refused (their scores would be lost), and so is rejecting one that took part
    in a closed round (its results are locked)."""
    if not accept and not reason.strip():
        raise ValidationError(_("Tulis alasan penolakan."))
    entry = (
        Entry.objects.select_for_update().select_related("competition__programme").get(pk=entry.pk)
    )
    open_rounds = Round.objects.filter(competition_id=entry.competition_id, state=Round.State.OPEN)
    before = audit.snapshot(entry, ["status", "rejection_reason"])
    before["rounds"] = sorted(
        entry.round_entries.filter(round__in=open_rounds).values_list("round__name", flat=True)
    )
    closed = entry.round_entries.filter(round__state=Round.State.CLOSED)
    if not accept and closed.exists():
        raise ValidationError(
            _(
                "%(team)s sudah mengikuti babak yang ditutup (%(rounds)s); hasil babak itu "
                "terkunci, jadi pesertanya tidak dapat ditolak lagi."
            )
            % {
                "team": entry.team.name,
                "rounds": ", ".join(
                    closed.order_by("round__number").values_list("round__name", flat=True)
                ),
            }
        )
    if not accept and Score.objects.filter(entry=entry, round__in=open_rounds).exists():
        raise ValidationError(
            _(
                "%(team)s sudah dinilai juri di babak yang masih dibuka, jadi tidak dapat ditolak "
                "agar nilai tidak hilang."
            )
            % {"team": entry.team.name}
        )
    entry.status = Entry.Status.ACCEPTED if accept else Entry.Status.REJECTED
    entry.rejection_reason = "" if accept else reason.strip()
    entry.save(update_fields=["status", "rejection_reason"])
    if accept:
        first = open_rounds.filter(number=1).first()
        if first is not None:
            RoundEntry.objects.get_or_create(round=first, entry=entry)
    else:
        Assignment.objects.filter(entry=entry, round__in=open_rounds).delete()
        RoundEntry.objects.filter(entry=entry, round__in=open_rounds).delete()
    after = audit.snapshot(entry, ["status", "rejection_reason"])
    after["rounds"] = sorted(
        entry.round_entries.filter(round__in=open_rounds).values_list("round__name", flat=True)
    )
    audit.record(
        actor=actor,
        action="update",
        verb="entry_checked",
        obj=entry,
        government_id=_gov(entry.competition),
        changes=audit.diff(before, after),
    )
    return entry


@transaction.atomic
def round_create(
    *, actor: User, competition: Competition, name: str, kind: str, rubric: Rubric, **fields: Any
) -> Round:
    """Add a round. The first round takes every accepted entry; later ones get the shortlist."""
    if rubric.government_id not in (None, _gov(competition)):
        raise ValidationError(_("Rubrik harus milik pemda ini atau bawaan."))
    number = competition.rounds.count() + 1
    rnd = Round.objects.create(
        competition=competition, name=name, kind=kind, rubric=rubric, number=number, **fields
    )
    if number == 1:
        RoundEntry.objects.bulk_create(
            RoundEntry(round=rnd, entry=e)
            for e in competition.entries.filter(status=Entry.Status.ACCEPTED)
        )
    audit.record(
        actor=actor,
        action="create",
        obj=rnd,
        government_id=_gov(competition),
        changes={"name": [None, name], "rubric": [None, str(rubric)]},
    )
    return rnd


def _lock_open_round(round: Round, message: str) -> Round:
    """The round's row, locked: a close that commits first wins, and ``message`` refuses the
    change once the round is closed."""
    locked = Round.objects.select_for_update().get(pk=round.pk)
    refuse_if_locked(locked)
    if locked.state == Round.State.CLOSED:
        raise ValidationError(message)
    return locked


def locked_message(rnd: Round) -> str:
    """The message every write to a locked round gets (pages and API alike)."""
    return _(
        "Babak %(round)s sudah dikunci ketua juri setelah rapat juri; nilai, penyesuaian, "
        "umpan balik dan penugasannya tidak dapat diubah lagi."
    ) % {"round": rnd.name}


def refuse_if_locked(rnd: Round) -> None:
    """Raise ``ValidationError`` with ``locked_message`` when ``rnd`` (read under a lock by the
    caller) is locked."""
    if rnd.locked_at is not None:
        raise ValidationError(locked_message(rnd))


def _require_judge_of(judge: User, competition: Competition) -> None:
    if not permissions.is_judge(judge) or judge.government_id != _gov(competition):
        raise ValidationError(_("%(name)s bukan juri pemda ini.") % {"name": judge})


def _assignments_closed() -> str:
    return _("Babak ini sudah ditutup; penugasan juri tidak dapat diubah.")


@transaction.atomic
def judges_assign(*, actor: User, round: Round, judges: Iterable[User]) -> tuple[int, int]:
    """Assign each judge to every entry of the round, except entries the judge has a conflict
    with (``rules.live_conflict``: own unit or member of the team; never assigned,
    automatically). Returns (assigned, skipped). Refused once the round is closed."""
    _lock_open_round(round, _assignments_closed())
    assigned = skipped = 0
    round_entries = list(round.round_entries.select_related("entry__team"))
    added = []
    for judge in judges:
        _require_judge_of(judge, round.competition)
        team_ids = rules.member_team_ids(judge)
        for re in round_entries:
            if rules.live_conflict(judge, re.entry, team_ids=team_ids):
                skipped += 1
                continue
            _obj, created = Assignment.objects.get_or_create(
                round=round, entry=re.entry, judge=judge
            )
            assigned += int(created)
            if created:
                added.append(f"{judge} → {re.entry.team.name}")
    audit.record(
        actor=actor,
        action="update",
        verb="judges_assigned",
        obj=round,
        government_id=_gov(round.competition),
        changes={
            "assignments": [None, assigned],
            "skipped_own_unit": [None, skipped],
            "added": [None, added],
        },
    )
    return assigned, skipped


@transaction.atomic
def assignment_add(*, actor: User, round: Round, entry: Entry, judge: User) -> Assignment:
    """The programme admin assigns one judge to one entry of the round. Refused (nothing
    changed) when the round is closed, the entry is not in the round, the user is not a judge of
    this government, the judge belongs to the entry's unit, or is already assigned to it."""
    _lock_open_round(round, _assignments_closed())
    entry = Entry.objects.select_related("team__unit").get(pk=entry.pk)
    if not RoundEntry.objects.filter(round=round, entry=entry).exists():
        raise ValidationError(_("Peserta ini tidak mengikuti babak ini."))
    _require_judge_of(judge, round.competition)
    names = {"judge": judge, "team": entry.team.name, "unit": entry.team.unit}
    conflict = rules.live_conflict(judge, entry)
    if conflict:
        raise ValidationError(
            _("%(judge)s tidak boleh menilai %(team)s: %(reason)s") % {**names, "reason": conflict}
        )
    existing = Assignment.objects.filter(round=round, entry=entry, judge=judge).first()
    if existing is not None and existing.has_conflict:
        raise ValidationError(
            _("%(judge)s sudah menyatakan benturan kepentingan untuk %(team)s.") % names
        )
    if existing is not None:
        raise ValidationError(_("%(judge)s sudah ditugaskan menilai %(team)s.") % names)
    assignment = Assignment.objects.create(round=round, entry=entry, judge=judge)
    audit.record(
        actor=actor,
        action="create",
        verb="judge_assigned_to_entry",
        obj=assignment,
        government_id=_gov(round.competition),
        changes=audit.created(assignment, ["round", "entry", "judge"]),
    )
    return assignment


def _judge_work(assignment: Assignment) -> int:
    """How many scores the judge has given the entry in the round (a comment counts as one)."""
    n = Score.objects.filter(
        round_id=assignment.round_id, entry_id=assignment.entry_id, judge_id=assignment.judge_id
    ).count()
    return n + int(bool(assignment.comment))


@transaction.atomic
def assignment_remove(*, actor: User, assignment: Assignment) -> None:
    """The programme admin takes one judge off one entry. Refused (nothing changed) when the
    round is closed, or when the judge has already scored or commented on the entry: a judge's
    work is never deleted. Such a judge is excluded instead (``assignment_exclude``): their
    scores stay on record and no longer count."""
    rnd = assignment.round
    _lock_open_round(rnd, _assignments_closed())
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if _judge_work(assignment):
        raise ValidationError(
            _(
                "%(judge)s sudah memberi nilai atau catatan untuk %(team)s, jadi penugasannya "
                "tidak dihapus agar nilai tidak hilang. Gunakan “Keluarkan”: nilainya tetap "
                "tercatat tetapi tidak dihitung."
            )
            % {"judge": assignment.judge, "team": assignment.entry.team.name}
        )
    changes = audit.deleted(assignment, ["round", "entry", "judge"])
    audit.record(
        actor=actor,
        action="delete",
        verb="judge_removed_from_entry",
        obj=assignment,
        government_id=_gov(rnd.competition),
        changes=changes,
    )
    assignment.delete()


def _exclude(actor: User | None, assignment: Assignment, reason: str, verb: str) -> None:
    """Record ``assignment`` as excluded with ``reason`` and audit it (the row is locked)."""
    before = audit.snapshot(assignment, ["excluded_reason", "excluded_at"])
    assignment.excluded_reason = reason
    assignment.excluded_at = timezone.now()
    assignment.save(update_fields=["excluded_reason", "excluded_at"])
    audit.record(
        actor=actor,
        action="update",
        verb=verb,
        obj=assignment,
        government_id=assignment.round.competition.government_id,
        changes=audit.diff(before, audit.snapshot(assignment, ["excluded_reason", "excluded_at"])),
    )


@transaction.atomic
def assignment_exclude(*, actor: User, assignment: Assignment, reason: str) -> Assignment:
    """The programme admin excludes a judge from one entry, with a reason: the entry leaves the
    judge's list and their scores stay on record but no longer count. Refused once the round is
    closed."""
    rnd = assignment.round
    _lock_open_round(rnd, _assignments_closed())
    if not reason.strip():
        raise ValidationError(_("Tulis alasan juri dikeluarkan dari peserta ini."))
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if locked.has_conflict:
        raise ValidationError(_("Juri ini sudah tidak menilai peserta ini."))
    locked.round = rnd
    _exclude(actor, locked, reason.strip(), "judge_excluded_from_entry")
    return locked


def _organisers(government_id: int) -> list[User]:
    return list(
        User.objects.filter(
            government_id=government_id,
            is_active=True,
            role_grants__role=Role.PROGRAMME_ADMIN,
        ).distinct()
    )


@transaction.atomic
def assignments_recheck(*, actor: User | None, judge: User) -> list[Assignment]:
    """Re-check the judge's assignments in open rounds against the conflict rule
    (``rules.live_conflict``) after their unit or a team's members changed: each that became
    conflicted is excluded with the reason recorded and audited, and the organisers of the
    government are told which (and how many scores, given in the conflict, no longer count).
    Called by the signal receivers in ``apps.py``; ``actor`` is who made the change, if
    known."""
    judge = User.objects.get(pk=judge.pk)
    candidates = list(
        Assignment.objects.select_for_update()
        .filter(
            judge=judge,
            round__state=Round.State.OPEN,
            conflict_declared_at=None,
            excluded_at=None,
        )
        .select_related("round__competition__programme", "entry__team__unit")
    )
    if not candidates:
        return []
    team_ids = rules.member_team_ids(judge)
    excluded = []
    for a in candidates:
        reason = rules.live_conflict(judge, a.entry, team_ids=team_ids)
        if reason:
            _exclude(actor, a, reason, "judge_excluded_for_conflict")
            excluded.append(a)
    by_government: dict[int, list[Assignment]] = {}
    for a in excluded:
        by_government.setdefault(a.round.competition.government_id, []).append(a)
    for government_id, rows in by_government.items():
        lines = []
        for a in rows:
            n = Score.objects.filter(round=a.round, entry=a.entry, judge=judge).count()
            line = f"{a.entry.team.name} ({a.round.name}): {a.excluded_reason}"
            if n:
                line += " " + (
                    _(
                        "%(n)s nilai yang sudah diberikan tidak dihitung kecuali Anda "
                        "memutuskan lain."
                    )
                    % {"n": n}
                )
            lines.append(line)
        notify(
            _organisers(government_id),
            actor=actor,
            message=_("Benturan kepentingan: %(judge)s dikeluarkan dari %(list)s")
            % {"judge": judge, "list": "; ".join(lines)},
            url=reverse("competitions:round_results", args=[rows[0].round_id]),
        )
    return excluded


@transaction.atomic
def assignment_count_anyway(*, actor: User, assignment: Assignment, reason: str) -> Assignment:
    """The organiser decides that the scores a judge gave before being excluded (or declaring a
    conflict) count after all, with a reason (audited). The caller checks
    ``permissions.can_manage_competition``. Refused once the round is closed, without a reason,
    or when the judge still scores the entry."""
    rnd = assignment.round
    _lock_open_round(rnd, _("Babak ini sudah ditutup; nilai terkunci."))
    if not reason.strip():
        raise ValidationError(_("Tulis alasan nilai juri ini tetap dihitung."))
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if not locked.has_conflict:
        raise ValidationError(_("Nilai juri ini sudah dihitung."))
    if locked.counted_anyway_at is not None:
        raise ValidationError(_("Sudah diputuskan: nilai juri ini tetap dihitung."))
    fields = ["counted_anyway_reason", "counted_anyway_at"]
    before = audit.snapshot(locked, fields)
    locked.counted_anyway_reason = reason.strip()
    locked.counted_anyway_at = timezone.now()
    locked.save(update_fields=fields)
    audit.record(
        actor=actor,
        action="update",
        verb="conflicted_scores_counted",
        obj=locked,
        government_id=_gov(rnd.competition),
        changes=audit.diff(before, audit.snapshot(locked, fields)),
    )
    return locked


@transaction.atomic
def conflict_declare(*, actor: User, assignment: Assignment, reason: str) -> Assignment:
    """A judge declares a conflict of interest: recorded, and the entry leaves their list."""
    if assignment.judge_id != actor.pk:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Tulis alasan benturan kepentingan."))
    # After the close the results are locked: a conflict would now take scores out of them.
    _lock_open_round(
        assignment.round,
        _("Babak ini sudah ditutup; benturan kepentingan tidak dapat dinyatakan lagi."),
    )
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    assignment.conflict_reason = reason.strip()
    assignment.conflict_declared_at = timezone.now()
    assignment.save(update_fields=["conflict_reason", "conflict_declared_at"])
    audit.record(
        actor=actor,
        action="update",
        verb="conflict_declared",
        obj=assignment,
        government_id=actor.government_id,
        changes={"conflict_reason": ["", assignment.conflict_reason]},
    )
    return assignment


def _open_assignment(actor: User, round: Round, entry: Entry) -> Assignment:
    assignment = (
        Assignment.objects.select_related("round__competition__programme", "entry__team__unit")
        .filter(round=round, entry=entry, judge=actor)
        .first()
    )
    if assignment is None or assignment.round.competition.government_id != actor.government_id:
        raise ValidationError(_("Peserta ini tidak ditugaskan kepada Anda."))
    # Read the round's state under a lock: a close that commits first wins.
    state, locked_at, name = (
        Round.objects.select_for_update().values_list("state", "locked_at", "name").get(pk=round.pk)
    )
    if locked_at is not None:
        raise ValidationError(locked_message(Round(name=name)))
    if state == Round.State.CLOSED:
        raise ValidationError(_("Babak ini sudah ditutup; nilai tidak dapat diubah."))
    conflict = rules.conflict_reason(actor, assignment.entry, assignment)
    if conflict:
        raise ValidationError(
            _("Anda tidak dapat menilai %(team)s karena benturan kepentingan. %(reason)s")
            % {"team": assignment.entry.team.name, "reason": conflict}
        )
    return assignment


@transaction.atomic
def score_save(
    *, actor: User, round: Round, entry: Entry, criterion: Criterion, value: Any
) -> Score:
    """Save one judge's score for one criterion. Refused (nothing changed) when the value is not
    a number in the criterion's range, the entry is not assigned to the judge, or the round is
    closed."""
    _open_assignment(actor, round, entry)
    if criterion.rubric_id != round.rubric_id:
        raise ValidationError(_("Kriteria bukan bagian dari rubrik babak ini."))
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Nilai harus berupa angka.")) from None
    if not number.is_finite() or not (criterion.min_score <= number <= criterion.max_score):
        raise ValidationError(
            _("Nilai %(name)s harus antara %(lo)s dan %(hi)s.")
            % {"name": criterion.name, "lo": criterion.min_score, "hi": criterion.max_score}
        )
    number = number.quantize(Decimal("0.01"))
    existing = (
        Score.objects.select_for_update()
        .filter(round=round, entry=entry, judge=actor, criterion=criterion)
        .first()
    )
    old = str(existing.value) if existing else None
    if existing is None:
        try:
            with transaction.atomic():
                score = Score.objects.create(
                    round=round, entry=entry, judge=actor, criterion=criterion, value=number
                )
        except IntegrityError:  # the same judge's other tab created it a moment ago
            score = Score.objects.select_for_update().get(
                round=round, entry=entry, judge=actor, criterion=criterion
            )
            old = str(score.value)
            score.value = number
            score.save(update_fields=["value", "updated_at"])
    else:
        score = existing
        if score.value == number:
            return score
        score.value = number
        score.save(update_fields=["value", "updated_at"])
    audit.record(
        actor=actor,
        action="update" if old is not None else "create",
        verb="score_saved",
        obj=score,
        government_id=actor.government_id,
        changes={f"{entry.pk}:{criterion.code}": [old, str(number)]},
    )
    return score


@transaction.atomic
def comment_save(*, actor: User, round: Round, entry: Entry, comment: str) -> Assignment:
    assignment = _open_assignment(actor, round, entry)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    old = assignment.comment
    if old == comment.strip():
        return assignment
    assignment.comment = comment.strip()
    assignment.save(update_fields=["comment"])
    audit.record(
        actor=actor,
        action="update",
        verb="judge_comment",
        obj=assignment,
        government_id=actor.government_id,
        changes={"comment": [old, assignment.comment]},
    )
    return assignment


@transaction.atomic
def round_close(*, actor: User, round: Round, exclude: Mapping[int, str] | None = None) -> Round:
    """Close the round: scores are locked and become visible to the organiser and teams.

    Every gap (a counted judge's card with criteria not scored, ``selectors.round_gaps``) needs
    an explicit choice: ``exclude`` maps an assignment's id to the reason that judge is excluded
    from that entry (recorded and audited); any gap not in it means "wait", and the close is
    refused (nothing changed) with the list of what is missing."""
    from .selectors import round_gaps

    locked = Round.objects.select_for_update().get(pk=round.pk)
    refuse_if_locked(locked)
    if locked.state == Round.State.CLOSED:
        raise ValidationError(_("Babak ini sudah ditutup."))
    exclude = {pk: reason.strip() for pk, reason in (exclude or {}).items()}
    gaps = round_gaps(locked)
    waiting = [g for g in gaps if g.assignment.pk not in exclude]
    if waiting:
        raise ValidationError(
            _("Babak belum dapat ditutup; nilai belum lengkap: %(list)s.")
            % {
                "list": "; ".join(
                    f"{g.assignment.entry.team.name} – {g.assignment.judge} "
                    f"({', '.join(c.name for c in g.missing)})"
                    for g in waiting
                )
            }
        )
    no_reason = [g for g in gaps if not exclude[g.assignment.pk]]
    if no_reason:
        raise ValidationError(
            _("Tulis alasan mengeluarkan %(judge)s dari %(team)s.")
            % {"judge": no_reason[0].assignment.judge, "team": no_reason[0].assignment.entry.team}
        )
    for g in gaps:
        a = Assignment.objects.select_for_update().get(pk=g.assignment.pk)
        a.round = locked
        _exclude(actor, a, exclude[a.pk], "judge_excluded_at_close")
    locked.state = Round.State.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["state", "closed_at"])
    round.state, round.closed_at = locked.state, locked.closed_at
    audit.record(
        actor=actor,
        action="update",
        verb="round_closed",
        obj=locked,
        government_id=_gov(round.competition),
        changes={
            "state": [Round.State.OPEN, Round.State.CLOSED],
            "excluded": [None, [f"{g.assignment.judge} → {g.assignment.entry}" for g in gaps]],
        },
    )
    return locked


@transaction.atomic
def round_reopen(*, actor: User, round: Round, reason: str) -> Round:
    """Reopen a closed round, with a reason (audited), so judges can score again. The caller
    checks ``permissions.can_manage_competition``. Refused once the competition's results are
    published, without a reason, or when the round is open."""
    if not reason.strip():
        raise ValidationError(_("Tulis alasan membuka kembali babak ini."))
    locked = Round.objects.select_for_update().select_related("competition").get(pk=round.pk)
    refuse_if_locked(locked)
    if locked.state != Round.State.CLOSED:
        raise ValidationError(_("Babak ini masih dibuka."))
    if locked.competition.results_public:
        raise ValidationError(_("Hasil lomba sudah diumumkan; babak tidak dapat dibuka kembali."))
    old = audit.snapshot(locked, ["closed_at"])["closed_at"]
    locked.state = Round.State.OPEN
    locked.closed_at = None
    locked.save(update_fields=["state", "closed_at"])
    round.state, round.closed_at = locked.state, locked.closed_at
    audit.record(
        actor=actor,
        action="update",
        verb="round_reopened",
        obj=locked,
        government_id=_gov(locked.competition),
        changes={
            "state": [Round.State.CLOSED, Round.State.OPEN],
            "closed_at": [old, None],
            "reason": [None, reason.strip()],
        },
    )
    return locked


@transaction.atomic
def shortlist(
    *,
    actor: User,
    from_round: Round,
    to_round: Round,
    top: int | None = None,
    threshold: float | None = None,
) -> list[Entry]:
    """Put the best entries of a closed round into the next: the ``top`` ranks, or every entry
    whose deciding total reaches ``threshold``."""
    from .selectors import round_result

    if not from_round.is_closed:
        raise ValidationError(_("Tutup babak dulu sebelum menyusun daftar pendek."))
    if to_round.competition_id != from_round.competition_id or to_round.is_closed:
        raise ValidationError(_("Babak tujuan harus babak lomba ini yang masih dibuka."))
    if (top is None) == (threshold is None):
        raise ValidationError(_("Pilih jumlah peringkat teratas atau ambang nilai."))
    result = round_result(from_round)
    chosen = [
        r.entry
        for r in result.entries
        if (top is not None and r.rank <= top)
        or (threshold is not None and r.deciding >= threshold)
    ]
    entries = list(Entry.objects.filter(pk__in=chosen))
    for e in entries:
        RoundEntry.objects.get_or_create(round=to_round, entry=e)
    audit.record(
        actor=actor,
        action="update",
        verb="shortlist",
        obj=to_round,
        government_id=_gov(from_round.competition),
        changes={"entries": [None, sorted(e.pk for e in entries)]},
    )
    return entries


def draw_order(entry_ids: list[int], seed: str) -> list[int]:
    """The running order drawn by lot, reproducible from ``seed``."""
    ids = sorted(entry_ids)
    # A seeded, repeatable draw is the point here, not secrecy.
    random.Random(seed).shuffle(ids)  # noqa: S311
    return ids


@transaction.atomic
def running_order_draw(*, actor: User, round: Round, seed: str | None = None) -> list[RoundEntry]:
    """Draw the running order by lot and record the seed, so anyone can repeat the draw.
    Refused once the round is locked."""
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    refuse_if_locked(rnd)
    old_seed = rnd.draw_seed
    rnd.draw_seed = seed or secrets.token_hex(4)
    rnd.save(update_fields=["draw_seed"])
    rows = {re.entry_id: re for re in rnd.round_entries.all()}
    order = draw_order(list(rows), rnd.draw_seed)
    for position, entry_id in enumerate(order, start=1):
        rows[entry_id].position = position
    RoundEntry.objects.bulk_update(rows.values(), ["position"])
    audit.record(
        actor=actor,
        action="update",
        verb="running_order_drawn",
        obj=rnd,
        government_id=_gov(round.competition),
        changes={"draw_seed": [old_seed, rnd.draw_seed], "order": [None, order]},
    )
    return sorted(rows.values(), key=lambda r: r.position or 0)


@transaction.atomic
def stage_start(*, actor: User, round: Round, at: dt.datetime | None = None) -> Round:
    """Start (or restart) the stage clock: the first slot begins now. Refused once the round is
    locked."""
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    refuse_if_locked(rnd)
    old = rnd.stage_started_at
    rnd.stage_started_at = at or timezone.now()
    rnd.save(update_fields=["stage_started_at"])
    audit.record(
        actor=actor,
        action="update",
        verb="stage_started",
        obj=rnd,
        government_id=_gov(round.competition),
        changes=audit.diff(
            {"stage_started_at": audit._plain(old)},
            {"stage_started_at": audit._plain(rnd.stage_started_at)},
        ),
    )
    return rnd


@transaction.atomic
def vote_cast(*, actor: User, competition: Competition, entry: Entry) -> Vote:
    """One favorit vote per signed-in employee of the government; a second is refused. The
    caller checks ``permissions.can_view_competition``."""
    if not competition.voting_open:
        raise ValidationError(_("Pemungutan suara favorit belum dibuka atau sudah ditutup."))
    if entry.competition_id != competition.pk or entry.status != Entry.Status.ACCEPTED:
        raise ValidationError(_("Peserta tidak ditemukan dalam lomba ini."))
    if Vote.objects.filter(competition=competition, voter=actor).exists():
        raise ValidationError(_("Anda sudah memberikan suara favorit dalam lomba ini."))
    try:
        with transaction.atomic():
            vote = Vote.objects.create(competition=competition, entry=entry, voter=actor)
    except IntegrityError:
        raise ValidationError(_("Anda sudah memberikan suara favorit dalam lomba ini.")) from None
    audit.record(
        actor=actor,
        action="create",
        verb="favorit_vote",
        obj=vote,
        government_id=_gov(competition),
        changes={"entry": [None, str(entry)]},
    )
    return vote


RANK_AWARDS = {1: Award.Kind.JUARA_1, 2: Award.Kind.JUARA_2, 3: Award.Kind.JUARA_3}


@transaction.atomic
def awards_decide(
    *,
    actor: User,
    competition: Competition,
    round: Round,
    harapan: int = 3,
    awarded_on: dt.date | None = None,
    signatory_name: str = "",
    signatory_title: str = "",
) -> list[Award]:
    """Juara I–III and harapan from the ranking of a closed round; favorit by most votes.
    Replaces any earlier rank and favorit awards of the competition (special awards stay).

    Awards follow the rank, never the list order: the configured tie-breaks decide first
    (``results.rank``), and entries they cannot separate share the rank and so the award
    (two Juara I, then Juara III). Ranks 4 .. 3 + ``harapan`` are harapan. Entries tied on the
    most votes are all favorit."""
    from .selectors import round_result

    if round.competition_id != competition.pk or not round.is_closed:
        raise ValidationError(_("Penghargaan ditetapkan dari babak yang sudah ditutup."))
    result = round_result(round)
    day = awarded_on or timezone.localdate()
    replaced = competition.awards.filter(kind__in=[*RANK_AWARDS.values(), "harapan", "favorit"])
    old = sorted(str(a) for a in replaced.select_related("entry__team"))
    replaced.delete()
    entries = {e.pk: e for e in competition.entries.select_related("team")}
    sign = {"signatory_name": signatory_name, "signatory_title": signatory_title}
    awards = []
    for r in result.entries:
        kind = RANK_AWARDS.get(r.rank) or (Award.Kind.HARAPAN if r.rank <= 3 + harapan else None)
        if kind is None:
            continue
        awards.append(
            Award(
                competition=competition,
                entry=entries[r.entry],
                kind=kind,
                rank=r.rank,
                awarded_on=day,
                **sign,
            )
        )
    counts = list(
        Vote.objects.filter(competition=competition)
        .values("entry")
        .annotate(n=Count("id"))
        .order_by("-n", "entry")
    )
    top = counts[0]["n"] if counts else 0
    for row in counts:
        if row["n"] == top:
            awards.append(
                Award(
                    competition=competition,
                    entry=entries[row["entry"]],
                    kind=Award.Kind.FAVORIT,
                    awarded_on=day,
                    **sign,
                )
            )
    for a in awards:
        a.save()
    audit.record(
        actor=actor,
        action="update",
        verb="awards_decided",
        obj=competition,
        government_id=_gov(competition),
        changes={"awards": [old, sorted(str(a) for a in awards)]},
    )
    return awards


SPECIAL_AWARDS = [
    Award.Kind.BEST_PRESENTATION,
    Award.Kind.BEST_FACILITATOR,
    Award.Kind.MOST_IMPROVED,
    Award.Kind.FIRST_RISALAH,
]


@transaction.atomic
def special_award_set(
    *,
    actor: User,
    competition: Competition,
    kind: str,
    entries: Iterable[Entry],
    awarded_on: dt.date | None = None,
    signatory_name: str = "",
    signatory_title: str = "",
) -> list[Award]:
    """The panel gives a special award (best presentation, best facilitator, most improved
    unit, first risalah finished) to one entry, or to several when they could not be
    separated; an empty ``entries`` withdraws it. Replaces the earlier holders of that award.
    Refused for a kind that is not a special award or an entry not accepted in the
    competition."""
    if kind not in SPECIAL_AWARDS:
        raise ValidationError(_("Penghargaan khusus tidak dikenal."))
    chosen = list(entries)
    for e in chosen:
        if e.competition_id != competition.pk or e.status != Entry.Status.ACCEPTED:
            raise ValidationError(_("Peserta tidak ditemukan dalam lomba ini."))
    current = competition.awards.filter(kind=kind)
    old = sorted(str(a) for a in current.select_related("entry__team"))
    current.delete()
    day = awarded_on or timezone.localdate()
    awards = [
        Award.objects.create(
            competition=competition,
            entry=e,
            kind=kind,
            awarded_on=day,
            signatory_name=signatory_name,
            signatory_title=signatory_title,
        )
        for e in chosen
    ]
    audit.record(
        actor=actor,
        action="update",
        verb="special_award_set",
        obj=competition,
        government_id=_gov(competition),
        changes={kind: [old, sorted(str(a) for a in awards)]},
    )
    return awards


# --- Rapat juri ----------------------------------------------------------------------------


def _closed_unlocked(round: Round) -> Round:
    """The round's row under a lock, refused unless closed and not yet locked: the rapat juri
    sits between the close (scores fixed) and the chair's lock."""
    locked = Round.objects.select_for_update().select_related("competition__programme")
    rnd = locked.get(pk=round.pk)
    refuse_if_locked(rnd)
    if rnd.state != Round.State.CLOSED:
        raise ValidationError(
            _("Tutup babak dulu: rapat juri membahas nilai yang sudah lengkap dan terkunci.")
        )
    return rnd


@transaction.atomic
def round_chair_set(*, actor: User, round: Round, chair: User | None) -> Round:
    """The organiser names the chair of the rapat juri: a judge assigned in the round. The
    caller checks ``permissions.can_manage_competition``. Refused once the round is locked."""
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    refuse_if_locked(rnd)
    if chair is not None and not rnd.assignments.filter(judge=chair).exists():
        raise ValidationError(
            _("%(name)s tidak ditugaskan menilai di babak ini.") % {"name": chair}
        )
    old = str(rnd.chair) if rnd.chair_id else None
    rnd.chair = chair
    rnd.save(update_fields=["chair"])
    round.chair = chair
    audit.record(
        actor=actor,
        action="update",
        verb="round_chair_set",
        obj=rnd,
        government_id=_gov(round.competition),
        changes={"chair": [old, str(chair) if chair else None]},
    )
    return rnd


@transaction.atomic
def score_adjust(
    *, actor: User, round: Round, entry: Entry, score: Any, reason: str
) -> ScoreAdjustment:
    """The panel records an adjusted deciding score for an entry, with its reason: the judges'
    scores are kept, the adjustment (and the score it replaces) is stored and audited, shown in
    the results and used as the deciding score. The caller checks
    ``permissions.can_hold_rapat``. Refused (nothing changed) unless the round is closed and
    not locked, without a reason, for an entry without a total, or for a score outside the
    rubric's range. A second adjustment replaces the first (both audited)."""
    from .selectors import round_result

    rnd = _closed_unlocked(round)
    if not reason.strip():
        raise ValidationError(_("Tulis alasan penyesuaian nilai."))
    try:
        number = Decimal(str(parse_number(str(score))))
    except ValueError:
        raise ValidationError(_("Nilai penyesuaian harus berupa angka.")) from None
    result = round_result(rnd)
    mine = next((r for r in result.entries if r.entry == entry.pk), None)
    if mine is None:
        raise ValidationError(
            _("%(team)s belum memiliki total di babak ini.") % {"team": entry.team.name}
        )
    if not (0 <= number <= Decimal(str(result.max_total))):
        raise ValidationError(
            _("Nilai penyesuaian harus antara 0 dan %(hi)s.")
            % {"hi": formatting.angka(result.max_total, 0)}
        )
    number = number.quantize(Decimal("0.01"))
    original = Decimal(str(mine.computed)).quantize(Decimal("0.01"))
    existing = ScoreAdjustment.objects.select_for_update().filter(round=rnd, entry=entry).first()
    old: list[str | None] = [str(existing.score), existing.reason] if existing else [None, None]
    adjustment, _created = ScoreAdjustment.objects.update_or_create(
        round=rnd,
        entry=entry,
        defaults={
            "score": number,
            "original": original,
            "reason": reason.strip(),
            "decided_by": actor,
        },
    )
    audit.record(
        actor=actor,
        action="update" if existing else "create",
        verb="score_adjusted",
        obj=adjustment,
        government_id=_gov(rnd.competition),
        changes={
            "original": [None, str(original)],
            "score": [old[0], str(number)],
            "reason": [old[1], reason.strip()],
        },
    )
    return adjustment


@transaction.atomic
def round_lock(*, actor: User, round: Round) -> Round:
    """The chair locks the round after the rapat juri: from now on every write to it (scores,
    feedback, adjustments, assignments, reopening) is refused with ``locked_message``. The
    caller checks ``permissions.can_lock_round``. Refused unless the round is closed and not
    yet locked."""
    rnd = _closed_unlocked(round)
    rnd.locked_at = timezone.now()
    rnd.locked_by = actor
    rnd.save(update_fields=["locked_at", "locked_by"])
    round.locked_at, round.locked_by = rnd.locked_at, actor
    audit.record(
        actor=actor,
        action="update",
        verb="round_locked",
        obj=rnd,
        government_id=_gov(rnd.competition),
        changes={"locked_at": [None, audit.snapshot(rnd, ["locked_at"])["locked_at"]]},
    )
    return rnd


@transaction.atomic
def judge_done(*, actor: User, round: Round) -> JudgeDone:
    """The judge presses "selesai" for the round: refused (nothing recorded) while any entry
    they score in it has a criterion without a score, naming those entries, and once the
    round is closed or locked. Pressing it again changes nothing."""
    from .selectors import round_gaps

    _lock_open_round(round, _("Babak ini sudah ditutup."))
    if not Assignment.objects.filter(round=round, judge=actor).exists():
        raise ValidationError(_("Anda tidak ditugaskan menilai di babak ini."))
    missing = [g for g in round_gaps(round) if g.assignment.judge_id == actor.pk]
    if missing:
        raise ValidationError(
            _("Belum selesai; nilai belum lengkap untuk: %(list)s.")
            % {
                "list": "; ".join(
                    f"{g.assignment.entry.team.name} ({len(g.missing)})" for g in missing
                )
            }
        )
    done, created = JudgeDone.objects.get_or_create(round=round, judge=actor)
    if created:
        audit.record(
            actor=actor,
            action="create",
            verb="judge_done",
            obj=done,
            government_id=_gov(round.competition),
            changes={"round": [None, round.name]},
        )
    return done


@transaction.atomic
def feedback_save(
    *,
    actor: User,
    round: Round,
    entry: Entry,
    items: Mapping[int | None, tuple[str, str]],
) -> list[Feedback]:
    """The judge writes SOFI feedback for the entry: ``items`` maps a criterion's id (or None
    for the round as a whole) to (strengths, opportunities for improvement). Empty texts
    remove that feedback. Refused like a score (not the judge's entry, a conflict, the round
    closed or locked) and for a criterion outside the round's rubric."""
    _open_assignment(actor, round, entry)
    criteria = set(round.rubric.criteria.values_list("pk", flat=True))
    if any(c is not None and c not in criteria for c in items):
        raise ValidationError(_("Kriteria bukan bagian dari rubrik babak ini."))
    existing = {
        f.criterion_id: f
        for f in Feedback.objects.select_for_update().filter(round=round, entry=entry, judge=actor)
    }
    changes: dict[str, list[Any]] = {}
    kept = []
    for criterion_id, (strengths, improvements) in items.items():
        strengths, improvements = strengths.strip(), improvements.strip()
        row = existing.get(criterion_id)
        key = str(criterion_id or "babak")
        before = [row.strengths, row.improvements] if row else ["", ""]
        if before == [strengths, improvements]:
            if row:
                kept.append(row)
            continue
        changes[key] = [before, [strengths, improvements]]
        if not strengths and not improvements:
            if row:
                row.delete()
            continue
        if row is None:
            row = Feedback(round=round, entry=entry, judge=actor, criterion_id=criterion_id)
        row.strengths, row.improvements = strengths, improvements
        row.save()
        kept.append(row)
    if changes:
        audit.record(
            actor=actor,
            action="update",
            verb="feedback_saved",
            obj=Assignment.objects.get(round=round, entry=entry, judge=actor),
            government_id=actor.government_id,
            changes=changes,
        )
    return kept
