"""A national-scale dataset for load tests and for trying the national roll-up: hundreds of
governments in Indonesia's 38 provinces, each with units, teams (KBK) with members, a closed
programme last year and an open one this year, and risalah in a realistic mix of states with
step content, tool data, review comments, mentors, indicators and a few published works.

Written for speed, not through the services: rows go in with ``bulk_create`` in batches, one
government chunk at a time, with one password hash computed once and no audit events (this is
seeded data, not anyone's action). Everything runs in one transaction, so an interrupted run
leaves nothing behind. Deterministic for a given ``seed``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from tulta.accounts.models import Role, RoleGrant, User
from tulta.accounts.nip import make_nip
from tulta.demo.organizations import (
    DEMO_PASSWORD,
    FIRST,
    LAST,
    OPDS,
    TEAM_NAMES,
    ensure_operator,
)
from tulta.demo.risalah import FISHBONE_ROWS, PARETO_ROWS, SAMPLE, THEMES, control_rows
from tulta.impact.models import Indicator, Publication
from tulta.impact.selectors import stems_field
from tulta.mentoring.models import MentorAssignment
from tulta.organizations.models import Government, Membership, Team, Unit
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import (
    Method,
    MethodStep,
    Programme,
    Risalah,
    RisalahStep,
    StepComment,
    StepDeadline,
    StepVersion,
    ToolArtefact,
)
from tulta.stats.formatting import from_to

SLUG_PREFIX = "nas-"
EMAIL_DOMAIN = "nasional.tulta.id"
OPERATOR_EMAIL = f"operator@{EMAIL_DOMAIN}"
BATCH = 2000
CHUNK = 25  # governments written per round (bounds memory; one progress line each)

# The 38 provinces with their number of kabupaten and kota (2023), which weight the spread.
PROVINCES: list[tuple[str, int, int]] = [
    ("Aceh", 18, 5),
    ("Sumatera Utara", 25, 8),
    ("Sumatera Barat", 12, 7),
    ("Riau", 10, 2),
    ("Jambi", 9, 2),
    ("Sumatera Selatan", 13, 4),
    ("Bengkulu", 9, 1),
    ("Lampung", 13, 2),
    ("Kepulauan Bangka Belitung", 6, 1),
    ("Kepulauan Riau", 5, 2),
    ("DKI Jakarta", 1, 5),
    ("Jawa Barat", 18, 9),
    ("Jawa Tengah", 29, 6),
    ("DI Yogyakarta", 4, 1),
    ("Jawa Timur", 29, 9),
    ("Banten", 4, 4),
    ("Bali", 8, 1),
    ("Nusa Tenggara Barat", 8, 2),
    ("Nusa Tenggara Timur", 21, 1),
    ("Kalimantan Barat", 12, 2),
    ("Kalimantan Tengah", 13, 1),
    ("Kalimantan Selatan", 11, 2),
    ("Kalimantan Timur", 7, 3),
    ("Kalimantan Utara", 4, 1),
    ("Sulawesi Utara", 11, 4),
    ("Sulawesi Tengah", 12, 1),
    ("Sulawesi Selatan", 21, 3),
    ("Sulawesi Tenggara", 15, 2),
    ("Gorontalo", 5, 1),
    ("Sulawesi Barat", 6, 0),
    ("Maluku", 9, 2),
    ("Maluku Utara", 8, 2),
    ("Papua", 8, 1),
    ("Papua Barat", 7, 0),
    ("Papua Selatan", 4, 0),
    ("Papua Tengah", 8, 0),
    ("Papua Pegunungan", 8, 0),
    ("Papua Barat Daya", 5, 1),
]
NAME_HEADS = [
    "Tanjung",
    "Sungai",
    "Bukit",
    "Muara",
    "Batu",
    "Pulau",
    "Air",
    "Padang",
    "Lubuk",
    "Teluk",
    "Karang",
    "Banjar",
    "Rantau",
    "Labuhan",
    "Kuala",
    "Tebing",
    "Lembah",
    "Gunung",
    "Sido",
    "Suka",
]
NAME_TAILS = [
    "Jaya",
    "Makmur",
    "Harapan",
    "Indah",
    "Baru",
    "Sari",
    "Mulya",
    "Rejo",
    "Asri",
    "Permai",
    "Raya",
    "Lestari",
    "Sejahtera",
    "Mandiri",
    "Damai",
    "Tinggi",
    "Panjang",
    "Putih",
    "Hijau",
    "Emas",
    "Agung",
    "Timur",
    "Barat",
    "Selatan",
]
POSITIONS = [
    "Analis Kebijakan",
    "Pengadministrasi Umum",
    "Kepala Seksi",
    "Pranata Komputer",
    "Penata Layanan Operasional",
    "Arsiparis",
    "Perawat",
    "Bidan",
    "Staf Pelaksana",
]
KECAMATAN_PER_GOVERNMENT = 5
UPTS = ["RSUD", "Puskesmas Kota", "Puskesmas Pasar", "UPT Pengujian Kendaraan"]
# Share of this year's risalah per state (the rest are in progress).
FINAL_SHARE, READY_SHARE, WAITING_SHARE, RETURNED_SHARE = 0.22, 0.03, 0.15, 0.10
NOT_STARTED_SHARE = 0.15  # of teams: no risalah this year (they finished one last year)
MENTORS_PER_GOVERNMENT = 3


@dataclass
class SeedResult:
    governments: int = 0
    units: int = 0
    teams: int = 0
    users: int = 0
    risalah: int = 0
    steps: int = 0
    published: int = 0
    logins: list[tuple[str, str]] = field(default_factory=list)
    created: bool = True


def already_seeded() -> bool:
    return Government.objects.filter(slug__startswith=SLUG_PREFIX).exists()


def spread(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder), summing to ``total``."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    counts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


class _Nips:
    """Valid, unique NIPs from a counter: (birth date, sex, sequence) never repeats."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.n = 0
        self.taken = set(User.objects.exclude(nip=None).values_list("nip", flat=True))

    def next(self) -> str:
        while True:
            i = self.n
            self.n += 1
            birth = dt.date(1968, 1, 1) + dt.timedelta(days=(i // 1998) % 11000)
            sex = "LP"[(i // 999) % 2]
            year = min(birth.year + self.rng.randint(22, 30), 2024)
            nip = make_nip(birth, year, self.rng.randint(1, 12), sex, i % 999 + 1)
            if nip not in self.taken:
                return nip


def _bulk(model: type[models.Model], rows: list[Any]) -> list[Any]:
    return model.objects.bulk_create(rows, batch_size=BATCH)  # type: ignore[attr-defined]


def _government_names(n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(province, kind, name) for ``n`` governments, spread over the provinces like the real
    ones; names are generated and unique."""
    per_province = spread(n, [kab + kota for _p, kab, kota in PROVINCES])
    used: set[str] = set()
    result = []
    for (province, kab, kota), count in zip(PROVINCES, per_province, strict=True):
        kota_count = round(count * kota / (kab + kota)) if kab + kota else 0
        for i in range(count):
            kind = Government.Kind.KOTA if i < kota_count else Government.Kind.KABUPATEN
            while True:
                name = f"{rng.choice(NAME_HEADS)} {rng.choice(NAME_TAILS)}"
                if name not in used:
                    break
                name = f"{name} {rng.choice(NAME_TAILS)}"
                if name not in used:
                    break
            used.add(name)
            result.append((province, str(kind), name))
    return result


def _step_contents(method: Method) -> dict[tuple[int, int], dict[str, Any]]:
    """Content per (step number, theme): the demo's narrative with the theme's own words."""
    contents = {}
    for ms in method.steps.all():
        for t, theme in enumerate(THEMES):
            sections = {}
            for req in ms.requirements:
                text = SAMPLE.get(req["code"], "<p>Uraian langkah.</p>")
                if req["code"] in ("tema", "kondisi", "sasaran"):
                    text += (
                        f"<p>Masalah yang dipilih: {theme[0].lower()}. Indikator: {theme[1]} "
                        f"({from_to(theme[3], theme[4], theme[2], 0)}).</p>"
                    )
                sections[req["code"]] = text
            contents[(ms.number, t)] = {"sections": sections}
    return contents


def seed_national(
    *,
    governments: int = 550,
    teams: int = 35000,
    seed: int = 2026,
    progress: Callable[[str], None] = lambda _line: None,
) -> SeedResult:
    """Create the national dataset, or return ``created=False`` when it exists already."""
    if already_seeded():
        return SeedResult(created=False, logins=sample_logins())
    with transaction.atomic():
        result = _seed(governments=governments, teams=teams, seed=seed, progress=progress)
    if connection.vendor == "postgresql":
        # Fresh planner statistics: until autovacuum gets round to it, PostgreSQL plans with the
        # sizes of the empty tables and picks sequential scans (step pages 25 ms slower).
        progress("  ANALYZE")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result.logins = sample_logins()
    return result


def _seed(
    *, governments: int, teams: int, seed: int, progress: Callable[[str], None]
) -> SeedResult:
    rng = random.Random(seed)
    ensure_template_methods()
    method = Method.objects.get(government=None, code="tulta")
    method_steps = list(method.steps.order_by("number"))
    contents = _step_contents(method)
    control_variants = [control_rows(rng, float(t[3]) or 10.0, float(t[4]) or 1.0) for t in THEMES]
    password = make_password(DEMO_PASSWORD)
    nips = _Nips(rng)
    today = timezone.localdate()
    now = timezone.now()
    result = SeedResult()

    ensure_operator(OPERATOR_EMAIL, "Operator Platform Nasional")
    names = _government_names(governments, rng)
    per_government = spread(teams, [1] * governments)
    for start in range(0, governments, CHUNK):
        chunk = list(
            zip(
                names[start : start + CHUNK],
                per_government[start : start + CHUNK],
                range(start, start + CHUNK),
                strict=False,
            )
        )
        _seed_chunk(
            chunk,
            rng=rng,
            password=password,
            nips=nips,
            method=method,
            method_steps=method_steps,
            contents=contents,
            control_variants=control_variants,
            today=today,
            now=now,
            result=result,
        )
        progress(
            f"  {result.governments}/{governments} pemda, {result.teams} kelompok, "
            f"{result.users} pengguna, {result.risalah} risalah"
        )
    return result


def _person(
    nips: _Nips,
    rng: random.Random,
    gov: Government,
    unit: Unit | None,
    email: str,
    password: str,
    position: str = "",
    name: str = "",
) -> User:
    return User(
        email=email,
        nip=nips.next(),
        full_name=name or f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        position=position or rng.choice(POSITIONS),
        phone=f"08{rng.randint(1100000000, 1399999999)}",
        government=gov,
        unit=unit,
        password=password,
    )


def _seed_chunk(
    chunk: list[tuple[tuple[str, str, str], int, int]],
    *,
    rng: random.Random,
    password: str,
    nips: _Nips,
    method: Method,
    method_steps: list[MethodStep],
    contents: dict[tuple[int, int], dict[str, Any]],
    control_variants: list[list[list[str]]],
    today: dt.date,
    now: dt.datetime,
    result: SeedResult,
) -> None:
    govs = []
    for (province, kind, name), _teams, index in chunk:
        slug = f"{SLUG_PREFIX}{index + 1:03d}-{slugify(name)}"
        prefix = "PEMERINTAH KOTA" if kind == Government.Kind.KOTA else "PEMERINTAH KABUPATEN"
        govs.append(
            Government(
                name=name,
                kind=kind,
                province=province,
                slug=slug,
                letterhead=f"{prefix} {name.upper()}\nSEKRETARIAT DAERAH",
            )
        )
    _bulk(Government, govs)

    # Units: OPDs and UPTs, kecamatan, then kelurahan under them.
    units: list[Unit] = []
    kecamatan: dict[int, list[Unit]] = {}
    for gov in govs:
        opd_count = rng.randint(22, len(OPDS))
        for opd in OPDS[:opd_count]:
            units.append(Unit(government=gov, name=opd, kind=Unit.Kind.OPD))
        for upt in UPTS[: rng.randint(2, len(UPTS))]:
            units.append(Unit(government=gov, name=f"{upt} {gov.name}", kind=Unit.Kind.UPT))
        kecamatan[gov.pk] = [
            Unit(government=gov, name=f"Kecamatan {gov.name} {i + 1}", kind=Unit.Kind.KECAMATAN)
            for i in range(KECAMATAN_PER_GOVERNMENT)
        ]
        units.extend(kecamatan[gov.pk])
    _bulk(Unit, units)
    kelurahan = []
    for gov in govs:
        for kec in kecamatan[gov.pk]:
            for j in range(rng.randint(3, 6)):
                kelurahan.append(
                    Unit(
                        government=gov,
                        name=f"Kelurahan {kec.name.removeprefix('Kecamatan ')}-{j + 1}",
                        kind=Unit.Kind.KELURAHAN,
                        parent=kec,
                    )
                )
    _bulk(Unit, kelurahan)
    units_of: dict[int, list[Unit]] = {gov.pk: [] for gov in govs}
    for unit in units + kelurahan:
        units_of[unit.government_id].append(unit)

    # Per government: a programme admin, leadership, mentors; heads for the OPDs.
    staff: list[User] = []
    heads: list[tuple[Unit, User]] = []
    admins: dict[int, User] = {}
    mentors: dict[int, list[User]] = {}
    grants: list[RoleGrant] = []
    for gov in govs:
        setda = units_of[gov.pk][0]
        base = gov.slug.removeprefix(SLUG_PREFIX)
        admins[gov.pk] = _person(
            nips,
            rng,
            gov,
            setda,
            f"admin@{base}.{EMAIL_DOMAIN}",
            password,
            "Kepala Bagian Organisasi",
        )
        leader = _person(
            nips, rng, gov, setda, f"pimpinan@{base}.{EMAIL_DOMAIN}", password, "Sekretaris Daerah"
        )
        mentors[gov.pk] = [
            _person(
                nips,
                rng,
                gov,
                setda,
                f"pendamping{i + 1}@{base}.{EMAIL_DOMAIN}",
                password,
                "Analis Organisasi",
            )
            for i in range(MENTORS_PER_GOVERNMENT)
        ]
        staff += [admins[gov.pk], leader, *mentors[gov.pk]]
        grants.append(RoleGrant(user=admins[gov.pk], role=Role.PROGRAMME_ADMIN))
        grants.append(RoleGrant(user=leader, role=Role.LEADERSHIP))
        grants += [RoleGrant(user=m, role=Role.MENTOR) for m in mentors[gov.pk]]
        for unit in units_of[gov.pk]:
            if unit.kind in (Unit.Kind.OPD, Unit.Kind.KECAMATAN):
                head = _person(
                    nips,
                    rng,
                    gov,
                    unit,
                    f"kepala{unit.pk}@{base}.{EMAIL_DOMAIN}",
                    password,
                    "Kepala Dinas" if unit.kind == Unit.Kind.OPD else "Camat",
                )
                staff.append(head)
                heads.append((unit, head))

    # Teams over each government's units, round robin, so a few units have two or none.
    team_rows: list[Team] = []
    for gov, ((_p, _k, _n), count, _i) in zip(govs, chunk, strict=True):
        pool = units_of[gov.pk][:]
        rng.shuffle(pool)
        per_unit: dict[int, int] = {}
        for t in range(count):
            unit = pool[t % len(pool)]
            per_unit[unit.pk] = per_unit.get(unit.pk, 0) + 1
            n = per_unit[unit.pk]
            label = TEAM_NAMES[(t + n) % len(TEAM_NAMES)]
            decree = dt.date(today.year, 1, rng.randint(5, 28))
            team_rows.append(
                Team(
                    unit=unit,
                    name=f"KBK {label}" + (f" {n}" if n > 1 else ""),
                    decree_number=f"800/{100 + t}/{gov.slug[4:12]}/{today.year}",
                    decree_date=decree,
                    formed_on=decree + dt.timedelta(days=rng.randint(0, 10)),
                )
            )
    _bulk(Team, team_rows)

    members_of: dict[int, list[tuple[User, str]]] = {}
    for team in team_rows:
        base = team.unit.government.slug.removeprefix(SLUG_PREFIX)
        size = rng.randint(4, 7)
        roles = [Membership.Role.KETUA, Membership.Role.SEKRETARIS]
        roles += [Membership.Role.ANGGOTA] * (size - 2)
        people = []
        for role in roles:
            result.users += 1
            user = _person(
                nips,
                rng,
                team.unit.government,
                team.unit,
                f"pegawai{result.users:06d}@{base}.{EMAIL_DOMAIN}",
                password,
            )
            people.append((user, str(role)))
            staff.append(user)
        members_of[id(team)] = people
    result.users += len(staff) - sum(len(v) for v in members_of.values())
    _bulk(User, staff)
    _bulk(RoleGrant, grants)
    for unit, head in heads:
        unit.head = head
    Unit.objects.bulk_update([u for u, _h in heads], ["head"], batch_size=BATCH)
    _bulk(
        Membership,
        [
            Membership(team=team, user=user, role=role)
            for team in team_rows
            for user, role in members_of[id(team)]
        ],
    )

    # Programmes: last year's (closed, its risalah final) and this year's (open, mid-way).
    start = today - dt.timedelta(days=100)
    programmes: dict[int, tuple[Programme, Programme]] = {}
    rows = []
    for gov in govs:
        last = Programme(
            government=gov,
            name=f"Program Budaya Kerja {today.year - 1}",
            year=today.year - 1,
            method=method,
            starts_on=dt.date(today.year - 1, 2, 1),
            ends_on=dt.date(today.year - 1, 11, 30),
            is_open=False,
        )
        current = Programme(
            government=gov,
            name=f"Program Budaya Kerja {today.year}",
            year=today.year,
            method=method,
            starts_on=start,
            ends_on=start + dt.timedelta(days=250),
        )
        programmes[gov.pk] = (last, current)
        rows += [last, current]
    _bulk(Programme, rows)
    deadlines = []
    for last, current in programmes.values():
        for n in range(1, len(method_steps) + 1):
            deadlines.append(
                StepDeadline(
                    programme=last, step_number=n, due_on=last.starts_on + dt.timedelta(days=35 * n)
                )
            )
            deadlines.append(
                StepDeadline(
                    programme=current, step_number=n, due_on=start + dt.timedelta(days=25 * n)
                )
            )
    _bulk(StepDeadline, deadlines)

    # Risalah: every team has exactly one, this year's or (for those not started) last year's.
    plans: list[tuple[Risalah, int, str, User]] = []  # risalah, approved steps, next step state
    assignments = []
    for team in team_rows:
        gov = team.unit.government
        last, current = programmes[gov.pk]
        ketua = members_of[id(team)][0][0]
        theme_index = rng.randrange(len(THEMES))
        theme = THEMES[theme_index]
        roll = rng.random()
        programme = current
        if roll < NOT_STARTED_SHARE:
            programme, approved, then = last, len(method_steps), "final"
        else:
            roll = rng.random()
            if roll < FINAL_SHARE:
                approved, then = len(method_steps), "final"
            elif roll < FINAL_SHARE + READY_SHARE:
                approved, then = len(method_steps), ""
            elif roll < FINAL_SHARE + READY_SHARE + WAITING_SHARE:
                approved, then = rng.randint(0, 5), RisalahStep.State.SUBMITTED
            elif roll < FINAL_SHARE + READY_SHARE + WAITING_SHARE + RETURNED_SHARE:
                approved, then = rng.randint(0, 5), RisalahStep.State.RETURNED
            else:
                approved = rng.randint(0, 5)
                then = rng.choice([RisalahStep.State.DRAFT, ""])
        mentor = rng.choice(mentors[gov.pk]) if rng.random() < 0.5 else None
        risalah = Risalah(
            team=team,
            programme=programme,
            tema=theme[0],
            judul=f"Menurunkan {theme[1]} {from_to(theme[3], theme[4], theme[2], 0)} "
            f"pada Juni {programme.year}",
            indicator_name=theme[1],
            indicator_unit=theme[2],
            mentor=mentor,
            created_by=ketua,
            state=Risalah.State.FINAL if then == "final" else Risalah.State.DRAFT,
            finalized_at=now if then == "final" else None,
        )
        plans.append((risalah, approved, str(then), ketua))
        if mentor is not None:
            assignments.append(
                MentorAssignment(
                    programme=programme, team=team, mentor=mentor, assigned_by=admins[gov.pk]
                )
            )
    _bulk(Risalah, [p[0] for p in plans])
    _bulk(MentorAssignment, assignments)

    steps = []
    for risalah, approved, then, ketua in plans:
        theme_index = next(i for i, t in enumerate(THEMES) if t[0] == risalah.tema)
        for ms in method_steps:
            step = RisalahStep(risalah=risalah, method_step=ms, number=ms.number)
            if ms.number <= approved:
                step.state = RisalahStep.State.APPROVED
                step.reviewed_at = now
                step.reviewed_by = risalah.mentor or admins[risalah.team.unit.government.pk]
                step.submitted_at = now
            elif ms.number == approved + 1 and then in (
                RisalahStep.State.SUBMITTED,
                RisalahStep.State.RETURNED,
                RisalahStep.State.DRAFT,
            ):
                step.state = then
                if then != RisalahStep.State.DRAFT:
                    step.submitted_at = now
            else:
                steps.append(step)
                continue
            step.content = contents[(ms.number, theme_index)]
            step.version = 1
            step.updated_by = ketua
            step.updated_at = now
            steps.append(step)
    _bulk(RisalahStep, steps)
    result.steps += len(steps)

    versions, comments, artefacts = [], [], []
    by_risalah: dict[int, dict[int, RisalahStep]] = {}
    for step in steps:
        by_risalah.setdefault(step.risalah_id, {})[step.number] = step
        if step.version:
            versions.append(
                StepVersion(step=step, version=1, content=step.content, saved_by=step.updated_by)
            )
        if step.state == RisalahStep.State.RETURNED:
            comments.append(
                StepComment(
                    step=step,
                    author=step.risalah.mentor or admins[step.risalah.team.unit.government.pk],
                    kind="return",
                    body="Tambahkan data per jam (stratifikasi) agar sasaran terukur dari "
                    "kondisi yang sebenarnya.",
                )
            )
    _bulk(StepVersion, versions)
    _bulk(StepComment, comments)

    indicators, publications = [], []
    for risalah, approved, _then, ketua in plans:
        own = by_risalah[risalah.pk]
        theme_index = next(i for i, t in enumerate(THEMES) if t[0] == risalah.tema)
        theme = THEMES[theme_index]
        if own[1].version:
            artefacts.append(
                ToolArtefact(
                    step=own[1],
                    tool="pareto",
                    title="Keluhan warga selama dua minggu",
                    rows=PARETO_ROWS,
                    options={"other_below": ""},
                    created_by=ketua,
                    updated_by=ketua,
                )
            )
        if 4 in own and own[4].version:
            artefacts.append(
                ToolArtefact(
                    step=own[4],
                    tool="fishbone",
                    title="Mengapa masalah terjadi",
                    rows=FISHBONE_ROWS,
                    options={"effect": theme[0]},
                    created_by=ketua,
                    updated_by=ketua,
                )
            )
        if approved >= 6:
            artefacts.append(
                ToolArtefact(
                    step=own[6],
                    tool="control_chart",
                    title=f"{theme[1].capitalize()} sebelum dan sesudah perbaikan",
                    rows=control_variants[theme_index],
                    options={"chart": "individuals", "change_label": "Perbaikan"},
                    created_by=ketua,
                    updated_by=ketua,
                )
            )
        if risalah.is_final and rng.random() < 0.6:
            before, after = float(theme[3]) or 10.0, float(theme[4]) or 1.0
            indicators.append(
                Indicator(
                    risalah=risalah,
                    is_primary=True,
                    name=theme[1],
                    kind=Indicator.Kind.CEPAT,
                    unit=Indicator.Unit.MENIT,
                    annual_volume=rng.randint(500, 20000),
                    target=after,
                    baseline=[f"{rng.gauss(before, before * 0.1):.1f}" for _ in range(12)],
                    after=[f"{rng.gauss(after, after * 0.1):.1f}" for _ in range(12)],
                    updated_by=ketua,
                )
            )
            if rng.random() < 0.1:
                team = risalah.team
                summary = f"{team.name} ({team.unit.name}) menurunkan {theme[1]}."
                text = " ".join(
                    [risalah.tema, risalah.judul, theme[1], team.name, team.unit.name, summary]
                )
                publications.append(
                    Publication(
                        risalah=risalah,
                        summary=summary,
                        published_by=admins[team.unit.government.pk],
                        published_at=now,
                        search_text=text,
                        search_stems=stems_field(text),
                    )
                )
    _bulk(ToolArtefact, artefacts)
    _bulk(Indicator, indicators)
    _bulk(Publication, publications)

    result.governments += len(govs)
    result.units += len(units) + len(kelurahan)
    result.teams += len(team_rows)
    result.risalah += len(plans)
    result.published += len(publications)


def sample_logins() -> list[tuple[str, str]]:
    """(role, email) of the operator and of a few people of the first seeded government."""
    logins = [("Operator platform (super-admin)", OPERATOR_EMAIL)]
    gov = Government.objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk").first()
    if gov is None:
        return logins
    base = gov.slug.removeprefix(SLUG_PREFIX)
    logins += [
        (f"Admin program {gov.official_name}", f"admin@{base}.{EMAIL_DOMAIN}"),
        ("Pimpinan", f"pimpinan@{base}.{EMAIL_DOMAIN}"),
        ("Pendamping", f"pendamping1@{base}.{EMAIL_DOMAIN}"),
    ]
    risalah = (
        Risalah.objects.filter(
            team__unit__government=gov, state=Risalah.State.DRAFT, programme__is_open=True
        )
        .order_by("pk")
        .first()
    )
    if risalah is not None:
        for role, label in ((Membership.Role.KETUA, "Ketua KBK"), ("anggota", "Anggota KBK")):
            email = (
                Membership.objects.filter(team_id=risalah.team_id, role=role)
                .order_by("pk")
                .values_list("user__email", flat=True)
                .first()
            )
            if email:
                logins.append((f"{label} ({risalah.team.name})", email))
    return logins
