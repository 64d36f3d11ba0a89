from __future__ import annotations

from django.urls import path

from . import artefact_views, views

app_name = "risalah"

urlpatterns = [
    path("program/", views.programme_list, name="programme_list"),
    path("program/baru/", views.programme_create, name="programme_create"),
    path("program/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("program/<int:pk>/ubah/", views.programme_edit, name="programme_edit"),
    path("program/<int:pk>/batas-waktu/", views.programme_deadlines, name="programme_deadlines"),
    path("metode/", views.method_list, name="method_list"),
    path("metode/<int:pk>/", views.method_detail, name="method_detail"),
    path("metode/<int:pk>/salin/", views.method_copy, name="method_copy"),
    path("metode/<int:pk>/langkah/<int:number>/", views.method_step_edit, name="method_step_edit"),
    path("risalah/", views.risalah_list, name="list"),
    path("risalah/baru/", views.risalah_start, name="start"),
    path("risalah/<int:pk>/", views.risalah_detail, name="detail"),
    path("risalah/<int:pk>/ubah/", views.risalah_edit, name="edit"),
    path("risalah/<int:pk>/langkah/<int:number>/", views.step_detail, name="step"),
    path(
        "risalah/<int:pk>/langkah/<int:number>/autosave/", views.step_autosave, name="step_autosave"
    ),
    path("risalah/<int:pk>/langkah/<int:number>/ajukan/", views.step_submit, name="step_submit"),
    path("risalah/<int:pk>/langkah/<int:number>/tinjau/", views.step_review, name="step_review"),
    path(
        "risalah/<int:pk>/langkah/<int:number>/komentar/", views.step_comment, name="step_comment"
    ),
    path(
        "risalah/<int:pk>/langkah/<int:number>/versi/<int:version>/pulihkan/",
        views.step_restore,
        name="step_restore",
    ),
    path(
        "risalah/<int:pk>/langkah/<int:number>/alat/pilih-grafik/",
        artefact_views.tool_chooser,
        name="tool_chooser",
    ),
    path(
        "risalah/<int:pk>/langkah/<int:number>/alat/baru/",
        artefact_views.artefact_create,
        name="artefact_create",
    ),
    path(
        "risalah/<int:pk>/langkah/<int:number>/alat/<int:artefact_pk>/",
        artefact_views.artefact_detail,
        name="artefact",
    ),
    path(
        "risalah/<int:pk>/langkah/<int:number>/alat/<int:artefact_pk>/impor/",
        artefact_views.artefact_import,
        name="artefact_import",
    ),
    path(
        "risalah/<int:pk>/langkah/<int:number>/alat/<int:artefact_pk>/data.xlsx",
        artefact_views.artefact_export,
        name="artefact_export",
    ),
    path(
        "risalah/<int:pk>/langkah/<int:number>/alat/<int:artefact_pk>/hapus/",
        artefact_views.artefact_delete,
        name="artefact_delete",
    ),
    path("risalah/<int:pk>/rapat/baru/", views.meeting_form, name="meeting_create"),
    path("risalah/<int:pk>/rapat/<int:meeting_pk>/", views.meeting_form, name="meeting_edit"),
    path(
        "risalah/<int:pk>/rapat/<int:meeting_pk>/hapus/",
        views.meeting_delete,
        name="meeting_delete",
    ),
    path("risalah/<int:pk>/lampiran/", views.attachment_upload, name="attachment_upload"),
    path(
        "risalah/<int:pk>/lampiran/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "risalah/<int:pk>/lampiran/<int:attachment_pk>/hapus/",
        views.attachment_delete,
        name="attachment_delete",
    ),
]
