from __future__ import annotations

from django.urls import path

from . import views

app_name = "competitions"

J = "lomba/babak/<int:round_pk>/peserta/<int:entry_pk>/"

urlpatterns = [
    path("lomba/", views.competition_list, name="list"),
    path("lomba/baru/", views.competition_create, name="create"),
    path("lomba/<int:pk>/", views.competition_detail, name="detail"),
    path("lomba/<int:pk>/pengaturan/", views.competition_settings, name="settings"),
    path("lomba/<int:pk>/babak-baru/", views.round_create, name="round_create"),
    path("lomba/babak/<int:pk>/daftar-pendek/", views.shortlist, name="shortlist"),
    path("lomba/<int:pk>/daftar/", views.entry_create, name="entry_create"),
    path("lomba/<int:pk>/suara/", views.vote, name="vote"),
    path("lomba/hasil/", views.results_index, name="results_index"),
    path("lomba/<int:pk>/hasil/", views.public_results, name="public_results"),
    path("lomba/<int:pk>/piagam.zip", views.certificates_zip, name="certificates_zip"),
    path("lomba/<int:pk>/hasil.xlsx", views.results_download, name="results_download"),
    path("lomba/peserta/<int:pk>/periksa/", views.entry_check, name="entry_check"),
    path("lomba/peserta/<int:pk>/nilai/", views.team_scores, name="team_scores"),
    path("lomba/babak/<int:pk>/hasil/", views.round_results, name="round_results"),
    path("lomba/babak/<int:pk>/jadwal/", views.schedule, name="schedule"),
    path("lomba/babak/<int:pk>/panggung/", views.stage, name="stage"),
    path("lomba/babak/<int:pk>/panggung/sekarang/", views.stage_now, name="stage_now"),
    path("lomba/babak/<int:pk>/penugasan/tambah/", views.assignment_add, name="assignment_add"),
    path("lomba/penugasan/<int:pk>/hapus/", views.assignment_remove, name="assignment_remove"),
    path(
        "lomba/penugasan/<int:pk>/keluarkan/", views.assignment_exclude, name="assignment_exclude"
    ),
    path("lomba/babak/<int:pk>/tutup/", views.round_close, name="round_close"),
    path("lomba/babak/<int:pk>/buka-kembali/", views.round_reopen, name="round_reopen"),
    path("lomba/penugasan/<int:pk>/tetap-hitung/", views.assignment_count, name="assignment_count"),
    path("lomba/babak/<int:pk>/rapat/", views.rapat, name="rapat"),
    path("lomba/babak/<int:pk>/rapat/ketua/", views.rapat_chair, name="rapat_chair"),
    path("lomba/babak/<int:pk>/rapat/sesuaikan/", views.rapat_adjust, name="rapat_adjust"),
    path("lomba/babak/<int:pk>/rapat/kunci/", views.rapat_lock, name="rapat_lock"),
    path("lomba/babak/<int:pk>/selesai/", views.judge_done, name="judge_done"),
    path("lomba/babak/<int:pk>/penghargaan-khusus/", views.special_award, name="special_award"),
    path("lomba/peserta/<int:pk>/umpan-balik.pdf", views.feedback_pdf, name="feedback_pdf"),
    # The catch-all for the organiser's round actions stays after the named round pages.
    path("lomba/babak/<int:pk>/<slug:action>/", views.round_action, name="round_action"),
    path("penilaian/", views.judge_list, name="judge_list"),
    path(J, views.judge_entry, name="judge_entry"),
    path(J + "nilai/", views.score_save, name="score_save"),
    path(J + "catatan/", views.comment_save, name="comment_save"),
    path(J + "benturan/", views.conflict_declare, name="conflict_declare"),
    path(J + "umpan-balik/", views.feedback_save, name="feedback_save"),
    path("piagam/<int:pk>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("piagam/cek/<str:code>/", views.certificate_check, name="certificate_check"),
]
