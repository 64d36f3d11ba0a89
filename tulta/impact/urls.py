from __future__ import annotations

from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("risalah/<int:pk>/indikator/", views.indicator_list, name="indicators"),
    path("risalah/<int:pk>/indikator/baru/", views.indicator_create, name="indicator_create"),
    path(
        "risalah/<int:pk>/indikator/<int:indicator_pk>/ubah/",
        views.indicator_edit,
        name="indicator_edit",
    ),
    path(
        "risalah/<int:pk>/indikator/<int:indicator_pk>/data.csv",
        views.indicator_data,
        name="indicator_data",
    ),
    path(
        "risalah/<int:pk>/indikator/<int:indicator_pk>/hapus/",
        views.indicator_delete,
        name="indicator_delete",
    ),
    path(
        "risalah/<int:pk>/indikator/<int:indicator_pk>/manfaat/",
        views.benefit_claim,
        name="benefit_claim",
    ),
    path(
        "risalah/<int:pk>/indikator/<int:indicator_pk>/ukur-ulang/<int:months>/",
        views.follow_up_record,
        name="follow_up_record",
    ),
    path("manfaat/verifikasi/", views.benefit_queue, name="benefit_queue"),
    path("manfaat/<int:pk>/verifikasi/", views.benefit_verify, name="benefit_verify"),
    path("manfaat/<int:pk>/kembalikan/", views.benefit_return, name="benefit_return"),
    path("manfaat/<int:pk>/bukti/<str:which>/", views.benefit_document, name="benefit_document"),
    path("risalah/<int:pk>/terbitkan/", views.publish, name="publish"),
    path("risalah/<int:pk>/tarik/", views.unpublish, name="unpublish"),
    path("dampak/", views.ledger, name="ledger"),
    path("dampak/buku-dampak.xlsx", views.ledger_xlsx, name="ledger_xlsx"),
    path("karya/", views.showcase_list, name="showcase"),
    path("karya/<int:pk>/", views.showcase_detail, name="showcase_detail"),
    path("karya/<int:pk>/tiru/", views.replicate, name="replicate"),
    path("risalah/<int:pk>/peniruan/", views.replication_update, name="replication_update"),
]
