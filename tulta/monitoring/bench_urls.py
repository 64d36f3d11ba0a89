"""The project's URLs plus the monitoring and mentoring URLs when not yet included (bench)."""

from __future__ import annotations

from django.urls import URLResolver, include, path

from tulta.urls import urlpatterns as _base

_included = {p.namespace for p in _base if isinstance(p, URLResolver)}

urlpatterns = [
    *_base,
    *(
        path("", include(f"tulta.{app}.urls"))
        for app in ("monitoring", "mentoring")
        if app not in _included
    ),
]
