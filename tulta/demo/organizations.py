"""Demo data shaped like a real city's programme (see DOMAIN.md): about 30 OPDs, kecamatan with
27 kelurahan, UPTs, 31 teams in OPDs and 27 in kelurahan, members with valid NIPs, and one demo
account per role. Deterministic (seeded random) and idempotent.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from tulta.accounts.models import Role, RoleGrant, User
from tulta.accounts.nip import make_nip
from tulta.organizations.models import Government, Membership, Team, Unit

DEMO_PASSWORD = "tulta-demo-2026"
DEMO_SLUG = "kota-sukamaju"
OTHER_SLUG = "kabupaten-sejahtera"
OPERATOR_EMAIL = "operator@demo.tulta.id"

OPDS = [
    "Sekretariat Daerah",
    "Sekretariat DPRD",
    "Inspektorat Daerah",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Pendapatan Daerah",
    "Badan Kepegawaian dan Pengembangan SDM",
    "Badan Kesatuan Bangsa dan Politik",
    "Badan Penanggulangan Bencana Daerah",
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman",
    "Satuan Polisi Pamong Praja",
    "Dinas Sosial",
    "Dinas Tenaga Kerja",
    "Dinas Lingkungan Hidup",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pengendalian Penduduk dan Keluarga Berencana",
    "Dinas Perhubungan",
    "Dinas Komunikasi dan Informatika",
    "Dinas Koperasi dan Usaha Mikro",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Kepemudaan dan Olahraga",
    "Dinas Kebudayaan dan Pariwisata",
    "Dinas Perpustakaan dan Kearsipan",
    "Dinas Ketahanan Pangan dan Pertanian",
    "Dinas Perdagangan dan Perindustrian",
    "Dinas Pemadam Kebakaran dan Penyelamatan",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
]
KECAMATAN = {
    "Kecamatan Sukamaju Utara": ["Sukamulya", "Cibeureum", "Margahayu", "Sindangsari", "Pasirjati"],
    "Kecamatan Sukamaju Selatan": ["Sukajadi", "Cigadung", "Mekarwangi", "Kebonlega"],
    "Kecamatan Sukamaju Timur": ["Karanganyar", "Sukaraja", "Cipadung", "Jatiluhur", "Panyileukan"],
    "Kecamatan Sukamaju Barat": ["Cijerah", "Gempolsari", "Caringin", "Sukahaji", "Babakan"],
    "Kecamatan Sukamaju Tengah": ["Braga", "Merdeka", "Kebonpisang", "Paledang"],
    "Kecamatan Pesisir": ["Tanjungsari", "Pantaiindah", "Muarabaru", "Lautan"],
}
UPTS = ["RSUD Kota Sukamaju", "Puskesmas Sukajadi", "Puskesmas Cijerah", "UPT Pengujian Kendaraan"]
# OPDs that form a second team, to reach 31 teams in OPDs.
SECOND_TEAM = ["Dinas Kependudukan dan Pencatatan Sipil"]
TEAM_NAMES = [
    "Cepat Tanggap",
    "Sigap Melayani",
    "Tepat Waktu",
    "Prima",
    "Bersinar",
    "Harmoni",
    "Ikhlas",
    "Gemilang",
    "Mandiri",
    "Sinergi",
    "Berkah",
    "Cemerlang",
    "Tuntas",
    "Jujur",
    "Amanah",
    "Bestari",
    "Rukun",
    "Gesit",
    "Handal",
    "Ceria",
    "Lestari",
    "Teladan",
]
FIRST = [
    "Siti",
    "Ahmad",
    "Dewi",
    "Budi",
    "Rina",
    "Agus",
    "Sri",
    "Eko",
    "Nur",
    "Dedi",
    "Yuni",
    "Hendra",
    "Wati",
    "Rudi",
    "Indah",
    "Asep",
    "Lina",
    "Bambang",
    "Fitri",
    "Joko",
    "Ratna",
    "Iwan",
    "Tuti",
    "Yusuf",
    "Ani",
    "Dadang",
    "Maya",
    "Arif",
    "Nining",
    "Slamet",
]
LAST = [
    "Rahmawati",
    "Hidayat",
    "Lestari",
    "Santoso",
    "Kurniawan",
    "Susanti",
    "Setiawan",
    "Wulandari",
    "Saputra",
    "Permana",
    "Nugraha",
    "Handayani",
    "Gunawan",
    "Puspitasari",
    "Firmansyah",
    "Maulana",
    "Anggraini",
    "Suryadi",
    "Ramadhan",
    "Safitri",
]


@dataclass
class DemoLogin:
    role: str
    email: str
    name: str
    note: str


class _People:
    def __init__(self, government: Government, rng: random.Random, password_hash: str) -> None:
        self.government = government
        self.rng = rng
        self.password_hash = password_hash
        self.sequence = 0
        self.used_nips: set[str] = {
            nip for nip in User.objects.values_list("nip", flat=True) if nip
        }

    def make(
        self,
        unit: Unit | None,
        *,
        email: str | None = None,
        name: str | None = None,
        position: str = "",
    ) -> User:
        self.sequence += 1
        rng = self.rng
        while True:
            birth = dt.date(rng.randint(1968, 1998), rng.randint(1, 12), rng.randint(1, 28))
            year = min(birth.year + rng.randint(22, 30), 2024)
            nip = make_nip(birth, year, rng.randint(1, 12), rng.choice("LP"), rng.randint(1, 40))
            if nip not in self.used_nips:
                self.used_nips.add(nip)
                break
        full_name = name or f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        user = User(
            email=email or f"pegawai{self.sequence:04d}@{self.government.slug}.go.id",
            nip=nip,
            full_name=full_name,
            position=position
            or rng.choice(
                [
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
            ),
            phone=f"08{rng.randint(1100000000, 1399999999)}",
            government=self.government,
            unit=unit,
            password=self.password_hash,
        )
        return user


def _delete_government(government: Government) -> None:
    """Remove a demo government and everything under it (for --reset)."""
    from django.apps import apps

    risalah = apps.get_model("risalah", "Risalah")
    programme = apps.get_model("risalah", "Programme")
    method = apps.get_model("risalah", "Method")
    competition = apps.get_model("competitions", "Competition")
    rubric = apps.get_model("competitions", "Rubric")
    competition.objects.filter(programme__government=government).delete()
    rubric.objects.filter(government=government).delete()
    risalah.objects.filter(programme__government=government).delete()
    programme.objects.filter(government=government).delete()
    method.objects.filter(government=government).delete()
    Membership.objects.filter(team__unit__government=government).delete()
    Team.objects.filter(unit__government=government).delete()
    Unit.objects.filter(government=government).update(head=None, parent=None)
    User.objects.filter(government=government).update(unit=None)
    Unit.objects.filter(government=government).delete()
    government.audit_events.all().delete()
    User.objects.filter(government=government).delete()
    government.delete()


@transaction.atomic
def seed_demo(*, reset: bool = False) -> tuple[Government, list[DemoLogin], bool]:
    """Create the demo city. Returns (government, demo logins, created?). Safe to run again:
    an existing demo city is left as it is unless ``reset`` is given."""
    existing = Government.objects.filter(slug=DEMO_SLUG).first()
    if reset:
        for government in Government.objects.filter(slug__in=[DEMO_SLUG, OTHER_SLUG]):
            _delete_government(government)
        User.objects.filter(email=OPERATOR_EMAIL, government=None).delete()
        existing = None
    if existing:
        ensure_operator()
        return existing, demo_logins(), False

    rng = random.Random(20261128)
    government = Government.objects.create(
        name="Sukamaju",
        kind=Government.Kind.KOTA,
        province="Jawa Barat",
        slug=DEMO_SLUG,
        letterhead="PEMERINTAH KOTA SUKAMAJU\nSEKRETARIAT DAERAH\n"
        "Jl. Merdeka No. 1, Sukamaju 40111 · Telp. (022) 1234567",
    )
    people = _People(government, rng, make_password(DEMO_PASSWORD))

    units: dict[str, Unit] = {}
    for name in OPDS:
        units[name] = Unit(government=government, name=name, kind=Unit.Kind.OPD)
    for name in UPTS:
        units[name] = Unit(government=government, name=name, kind=Unit.Kind.UPT)
    for kec in KECAMATAN:
        units[kec] = Unit(government=government, name=kec, kind=Unit.Kind.KECAMATAN)
    Unit.objects.bulk_create(units.values())
    kelurahan: list[Unit] = []
    for kec, names in KECAMATAN.items():
        for name in names:
            kelurahan.append(
                Unit(
                    government=government,
                    name=f"Kelurahan {name}",
                    kind=Unit.Kind.KELURAHAN,
                    parent=units[kec],
                )
            )
    Unit.objects.bulk_create(kelurahan)
    for unit in kelurahan:
        units[unit.name] = unit
    for upt in ("Puskesmas Sukajadi", "Puskesmas Cijerah"):
        units[upt].parent = units["Dinas Kesehatan"]
        units[upt].save(update_fields=["parent"])

    # Demo accounts, one per role.
    setda = units["Sekretariat Daerah"]
    dukcapil = units["Dinas Kependudukan dan Pencatatan Sipil"]
    demo = {
        "admin": people.make(
            setda,
            email="admin@demo.tulta.id",
            name="Rina Kartikasari, S.Sos.",
            position="Kepala Bagian Organisasi",
        ),
        "kepala": people.make(
            dukcapil,
            email="kepala@demo.tulta.id",
            name="Drs. Bambang Hermawan, M.Si.",
            position="Kepala Dinas",
        ),
        "ketua": people.make(
            dukcapil,
            email="ketua@demo.tulta.id",
            name="Siti Nurhaliza, S.Kom.",
            position="Pranata Komputer",
        ),
        "anggota": people.make(
            dukcapil,
            email="anggota@demo.tulta.id",
            name="Agus Salim",
            position="Pengadministrasi Umum",
        ),
        "pendamping": people.make(
            setda,
            email="pendamping@demo.tulta.id",
            name="Dewi Anggraini, S.E., M.M.",
            position="Analis Organisasi",
        ),
        "juri": people.make(
            None, email="juri@demo.tulta.id", name="Ir. Hendra Gunawan", position="Asesor Mutu"
        ),
        "pimpinan": people.make(
            setda,
            email="pimpinan@demo.tulta.id",
            name="Dr. H. Yusuf Maulana, M.Si.",
            position="Sekretaris Daerah",
        ),
    }
    User.objects.bulk_create(demo.values())
    RoleGrant.objects.bulk_create(
        [
            RoleGrant(user=demo["admin"], role=Role.PROGRAMME_ADMIN),
            RoleGrant(user=demo["pendamping"], role=Role.MENTOR),
            RoleGrant(user=demo["juri"], role=Role.JUDGE),
            RoleGrant(user=demo["pimpinan"], role=Role.LEADERSHIP),
        ]
    )
    dukcapil.head = demo["kepala"]
    dukcapil.save(update_fields=["head"])

    # Teams: one per OPD (plus a second one in Dukcapil) and one per kelurahan = 31 + 27.
    team_units = [units[n] for n in OPDS] + [units[n] for n in SECOND_TEAM] + kelurahan
    staff: list[User] = []
    teams: list[Team] = []
    plan: list[tuple[Team, list[User]]] = []
    for index, unit in enumerate(team_units):
        decree = dt.date(2026, 1, rng.randint(5, 28))
        team = Team(
            unit=unit,
            name=f"KBK {TEAM_NAMES[index % len(TEAM_NAMES)]}"
            + (f" {index // len(TEAM_NAMES) + 1}" if index >= len(TEAM_NAMES) else ""),
            decree_number=f"800/{100 + index}/{unit.name.split()[-1][:8]}/2026",
            decree_date=decree,
            formed_on=decree + dt.timedelta(days=rng.randint(0, 10)),
        )
        members = [people.make(unit) for _ in range(rng.randint(4, 7))]
        staff.extend(members)
        teams.append(team)
        plan.append((team, members))
    # The first kelurahan team has no SK yet: something for the chair to complete.
    teams[len(OPDS) + 1].decree_number = ""
    teams[len(OPDS) + 1].decree_date = None
    User.objects.bulk_create(staff)
    Team.objects.bulk_create(teams)
    memberships: list[Membership] = []
    for i, (team, members) in enumerate(plan):
        if team.unit == dukcapil and i == OPDS.index("Dinas Kependudukan dan Pencatatan Sipil"):
            members = [demo["ketua"], demo["anggota"], *members[:4]]
        roles = [Membership.Role.KETUA, Membership.Role.SEKRETARIS] + [Membership.Role.ANGGOTA] * (
            len(members) - 2
        )
        for user, role in zip(members, roles, strict=True):
            memberships.append(Membership(team=team, user=user, role=role))
        if team.unit.kind == Unit.Kind.KELURAHAN and team.unit.parent is not None:
            # The camat's staff often facilitate the kelurahan teams.
            facilitator = people.make(team.unit.parent, position="Sekretaris Kecamatan")
            facilitator.save()
            memberships.append(
                Membership(team=team, user=facilitator, role=Membership.Role.FASILITATOR)
            )
    Membership.objects.bulk_create(memberships)

    # A second, small government shows that tenants never see each other's data.
    other = Government.objects.create(
        name="Sejahtera",
        kind=Government.Kind.KABUPATEN,
        province="Jawa Tengah",
        slug=OTHER_SLUG,
    )
    other_unit = Unit.objects.create(government=other, name="Dinas Kesehatan", kind="opd")
    other_people = _People(other, rng, make_password(DEMO_PASSWORD))
    other_admin = other_people.make(
        other_unit, email="admin@sejahtera.demo.tulta.id", name="Admin Kabupaten Sejahtera"
    )
    other_admin.save()
    RoleGrant.objects.create(user=other_admin, role=Role.PROGRAMME_ADMIN)
    ensure_operator()
    return government, demo_logins(), True


def ensure_operator(email: str = OPERATOR_EMAIL, full_name: str = "Operator Platform") -> None:
    """The platform operator (a province or ministry hosting many pemda): no government; sees
    the national recap and the Django admin. Also added to a demo seeded before it existed, and
    by ``seed_national``."""
    User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "is_superuser": True,
            "is_staff": True,
            "password": make_password(DEMO_PASSWORD),
        },
    )


def demo_logins() -> list[DemoLogin]:
    return [
        DemoLogin(
            "Admin program (Bagian Organisasi)",
            "admin@demo.tulta.id",
            "Rina Kartikasari, S.Sos.",
            "kelola unit, kelompok, pengguna, impor",
        ),
        DemoLogin(
            "Kepala unit",
            "kepala@demo.tulta.id",
            "Drs. Bambang Hermawan, M.Si.",
            "Dinas Kependudukan dan Pencatatan Sipil",
        ),
        DemoLogin(
            "Ketua KBK", "ketua@demo.tulta.id", "Siti Nurhaliza, S.Kom.", "KBK di Disdukcapil"
        ),
        DemoLogin("Anggota KBK", "anggota@demo.tulta.id", "Agus Salim", "KBK di Disdukcapil"),
        DemoLogin("Pendamping", "pendamping@demo.tulta.id", "Dewi Anggraini, S.E., M.M.", ""),
        DemoLogin("Juri", "juri@demo.tulta.id", "Ir. Hendra Gunawan", ""),
        DemoLogin(
            "Pimpinan",
            "pimpinan@demo.tulta.id",
            "Dr. H. Yusuf Maulana, M.Si.",
            "Sekretaris Daerah, hanya membaca",
        ),
        DemoLogin(
            "Admin pemda lain",
            "admin@sejahtera.demo.tulta.id",
            "Admin Kabupaten Sejahtera",
            "tidak melihat data Kota Sukamaju",
        ),
        DemoLogin(
            "Operator platform (super-admin)",
            OPERATOR_EMAIL,
            "Operator Platform",
            "rekap nasional semua pemda di /nasional/",
        ),
    ]
