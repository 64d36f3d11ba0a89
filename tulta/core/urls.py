from __future__ import annotations

from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("riwayat/<slug:model>/<int:pk>/", views.history, name="history"),
    path("pemberitahuan/", views.notifications, name="notifications"),
]
