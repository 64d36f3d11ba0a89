from __future__ import annotations

from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("pendampingan/", views.mine, name="mine"),
    path("pendampingan/penugasan/<int:pk>/akhiri/", views.unassign, name="unassign"),
    path(
        "pendampingan/program/<int:pk>/kelompok/<int:team_pk>/sesi/baru/",
        views.session_create,
        name="session_create",
    ),
    path("pendampingan/sesi/<int:pk>/", views.session_edit, name="session_edit"),
    path("risalah/<int:pk>/pendamping/", views.risalah_mentor, name="risalah_mentor"),
]
