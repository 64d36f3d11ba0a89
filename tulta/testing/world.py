"""The shared personas: one government (Kota Uji) with a programme admin, a unit head, a team
with its chair and members, a mentor, a judge, a leadership viewer, an outsider of the same
government with no role, and the admin of another government."""

from __future__ import annotations

from dataclasses import dataclass

from tulta.accounts.models import Role, User
from tulta.factories import (
    GovernmentFactory,
    MembershipFactory,
    TeamFactory,
    UnitFactory,
    UserFactory,
)
from tulta.organizations.models import Government, Membership, Team, Unit

PASSWORD = "rahasia-uji-123"


@dataclass
class World:
    government: Government
    unit: Unit
    sub_unit: Unit
    other_unit: Unit
    team: Team
    admin: User
    unit_head: User
    chair: User
    member: User
    mentor: User
    judge: User
    leader: User
    outsider: User
    other_government: Government
    other_admin: User
    other_team: Team

    def persona(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


PERSONAS = [
    "admin",
    "unit_head",
    "chair",
    "member",
    "mentor",
    "judge",
    "leader",
    "outsider",
    "other_admin",
    "anonymous",
]


def build_world() -> World:
    """Write the personas' world (see the module docstring); needs database access."""
    gov = GovernmentFactory(name="Uji", slug="kota-uji")
    unit = UnitFactory(government=gov, name="Dinas Kependudukan", kind=Unit.Kind.OPD)
    kecamatan = UnitFactory(government=gov, name="Kecamatan Utara", kind=Unit.Kind.KECAMATAN)
    sub_unit = UnitFactory(
        government=gov, name="Kelurahan Sukamulya", kind=Unit.Kind.KELURAHAN, parent=kecamatan
    )
    other_unit = UnitFactory(government=gov, name="Dinas Kesehatan", kind=Unit.Kind.OPD)
    admin = UserFactory(government=gov, full_name="Admin Program", roles=[Role.PROGRAMME_ADMIN])
    unit_head = UserFactory(government=gov, full_name="Kepala Dinas", unit=unit)
    unit.head = unit_head
    unit.save()
    team = TeamFactory(unit=unit, name="KBK Cepat")
    chair = UserFactory(government=gov, full_name="Ketua Kelompok", unit=unit)
    member = UserFactory(government=gov, full_name="Anggota Kelompok", unit=unit)
    MembershipFactory(team=team, user=chair, role=Membership.Role.KETUA)
    MembershipFactory(team=team, user=member, role=Membership.Role.SEKRETARIS)
    MembershipFactory(team=team, user=UserFactory(government=gov), role=Membership.Role.ANGGOTA)
    other_gov = GovernmentFactory(name="Lain", slug="kabupaten-lain")
    other_gov_unit = UnitFactory(government=other_gov, name="Dinas Lain")
    other_team = TeamFactory(unit=other_gov_unit, name="KBK Lain")
    return World(
        government=gov,
        unit=unit,
        sub_unit=sub_unit,
        other_unit=other_unit,
        team=team,
        admin=admin,
        unit_head=unit_head,
        chair=chair,
        member=member,
        mentor=UserFactory(government=gov, full_name="Pendamping", roles=[Role.MENTOR]),
        judge=UserFactory(government=gov, full_name="Juri", roles=[Role.JUDGE]),
        leader=UserFactory(government=gov, full_name="Pimpinan", roles=[Role.LEADERSHIP]),
        outsider=UserFactory(government=gov, full_name="Pegawai Biasa"),
        other_government=other_gov,
        other_admin=UserFactory(
            government=other_gov, full_name="Admin Lain", roles=[Role.PROGRAMME_ADMIN]
        ),
        other_team=other_team,
    )
