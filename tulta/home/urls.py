from __future__ import annotations

from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("", views.home, name="home"),
    path("pemberitahuan/", views.notifications, name="notifications"),
    path("riwayat/<slug:model>/<int:pk>/", views.history, name="history"),
]
