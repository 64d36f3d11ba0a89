"""The two methods taught to work-culture groups, seeded as template methods (no government):
TULTA (7 steps, QC story) and DELTA (8 steps, Gugus Kendali Mutu).

Used by migration 0002 and by :func:`ensure_template_methods`, which puts them back where a test
database was flushed. Changing this data changes only new databases; existing ones keep what
they have (methods are then edited as data, by copying).
"""

from __future__ import annotations

from typing import Any


def req(code: str, label: str, help_text: str = "") -> dict[str, str]:
    return {"code": code, "label": label, "help": help_text}


TULTA = [
    (
        "Menentukan tema",
        "Daftarkan masalah pelayanan yang dirasakan warga dan pegawai (curah pendapat), nilai "
        "setiap masalah dengan USG (Urgency, Seriousness, Growth; 1–5), lalu pastikan pilihan "
        "dengan data: lembar periksa dan diagram Pareto.",
        [
            req("masalah", "Daftar masalah hasil curah pendapat"),
            req("usg", "Penilaian USG dan masalah terpilih"),
            req("data", "Data pendukung (lembar periksa, Pareto)"),
            req("tema", "Tema terpilih dan alasannya"),
        ],
        ["brainstorming", "usg", "check_sheet", "pareto"],
    ),
    (
        "Memahami situasi dan menetapkan sasaran",
        "Gambarkan kondisi saat ini dengan data (stratifikasi, Pareto, histogram, grafik) dan "
        "tetapkan sasaran yang terukur, misalnya: turunkan waktu tunggu dari 45 menjadi 15 menit "
        "pada Juni.",
        [
            req("kondisi", "Kondisi saat ini berdasarkan data"),
            req("sasaran", "Sasaran terukur (dari … menjadi … pada …)"),
        ],
        ["check_sheet", "stratification", "pareto", "histogram", "control_chart"],
    ),
    (
        "Menyusun rencana kegiatan",
        "Susun jadwal kegiatan per langkah (diagram Gantt): minggu rencana dan realisasi.",
        [req("jadwal", "Rencana kegiatan dan jadwal (rencana dan realisasi)")],
        ["gantt"],
    ),
    (
        "Menganalisis akar masalah",
        "Kumpulkan penyebab di diagram tulang ikan (Manusia, Metode, Mesin/Sarana, Material, "
        "Lingkungan, Pengukuran), lalu buktikan penyebab dominan dengan data (stratifikasi, "
        "diagram tebar, Pareto penyebab; penilaian CARL).",
        [
            req("sebab", "Diagram sebab-akibat (tulang ikan)"),
            req("verifikasi", "Verifikasi penyebab dengan data"),
            req("dominan", "Penyebab dominan"),
        ],
        ["fishbone", "carl", "stratification", "scatter", "pareto"],
    ),
    (
        "Merencanakan dan melaksanakan perbaikan",
        "Pilih penanggulangan terbaik di antara alternatif (MEER: Mudah, Efektif, Efisien, "
        "Rasional), rencanakan dengan 5W1H, laksanakan, dan simpan buktinya (foto, catatan).",
        [
            req("alternatif", "Alternatif penanggulangan dan pemilihannya (MEER)"),
            req("rencana", "Rencana perbaikan 5W1H"),
            req("pelaksanaan", "Pelaksanaan perbaikan dan buktinya"),
        ],
        ["meer", "action_plan"],
    ),
    (
        "Mengevaluasi hasil",
        "Bandingkan sebelum dan sesudah pada indikator yang sama (Pareto sebelum/sesudah, grafik "
        "kendali dengan titik perubahan), nyatakan sasaran tercapai atau tidak, serta manfaat "
        "nyata dan tidak nyata.",
        [
            req("perbandingan", "Perbandingan sebelum dan sesudah"),
            req("sasaran_tercapai", "Sasaran tercapai atau tidak"),
            req("manfaat", "Manfaat nyata dan tidak nyata"),
        ],
        ["pareto", "control_chart", "histogram"],
    ),
    (
        "Standarisasi dan rencana berikutnya",
        "Jadikan perbaikan standar baru (SOP, daftar periksa, grafik kendali untuk pemantauan) "
        "dan tentukan tema berikutnya.",
        [
            req("standar", "Standar baru (SOP, daftar periksa)"),
            req("tema_berikutnya", "Tema berikutnya"),
        ],
        ["flowchart", "control_chart"],
    ),
]

DELTA = [
    (
        "Menentukan tema dan sasaran",
        "Pilih masalah mutu pelayanan dengan data dan tetapkan sasaran terukur.",
        [req("tema", "Tema dan alasannya"), req("sasaran", "Sasaran terukur")],
        ["brainstorming", "usg", "check_sheet", "pareto"],
    ),
    (
        "Menganalisis faktor penyebab",
        "Uraikan semua faktor penyebab dengan diagram tulang ikan.",
        [req("sebab", "Diagram sebab-akibat")],
        ["fishbone"],
    ),
    (
        "Menentukan penyebab dominan",
        "Buktikan penyebab dominan dengan data.",
        [req("dominan", "Penyebab dominan dan buktinya")],
        ["carl", "stratification", "scatter", "pareto"],
    ),
    (
        "Merencanakan perbaikan",
        "Susun rencana perbaikan 5W1H.",
        [req("rencana", "Rencana perbaikan 5W1H")],
        ["meer", "action_plan"],
    ),
    (
        "Melaksanakan perbaikan",
        "Laksanakan rencana dan simpan buktinya.",
        [req("pelaksanaan", "Pelaksanaan dan buktinya")],
        ["gantt"],
    ),
    (
        "Mengevaluasi hasil",
        "Bandingkan sebelum dan sesudah pada indikator yang sama.",
        [req("perbandingan", "Perbandingan sebelum dan sesudah"), req("manfaat", "Manfaat")],
        ["pareto", "control_chart", "histogram"],
    ),
    (
        "Menetapkan standar",
        "Tetapkan standar baru agar perbaikan bertahan.",
        [req("standar", "Standar baru")],
        ["flowchart", "control_chart"],
    ),
    (
        "Menentukan tema berikutnya",
        "Tentukan masalah yang akan diselesaikan berikutnya.",
        [req("tema_berikutnya", "Tema berikutnya")],
        [],
    ),
]

METHODS = [
    ("tulta", "TULTA — Tujuh Langkah Tujuh Alat", "Alur QC story tujuh langkah.", TULTA),
    (
        "delta",
        "DELTA — Delapan Langkah (Gugus Kendali Mutu)",
        "Delapan langkah GKM yang lazim di rumah sakit dan puskesmas.",
        DELTA,
    ),
]


def ensure_template_methods(method_model: Any = None, step_model: Any = None) -> int:
    """Create the template methods that are missing; returns how many were created."""
    if method_model is None:
        from .models import Method, MethodStep

        method_model, step_model = Method, MethodStep
    created_count = 0
    for code, name, description, steps in METHODS:
        method, created = method_model.objects.get_or_create(
            government=None, code=code, defaults={"name": name, "description": description}
        )
        if not created:
            continue
        created_count += 1
        for number, (title, guidance, requirements, tools) in enumerate(steps, start=1):
            step_model.objects.create(
                method=method,
                number=number,
                title=title,
                guidance=guidance,
                requirements=requirements,
                suggested_tools=tools,
            )
    return created_count
