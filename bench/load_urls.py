"""The project's URLs plus ``/bench/bare/``: a view that does nothing but answer, through the
same middleware, as the floor the load benchmark compares pages with. Bench only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from tulta.urls import urlpatterns as _base


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [*_base, path("bench/bare/", bare, name="bench_bare")]
