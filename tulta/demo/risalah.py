"""Demo programme for the demo city: a TULTA programme for 2026 with risalah in every state, so
the pages show real work (some final, some waiting for review, some returned, some not started).
Deterministic and idempotent; called by ``manage.py seed_demo``."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone, translation

from tulta.accounts.models import User
from tulta.core.formatting import angka, rupiah, satuan
from tulta.documents.services import risalah_submit_final
from tulta.organizations.models import Government, Membership, Team
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import (
    Method,
    Programme,
    Risalah,
    RisalahStep,
    StepComment,
    StepDeadline,
    StepVersion,
    ToolArtefact,
)
from tulta.stats.formatting import from_to

THEMES = [
    ("Waktu tunggu pelayanan KTP-el terlalu lama", "waktu tunggu KTP-el", "menit", 45, 15),
    (
        "Berkas permohonan izin sering dikembalikan karena tidak lengkap",
        "berkas dikembalikan",
        "%",
        32,
        10,
    ),
    (
        "Antrean pasien rawat jalan menumpuk pada pagi hari",
        "waktu tunggu rawat jalan",
        "menit",
        95,
        60,
    ),
    (
        "Surat keterangan kelurahan selesai lebih dari satu hari",
        "waktu penyelesaian surat",
        "jam",
        26,
        4,
    ),
    ("Kesalahan cetak dokumen kependudukan", "dokumen salah cetak", "%", 7, 2),
    (
        "Keluhan warga tentang sampah tidak terangkut",
        "keluhan sampah per bulan",
        "keluhan",
        120,
        40,
    ),
    ("Biaya fotokopi berkas ditanggung warga", "biaya per layanan", "Rp", 15000, 2000),
    ("Resep racikan selesai lebih dari satu jam", "waktu tunggu resep racikan", "menit", 80, 60),
]
SAMPLE = {
    "masalah": "<ul><li>Antrean panjang di loket pada pukul 08.00–10.00</li><li>Berkas warga sering kurang</li><li>Sistem sering lambat</li></ul>",
    "usg": "<table><tbody><tr><th>Masalah</th><th>U</th><th>S</th><th>G</th><th>Jumlah</th></tr><tr><td>Antrean panjang</td><td>5</td><td>4</td><td>4</td><td>13</td></tr><tr><td>Berkas kurang</td><td>4</td><td>3</td><td>3</td><td>10</td></tr></tbody></table>",
    "data": "<p>Lembar periksa dua minggu mencatat <strong>312 keluhan</strong>; 78% tentang antrean.</p>",
    "tema": "<p>Tema terpilih karena paling dirasakan warga dan datanya paling kuat.</p>",
    "kondisi": "<p>Rata-rata waktu tunggu 45 menit (n = 240 warga, Januari 2026).</p>",
    "sasaran": "<p>Turunkan waktu tunggu dari 45 menjadi 15 menit pada Juni 2026.</p>",
    "jadwal": "<p>Rencana dan realisasi kegiatan per langkah tercatat dalam jadwal mingguan.</p>",
    "sebab": "<p>Manusia: petugas loket bergantian istirahat. Metode: verifikasi berkas manual. Mesin: satu printer.</p>",
    "verifikasi": "<p>Stratifikasi per jam menunjukkan 70% antrean terjadi pukul 08.00–10.00.</p>",
    "dominan": "<p>Verifikasi berkas manual di loket.</p>",
    "alternatif": "<p>Daftar periksa berkas di pintu masuk dipilih (MEER tertinggi).</p>",
    "rencana": "<p>What: daftar periksa; Who: satpam terlatih; When: Maret; Where: pintu masuk.</p>",
    "pelaksanaan": "<p>Dilaksanakan sejak 3 Maret 2026; foto kegiatan terlampir.</p>",
    "perbandingan": "<p>Waktu tunggu turun dari 45,0 menjadi 14,2 menit (−68,4%).</p>",
    "sasaran_tercapai": "<p>Sasaran tercapai.</p>",
    "manfaat": "<p>Warga menunggu lebih singkat; petugas tidak lembur.</p>",
    "standar": "<p>SOP verifikasi berkas di pintu masuk ditetapkan.</p>",
    "tema_berikutnya": "<p>Mempercepat pencetakan KTP-el.</p>",
}


PARETO_ROWS = [
    ["Berkas tidak lengkap", "120", ""],
    ["Antrean pagi menumpuk", "64", ""],
    ["Sistem lambat", "22", ""],
    ["Petugas loket kurang", "14", ""],
    ["Informasi persyaratan tidak jelas", "9", ""],
]
FISHBONE_ROWS = [
    ["Manusia", "Petugas belum terlatih verifikasi", "Pelatihan terakhir 2019"],
    ["Metode", "Verifikasi berkas manual di loket", ""],
    ["Mesin/Sarana", "Hanya satu printer", ""],
    ["Material", "Formulir lama masih beredar", ""],
    ["Lingkungan", "Ruang tunggu sempit", ""],
    ["Pengukuran", "Waktu tunggu tidak dicatat", ""],
]


def control_rows(rng: random.Random, before: float, after: float) -> list[list[str]]:
    rows = []
    for i in range(20):
        value = rng.gauss(before, before * 0.08)
        rows.append([f"Minggu {i + 1}", f"{value:.1f}".replace(".", ","), "", "", ""])
    for i in range(12):
        value = rng.gauss(after, after * 0.1)
        rows.append([f"Minggu {i + 21}", f"{value:.1f}".replace(".", ","), "", "", "sesudah"])
    return rows


def _content(step: RisalahStep) -> dict[str, dict[str, str]]:
    return {
        "sections": {
            r["code"]: SAMPLE.get(r["code"], "<p>Uraian langkah.</p>")
            for r in step.method_step.requirements
        }
    }


@transaction.atomic
def seed_demo_programme(government: Government) -> Programme:
    ensure_template_methods()
    existing = Programme.objects.filter(government=government).first()
    if existing is not None:
        return existing
    method = Method.objects.get(government=None, code="tulta")
    # Dated around today so that the demo always shows some steps late and some still due.
    start = timezone.localdate() - dt.timedelta(days=100)
    programme = Programme.objects.create(
        government=government,
        name=f"Program Budaya Kerja {start.year}",
        year=start.year,
        method=method,
        starts_on=start,
        ends_on=start + dt.timedelta(days=250),
    )
    # Deadlines every 25 days from the start: the first steps are due already, the last are not.
    StepDeadline.objects.bulk_create(
        StepDeadline(programme=programme, step_number=n, due_on=start + dt.timedelta(days=25 * n))
        for n in range(1, 8)
    )
    rng = random.Random(2026)
    mentor = User.objects.get(email="pendamping@demo.tulta.id")
    admin = User.objects.get(email="admin@demo.tulta.id")
    finals: list[Risalah] = []
    steps_meta = list(method.steps.all())
    teams = list(
        Team.objects.filter(unit__government=government).select_related("unit").order_by("pk")
    )
    now = timezone.now()
    demo_team_id = (
        Membership.objects.filter(user__email="ketua@demo.tulta.id")
        .values_list("team_id", flat=True)
        .first()
    )
    # Roughly the real picture: most groups started, many lag, a few are final.
    for index, team in enumerate(teams):
        is_demo_team = team.pk == demo_team_id
        if index % 3 == 2 and not is_demo_team:
            continue  # not started yet: a third of the groups
        ketua = (
            Membership.objects.filter(team=team, role=Membership.Role.KETUA)
            .select_related("user")
            .first()
        )
        theme = THEMES[index % len(THEMES)]
        risalah = Risalah.objects.create(
            team=team,
            programme=programme,
            tema=theme[0],
            judul=f"Menurunkan {theme[1]} {from_to(theme[3], theme[4], theme[2], 0)} "
            "pada Juni 2026",
            indicator_name=theme[1],
            indicator_unit=theme[2],
            mentor=mentor if index % 4 == 0 or is_demo_team else None,
            created_by=ketua.user if ketua else None,
        )
        approved = 7 if index % 9 == 0 else rng.randint(0, 5)
        if is_demo_team:
            approved = 1
        for meta in steps_meta:
            step = RisalahStep(risalah=risalah, method_step=meta, number=meta.number)
            if meta.number <= approved:
                step.state = RisalahStep.State.APPROVED
                step.content = _content(step)
            elif meta.number == approved + 1:
                step.state = rng.choice(
                    [
                        RisalahStep.State.DRAFT,
                        RisalahStep.State.SUBMITTED,
                        RisalahStep.State.RETURNED,
                    ]
                )
                if is_demo_team:
                    step.state = RisalahStep.State.RETURNED
                step.content = _content(step) if step.state != RisalahStep.State.DRAFT else {}
            if step.content:
                step.version = 1
                step.updated_by = ketua.user if ketua else None
                step.updated_at = now
            step.save()
            if step.content:
                StepVersion.objects.create(
                    step=step, version=1, content=step.content, saved_by=step.updated_by
                )
            if step.state == RisalahStep.State.RETURNED:
                StepComment.objects.create(
                    step=step,
                    author=risalah.mentor,
                    kind="return",
                    body="Tambahkan data waktu tunggu per jam (stratifikasi) agar sasaran "
                    "terukur dari kondisi yang sebenarnya.",
                )
        steps_by_number = {s.number: s for s in risalah.steps.all()}
        author = ketua.user if ketua else None
        if approved >= 1 or is_demo_team:
            ToolArtefact.objects.create(
                step=steps_by_number[1],
                tool="pareto",
                title="Keluhan warga selama dua minggu",
                rows=PARETO_ROWS,
                options={"other_below": ""},
                created_by=author,
                updated_by=author,
            )
        if approved >= 4:
            ToolArtefact.objects.create(
                step=steps_by_number[4],
                tool="fishbone",
                title="Mengapa berkas dikembalikan",
                rows=FISHBONE_ROWS,
                options={"effect": theme[0]},
                created_by=author,
                updated_by=author,
            )
        if approved >= 6:
            ToolArtefact.objects.create(
                step=steps_by_number[6],
                tool="control_chart",
                title=f"{theme[1].capitalize()} sebelum dan sesudah perbaikan",
                rows=control_rows(rng, float(theme[3]) or 10.0, float(theme[4]) or 1.0),
                options={
                    "chart": "individuals",
                    "change_label": "Daftar periksa berkas",
                    "unit": theme[2],
                },
                created_by=author,
                updated_by=author,
            )
        if approved == 7:
            _measure(risalah, theme, rng, actor=admin)
            _write_results(steps_by_number[6])
            # Final like a real one: through the service that finalises and freezes the PDF
            # and DOCX (#21: the demo's finals had no frozen documents).
            risalah = risalah_submit_final(actor=author or admin, risalah=risalah)
            finals.append(risalah)
    _publish(finals[1:], actor=admin)  # one final risalah is left for the admin to publish
    _verify_benefits(finals[:-1])  # the last final's benefit is left for its unit head
    return programme


# The demo themes' units as indicator units and kinds (cepat, tepat, murah).
INDICATOR_UNIT = {"keluhan": "kali"}
INDICATOR_KIND = {"%": "tepat", "Rp": "murah", "keluhan": "lainnya"}


def _measure(
    risalah: Risalah, theme: tuple[str, str, str, int, int], rng: random.Random, *, actor: User
) -> None:
    """The primary indicator of a finished risalah: twelve measurements before and after."""
    from tulta.impact import services as impact  # impact builds on risalah

    def around(value: float) -> list[str]:
        return [str(max(0, round(value * rng.uniform(0.85, 1.15)))) for _ in range(12)]

    impact.indicator_save(
        actor=actor,
        risalah=risalah,
        name=theme[1],
        kind=INDICATOR_KIND.get(theme[2], "cepat"),
        unit=INDICATOR_UNIT.get(theme[2], theme[2]),
        direction="lower",
        annual_volume=rng.choice([6_000, 12_000, 24_000]),
        target=float(theme[4]),
        baseline=around(theme[3]),
        after=around(theme[4]),
    )


HOURS = {"menit": 1 / 60, "jam": 1.0, "hari": 24.0}


def _write_results(step: RisalahStep) -> None:
    """Step 6's result sections written from the risalah's own measured indicator, as the
    ledger reports it: each final risalah tells its own before/after, test and target, and no
    sentence says a target was reached when the data say it was not."""
    from tulta.impact.selectors import primary_verdict  # impact builds on risalah

    with translation.override("id"):
        verdict = primary_verdict(step.risalah)
        if verdict is None or verdict.comparison is None:
            return
        indicator, comparison = verdict.indicator, verdict.comparison
        name = indicator.name[:1].upper() + indicator.name[1:]
        target = satuan(indicator.target, indicator.unit) if indicator.target is not None else ""
        gain = comparison.before - comparison.after
        volume = indicator.annual_volume
        if indicator.unit in HOURS:
            benefit = (
                f"warga menghemat sekitar {angka(gain * HOURS[indicator.unit] * volume)} jam "
                f"per tahun ({angka(volume)} layanan)"
            )
        elif indicator.unit == "Rp":
            benefit = f"biaya warga berkurang sekitar {rupiah(gain * volume)} per tahun"
        elif indicator.unit == "%":
            benefit = (
                f"sekitar {angka(gain / 100 * volume)} berkas per tahun tidak perlu diulang "
                f"({angka(volume)} layanan)"
            )
        else:
            benefit = f"{angka(gain)} {indicator.unit} lebih sedikit per bulan"
        if verdict.target_reached:
            reached = (
                f"<p>Sasaran {target} tercapai: hasil sesudah perbaikan {verdict.after_text}.</p>"
            )
        else:
            reached = (
                f"<p>Sasaran {target} belum tercapai: hasil sesudah perbaikan "
                f"{verdict.after_text}. Kelompok melanjutkan perbaikan pada siklus berikutnya.</p>"
            )
        sections = {
            "perbandingan": (
                f"<p>{name} {comparison.verdict}. Diukur {comparison.n_before} kali sebelum dan "
                f"{comparison.n_after} kali sesudah perbaikan; {verdict.method}</p>"
            ),
            "sasaran_tercapai": reached,
            "manfaat": (
                f"<p>Nyata: {benefit}. Tidak nyata: petugas lebih percaya diri dan kerja sama "
                "tim makin baik.</p>"
            ),
        }
    content = {**step.content, "sections": {**step.content.get("sections", {}), **sections}}
    RisalahStep.objects.filter(pk=step.pk).update(content=content)
    StepVersion.objects.filter(step=step, version=step.version).update(content=content)


def _verify_benefits(finals: list[Risalah]) -> None:
    """The benefits of the demo's proven improvements, claimed by each team's chair and verified
    by the head of its unit, as the ledger's headline counts them; where the unit head belongs
    to the team, or there is none, the claim waits."""
    from django.core.exceptions import ValidationError

    from tulta.impact import selectors as impact_selectors
    from tulta.impact import services as impact

    for risalah in finals:
        chair = (
            Membership.objects.filter(team=risalah.team, role=Membership.Role.KETUA)
            .select_related("user")
            .first()
        )
        head = risalah.team.unit.head
        for indicator in risalah.impact_indicators.all():
            indicator.risalah = risalah
            if (
                chair is None
                or impact_selectors.benefit_of(impact_selectors.verdict_for(indicator, draw=False))
                is None
            ):
                continue
            benefit = impact.benefit_claim(
                actor=chair.user, indicator=indicator, note="Volume layanan dari aplikasi loket."
            )
            if head is None:
                continue
            try:
                impact.benefit_verify(actor=head, benefit=benefit, note="Sesuai data loket.")
            except ValidationError:
                continue  # the unit head is a member of the team: another verifier is needed


def _publish(finals: list[Risalah], *, actor: User) -> None:
    from tulta.impact import services as impact

    for risalah in finals:
        impact.risalah_publish(
            actor=actor,
            risalah=risalah,
            summary=f"{risalah.tema}: {risalah.judul}.",
        )
