from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tulta.accounts.models import User
from tulta.accounts.types import AuthenticatedHttpRequest
from tulta.core import formatting
from tulta.core.downloads import download_filename
from tulta.organizations.models import Government, Membership
from tulta.organizations.selectors import team_members
from tulta.tools import rendering

from . import attachments, permissions, rules, selectors, services
from .artefact_views import tool_choices
from .forms import (
    AttachmentForm,
    DeadlinesForm,
    MeetingForm,
    MentorForm,
    MethodStepForm,
    ProgrammeForm,
    RisalahForm,
    RisalahStartForm,
)
from .models import Attachment, Meeting, Method, MethodStep, Programme, Risalah, RisalahStep


def _gov(request: AuthenticatedHttpRequest) -> int:
    if request.user.government_id is None:
        raise Http404
    return request.user.government_id


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- programmes ---------------------------------------------------------------------------


@login_required
def programme_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _gov(request)
    return render(
        request,
        "risalah/programme_list.html",
        {
            "programmes": selectors.programmes_visible_to(request.user),
            "can_manage": permissions.can_manage_programmes(request.user),
        },
    )


@login_required
def programme_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = permissions.get_programme_for_user(request.user, pk)
    visible = selectors.risalah_visible_to(request.user).filter(programme=programme)
    return render(
        request,
        "risalah/programme_detail.html",
        {
            "programme": programme,
            "steps": programme.method.steps.all(),
            "deadlines": {d.step_number: d.due_on for d in programme.deadlines.all()},
            "risalah_list": visible.order_by("team__unit__name", "team__name"),
            "units": programme.units.order_by("name"),
            "can_manage": permissions.can_manage_programmes(request.user),
        },
    )


def _programme_form(request: AuthenticatedHttpRequest, programme: Programme | None) -> HttpResponse:
    government_id = _gov(request)
    form = ProgrammeForm(request.POST or None, instance=programme, government_id=government_id)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        units = data.pop("units")
        try:
            if programme is None:
                saved = services.programme_create(
                    actor=request.user,
                    government=Government.objects.get(pk=government_id),
                    units=units,
                    **data,
                )
            else:
                saved = services.programme_update(
                    actor=request.user,
                    programme=Programme.objects.get(pk=programme.pk),
                    units=units,
                    **data,
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Program %(name)s disimpan.") % {"name": saved.name})
            return redirect("risalah:programme_detail", pk=saved.pk)
    return render(request, "risalah/programme_form.html", {"form": form, "programme": programme})


@login_required
def programme_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _gov(request)
    if not permissions.can_manage_programmes(request.user):
        raise PermissionDenied
    return _programme_form(request, None)


@login_required
def programme_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = permissions.get_programme_for_user(request.user, pk, write=True)
    return _programme_form(request, programme)


@login_required
def programme_deadlines(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = permissions.get_programme_for_user(request.user, pk, write=True)
    form = DeadlinesForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                actor=request.user, programme=programme, deadlines=form.deadlines()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Batas waktu langkah disimpan."))
            return redirect("risalah:programme_detail", pk=programme.pk)
    return render(request, "risalah/deadlines_form.html", {"form": form, "programme": programme})


# --- methods ------------------------------------------------------------------------------


def _method_for_user(request: AuthenticatedHttpRequest, pk: int) -> Method:
    method = Method.objects.filter(pk=pk).first()
    if method is None or method.government_id not in (None, _gov(request)):
        raise Http404
    return method


@login_required
def method_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    government_id = _gov(request)
    methods = Method.objects.filter(government_id__in=[government_id]) | Method.objects.filter(
        government=None
    )
    return render(
        request,
        "risalah/method_list.html",
        {
            "methods": methods.prefetch_related("steps").order_by("government_id", "name"),
            "can_manage": permissions.can_manage_programmes(request.user),
        },
    )


@login_required
def method_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    method = _method_for_user(request, pk)
    can_manage = permissions.can_manage_programmes(request.user)
    return render(
        request,
        "risalah/method_detail.html",
        {
            "method": method,
            "steps": method.steps.all(),
            "can_copy": can_manage,
            "can_edit": can_manage and method.government_id is not None,
        },
    )


@login_required
@require_POST
def method_copy(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    method = _method_for_user(request, pk)
    if not permissions.can_manage_programmes(request.user):
        raise PermissionDenied
    name = request.POST.get("name", "").strip() or _("%(name)s (salinan)") % {"name": method.name}
    copy = services.method_copy(
        actor=request.user,
        method=method,
        government=Government.objects.get(pk=_gov(request)),
        name=name[:150],
    )
    messages.success(request, _("Metode disalin; langkah-langkahnya kini dapat diubah."))
    return redirect("risalah:method_detail", pk=copy.pk)


@login_required
def method_step_edit(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    method = _method_for_user(request, pk)
    if not permissions.can_manage_programmes(request.user) or method.government_id is None:
        raise PermissionDenied
    step = get_object_or_404(MethodStep, method=method, number=number)
    form = MethodStepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        try:
            services.method_step_update(
                actor=request.user,
                step=MethodStep.objects.get(pk=step.pk),
                title=form.cleaned_data["title"],
                guidance=form.cleaned_data["guidance"],
                requirements=form.cleaned_data["requirements_text"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Langkah %(n)d disimpan.") % {"n": number})
            return redirect("risalah:method_detail", pk=method.pk)
    return render(
        request, "risalah/method_step_form.html", {"form": form, "method": method, "step": step}
    )


# --- risalah ------------------------------------------------------------------------------


@login_required
def risalah_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _gov(request)
    items = selectors.risalah_visible_to(request.user).order_by("-updated_at")
    return render(
        request,
        "risalah/risalah_list.html",
        {
            "items": items,
            "can_start": selectors.teams_user_can_start(request.user).exists(),
        },
    )


@login_required
def risalah_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    _gov(request)
    teams = selectors.teams_user_can_start(request.user)
    if not teams.exists():
        raise PermissionDenied
    programmes = selectors.programmes_visible_to(request.user).filter(is_open=True)
    initial: dict[str, Any] = {}
    if request.GET.get("kelompok", "").isdigit():
        initial["team"] = int(request.GET["kelompok"])
    if programmes.count() == 1:
        initial["programme"] = programmes.first()
    form = RisalahStartForm(
        request.POST or None, teams=teams, programmes=programmes, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            risalah = services.risalah_start(actor=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Risalah dimulai. Isi langkah 1."))
            return redirect("risalah:step", pk=risalah.pk, number=1)
    return render(
        request, "risalah/risalah_start.html", {"form": form, "has_programmes": programmes.exists()}
    )


@login_required
def risalah_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    risalah = permissions.get_risalah_for_user(request.user, pk)
    rows = selectors.step_rows(risalah)
    members = team_members(risalah.team)
    can_write = permissions.can_write_risalah(request.user, risalah)
    return render(
        request,
        "risalah/risalah_detail.html",
        {
            "risalah": risalah,
            "rows": rows,
            "members": members,
            "summary": services.meeting_summary(risalah),
            "meetings": risalah.meetings.prefetch_related("attendees"),
            "attachments": risalah.attachments.select_related("uploaded_by", "step"),
            "timeline": selectors.timeline(risalah)[:30],
            "can_write": can_write and not risalah.is_final,
            "can_finalize": can_write
            and not risalah.is_final
            and all(r.step.state == RisalahStep.State.APPROVED for r in rows),
            "can_assign_mentor": permissions.can_assign_mentor(request.user, risalah),
            "mentor_form": MentorForm(
                initial={"mentor": risalah.mentor_id},
                government_id=risalah.programme.government_id,
            ),
            "attachment_form": AttachmentForm(),
        },
    )


@login_required
def risalah_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    risalah = permissions.get_risalah_for_user(request.user, pk, write=True)
    form = RisalahForm(request.POST or None, instance=risalah)
    if request.method == "POST" and form.is_valid():
        try:
            services.risalah_update(
                actor=request.user, risalah=Risalah.objects.get(pk=risalah.pk), **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Identitas risalah disimpan."))
            return redirect("risalah:detail", pk=risalah.pk)
    return render(request, "risalah/risalah_form.html", {"form": form, "risalah": risalah})


# --- steps --------------------------------------------------------------------------------


def _sections_from(request: AuthenticatedHttpRequest) -> dict[str, str]:
    return {
        key.removeprefix("section-"): request.POST.get(key, "")
        for key in request.POST
        if key.startswith("section-")
    }


def _base_version(request: AuthenticatedHttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def _step_context(
    request: AuthenticatedHttpRequest, step: RisalahStep, **extra: Any
) -> dict[str, Any]:
    risalah = step.risalah
    can_write = permissions.can_write_risalah(request.user, risalah)
    is_open = rules.step_is_open(step)
    editable = (
        can_write
        and not risalah.is_final
        and risalah.programme.is_open
        and is_open
        and step.state in (RisalahStep.State.DRAFT, RisalahStep.State.RETURNED)
    )
    sections = extra.pop("sections", None) or step.sections
    participants = _participants(risalah)
    deadline = risalah.programme.deadlines.filter(step_number=step.number).first()
    can_review = (
        permissions.can_review_step(request.user, risalah)
        and step.state == RisalahStep.State.SUBMITTED
        and not risalah.is_final
    )
    return {
        "risalah": risalah,
        "step": step,
        "requirements": [
            {**req, "html": sections.get(req["code"], "")} for req in step.method_step.requirements
        ],
        "missing": rules.step_missing(step),
        "editable": editable,
        "is_open": is_open,
        "can_submit": editable,
        "can_review": can_review,
        # The reviewer sees first what changed since the step was returned (#21 point 9).
        "changes": selectors.step_changes_since_return(step) if can_review else None,
        "can_comment": permissions.can_comment(request.user, risalah),
        "comments": step.comments.select_related("author").prefetch_related("mentions"),
        # By version only: the default ordering ("step", then the step's own ordering) joins
        # and sorts the whole risalah table.
        "versions": step.versions.select_related("saved_by").order_by("-version")[:30],
        "participants": participants,
        "deadline": deadline.due_on if deadline else None,
        # "risalah" too: the related manager reads it on every row, one query each if deferred.
        "all_steps": risalah.steps.order_by("number").only("number", "state", "risalah"),
        "artefacts": [
            {"artefact": a, "rendered": rendering.render(a)} for a in step.artefacts.all()
        ],
        "tool_choices": tool_choices(step),
        **extra,
    }


def _participants(risalah: Risalah) -> list[User]:
    people = {
        m.user.pk: m.user
        for m in Membership.objects.filter(team=risalah.team).select_related("user")
    }
    for user in (risalah.mentor, risalah.team.unit.head):
        if user is not None:
            people[user.pk] = user
    return sorted(people.values(), key=lambda u: u.full_name)


def _section_labels(step: RisalahStep) -> dict[str, str]:
    return {
        **{req["code"]: req["label"] for req in step.method_step.requirements},
        "catatan": _("Catatan"),
    }


def _merge_message(request: AuthenticatedHttpRequest, outcome: services.StepSaveOutcome) -> str:
    """What the writer is told when the step had moved on: who saved it and when (the pemda's
    zone is active), which sections came from that version, which wait for a choice."""
    labels = _section_labels(outcome.step)
    if outcome.other_by is not None and outcome.other_by.pk == request.user.pk:
        who = _("Anda (di tab lain)")
    else:
        who = outcome.other_by.full_name if outcome.other_by else _("Orang lain")
    when = (
        formatting.tanggal_jam_zona(timezone.localtime(outcome.other_at))
        if outcome.other_at
        else "—"
    )
    parts = [
        _("%(who)s menyimpan langkah ini pada %(when)s, setelah halaman ini dibuka.")
        % {"who": who, "when": when}
    ]
    if outcome.from_other:
        parts.append(
            _("Diambil dari versi itu: %(sections)s.")
            % {"sections": ", ".join(labels.get(c, c) for c in outcome.from_other)}
        )
    if outcome.conflicts:
        parts.append(
            _("Diubah di kedua tempat: %(sections)s. Pilih versi yang dipakai di bawah.")
            % {"sections": ", ".join(labels.get(c, c) for c in outcome.conflicts)}
        )
    else:
        parts.append(_("Perubahan Anda tersimpan bersama perubahan itu."))
    return " ".join(parts)


def _conflict_items(outcome: services.StepSaveOutcome) -> list[dict[str, str]]:
    labels = _section_labels(outcome.step)
    return [
        {
            "code": code,
            "label": labels.get(code, code),
            "mine": outcome.mine[code],
            "theirs": outcome.theirs[code],
        }
        for code in outcome.conflicts
    ]


@login_required
def step_detail(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    step = permissions.get_step_for_user(request.user, pk, number)
    if request.method == "POST":
        if not permissions.can_write_risalah(request.user, step.risalah):
            raise PermissionDenied
        try:
            outcome = services.step_save_merging(
                actor=request.user,
                step=step,
                sections=_sections_from(request),
                base_version=_base_version(request),
            )
        except services.StepConflict:
            messages.error(
                request, _("Langkah ini sedang disimpan bersamaan di tempat lain; coba lagi.")
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            if outcome.conflicts:
                # The unsaved text of each disputed section stays in its field and beside the
                # stored one, cleaned exactly as saving it would be, never as posted.
                context = _step_context(
                    request,
                    outcome.step,
                    sections={**outcome.step.sections, **outcome.mine},
                    conflict={
                        "message": _merge_message(request, outcome),
                        "items": _conflict_items(outcome),
                    },
                )
                return render(request, "risalah/step_detail.html", context, status=409)
            if outcome.met_other:
                messages.info(request, _merge_message(request, outcome))
            messages.success(request, _("Langkah %(n)d tersimpan.") % {"n": number})
            if request.POST.get("then") == "submit":
                return step_submit(request, pk, number)
        return redirect("risalah:step", pk=pk, number=number)
    return render(request, "risalah/step_detail.html", _step_context(request, step))


@login_required
@require_POST
def step_autosave(request: AuthenticatedHttpRequest, pk: int, number: int) -> JsonResponse:
    """Save a draft as the user types. When the step moved on since the page loaded, the save
    is merged per section: 200 "merged" with the sections taken from the newer version, or 409
    "conflict" with the sections both changed, to choose from."""
    step = permissions.get_step_for_user(
        request.user,
        pk,
        number,
        check=permissions.can_write_risalah,
        related=permissions.STEP_SAVE_RELATED,
    )
    try:
        outcome = services.step_save_merging(
            actor=request.user,
            step=step,
            sections=_sections_from(request),
            base_version=_base_version(request),
        )
    except services.StepConflict:
        return JsonResponse(
            {
                "status": "busy",
                "message": _("Langkah ini sedang disimpan bersamaan di tempat lain; coba lagi."),
            },
            status=503,
        )
    except ValidationError as exc:
        return JsonResponse({"status": "refused", "message": _error_text(exc)}, status=400)
    saved = outcome.step
    payload: dict[str, Any] = {"version": saved.version}
    if outcome.met_other:
        payload["message"] = _merge_message(request, outcome)
        payload["from_other"] = {code: saved.sections.get(code, "") for code in outcome.from_other}
    if outcome.conflicts:
        payload["status"] = "conflict"
        payload["conflicts"] = _conflict_items(outcome)
        return JsonResponse(payload, status=409)
    payload["status"] = "merged" if outcome.met_other else "saved"
    payload["saved"] = (
        _("Tersimpan otomatis pukul %(time)s")
        % {"time": timezone.localtime(saved.updated_at).strftime("%H.%M")}
        if saved.updated_at
        else _("Tidak ada perubahan")
    )
    payload.setdefault("message", payload["saved"])
    return JsonResponse(payload)


@login_required
@require_POST
def step_submit(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    step = permissions.get_step_for_user(
        request.user, pk, number, check=permissions.can_write_risalah
    )
    try:
        services.step_submit(actor=request.user, step=step)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Langkah %(n)d diajukan untuk ditinjau pendamping.") % {"n": number}
        )
    return redirect("risalah:step", pk=pk, number=number)


@login_required
@require_POST
def step_review(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    step = permissions.get_step_for_user(
        request.user, pk, number, check=permissions.can_review_step
    )
    decision = request.POST.get("decision")
    comment = request.POST.get("comment", "")
    try:
        if decision == "approve":
            services.step_approve(actor=request.user, step=step, comment=comment)
            messages.success(request, _("Langkah %(n)d disetujui.") % {"n": number})
        elif decision == "return":
            services.step_return(actor=request.user, step=step, comment=comment)
            messages.success(request, _("Langkah %(n)d dikembalikan ke kelompok.") % {"n": number})
        else:
            messages.error(request, _("Pilih setujui atau kembalikan."))
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect("risalah:step", pk=pk, number=number)


@login_required
@require_POST
def step_comment(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    step = permissions.get_step_for_user(request.user, pk, number, check=permissions.can_comment)
    allowed = {u.pk: u for u in _participants(step.risalah)}
    mentioned = [
        allowed[int(v)]
        for v in request.POST.getlist("mentions")
        if v.isdigit() and int(v) in allowed
    ]
    try:
        services.step_comment(
            actor=request.user, step=step, body=request.POST.get("body", ""), mentions=mentioned
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect(reverse("risalah:step", args=[pk, number]) + "#komentar")


@login_required
@require_POST
def step_restore(
    request: AuthenticatedHttpRequest, pk: int, number: int, version: int
) -> HttpResponse:
    step = permissions.get_step_for_user(
        request.user, pk, number, check=permissions.can_write_risalah
    )
    try:
        services.step_restore(actor=request.user, step=step, version=version)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request, _("Versi %(v)d dipulihkan sebagai versi terbaru.") % {"v": version}
        )
    return redirect("risalah:step", pk=pk, number=number)


# --- meetings -----------------------------------------------------------------------------


@login_required
def meeting_form(
    request: AuthenticatedHttpRequest, pk: int, meeting_pk: int | None = None
) -> HttpResponse:
    risalah = permissions.get_risalah_for_user(request.user, pk, write=True)
    meeting = get_object_or_404(Meeting, pk=meeting_pk, risalah=risalah) if meeting_pk else None
    form = MeetingForm(request.POST or None, instance=meeting, team=risalah.team)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        attendees = data.pop("attendees")
        try:
            services.meeting_save(
                actor=request.user,
                risalah=risalah,
                meeting=Meeting.objects.get(pk=meeting.pk) if meeting else None,
                attendees=attendees,
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Rapat disimpan."))
            return redirect(reverse("risalah:detail", args=[risalah.pk]) + "#rapat")
    return render(
        request, "risalah/meeting_form.html", {"form": form, "risalah": risalah, "meeting": meeting}
    )


@login_required
@require_POST
def meeting_delete(request: AuthenticatedHttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    risalah = permissions.get_risalah_for_user(request.user, pk, write=True)
    meeting = get_object_or_404(Meeting, pk=meeting_pk, risalah=risalah)
    try:
        services.meeting_delete(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Rapat dihapus."))
    return redirect(reverse("risalah:detail", args=[risalah.pk]) + "#rapat")


# --- attachments --------------------------------------------------------------------------


@login_required
@require_POST
def attachment_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    risalah = permissions.get_risalah_for_user(request.user, pk, write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > attachments.MAX_BYTES:
            messages.error(
                request,
                _("Berkas %(name)s berukuran %(size).1f MB; batasnya 10 MB.")
                % {"name": upload.name, "size": upload.size / 1024 / 1024},
            )
        else:
            try:
                attachments.attachment_add(
                    actor=request.user,
                    risalah=risalah,
                    data=upload.read(),
                    name=upload.name,
                    kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"],
                )
            except ValidationError as exc:
                messages.error(request, _error_text(exc))
            else:
                messages.success(request, _("Lampiran diunggah."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("risalah:detail", args=[risalah.pk]) + "#lampiran")


@login_required
def attachment_download(
    request: AuthenticatedHttpRequest, pk: int, attachment_pk: int
) -> FileResponse:
    risalah = permissions.get_risalah_for_user(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, risalah=risalah)
    extension = attachment.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=attachment.content_type not in ("image/jpeg", "image/png", "application/pdf"),
        filename=download_filename(attachment.title, extension, max_length=80),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


@login_required
@require_POST
def attachment_delete(
    request: AuthenticatedHttpRequest, pk: int, attachment_pk: int
) -> HttpResponse:
    risalah = permissions.get_risalah_for_user(request.user, pk, write=True)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, risalah=risalah)
    try:
        attachments.attachment_delete(actor=request.user, attachment=attachment)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Lampiran dihapus."))
    return redirect(reverse("risalah:detail", args=[risalah.pk]) + "#lampiran")
