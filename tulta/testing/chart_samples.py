"""Sample data for every tool, as a KBK at a civil registry office (Disdukcapil) would enter it.

Used by the tests, the screenshots and ``bench/bench_charts.py``. The numbers are chosen so the
readings can be checked by hand (see the tests).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tulta import charts
from tulta.charts import Chart
from tulta.stats import control_chart, histogram, pareto, score, stratify, tally

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat")

#: Complaints per cause: total 125, so the top cause is 37/125 = 29,6%; cumulative 29,6 / 56,0
#: / 76,0 / 88,0 / 96,0 / 100,0%; the vital few (to 80%) are the first four.
COMPLAINTS = {
    "Berkas persyaratan tidak lengkap": 37,
    "Antrean panjang di loket pelayanan": 33,
    "Petugas tidak ada di tempat": 25,
    "Salah ketik data pada dokumen": 15,
    "Sistem daring sering gangguan": 10,
    "Lainnya": 5,
}
AFTER = {
    "Berkas persyaratan tidak lengkap": 6,
    "Antrean panjang di loket pelayanan": 12,
    "Petugas tidak ada di tempat": 5,
    "Salah ketik data pada dokumen": 7,
    "Sistem daring sering gangguan": 8,
    "Lainnya": 4,
}

#: Waiting times (minutes): 20 before the improvement, 10 after; two after it fall below the
#: lower control limit.
WAIT_BEFORE = [44, 47, 43, 46, 45, 48, 42, 46, 44, 45, 47, 43, 46, 44, 45, 46, 43, 47, 44, 45]
WAIT_AFTER = [43, 44, 30, 45, 42, 29, 44, 43, 45, 44]
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def dates(n: int, first_day: int = 10, month: int = 2) -> list[str]:
    """n consecutive working-day labels "10 Feb", ... (weekends skipped, 28-day February)."""
    out, day, m, weekday = [], first_day, month, 0
    lengths = {2: 28, 3: 31, 4: 30}
    while len(out) < n:
        if weekday < 5:
            out.append(f"{day} {MONTHS[m - 1]}")
        weekday = (weekday + 1) % 7
        day += 1
        if day > lengths.get(m, 31):
            day, m = 1, m + 1
    return out


def check_sheet() -> Chart:
    records = []
    for i, cause in enumerate(COMPLAINTS):
        for j, day in enumerate(DAYS):
            records += [{"jenis": cause, "hari": day}] * ((i * 3 + j * 5) % 7 + 1)
    return charts.check_sheet(
        tally(records, ["jenis", "hari"]),
        row_title="Jenis keluhan",
        col_title="hari",
        unit="keluhan",
    )


def stratification() -> Chart:
    rng = np.random.default_rng(7)
    counters = ["Loket 1 (pendaftaran)", "Loket 2 (verifikasi berkas)", "Loket 3 (pencetakan)"]
    values, strata = [], []
    for i, name in enumerate(counters):
        values += list(np.round(rng.normal(20 + 9 * i, 4, 15), 1))
        strata += [name] * 15
    return charts.stratification(
        stratify(values, strata), measure="Waktu tunggu", factor="loket", unit="menit"
    )


def pareto_chart() -> Chart:
    return charts.pareto(
        pareto(list(COMPLAINTS), list(COMPLAINTS.values())), item="penyebab", unit="keluhan"
    )


def pareto_pair() -> Chart:
    return charts.pareto_before_after(COMPLAINTS, AFTER, item="penyebab", unit="keluhan")


def fishbone() -> Chart:
    return charts.fishbone(
        "Waktu tunggu pelayanan KTP elektronik lebih dari 60 menit",
        {
            "Manusia": [
                "Petugas loket sering terlambat datang karena apel pagi",
                {
                    "text": "Petugas belum paham persyaratan terbaru",
                    "sub": ["Tidak ada sosialisasi", "Rotasi pegawai"],
                },
            ],
            "Metode": [
                "Tidak ada daftar periksa berkas",
                "Alur pelayanan berbelit dan harus bolak-balik antarloket",
            ],
            "Mesin/Sarana": ["Printer sering macet", "Jaringan internet lambat pada jam sibuk"],
            "Material": ["Formulir permohonan kurang jelas"],
            "Lingkungan": ["Ruang tunggu sempit dan panas"],
            "Pengukuran": ["Waktu tunggu tidak pernah diukur"],
        },
    )


def histogram_chart() -> Chart:
    rng = np.random.default_rng(11)
    values = np.round(rng.normal(42, 8, 80), 1)
    return charts.histogram(
        histogram(values), lsl=20, usl=60, target=40, x_label="Waktu tunggu", unit="menit"
    )


def scatter_chart() -> Chart:
    rng = np.random.default_rng(5)
    x = np.round(rng.uniform(5, 40, 25), 0)
    y = np.round(10 + 1.2 * x + rng.normal(0, 6, 25), 1)
    return charts.scatter(
        list(x),
        list(y),
        x_label="Jumlah berkas masuk",
        y_label="Waktu proses",
        x_unit="berkas",
        y_unit="menit",
    )


def run_chart() -> Chart:
    values = [*WAIT_BEFORE[:12], 31, 29, 33, 30, 28, 32, 30, 29]
    return charts.run_chart(
        values,
        x_labels=[f"Minggu {i + 1}" for i in range(20)],
        change_at=12,
        target=30,
        y_label="Waktu tunggu",
        unit="menit",
    )


def control() -> Chart:
    cc = control_chart(WAIT_BEFORE, "individuals", newdata=WAIT_AFTER)
    return charts.control_chart(
        cc,
        x_labels=dates(30),
        change_label="Perbaikan: daftar periksa berkas",
        y_label="Waktu tunggu",
        unit="menit",
    )


def scoring() -> Chart:
    return charts.scoring_matrix(
        score(
            {
                "Antrean panjang di loket pelayanan KTP": (5, 4, 4),
                "Berkas persyaratan sering hilang": (4, 5, 3),
                "Informasi persyaratan tidak jelas": (3, 3, 3),
                "Petugas sering terlambat datang": (4, 4, 4),
            },
            "usg",
        )
    )


STEPS = [
    {"step": "Menentukan tema", "planned": [1, 2], "actual": [1, 2]},
    {"step": "Memahami situasi dan menetapkan sasaran", "planned": [2, 3], "actual": [2, 3, 4]},
    {"step": "Menyusun rencana kegiatan", "planned": [4], "actual": [4]},
    {"step": "Menganalisis akar masalah", "planned": [5, 6], "actual": [6, 7]},
    {
        "step": "Merencanakan dan melaksanakan perbaikan",
        "planned": [7, 8, 9, 10],
        "actual": [8, 9, 10],
    },
    {"step": "Mengevaluasi hasil", "planned": [11, 12], "actual": [11, 12]},
    {"step": "Standarisasi dan rencana berikutnya", "planned": [13], "actual": []},
]


def gantt() -> Chart:
    return charts.gantt(STEPS)


PLAN = [
    {
        "what": "Membuat daftar periksa persyaratan berkas",
        "why": "Berkas sering tidak lengkap sehingga ditolak",
        "where": "Loket pendaftaran",
        "when": "Minggu ke-1 Maret 2024",
        "who": "Sekretaris KBK",
        "how": "Menyusun daftar periksa bersama petugas loket dan memasangnya di papan informasi",
        "how_much": 250_000,
    },
    {
        "what": "Memasang mesin nomor antrean",
        "why": "Antrean tidak tertib",
        "where": "Ruang tunggu",
        "when": "Minggu ke-2 Maret 2024",
        "who": "Ketua KBK",
        "how": "Pengadaan mesin antrean",
        "how_much": 3_500_000,
    },
    {
        "what": "Pelatihan petugas",
        "why": "Petugas belum paham SOP baru",
        "where": "Aula kantor",
        "when": "April 2024",
        "who": "Fasilitator",
        "how": "Pelatihan setengah hari",
    },
]


def action_plan() -> Chart:
    return charts.action_plan(PLAN)


NODES = [
    {"id": "mulai", "text": "Pemohon datang", "kind": "start"},
    {"id": "antre", "text": "Ambil nomor antrean", "kind": "step"},
    {"id": "periksa", "text": "Petugas memeriksa kelengkapan berkas", "kind": "step"},
    {"id": "lengkap", "text": "Berkas lengkap?", "kind": "decision"},
    {"id": "kembali", "text": "Kembalikan berkas dengan daftar kekurangan", "kind": "step"},
    {"id": "input", "text": "Input data ke SIAK", "kind": "step"},
    {"id": "cetak", "text": "Cetak dokumen", "kind": "step"},
    {"id": "selesai", "text": "Dokumen diserahkan", "kind": "end"},
]
EDGES = [
    {"from": "mulai", "to": "antre"},
    {"from": "antre", "to": "periksa"},
    {"from": "periksa", "to": "lengkap"},
    {"from": "lengkap", "to": "input", "label": "Ya"},
    {"from": "lengkap", "to": "kembali", "label": "Tidak"},
    {"from": "kembali", "to": "antre"},
    {"from": "input", "to": "cetak"},
    {"from": "cetak", "to": "selesai"},
]


def flowchart() -> Chart:
    return charts.flowchart(NODES, EDGES, title="Diagram alir pelayanan KTP elektronik")


IDEAS = [
    {"text": "Petugas loket sering terlambat datang karena apel pagi", "category": "Manusia"},
    {"text": "Petugas belum paham persyaratan terbaru", "category": "Manusia"},
    {"text": "Tidak ada daftar periksa berkas", "category": "Metode"},
    {"text": "Alur pelayanan berbelit dan harus bolak-balik antarloket", "category": "Metode"},
    {"text": "Nomor antrean ditulis tangan", "category": "Metode"},
    {"text": "Printer sering macet", "category": "Mesin/Sarana"},
    {"text": "Jaringan internet lambat pada jam sibuk", "category": "Mesin/Sarana"},
    {"text": "Ruang tunggu sempit dan panas", "category": "Lingkungan"},
    {"text": "Formulir kurang jelas", "category": "Material"},
    {"text": "Waktu tunggu tidak pernah diukur", "category": "Pengukuran"},
]


def brainstorm() -> Chart:
    return charts.brainstorm(IDEAS, topic="Mengapa waktu tunggu pelayanan KTP lama?")


#: One sample per tool, by the file name of its screenshot.
SAMPLES: dict[str, Callable[[], Chart]] = {
    "check_sheet": check_sheet,
    "stratification": stratification,
    "pareto": pareto_chart,
    "pareto_before_after": pareto_pair,
    "fishbone": fishbone,
    "histogram": histogram_chart,
    "scatter": scatter_chart,
    "run_chart": run_chart,
    "control_chart": control,
    "scoring_matrix": scoring,
    "gantt": gantt,
    "action_plan": action_plan,
    "flowchart": flowchart,
    "brainstorm": brainstorm,
}


def pareto_long_names() -> Chart:
    causes = [
        "Persyaratan administrasi kependudukan tidak lengkap",
        "Pemohon tidak membawa dokumen asli untuk verifikasi",
        "Antrean menumpuk pada jam istirahat siang",
        "Sistem informasi administrasi kependudukan tidak dapat diakses",
        "Blangko kartu tanda penduduk elektronik habis",
        "Petugas perekaman sedang mengikuti kegiatan di luar kantor",
        "Kesalahan penulisan nama pada formulir permohonan",
        "Pemohon salah datang ke kecamatan yang bukan domisilinya",
        "Lainnya",
    ]
    counts = [212, 160, 96, 70, 41, 33, 20, 12, 8]
    return charts.pareto(dict(zip(causes, counts, strict=True)), item="penyebab", unit="berkas")


def fishbone_200() -> Chart:
    causes = {
        c: [
            f"Penyebab nomor {i + 1} pada kategori {c}" for i in range(34 if c != "Manusia" else 30)
        ]
        for c in charts.DEFAULT_CATEGORIES
    }
    return charts.fishbone("Waktu tunggu pelayanan KTP lebih dari 60 menit", causes)


def check_sheet_month() -> Chart:
    data = {
        cause: {str(day): (day * (k + 2)) % 9 for day in range(1, 32)}
        for k, cause in enumerate(COMPLAINTS)
    }
    return charts.check_sheet(data, row_title="Jenis keluhan", col_title="tanggal", unit="keluhan")


def control_2000() -> Chart:
    rng = np.random.default_rng(20240601)
    cc = control_chart(rng.normal(45.0, 5.0, 1500), "individuals", newdata=rng.normal(40, 5, 500))
    return charts.control_chart(cc, unit="menit", y_label="Waktu tunggu")


def p_chart() -> Chart:
    rng = np.random.default_rng(8)
    sizes = rng.integers(40, 160, 30)
    cc = control_chart(rng.binomial(sizes, 0.1), "p", sizes=sizes, rules=("we1", "we2", "we4"))
    return charts.control_chart(cc, x_labels=dates(30), y_label="Berkas ditolak")


#: Harder cases (long names, many causes, many columns, many points, varying limits).
STRESS: dict[str, Callable[[], Chart]] = {
    "pareto_long_names": pareto_long_names,
    "fishbone_200": fishbone_200,
    "check_sheet_month": check_sheet_month,
    "control_chart_2000": control_2000,
    "control_chart_p": p_chart,
}
