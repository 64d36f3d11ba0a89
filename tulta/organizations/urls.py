from __future__ import annotations

from django.urls import path

from . import user_views, views

app_name = "organizations"

urlpatterns = [
    path("unit/", views.unit_list, name="unit_list"),
    path("unit/baru/", views.unit_create, name="unit_create"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("unit/<int:pk>/ubah/", views.unit_edit, name="unit_edit"),
    path("unit/<int:pk>/hapus/", views.unit_delete, name="unit_delete"),
    path("kelompok/", views.team_list, name="team_list"),
    path("kelompok/baru/", views.team_create, name="team_create"),
    path("kelompok/<int:pk>/", views.team_detail, name="team_detail"),
    path("kelompok/<int:pk>/ubah/", views.team_edit, name="team_edit"),
    path("kelompok/<int:pk>/hapus/", views.team_delete, name="team_delete"),
    path("pemda/", views.government_settings, name="government"),
    path("pemda/logo.png", views.government_logo, name="government_logo"),
    path("impor/", views.import_page, name="import"),
    path("impor/templat/<slug:kind>.<slug:fmt>", views.import_template, name="import_template"),
    path("pengguna/", user_views.user_list, name="user_list"),
    path("pengguna/baru/", user_views.user_create, name="user_create"),
    path("pengguna/<int:pk>/", user_views.user_edit, name="user_edit"),
    path("pengguna/undang/", user_views.user_invite_many, name="user_invite_many"),
    path("pengguna/<int:pk>/undang/", user_views.user_invite, name="user_invite"),
    path("pengguna/<int:pk>/reset-kata-sandi/", user_views.user_reset_password, name="user_reset"),
]
