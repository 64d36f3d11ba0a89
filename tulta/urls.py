from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("tulta.core.urls")),
    path("", include("tulta.home.urls")),
    path("", include("tulta.accounts.urls")),
    path("", include("tulta.organizations.urls")),
    path("", include("tulta.risalah.urls")),
    path("", include("tulta.documents.urls")),
    path("", include("tulta.monitoring.urls")),
    path("", include("tulta.mentoring.urls")),
    path("", include("tulta.impact.urls")),
    path("", include("tulta.competitions.urls")),
    path("", include("tulta.national.urls")),
    path("api/", include("tulta.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

# JSON under /api/ (tulta.api.errors), the site's pages elsewhere.
handler404 = "tulta.api.errors.not_found"
handler500 = "tulta.api.errors.server_error"
