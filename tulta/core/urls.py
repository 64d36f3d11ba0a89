from __future__ import annotations

from django.urls import path
from django.views.decorators.cache import cache_control, cache_page
from django.views.i18n import JavaScriptCatalog

from . import views

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("metrics", views.metrics_view, name="metrics"),
    # The scripts' texts in the user's language (gettext() in tulta/static and the apps' static
    # JavaScript); cached for a day per language, since it changes only with a release. Marked
    # public: it holds no one's data, so PrivateCacheMiddleware leaves it cacheable.
    path(
        "jsi18n/",
        cache_control(public=True)(cache_page(60 * 60 * 24)(JavaScriptCatalog.as_view())),
        name="jsi18n",
    ),
]
