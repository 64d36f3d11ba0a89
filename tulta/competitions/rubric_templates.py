"""The seeded rubric templates (government = None): the 100-point risalah rubric of circle
conventions, the kreatif rubric and the 70% substance / 30% presentation scheme. Idempotent;
called from a data migration and from tests whose database was flushed."""

from __future__ import annotations

from typing import Any

LEVELS_0_10 = [
    {"min": 0, "max": 3, "text": "Kurang: tidak ada atau sangat sedikit bukti/data."},
    {"min": 4, "max": 6, "text": "Cukup: ada, tetapi belum lengkap atau belum didukung data."},
    {"min": 7, "max": 8, "text": "Baik: lengkap dan didukung data."},
    {"min": 9, "max": 10, "text": "Sangat baik: lengkap, runtut, data kuat, dapat ditiru."},
]

TEMPLATES: list[dict[str, Any]] = [
    {
        "code": "risalah-100",
        "name": "Rubrik risalah 100 poin",
        "description": "Dipakai pada konvensi gugus: total bobot 100.",
        "criteria": [
            ("pendahuluan", "Pendahuluan", 5),
            ("pemilihan-tema", "Pemilihan masalah dan sasaran", 15),
            ("analisis-penyebab", "Analisis penyebab", 25),
            ("perbaikan", "Solusi dan pelaksanaan perbaikan", 20),
            ("standarisasi", "Pemantauan dan standarisasi", 10),
            ("hasil", "Hasil dan manfaat", 20),
            ("presentasi", "Presentasi", 5),
        ],
    },
    {
        "code": "kreatif",
        "name": "Rubrik KBK kreatif",
        "description": "Yel-yel, atraksi, kostum, kekompakan.",
        "criteria": [
            ("yel-yel", "Yel-yel", 25),
            ("atraksi", "Atraksi", 25),
            ("kostum", "Kostum", 25),
            ("kekompakan", "Kekompakan", 25),
        ],
    },
    {
        "code": "substansi-70-30",
        "name": "Substansi 70% / presentasi 30%",
        "description": "Skema lomba inovasi provinsi.",
        "criteria": [
            ("substansi", "Substansi", 70),
            ("presentasi", "Presentasi dan wawancara", 30),
        ],
    },
]


def ensure_template_rubrics(rubric_model: Any = None, criterion_model: Any = None) -> None:
    if rubric_model is None or criterion_model is None:
        from .models import Criterion, Rubric

        rubric_model, criterion_model = Rubric, Criterion
    for spec in TEMPLATES:
        rubric, _created = rubric_model.objects.get_or_create(
            government=None,
            code=spec["code"],
            defaults={"name": spec["name"], "description": spec["description"]},
        )
        for position, (code, name, weight) in enumerate(spec["criteria"], start=1):
            criterion_model.objects.get_or_create(
                rubric=rubric,
                code=code,
                defaults={
                    "name": name,
                    "weight": weight,
                    "min_score": 0,
                    "max_score": 10,
                    "levels": LEVELS_0_10,
                    "position": position,
                },
            )
