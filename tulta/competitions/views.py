from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tulta.accounts.models import User
from tulta.accounts.types import AuthenticatedHttpRequest
from tulta.core.downloads import download_filename
from tulta.organizations.models import Membership
from tulta.organizations.permissions import is_programme_admin
from tulta.risalah.models import Risalah
from tulta.risalah.selectors import step_rows
from tulta.tools import rendering

from . import certificates, export, feedback_document, permissions, selectors, services
from .forms import CompetitionForm, CompetitionSettingsForm, RoundForm, ShortlistForm
from .models import Assignment, Award, Competition, Entry, Round, Score
from .results import band_for


def _error(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _in_rank_order(awards: QuerySet[Award]) -> QuerySet[Award]:
    """Juara I–III and harapan by rank, then favorit (no rank), on every database."""
    return awards.order_by(F("rank").asc(nulls_last=True), "kind")


def _posted_id(request: HttpRequest, name: str) -> int:
    """The id posted in ``name``; 0 (found nowhere: 404) when it is missing, not a number or
    too large for the database."""
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else 0


@login_required
def competition_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.user.government_id is None:
        raise Http404
    return render(
        request,
        "competitions/competition_list.html",
        {
            "competitions": selectors.competitions_visible_to(request.user),
            "can_create": is_programme_admin(request.user),
            "is_judge": permissions.is_judge(request.user),
        },
    )


@login_required
def competition_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.user.government_id is None:
        raise Http404
    if not is_programme_admin(request.user):
        raise PermissionDenied
    form = CompetitionForm(request.POST or None, government_id=request.user.government_id)
    if request.method == "POST" and form.is_valid():
        try:
            competition = services.competition_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("competitions:detail", pk=competition.pk)
    return render(request, "competitions/form.html", {"form": form, "title": _("Lomba baru")})


@login_required
def competition_settings(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    competition = permissions.get_competition_for_user(request.user, pk, manage=True)
    form = CompetitionSettingsForm(request.POST or None, instance=competition)
    if request.method == "POST" and form.is_valid():
        try:
            services.competition_update(
                actor=request.user,
                competition=Competition.objects.get(pk=pk),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("competitions:detail", pk=pk)
    return render(
        request,
        "competitions/form.html",
        {"form": form, "title": _("Pengaturan %(name)s") % {"name": competition.name}},
    )


@login_required
def round_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    competition = permissions.get_competition_for_user(request.user, pk, manage=True)
    form = RoundForm(request.POST or None, government_id=competition.programme.government_id)
    if request.method == "POST" and form.is_valid():
        try:
            rnd = services.round_create(
                actor=request.user, competition=competition, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("competitions:round_results", pk=rnd.pk)
    return render(
        request,
        "competitions/form.html",
        {"form": form, "title": _("Babak baru: %(name)s") % {"name": competition.name}},
    )


@login_required
def shortlist(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rnd = permissions.get_round_for_user(request.user, pk, manage=True)
    form = ShortlistForm(request.POST or None, round=rnd)
    if request.method == "POST" and form.is_valid():
        try:
            chosen = services.shortlist(
                actor=request.user,
                from_round=rnd,
                to_round=form.cleaned_data["to_round"],
                top=form.cleaned_data["top"],
                threshold=form.cleaned_data["threshold"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("%(n)s peserta masuk babak berikutnya.") % {"n": len(chosen)}
            )
            return redirect("competitions:round_results", pk=form.cleaned_data["to_round"].pk)
    return render(
        request,
        "competitions/form.html",
        {"form": form, "title": _("Daftar pendek dari %(name)s") % {"name": rnd.name}},
    )


@login_required
def competition_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    competition = permissions.get_competition_for_user(request.user, pk)
    user = request.user
    my_teams = Membership.objects.filter(user=user).values_list("team_id", flat=True)
    enterable = Risalah.objects.filter(
        programme=competition.programme, state=Risalah.State.FINAL
    ).select_related("team")
    if not permissions.can_manage_competition(user, competition):
        enterable = enterable.filter(team_id__in=list(my_teams))
    if competition.eligible_unit_kinds:  # an OPD-only competition offers no kelurahan groups
        enterable = enterable.filter(team__unit__kind__in=competition.eligible_unit_kinds)
    entered = set(competition.entries.values_list("risalah_id", flat=True))
    return render(
        request,
        "competitions/competition_detail.html",
        {
            "competition": competition,
            "entries": competition.entries.select_related("team", "team__unit").annotate(
                n_votes=Count("votes")
            ),
            "rounds": competition.rounds.select_related("rubric"),
            "awards": _in_rank_order(competition.awards.select_related("entry__team")),
            "can_manage": permissions.can_manage_competition(user, competition),
            "enterable": [
                r
                for r in enterable
                if r.pk not in entered and permissions.can_enter(user, competition, r.team_id)
            ],
            "my_entries": competition.entries.filter(team_id__in=list(my_teams)),
            "my_vote": competition.votes.filter(voter=user).select_related("entry").first(),
        },
    )


@login_required
@require_POST
def entry_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    competition = permissions.get_competition_for_user(request.user, pk)
    risalah = get_object_or_404(
        Risalah.objects.select_related("team__unit"),
        pk=_posted_id(request, "risalah"),
        team__unit__government_id=request.user.government_id,
    )
    if not permissions.can_enter(request.user, competition, risalah.team_id):
        raise PermissionDenied
    try:
        services.entry_submit(actor=request.user, competition=competition, risalah=risalah)
    except ValidationError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("Risalah didaftarkan; menunggu pemeriksaan administrasi."))
    return redirect("competitions:detail", pk=competition.pk)


@login_required
@require_POST
def entry_check(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(Entry.objects.select_related("competition__programme"), pk=pk)
    permissions.get_competition_for_user(request.user, entry.competition_id, manage=True)
    try:
        services.entry_check(
            actor=request.user,
            entry=entry,
            accept=request.POST.get("decision") == "accept",
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, _error(exc))
    return redirect("competitions:detail", pk=entry.competition_id)


@login_required
@require_POST
def round_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    """Organiser actions on a round: assign judges, draw, start the stage clock, close."""
    rnd = permissions.get_round_for_user(request.user, pk, manage=True)
    try:
        if action == "assign":
            judges = selectors.judges_of(rnd.competition.programme.government_id)
            n, skipped = services.judges_assign(actor=request.user, round=rnd, judges=judges)
            messages.success(
                request,
                _(
                    "%(n)s penugasan baru; %(s)s dilewati karena benturan kepentingan "
                    "(unit sendiri atau anggota kelompok)."
                )
                % {"n": n, "s": skipped},
            )
        elif action == "draw":
            order = services.running_order_draw(
                actor=request.user, round=rnd, seed=request.POST.get("seed") or None
            )
            messages.success(
                request,
                _("Urutan tampil %(n)s peserta diundi; benih undian dicatat di jadwal.")
                % {"n": len(order)},
            )
        elif action == "start":
            services.stage_start(actor=request.user, round=rnd)
            return redirect("competitions:stage", pk=rnd.pk)
        elif action == "close":  # closing has its own page: what is missing, a confirmation
            return redirect("competitions:round_close", pk=rnd.pk)
        elif action == "awards":
            awards = services.awards_decide(
                actor=request.user,
                competition=rnd.competition,
                round=rnd,
                signatory_name=request.POST.get("signatory_name", ""),
                signatory_title=request.POST.get("signatory_title", ""),
            )
            messages.success(request, _("%(n)s penghargaan ditetapkan.") % {"n": len(awards)})
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, _error(exc))
    return redirect("competitions:round_results", pk=rnd.pk)


@login_required
def round_results(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The organiser's view: ranking, per-criterion means, raw and normalised, judge harshness,
    outliers."""
    rnd = permissions.get_round_for_user(request.user, pk, manage=True)
    result = selectors.round_result(rnd)
    entries = {
        e.pk: e for e in Entry.objects.filter(competition=rnd.competition).select_related("team")
    }
    judge_ids = {j.judge for j in result.judges}
    judge_ids.update(j for i in result.incomplete for j in i.filled)
    judges = {u.pk: u for u in User.objects.filter(pk__in=judge_ids)}
    bands = rnd.competition.bands or []
    specials = []
    if rnd.is_closed:
        held: dict[str, set[int]] = {}
        for kind, entry_id in rnd.competition.awards.filter(
            kind__in=services.SPECIAL_AWARDS
        ).values_list("kind", "entry_id"):
            held.setdefault(kind, set()).add(entry_id)
        suggested = selectors.special_award_suggestions(rnd, result)
        specials = [
            (kind, Award.Kind(kind).label, held.get(kind) or set(suggested.get(kind, [])))
            for kind in services.SPECIAL_AWARDS
        ]
    return render(
        request,
        "competitions/round_results.html",
        {
            "bands": {r.entry: band_for(r.deciding, bands) for r in result.entries},
            "specials": specials,
            "accepted": [e for e in entries.values() if e.status == Entry.Status.ACCEPTED],
            "round": rnd,
            "result": result,
            "conflicted": selectors.conflicted_scores(rnd),
            "can_reopen": permissions.can_reopen_round(request.user, rnd),
            "criteria": list(rnd.rubric.criteria.all()),
            "entries": entries,
            "judges": judges,
            "grid": selectors.assignment_grid(rnd),
        },
    )


@login_required
def round_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The close page: what is missing (entries × judges × criteria), a choice per gap (wait,
    or exclude that judge from that entry with a reason) and a confirmation."""
    rnd = permissions.get_round_for_user(request.user, pk, manage=True)
    if request.method == "POST" and not rnd.is_closed:
        gaps = selectors.round_gaps(rnd)
        exclude = {
            g.assignment.pk: request.POST.get(f"reason-{g.assignment.pk}", "")
            for g in gaps
            if request.POST.get(f"gap-{g.assignment.pk}") == "exclude"
        }
        if request.POST.get("confirm") != "1":
            messages.error(request, _("Centang konfirmasi untuk menutup babak."))
        else:
            try:
                services.round_close(actor=request.user, round=rnd, exclude=exclude)
            except ValidationError as exc:
                messages.error(request, _error(exc))
            else:
                messages.success(request, _("Babak ditutup; nilai terkunci."))
                return redirect("competitions:round_results", pk=rnd.pk)
    return render(
        request,
        "competitions/round_close.html",
        {"round": rnd, "gaps": [] if rnd.is_closed else selectors.round_gaps(rnd)},
    )


@login_required
@require_POST
def round_reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The organiser reopens a closed round with a reason, until results are published."""
    rnd = permissions.get_round_for_user(request.user, pk, manage=True)
    try:
        services.round_reopen(actor=request.user, round=rnd, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("Babak dibuka kembali; juri dapat menilai lagi."))
    return redirect("competitions:round_results", pk=rnd.pk)


def _to_grid(rnd: Round) -> HttpResponse:
    return redirect(reverse("competitions:round_results", args=[rnd.pk]) + "#penugasan")


@login_required
@require_POST
def assignment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The organiser assigns one judge to one entry of the round."""
    rnd = permissions.get_round_for_user(request.user, pk, manage=True)
    entry = get_object_or_404(
        Entry.objects.select_related("team"),
        pk=_posted_id(request, "entry"),
        competition=rnd.competition,
    )
    judge = get_object_or_404(
        User,
        pk=_posted_id(request, "judge"),
        government_id=rnd.competition.programme.government_id,
    )
    try:
        services.assignment_add(actor=request.user, round=rnd, entry=entry, judge=judge)
    except ValidationError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(
            request,
            _("%(judge)s ditugaskan menilai %(team)s.") % {"judge": judge, "team": entry.team},
        )
    return _to_grid(rnd)


def _assignment_for_manager(user: User, pk: int) -> Assignment:
    assignment = get_object_or_404(Assignment.objects.select_related("judge", "entry__team"), pk=pk)
    assignment.round = permissions.get_round_for_user(user, assignment.round_id, manage=True)
    return assignment


@login_required
@require_POST
def assignment_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The organiser takes one judge off one entry (refused once the judge has scored)."""
    assignment = _assignment_for_manager(request.user, pk)
    try:
        services.assignment_remove(actor=request.user, assignment=assignment)
    except ValidationError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(
            request,
            _("%(judge)s tidak lagi menilai %(team)s.")
            % {"judge": assignment.judge, "team": assignment.entry.team},
        )
    return _to_grid(assignment.round)


@login_required
@require_POST
def assignment_exclude(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The organiser excludes a judge who has already scored an entry: scores kept, not
    counted."""
    assignment = _assignment_for_manager(request.user, pk)
    try:
        services.assignment_exclude(
            actor=request.user, assignment=assignment, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(
            request,
            _("%(judge)s dikeluarkan dari %(team)s; nilainya tetap tercatat tetapi tidak dihitung.")
            % {"judge": assignment.judge, "team": assignment.entry.team},
        )
    return _to_grid(assignment.round)


@login_required
@require_POST
def assignment_count(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The organiser decides that a conflicted judge's scores for one entry count after all."""
    assignment = _assignment_for_manager(request.user, pk)
    try:
        services.assignment_count_anyway(
            actor=request.user, assignment=assignment, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(
            request,
            _("Nilai %(judge)s untuk %(team)s tetap dihitung.")
            % {"judge": assignment.judge, "team": assignment.entry.team},
        )
    return redirect("competitions:round_results", pk=assignment.round.pk)


@login_required
def schedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The printable running order with the recorded draw seed."""
    rnd = permissions.get_round_for_user(request.user, pk)
    return render(
        request,
        "competitions/schedule.html",
        {"round": rnd, "slots": selectors.running_order(rnd)},
    )


@login_required
def stage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The stage timer: the team on stage, the segment and the time left."""
    rnd = permissions.get_round_for_user(request.user, pk)
    return render(
        request,
        "competitions/stage.html",
        {"round": rnd, "now": selectors.stage_now(rnd, timezone.now())},
    )


@login_required
def stage_now(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """htmx: the line "on stage now · next" that the judge's scoring page polls, from the same
    ``selectors.stage_now`` as the stage timer; ``?peserta=`` marks the entry being scored."""
    rnd = permissions.get_round_for_user(request.user, pk)
    value = request.GET.get("peserta", "")
    entry = (
        Entry(pk=int(value)) if value.isascii() and value.isdigit() and len(value) < 18 else None
    )
    return render(
        request,
        "competitions/_stage_now.html",
        {"round": rnd, "stage": selectors.stage_now(rnd, timezone.now()), "entry": entry},
    )


@login_required
def judge_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.is_judge(request.user):
        raise PermissionDenied
    return render(
        request,
        "competitions/judge_list.html",
        {"rounds": selectors.judge_gelar(request.user, timezone.now())},
    )


def _judge_context(assignment: Assignment, user: User) -> dict[str, Any]:
    rnd = assignment.round
    scores = {
        s.criterion_id: s.value
        for s in Score.objects.filter(round=rnd, entry=assignment.entry, judge=user)
    }
    risalah = assignment.entry.risalah
    rows = step_rows(risalah)
    # One query for every step's charts instead of one per step.
    prefetch_related_objects([row.step for row in rows], "artefacts")
    sections = {
        row.step.pk: [
            (r.get("label", r["code"]), row.step.sections[r["code"]])
            for r in row.step.method_step.requirements
            if row.step.sections.get(r["code"])
        ]
        for row in rows
    }
    charts = {
        row.step.pk: [(a, rendering.render(a)) for a in row.step.artefacts.all()] for row in rows
    }
    criteria = [(c, scores.get(c.pk)) for c in rnd.rubric.criteria.all()]
    # The judge's own feedback only: another judge's is never read here.
    feedback = selectors.judge_feedback(user, rnd, assignment.entry)
    slots = selectors.running_order(rnd)
    return {
        "assignment": assignment,
        "round": rnd,
        "entry": assignment.entry,
        "risalah": risalah,
        "rows": rows,
        "charts": charts,
        "sections": sections,
        "criteria": criteria,
        "filled": len(scores),
        "total": sum(
            (float(c.weight) * (float(v) - c.min_score) / (c.max_score - c.min_score))
            for c, v in criteria
            if v is not None
        ),
        "max_total": sum(float(c.weight) for c, _v in criteria),
        "overall_feedback": feedback.get(None),
        "feedback_rows": [(c, feedback.get(c.pk)) for c, _v in criteria],
        "stage": selectors.stage_now(rnd, timezone.now(), slots),
        "next_entry": selectors.next_in_order(user, slots, assignment.entry),
    }


@login_required
def judge_entry(request: AuthenticatedHttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    """The judging page: the risalah and its charts beside the rubric; saves per criterion."""
    assignment = permissions.get_assignment_for_judge(request.user, round_pk, entry_pk)
    return render(
        request, "competitions/judge_entry.html", _judge_context(assignment, request.user)
    )


@login_required
@require_POST
def score_save(request: AuthenticatedHttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    """htmx: save one criterion's score; answers with the field's status line (422 on bad input,
    nothing saved)."""
    assignment = permissions.get_assignment_for_judge(request.user, round_pk, entry_pk)
    criterion = get_object_or_404(
        assignment.round.rubric.criteria, pk=_posted_id(request, "criterion")
    )
    try:
        score = services.score_save(
            actor=request.user,
            round=assignment.round,
            entry=assignment.entry,
            criterion=criterion,
            value=request.POST.get("value", ""),
        )
    except ValidationError as exc:
        return render(
            request,
            "competitions/_score_status.html",
            {"criterion": criterion, "error": _error(exc)},
            status=422,
        )
    return render(
        request, "competitions/_score_status.html", {"criterion": criterion, "score": score}
    )


@login_required
@require_POST
def comment_save(request: AuthenticatedHttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    assignment = permissions.get_assignment_for_judge(request.user, round_pk, entry_pk)
    try:
        services.comment_save(
            actor=request.user,
            round=assignment.round,
            entry=assignment.entry,
            comment=request.POST.get("comment", ""),
        )
    except ValidationError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("Catatan disimpan."))
    return redirect("competitions:judge_entry", round_pk=round_pk, entry_pk=entry_pk)


@login_required
@require_POST
def conflict_declare(
    request: AuthenticatedHttpRequest, round_pk: int, entry_pk: int
) -> HttpResponse:
    assignment = permissions.get_assignment_for_judge(request.user, round_pk, entry_pk)
    try:
        services.conflict_declare(
            actor=request.user, assignment=assignment, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, _error(exc))
        return redirect("competitions:judge_entry", round_pk=round_pk, entry_pk=entry_pk)
    messages.success(request, _("Benturan kepentingan dicatat; peserta ini keluar dari daftar."))
    return redirect("competitions:judge_list")


@login_required
@require_POST
def vote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    competition = permissions.get_competition_for_user(request.user, pk)
    entry = get_object_or_404(Entry, pk=_posted_id(request, "entry"), competition=competition)
    try:
        services.vote_cast(actor=request.user, competition=competition, entry=entry)
    except ValidationError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("Terima kasih, suara favorit Anda dicatat."))
    return redirect("competitions:detail", pk=pk)


@login_required
def team_scores(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A team's own scores and the judges' comments, from closed rounds only."""
    entry = permissions.get_entry_for_user(request.user, pk)
    feedback = {f.round.pk: f for f in selectors.released_feedback(entry)}
    rounds = []
    for rnd in entry.competition.rounds.filter(state=Round.State.CLOSED).select_related("rubric"):
        result = selectors.round_result(rnd)
        mine = next((r for r in result.entries if r.entry == entry.pk), None)
        # Like their scores, the comments of a judge who left for a conflict do not count.
        comments = [
            a.comment
            for a in rnd.assignments.filter(
                entry=entry, conflict_declared_at=None, excluded_at=None
            ).exclude(comment="")
        ]
        rounds.append(
            {
                "round": rnd,
                "result": mine,
                "band": band_for(mine.deciding, entry.competition.bands or []) if mine else "",
                "criteria": rnd.rubric.criteria.all(),
                "comments": comments,
                "feedback": feedback.get(rnd.pk),
            }
        )
    return render(
        request,
        "competitions/team_scores.html",
        {"entry": entry, "rounds": rounds, "awards": entry.awards.all()},
    )


def results_index(request: HttpRequest) -> HttpResponse:
    """The public landing page of announced results (linked from the showcase), for anyone."""
    return render(
        request,
        "competitions/results_index.html",
        {"competitions": selectors.announced_competitions()},
    )


def public_results(request: HttpRequest, pk: int) -> HttpResponse:
    """Published results, for anyone; before they are announced, a page (200) that says so and
    when they will be, instead of a 404 for a link passed around too early."""
    competition = get_object_or_404(
        Competition.objects.select_related("programme__government"), pk=pk
    )
    if not competition.results_public:
        rounds = list(competition.rounds.order_by("number"))
        return render(
            request,
            "competitions/results_pending.html",
            {
                "competition": competition,
                "rounds": rounds,
                "all_closed": bool(rounds) and all(r.is_closed for r in rounds),
            },
        )
    return render(
        request,
        "competitions/public_results.html",
        {
            "competition": competition,
            "awards": _in_rank_order(competition.awards.select_related("entry__team__unit")),
            "rankings": selectors.public_rankings(competition),
        },
    )


@login_required
def certificate_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    award = get_object_or_404(
        Award.objects.select_related("entry__team__unit", "competition__programme__government"),
        pk=pk,
    )
    permissions.get_entry_for_user(request.user, award.entry_id)
    check_url = request.build_absolute_uri(
        reverse("competitions:certificate_check", args=[award.code])
    )
    pdf = certificates.certificate_pdf(award, check_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{certificates.certificate_filename(award)}"'
    )
    return response


@login_required
def certificates_zip(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Every certificate of the competition in one ZIP, for its organiser."""
    competition = permissions.get_competition_for_user(request.user, pk, manage=True)
    awards = list(
        _in_rank_order(
            competition.awards.select_related(
                "entry__team__unit", "competition__programme__government"
            )
        )
    )
    if not awards:
        messages.error(request, _("Belum ada penghargaan, jadi belum ada piagam."))
        return redirect("competitions:detail", pk=competition.pk)
    data = certificates.certificates_zip(
        awards,
        lambda award: request.build_absolute_uri(
            reverse("competitions:certificate_check", args=[award.code])
        ),
    )
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="piagam-lomba-{competition.pk}.zip"'
    return response


@login_required
def results_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The results workbook for the organiser: a sheet per round (deciding score, band, award;
    the scale and weights stated), a sheet per judge and the rubric."""
    competition = permissions.get_competition_for_user(request.user, pk, manage=True)
    response = HttpResponse(
        export.results_xlsx(competition),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = download_filename(_("hasil %(name)s") % {"name": competition.name}, "xlsx")
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    return response


def certificate_check(request: HttpRequest, code: str) -> HttpResponse:
    """The public page a certificate's QR code points to."""
    award = (
        Award.objects.select_related("entry__team__unit", "competition__programme__government")
        .filter(code=code)
        .first()
    )
    return render(
        request,
        "competitions/certificate_check.html",
        {"award": award, "number": certificates.certificate_number(award) if award else ""},
        status=200 if award else 404,
    )


# --- Rapat juri ----------------------------------------------------------------------------


@login_required
def rapat(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The rapat juri of a round: spread, outliers, raw and normalised side by side, adjusted
    scores with their reasons, who pressed "selesai", the chair and the lock."""
    rnd = permissions.get_round_for_rapat(request.user, pk)
    return render(
        request,
        "competitions/rapat.html",
        {
            "round": rnd,
            "rapat": selectors.rapat(rnd),
            "can_manage": permissions.can_manage_competition(request.user, rnd.competition),
            "can_write": rnd.is_closed and not rnd.is_locked,
        },
    )


def _to_rapat(rnd: Round) -> HttpResponse:
    return redirect("competitions:rapat", pk=rnd.pk)


@login_required
@require_POST
def rapat_chair(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The organiser names the chair of the rapat juri."""
    rnd = permissions.get_round_for_user(request.user, pk, manage=True)
    chair_id = _posted_id(request, "chair")
    chair = get_object_or_404(User, pk=chair_id) if chair_id else None
    try:
        services.round_chair_set(actor=request.user, round=rnd, chair=chair)
    except ValidationError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("Ketua juri dicatat."))
    return _to_rapat(rnd)


@login_required
@require_POST
def rapat_adjust(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The panel records an adjusted score for one entry, with its reason."""
    rnd = permissions.get_round_for_rapat(request.user, pk)
    entry = get_object_or_404(
        Entry.objects.select_related("team"),
        pk=_posted_id(request, "entry"),
        round_entries__round=rnd,
    )
    try:
        services.score_adjust(
            actor=request.user,
            round=rnd,
            entry=entry,
            score=request.POST.get("score", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("Nilai %(team)s disesuaikan.") % {"team": entry.team.name})
    return _to_rapat(rnd)


@login_required
@require_POST
def rapat_lock(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The chair (or the organiser) locks the round after the rapat juri."""
    rnd = permissions.get_round_for_rapat(request.user, pk)
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Centang konfirmasi untuk mengunci babak."))
        return _to_rapat(rnd)
    try:
        services.round_lock(actor=request.user, round=rnd)
    except ValidationError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("Babak dikunci; hasil rapat juri tetap."))
    return _to_rapat(rnd)


@login_required
@require_POST
def judge_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A judge presses "selesai" for a round (refused while a card is incomplete)."""
    rnd = permissions.get_round_for_user(request.user, pk)
    if not rnd.assignments.filter(judge_id=request.user.pk).exists():
        raise Http404
    try:
        services.judge_done(actor=request.user, round=rnd)
    except ValidationError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(
            request, _("Terima kasih; penilaian %(round)s selesai.") % {"round": rnd.name}
        )
    return redirect("competitions:judge_list")


@login_required
@require_POST
def feedback_save(request: AuthenticatedHttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    """The judge saves their SOFI feedback (per criterion and for the round) for one entry."""
    assignment = permissions.get_assignment_for_judge(request.user, round_pk, entry_pk)
    keys: list[int | None] = [None, *assignment.round.rubric.criteria.values_list("pk", flat=True)]
    items = {
        k: (
            request.POST.get(f"strengths-{k or 'babak'}", ""),
            request.POST.get(f"improvements-{k or 'babak'}", ""),
        )
        for k in keys
        if f"strengths-{k or 'babak'}" in request.POST
        or f"improvements-{k or 'babak'}" in request.POST
    }
    try:
        services.feedback_save(
            actor=request.user, round=assignment.round, entry=assignment.entry, items=items
        )
    except ValidationError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("Umpan balik disimpan."))
    return redirect(reverse("competitions:judge_entry", args=[round_pk, entry_pk]) + "#umpan-balik")


@login_required
def feedback_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The team's released feedback as a PDF (closed rounds only)."""
    entry = permissions.get_entry_for_user(request.user, pk)
    pdf = feedback_document.feedback_pdf(entry, selectors.released_feedback(entry))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="umpan-balik-{entry.pk}.pdf"'
    return response


@login_required
@require_POST
def special_award(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The organiser records the panel's special award (one entry, or several tied)."""
    rnd = permissions.get_round_for_user(request.user, pk, manage=True)
    ids = [int(v) for v in request.POST.getlist("entries") if v.isascii() and v.isdigit()]
    entries = list(Entry.objects.filter(competition=rnd.competition, pk__in=ids))
    if len(entries) != len(set(ids)):
        raise Http404
    try:
        awards = services.special_award_set(
            actor=request.user,
            competition=rnd.competition,
            kind=request.POST.get("kind", ""),
            entries=entries,
            signatory_name=request.POST.get("signatory_name", ""),
            signatory_title=request.POST.get("signatory_title", ""),
        )
    except ValidationError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("%(n)s penghargaan khusus dicatat.") % {"n": len(awards)})
    return redirect(reverse("competitions:round_results", args=[rnd.pk]) + "#khusus")
