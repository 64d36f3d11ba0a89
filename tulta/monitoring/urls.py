from __future__ import annotations

from django.urls import path

from . import mentor_views, reminder_views, views

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
    path(
        "pemantauan/program/<int:pk>/pengingat/",
        reminder_views.reminder_log_page,
        name="reminder_log",
    ),
    path(
        "pemantauan/program/<int:pk>/pengingat/kirim/",
        reminder_views.reminder_send,
        name="reminder_send",
    ),
    path(
        "pemantauan/program/<int:pk>/pengingat/whatsapp/",
        reminder_views.reminder_whatsapp,
        name="reminder_whatsapp",
    ),
    path(
        "pendampingan/program/<int:pk>/tugaskan/", mentor_views.mentor_assign, name="mentor_assign"
    ),
    path(
        "pendampingan/program/<int:pk>/tugaskan-tertinggal/",
        mentor_views.mentor_assign_lagging,
        name="mentor_assign_lagging",
    ),
    path(
        "pendampingan/program/<int:pk>/kelompok/<int:team_pk>/",
        mentor_views.mentor_team,
        name="mentor_team",
    ),
]
