from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from tulta.accounts.types import AuthenticatedHttpRequest

from . import export, permissions, selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year_and_order(request: AuthenticatedHttpRequest) -> tuple[int | None, list[int], str]:
    years = selectors.programme_years()
    year = selectors.choose_year(request.GET.get("tahun"), years)
    order = request.GET.get("urut", "nama")
    return year, years, order if order in selectors.ORDERS else "nama"


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every province's figures and the national total (platform operators only)."""
    permissions.require_national(request.user)
    year, years, order = _year_and_order(request)
    return render(
        request,
        "national/index.html",
        {"rollup": selectors.national_rollup(year, years, order), "order": order},
    )


@login_required
def province(request: AuthenticatedHttpRequest, province: str) -> HttpResponse:
    """The governments of one province (platform operators only; 404 for an unknown one)."""
    permissions.require_national(request.user)
    year, years, order = _year_and_order(request)
    rollup = selectors.province_rollup(province, year, years, order)
    if rollup is None:
        raise Http404
    return render(
        request,
        "national/province.html",
        {"rollup": rollup, "province": province, "order": order},
    )


@login_required
def rollup_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Provinces and every government in one workbook."""
    permissions.require_national(request.user)
    year, _years, _order = _year_and_order(request)
    governments = selectors.government_figures(year)
    provinces = selectors.province_rows(governments)
    content = export.national_xlsx(provinces, selectors.total_of(provinces), governments, year)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{export.national_filename(year)}"'
    return response
