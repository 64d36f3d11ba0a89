"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

import datetime as dt
import itertools

import factory

from tulta.accounts.models import RoleGrant, User
from tulta.accounts.nip import make_nip
from tulta.organizations.models import Government, Membership, Team, Unit

_nip_counter = itertools.count(1)


def next_nip() -> str:
    n = next(_nip_counter)
    birth = dt.date(1970 + n % 25, 1 + n % 12, 1 + n % 28)
    return make_nip(birth, birth.year + 25, 1 + (n // 7) % 12, "LP"[n % 2], 1 + n % 999)


class GovernmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Government

    name = factory.Sequence(lambda n: f"Kota Uji {n}")
    kind = Government.Kind.KOTA
    province = "Jawa Barat"
    slug = factory.Sequence(lambda n: f"kota-uji-{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    government = factory.SubFactory(GovernmentFactory)
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    kind = Unit.Kind.OPD


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"pegawai{n}@uji.go.id")
    full_name = factory.Sequence(lambda n: f"Pegawai Uji {n}")
    nip = factory.LazyFunction(next_nip)
    government = factory.SubFactory(GovernmentFactory)
    password = factory.django.Password("rahasia-uji-123")

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            for role in extracted:
                RoleGrant.objects.create(user=self, role=role)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"KBK Uji {n}")
    decree_number = factory.Sequence(lambda n: f"800/{n}/2026")
    decree_date = dt.date(2026, 1, 15)
    formed_on = dt.date(2026, 1, 20)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.ANGGOTA
