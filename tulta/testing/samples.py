"""A full risalah written through the real services, for the document tests and the benchmark:
seven steps with narratives (lists, tables, non-Latin-1 text), twelve chart artefacts and a 5W1H
table, meetings and attachments. Also a stand-in chart drawer for when ``tulta.charts`` is not
installed yet."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from tulta.accounts.models import Role, User
from tulta.documents.services import risalah_submit_final
from tulta.factories import MembershipFactory, TeamFactory, UnitFactory, UserFactory
from tulta.organizations.models import Government, Membership, Team, Unit
from tulta.risalah import artefacts, attachments, services
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import Method, Programme, Risalah, RisalahStep

UNICODE = "Rp 1.250.000 — ✓ ≥ ü ş 漢"
CONTROL = [45, 47, 44, 46, 48, 45, 43, 46, 47, 45, 20, 18, 17]  # 45,6 before; 18,3 after
# step number -> [(tool, title, rows, options)]: twelve charts and one 5W1H table
ARTEFACTS: dict[int, list[tuple[str, str, list[list[str]], dict[str, str]]]] = {
    1: [
        ("usg", "Penilaian USG masalah", [
            ["Antrean KTP-el", "Siti", "5", "4", "4"], ["Antrean KTP-el", "Agus", "4", "4", "3"],
            ["Berkas kurang", "Siti", "3", "3", "2"], ["Sistem lambat", "Agus", "2", "3", "2"],
        ], {}),
        ("check_sheet", "Lembar periksa keluhan dua minggu", [
            ["Berkas kurang", "Senin", "12"], ["Antre", "Senin", "30"],
            ["Berkas kurang", "Selasa", "9"], ["Antre", "Selasa", "26"],
            ["Sistem lambat", "Rabu", "7"],
        ], {}),
        ("pareto", "Pareto keluhan warga", [
            ["Antrean panjang", "120", ""], ["Berkas kurang", "60", ""],
            ["Sistem lambat", "20", ""], ["Petugas tidak ramah", "8", ""],
        ], {}),
    ],
    2: [
        ("stratification", "Waktu tunggu per loket", [
            ["42", "Loket 1"], ["38", "Loket 1"], ["47", "Loket 1"],
            ["20", "Loket 2"], ["25", "Loket 2"], ["22", "Loket 2"],
        ], {"unit": "menit"}),
        ("histogram", "Sebaran waktu tunggu", [
            [str(v)] for v in (40, 42, 45, 47, 44, 41, 50, 39, 46, 43, 48, 44)
        ], {"unit": "menit"}),
    ],
    3: [
        ("gantt", "Jadwal kegiatan", [
            ["Menentukan tema", "1-2", "1-2"], ["Memahami situasi", "3-4", "3-5"],
            ["Menyusun rencana", "5", "6"], ["Analisis akar masalah", "6-7", "7-8"],
            ["Perbaikan", "8-11", "9-12"], ["Evaluasi", "12-13", "13-14"],
            ["Standarisasi", "14", ""],
        ], {}),
    ],
    4: [
        ("fishbone", "Sebab antrean panjang", [
            ["Manusia", "Petugas belum terlatih", "Tidak ada pelatihan"],
            ["Metode", "Verifikasi berkas manual", "Tidak ada daftar periksa"],
            ["Mesin/Sarana", "Satu printer", ""], ["Lingkungan", "Ruang tunggu sempit", ""],
        ], {"effect": "Waktu tunggu KTP-el lama"}),
        ("scatter", "Jumlah berkas kurang vs waktu tunggu", [
            ["1", "10"], ["2", "12"], ["3", "15"], ["4", "19"], ["5", "22"],
        ], {"x_label": "berkas kurang", "y_label": "menit"}),
    ],
    5: [
        ("meer", "Pemilihan penanggulangan (MEER)", [
            ["Daftar periksa berkas", "", "5", "4", "4", "5"],
            ["Loket tambahan", "", "2", "4", "2", "3"],
        ], {}),
        ("action_plan", "Rencana 5W1H", [
            ["Daftar periksa berkas", "Berkas kurang", "Pintu masuk", "Maret 2026", "Satpam",
             "Cek sebelum antre", "Rp 1.250.000"],
        ], {}),
    ],
    6: [
        ("pareto", "Pareto keluhan sebelum dan sesudah", [
            ["Antrean panjang", "120", "sebelum"], ["Berkas kurang", "60", "sebelum"],
            ["Antrean panjang", "30", "sesudah"], ["Berkas kurang", "12", "sesudah"],
        ], {}),
        ("control_chart", "Peta kendali waktu tunggu", [
            ["", str(v), "", "", "sesudah" if i >= 10 else "sebelum"]
            for i, v in enumerate(CONTROL)
        ], {"unit": "menit", "change_label": "daftar periksa"}),
    ],
    7: [
        ("flowchart", "Alur layanan baru", [
            ["A", "Warga datang", "mulai", "B", ""],
            ["B", "Berkas lengkap?", "keputusan", "C, A", "ya"],
            ["C", "Cetak KTP-el", "selesai", "", ""],
        ], {}),
    ],
}  # fmt: skip

SECTION_HTML = {
    "masalah": "<ul><li>Antrean panjang pukul 08.00–10.00</li><li>Berkas warga sering kurang"
    "</li><li>Sistem sering lambat</li></ul>",
    "usg": "<table><thead><tr><th>Masalah</th><th>U</th><th>S</th><th>G</th><th>Jumlah</th>"
    "</tr></thead><tbody><tr><td>Antrean panjang</td><td>5</td><td>4</td><td>4</td><td>13</td>"
    "</tr><tr><td>Berkas kurang</td><td>4</td><td>3</td><td>3</td><td>10</td></tr></tbody>"
    "</table>",
    "data": "<p>Lembar periksa dua minggu mencatat <strong>312 keluhan</strong>; 78% tentang "
    "antrean.</p>",
    "tema": f"<p>Tema terpilih karena paling dirasakan warga. Biaya warga: {UNICODE}.</p>",
    "kondisi": "<p>Rata-rata waktu tunggu 45 menit (n = 240 warga, Januari 2026).</p>",
    "sasaran": "<p>Turunkan waktu tunggu dari 45 menjadi 15 menit pada Juni 2026.</p>",
    "jadwal": "<p>Rencana dan realisasi kegiatan per langkah tercatat dalam jadwal mingguan.</p>",
    "sebab": "<h3>Enam faktor</h3><ol><li>Manusia: petugas bergantian istirahat.</li><li>"
    "Metode: verifikasi manual.</li></ol>",
    "verifikasi": "<p>Stratifikasi per jam: <em>70% antrean</em> pukul 08.00–10.00.</p>",
    "dominan": "<p>Verifikasi berkas manual di loket.</p>",
    "alternatif": "<p>Daftar periksa berkas di pintu masuk dipilih (MEER tertinggi).</p>",
    "rencana": "<p>What: daftar periksa; Who: satpam terlatih; When: Maret.</p>",
    "pelaksanaan": "<p>Dilaksanakan sejak 3 Maret 2026; foto kegiatan terlampir.</p>",
    "perbandingan": "<p>Waktu tunggu turun dari 45,6 menjadi 18,3 menit (−59,8%).</p>",
    "sasaran_tercapai": "<p>Sasaran hampir tercapai (target 15 menit).</p>",
    "manfaat": "<p>Warga menunggu lebih singkat; petugas tidak lembur; hemat Rp 1.250.000 "
    "per bulan.</p>",
    "standar": "<p>SOP verifikasi berkas di pintu masuk ditetapkan.</p>",
    "tema_berikutnya": "<p>Mempercepat pencetakan KTP-el.</p>",
}


@dataclass
class Cast:
    government: Government
    admin: User
    team: Team
    chair: User


def tulta_programme(government: Government, admin: User, name: str = "") -> Programme:
    ensure_template_methods()
    return services.programme_create(
        actor=admin,
        government=government,
        name=name or "Program Budaya Kerja 2026",
        year=2026,
        method=Method.objects.get(government=None, code="tulta"),
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        deadlines={n: dt.date(2026, 1 + n, 1) for n in range(1, 8)},
    )


def sample_team(government: Government, *, name: str, unit: Unit | None = None) -> Cast:
    """A team of five (fasilitator, ketua, sekretaris, two anggota) in ``unit``."""
    unit = unit or UnitFactory(government=government, name=f"Dinas {name}")
    team = TeamFactory(unit=unit, name=name)
    chair = UserFactory(government=government, unit=unit, full_name=f"Ketua {name}")
    MembershipFactory(team=team, user=chair, role=Membership.Role.KETUA)
    for role, full_name in (
        (Membership.Role.FASILITATOR, f"Fasilitator {name}"),
        (Membership.Role.SEKRETARIS, f"Sekretaris {name}"),
        (Membership.Role.ANGGOTA, f"Anggota Satu {name}"),
        (Membership.Role.ANGGOTA, f"Anggota Dua {name}"),
    ):
        MembershipFactory(
            team=team,
            user=UserFactory(government=government, unit=unit, full_name=full_name),
            role=role,
        )
    admin = User.objects.filter(
        government=government, role_grants__role=Role.PROGRAMME_ADMIN
    ).first() or UserFactory(government=government, roles=[Role.PROGRAMME_ADMIN])
    return Cast(government, admin, team, chair)


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 220, 240)).save(buffer, "PNG")
    return buffer.getvalue()


def write_risalah(
    cast: Cast,
    programme: Programme,
    *,
    tema: str = "Waktu tunggu KTP-el terlalu lama",
    final: bool = True,
    artefact_steps: dict[int, list[tuple[str, str, list[list[str]], dict[str, str]]]] | None = None,
) -> Risalah:
    """Start, fill, approve every step of and (with ``final``) finalise a risalah, as a team
    and its reviewer would."""
    chair, admin = cast.chair, cast.admin
    risalah = services.risalah_start(
        actor=chair,
        team=cast.team,
        programme=programme,
        tema=tema,
        judul="Menurunkan waktu tunggu KTP-el dari 45 menjadi 15 menit pada Juni 2026",
        indicator_name="waktu tunggu KTP-el",
        indicator_unit="menit",
    )
    members = [m.user for m in cast.team.memberships.select_related("user")]
    for day, minutes in ((dt.date(2026, 1, 10), 90), (dt.date(2026, 2, 7), 60)):
        services.meeting_save(
            actor=chair, risalah=risalah, attendees=members[:4], held_on=day,
            duration_minutes=minutes, place="Ruang rapat", agenda="Membahas data antrean",
        )  # fmt: skip
    attachments.attachment_add(
        actor=chair, risalah=risalah, data=b"%PDF-1.4 sk", name="sk.pdf", kind="sk",
        title="SK pembentukan KBK",
    )  # fmt: skip
    attachments.attachment_add(
        actor=chair, risalah=risalah, data=png_bytes(), name="foto.png", kind="photo",
        title="Foto pelaksanaan daftar periksa",
    )  # fmt: skip
    plan = ARTEFACTS if artefact_steps is None else artefact_steps
    for step in risalah.steps.select_related("method_step").order_by("number"):
        step.risalah = risalah
        sections = {
            r["code"]: SECTION_HTML.get(r["code"], "<p>Uraian langkah.</p>")
            for r in step.method_step.requirements
        }
        step = services.step_save(actor=chair, step=step, sections=sections, base_version=0)
        step.risalah = risalah
        for tool, title, rows, options in plan.get(step.number, []):
            artefact = artefacts.artefact_create(actor=chair, step=step, tool=tool, title=title)
            artefact.step = step
            artefacts.artefact_save(
                actor=chair, artefact=artefact, rows=rows, options=options, title=title,
                base_version=artefact.version,
            )  # fmt: skip
        services.step_submit(actor=chair, step=step)
        services.step_approve(actor=admin, step=step)
    if final:
        risalah_submit_final(actor=chair, risalah=risalah)
    risalah.refresh_from_db()
    return risalah


def step_of(risalah: Risalah, number: int) -> RisalahStep:
    step = risalah.steps.select_related("method_step").get(number=number)
    step.risalah = risalah
    return step
