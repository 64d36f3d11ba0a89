from __future__ import annotations

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("risalah/<int:pk>/final/", views.risalah_submit_final, name="risalah_final"),
    path("risalah/<int:pk>/dokumen.<str:fmt>", views.risalah_file, name="risalah_file"),
    path("program/<int:pk>/buku/", views.book_page, name="book"),
    path("program/<int:pk>/buku/buat/", views.book_create, name="book_create"),
    path("program/<int:pk>/buku/<int:book_pk>/status/", views.book_status, name="book_status"),
    path("program/<int:pk>/buku/<int:book_pk>/unduh/", views.book_download, name="book_download"),
]
