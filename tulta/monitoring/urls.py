from __future__ import annotations

from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("pemantauan/", views.index, name="index"),
    path("pemantauan/program/<int:pk>/", views.dashboard, name="dashboard"),
    path("pemantauan/program/<int:pk>/kelompok/", views.teams, name="teams"),
    path(
        "pemantauan/program/<int:pk>/unit-tanpa-kelompok/",
        views.units_without_team,
        name="units_without_team",
    ),
    path("pemantauan/program/<int:pk>/rekap.xlsx", views.recap_xlsx, name="recap_xlsx"),
    path("pemantauan/program/<int:pk>/rekap.pdf", views.recap_pdf, name="recap_pdf"),
]
