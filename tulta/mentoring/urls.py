from __future__ import annotations

from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("pendampingan/", views.mine, name="mine"),
    path("pendampingan/program/<int:pk>/tugaskan/", views.assign, name="assign"),
    path(
        "pendampingan/program/<int:pk>/tugaskan-tertinggal/",
        views.assign_lagging,
        name="assign_lagging",
    ),
    path("pendampingan/penugasan/<int:pk>/akhiri/", views.unassign, name="unassign"),
    path("pendampingan/program/<int:pk>/kelompok/<int:team_pk>/", views.team, name="team"),
    path(
        "pendampingan/program/<int:pk>/kelompok/<int:team_pk>/sesi/baru/",
        views.session_create,
        name="session_create",
    ),
    path("pendampingan/sesi/<int:pk>/", views.session_edit, name="session_edit"),
]
