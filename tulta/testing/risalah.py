"""The risalah app's world, reused by the document, impact, competition and API tests: the
template TULTA method, a 2026 programme of the personas' government and the team's risalah."""

from __future__ import annotations

import datetime as dt

from tulta.risalah import services
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import Method, Programme, Risalah
from tulta.testing.world import World


def template_method() -> Method:
    """The template TULTA method. Template methods come from a data migration, which a flushed
    (live-server) test database no longer has, so they are made again when missing."""
    ensure_template_methods()
    return Method.objects.get(government=None, code="tulta")


def programme_2026(world: World, method: Method) -> Programme:
    return services.programme_create(
        actor=world.admin,
        government=world.government,
        name="Program Budaya Kerja 2026",
        year=2026,
        method=method,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        deadlines={1: dt.date(2026, 3, 1), 2: dt.date(2026, 4, 1)},
    )


def team_risalah(world: World, programme: Programme) -> Risalah:
    """The world's team's risalah, started by its chair, with the world's mentor assigned."""
    risalah = services.risalah_start(
        actor=world.chair,
        team=world.team,
        programme=programme,
        tema="Waktu tunggu KTP-el terlalu lama",
        judul="Menurunkan waktu tunggu KTP-el dari 45 menjadi 15 menit pada Juni 2026",
        indicator_name="waktu tunggu KTP-el",
        indicator_unit="menit",
    )
    risalah.mentor = world.mentor
    risalah.save()
    return risalah


def fill(step, *, actor, text="<p>Isi langkah dengan data.</p>"):
    """Write every required section of ``step`` and return it saved."""
    sections = {r["code"]: text for r in step.method_step.requirements}
    return services.step_save(actor=actor, step=step, sections=sections, base_version=step.version)
