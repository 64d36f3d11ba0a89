"""The ground floor's own pages: liveness, readiness and metrics, for load balancers and
monitors. None needs a sign-in; ``/metrics`` needs ``METRICS_TOKEN``."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseNotFound,
    JsonResponse,
)
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST

from . import health, metrics


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. No database, cache or file is touched, so a supervisor
    restarts only a node that hangs, never one whose database is away."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when this node can serve (database, cache when ``REDIS_URL`` is set,
    storage writable, every migration applied, the task queue moving), 503 otherwise, with
    every check's result and the names of those that failed."""
    results = health.readiness()
    failed = [name for name, check in results.items() if not check.ok]
    return JsonResponse(
        {
            "status": "error" if failed else "ok",
            "failed": failed,
            "checks": {
                name: {
                    "ok": check.ok,
                    "detail": check.detail,
                    **({"skipped": True} if check.skipped else {}),
                }
                for name, check in results.items()
            },
        },
        status=503 if failed else 200,
    )


@never_cache
@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics for a scraper sending ``Authorization: Bearer <METRICS_TOKEN>``.
    404 while ``METRICS_TOKEN`` is unset (the endpoint does not exist), 403 for a missing or
    wrong token. Plain answers, not the site's pages: a scraper reaches the node by its address,
    which the pages' templates would refuse as a host."""
    token = str(getattr(settings, "METRICS_TOKEN", "") or "")
    if not token:
        return HttpResponseNotFound(b"", content_type="text/plain")
    scheme, _space, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        return HttpResponseForbidden(b"", content_type="text/plain")
    return HttpResponse(metrics.exposition(), content_type=CONTENT_TYPE_LATEST)
