from __future__ import annotations

from django.urls import path

from . import views

app_name = "national"

urlpatterns = [
    path("nasional/", views.index, name="index"),
    path("nasional/rekap.xlsx", views.rollup_xlsx, name="xlsx"),
    path("nasional/provinsi/<str:province>/", views.province, name="province"),
]
