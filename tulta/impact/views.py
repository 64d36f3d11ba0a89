from __future__ import annotations

import hashlib
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tulta.accounts.types import AuthenticatedHttpRequest
from tulta.core.downloads import download_filename
from tulta.organizations.models import Government
from tulta.risalah.models import Programme, Risalah
from tulta.risalah.permissions import can_start_risalah, get_risalah_for_user
from tulta.risalah.selectors import step_rows, teams_user_can_start

from . import permissions, selectors, services
from .export import indicator_csv, ledger_workbook
from .forms import IndicatorForm, PublishForm, ReplicateForm, ShowcaseFilterForm
from .measurements import split_lines
from .models import Benefit, Indicator, Publication


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- indicators -------------------------------------------------------------------------------


@login_required
def indicator_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    risalah = get_risalah_for_user(request.user, pk)
    return render(
        request,
        "impact/indicator_list.html",
        {
            "risalah": risalah,
            "rows": _benefit_rows(risalah, request.session),
            "can_claim": permissions.can_claim_benefit(request.user, risalah),
            "can_verify": permissions.can_verify_benefit_as_unit(request.user, risalah),
            "payers": Benefit.Payer.choices,
            "can_edit": permissions.can_edit_indicators(request.user, risalah),
            "can_publish": permissions.can_publish(request.user, risalah) and risalah.is_final,
            "publication": Publication.objects.filter(risalah=risalah).first(),
            "publish_form": PublishForm(),
        },
    )


def _benefit_rows(risalah: Risalah, session: Any) -> list[dict[str, Any]]:
    """Each verdict with its benefit's figure (when it has one), the benefit claimed, its
    re-measures (with what was typed into a refused one, kept in the session) and whether the
    improvement lasts."""
    benefits = selectors.benefits_of(risalah)

    def dues(v: selectors.Verdict) -> list[dict[str, Any]]:
        if not v.counts:
            return []
        return [
            {"due": due, "typed": session.pop(f"follow-up-{v.indicator.pk}-{due.months}", None)}
            for due in selectors.follow_ups_for(v.indicator)
        ]

    return [
        {
            "v": v,
            "figure": selectors.benefit_of(v),
            "benefit": benefits.get(v.indicator.pk),
            "follow_ups": dues(v),
            "lasting": selectors.lasting_status(v.indicator) if v.counts else None,
        }
        for v in selectors.verdicts_for(risalah)
    ]


@login_required
def indicator_data(request: AuthenticatedHttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    """Every measurement of an indicator as CSV: the pages show a summary when there are many."""
    indicator = permissions.get_indicator_to_read(request.user, pk, indicator_pk)
    response = HttpResponse(
        indicator_csv(list(indicator.baseline), list(indicator.after)),
        content_type="text/csv; charset=utf-8",
    )
    name = download_filename(_("data %(name)s") % {"name": indicator.name}, "csv")
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    return response


def _indicator_form(
    request: AuthenticatedHttpRequest, risalah: Risalah, indicator: Indicator | None
) -> HttpResponse:
    if indicator is not None:
        initial = IndicatorForm.initial_for(indicator)
    else:
        initial = {
            "name": risalah.indicator_name,
            "unit": risalah.indicator_unit,
            "after_unit": risalah.indicator_unit,
            "direction": risalah.indicator_direction,
            "annual_volume": 0,
        }
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_save(
                actor=request.user, risalah=risalah, indicator=indicator, **form.service_kwargs()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Indikator disimpan."))
            return redirect("impact:indicators", pk=risalah.pk)
    return render(
        request,
        "impact/indicator_form.html",
        {"form": form, "risalah": risalah, "indicator": indicator},
    )


@login_required
def indicator_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    risalah = get_risalah_for_user(request.user, pk, write=True)
    if not permissions.can_edit_indicators(request.user, risalah):
        raise PermissionDenied
    return _indicator_form(request, risalah, None)


@login_required
def indicator_edit(request: AuthenticatedHttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    indicator = permissions.get_indicator_for_user(request.user, pk, indicator_pk)
    return _indicator_form(request, indicator.risalah, indicator)


@login_required
@require_POST
def indicator_delete(request: AuthenticatedHttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    indicator = permissions.get_indicator_for_user(request.user, pk, indicator_pk)
    services.indicator_delete(actor=request.user, indicator=indicator)
    messages.success(request, _("Indikator dihapus."))
    return redirect("impact:indicators", pk=pk)


# --- publication ------------------------------------------------------------------------------


@login_required
@require_POST
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    risalah = permissions.get_risalah_to_publish(request.user, pk)
    form = PublishForm(request.POST)
    summary = form.cleaned_data["summary"] if form.is_valid() else ""
    try:
        services.risalah_publish(actor=request.user, risalah=risalah, summary=summary)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Risalah diterbitkan di katalog karya."))
    return redirect("impact:indicators", pk=pk)


@login_required
@require_POST
def unpublish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    risalah = permissions.get_risalah_to_publish(request.user, pk)
    services.risalah_unpublish(actor=request.user, risalah=risalah)
    messages.success(request, _("Risalah ditarik dari katalog karya."))
    return redirect("impact:indicators", pk=pk)


# --- the city ledger --------------------------------------------------------------------------


def _ledger_government(request: AuthenticatedHttpRequest) -> Government:
    if request.user.government_id is None:
        raise Http404
    if not permissions.can_view_ledger(request.user):
        raise PermissionDenied
    return Government.objects.get(pk=request.user.government_id)


@login_required
def ledger(request: AuthenticatedHttpRequest) -> HttpResponse:
    government = _ledger_government(request)
    return render(
        request,
        "impact/ledger.html",
        {"government": government, "ledger": selectors.ledger_for(government.pk)},
    )


@login_required
def ledger_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    government = _ledger_government(request)
    title = _("Buku dampak perbaikan layanan — %(gov)s") % {"gov": government.official_name}
    data = ledger_workbook(selectors.ledger_for(government.pk), title=title)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="buku-dampak-{government.slug}.xlsx"'
    return response


# --- the public showcase ----------------------------------------------------------------------


def showcase_list(request: HttpRequest) -> HttpResponse:
    """The public showcase. Everyone sees the same cards for the same search, so the years and
    the rendered cards are cached until something shown changes (``showcase_generation``)."""
    generation = selectors.showcase_generation()
    years = (
        cache.get_or_set(
            f"impact:showcase:{generation}:years",
            selectors.showcase_years,
            selectors.SHOWCASE_CACHE_SECONDS,
        )
        or []
    )
    form = ShowcaseFilterForm(request.GET or None, years=years)
    data = form.cleaned_data if form.is_valid() else {}
    search: dict[str, Any] = {
        "query": data.get("q") or "",
        "unit_kind": data.get("unit_kind") or "",
        "indicator_kind": data.get("indicator_kind") or "",
        "year": data.get("year"),
    }
    digest = hashlib.sha256(json.dumps(search, sort_keys=True).encode()).hexdigest()[:32]
    key = f"impact:showcase:{generation}:{get_language()}:{int(bool(request.GET))}:{digest}"

    def render_cards() -> str:
        results = list(selectors.showcase(**search)[:100])
        verdicts = selectors.primary_verdicts(results)
        items = [(r, verdicts.get(r.pk)) for r in results]
        return render_to_string(
            "impact/includes/showcase_cards.html",
            {"items": items, "searched": bool(request.GET)},
        )

    cards = cache.get_or_set(key, render_cards, selectors.SHOWCASE_CACHE_SECONDS)
    return render(request, "impact/showcase_list.html", {"form": form, "cards": cards})


def _replicate_form(request: HttpRequest, data: object = None) -> ReplicateForm | None:
    user = request.user
    if not user.is_authenticated or user.government_id is None:
        return None
    teams = teams_user_can_start(user)
    if not teams.exists():
        return None
    programmes = Programme.objects.filter(
        government_id=user.government_id,
        is_open=True,
    ).order_by("-year", "name")
    return ReplicateForm(data, teams=teams, programmes=programmes)


def showcase_detail(request: HttpRequest, pk: int) -> HttpResponse:
    risalah = permissions.get_published_risalah(pk)
    steps = [row.step for row in step_rows(risalah)]
    benefits = selectors.benefits_of(risalah)
    return render(
        request,
        "impact/showcase_detail.html",
        {
            "risalah": risalah,
            "rows": [
                {
                    "v": v,
                    "benefit": benefits.get(v.indicator.pk),
                    "lasting": selectors.lasting_status(v.indicator) if v.counts else None,
                }
                for v in selectors.verdicts_for(risalah)
            ],
            "steps": steps,
            "replications": selectors.replications_of(risalah),
            "replicate_form": _replicate_form(request),
        },
    )


@login_required
@require_POST
def replicate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    source = permissions.get_published_risalah(pk)
    form = _replicate_form(request, request.POST)
    if form is None:
        raise PermissionDenied
    if not form.is_valid():
        messages.error(request, _("Pilih kelompok dan program yang masih terbuka."))
        return redirect("impact:showcase_detail", pk=pk)
    team = form.cleaned_data["team"]
    if not can_start_risalah(request.user, team):
        raise PermissionDenied
    try:
        risalah = services.risalah_replicate(
            actor=request.user, source=source, team=team, programme=form.cleaned_data["programme"]
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("impact:showcase_detail", pk=pk)
    messages.success(
        request, _("Risalah baru dimulai dengan meniru karya %(tema)s.") % {"tema": source.tema}
    )
    return redirect("risalah:detail", pk=risalah.pk)


# --- benefits: claimed, verified, returned ------------------------------------------------------


@login_required
@require_POST
def benefit_claim(request: AuthenticatedHttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    indicator = permissions.get_indicator_to_read(request.user, pk, indicator_pk)
    if not permissions.can_claim_benefit(request.user, indicator.risalah):
        raise PermissionDenied
    try:
        services.benefit_claim(
            actor=request.user,
            indicator=indicator,
            payer=request.POST.get("payer", Benefit.Payer.WARGA),
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request,
            _("Manfaat “%(name)s” diajukan; kepala unit akan memverifikasinya.")
            % {"name": indicator.name},
        )
    return redirect("impact:indicators", pk=pk)


def _back(request: AuthenticatedHttpRequest, benefit: Benefit) -> HttpResponse:
    if request.POST.get("next") == "queue":
        return redirect("impact:benefit_queue")
    return redirect("impact:indicators", pk=benefit.indicator.risalah_id)


@login_required
@require_POST
def benefit_verify(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    benefit = permissions.get_benefit_for_verifier(request.user, pk)
    try:
        done = services.benefit_verify(
            actor=request.user,
            benefit=benefit,
            note=request.POST.get("note", ""),
            document=request.FILES.get("document"),
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request,
            _("Manfaat “%(name)s”: %(state)s.")
            % {"name": done.indicator.name, "state": done.get_state_display()},
        )
    return _back(request, benefit)


@login_required
@require_POST
def benefit_return(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    benefit = permissions.get_benefit_for_verifier(request.user, pk)
    try:
        services.benefit_return(
            actor=request.user, benefit=benefit, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request,
            _("Manfaat “%(name)s” dikembalikan kepada kelompok.")
            % {"name": benefit.indicator.name},
        )
    return _back(request, benefit)


@login_required
def benefit_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What waits for this user to verify: the unit head's and the finance verifier's list."""
    return render(
        request,
        "impact/benefit_queue.html",
        {"benefits": list(permissions.benefits_awaiting(request.user))},
    )


@login_required
def benefit_document(request: AuthenticatedHttpRequest, pk: int, which: str) -> HttpResponse:
    benefit = permissions.get_benefit_document(request.user, pk)
    stored = {"unit": benefit.unit_document, "keuangan": benefit.finance_document}.get(which)
    if not stored:
        raise Http404
    with stored.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type="application/octet-stream")
    name = download_filename(
        _("bukti manfaat %(name)s") % {"name": benefit.indicator.name},
        stored.name.rsplit(".", 1)[-1] if "." in stored.name else "bin",
    )
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    return response


@login_required
@require_POST
def follow_up_record(
    request: AuthenticatedHttpRequest, pk: int, indicator_pk: int, months: int
) -> HttpResponse:
    """The team records a re-measure; bad data comes back in the form with every bad entry named."""
    indicator = permissions.get_indicator_to_read(request.user, pk, indicator_pk)
    if not permissions.can_claim_benefit(request.user, indicator.risalah):
        raise PermissionDenied
    raw = request.POST.get("values", "")
    try:
        record = services.follow_up_record(
            actor=request.user,
            indicator=indicator,
            months=months,
            values=split_lines(raw),
            unit=request.POST.get("unit", indicator.unit),
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        request.session[f"follow-up-{indicator.pk}-{months}"] = raw[:20000]  # kept as typed
    else:
        request.session.pop(f"follow-up-{indicator.pk}-{months}", None)
        messages.success(
            request,
            _("Pengukuran ulang %(m)d bulan “%(name)s”: %(status)s.")
            % {"m": months, "name": indicator.name, "status": record.get_status_display()},
        )
    return redirect("impact:indicators", pk=pk)


@login_required
@require_POST
def replication_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The replicating team records its replication's status, a note and its evidence."""
    risalah = get_risalah_for_user(request.user, pk, write=True)
    replication = selectors.replication_of(risalah)
    if replication is None:
        raise Http404
    try:
        done = services.replication_update(
            actor=request.user,
            replication=replication,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
            evidence=request.FILES.get("evidence"),
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Status peniruan: %(s)s.") % {"s": done.get_status_display()})
    return redirect("risalah:detail", pk=pk)
