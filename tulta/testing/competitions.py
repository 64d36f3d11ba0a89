"""The competitions app's world, reused by the API tests: a prestasi competition with three
accepted entries, a desk round and two judges."""

from __future__ import annotations

from tulta.accounts.models import Role
from tulta.competitions import services
from tulta.competitions.models import Round, Rubric
from tulta.competitions.rubric_templates import ensure_template_rubrics
from tulta.factories import TeamFactory, UserFactory
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import Programme, Risalah
from tulta.testing.world import World


def ensure_templates() -> None:
    """Template methods and rubrics are seeded by data migrations, which a flushed (live-server)
    database no longer has."""
    ensure_template_methods()
    ensure_template_rubrics()


def final_risalah(team, programme, tema="Tema"):
    return Risalah.objects.create(
        team=team, programme=programme, tema=tema, judul=f"Judul {tema}", state="final"
    )


def competition_world(world: World, programme: Programme) -> dict:
    """A prestasi competition with three accepted entries (two from the judge's unit's
    neighbour), a desk round on the 100-point rubric and two judges assigned."""
    ensure_templates()  # a live-server test may have flushed the seeded rubrics
    competition = services.competition_create(
        actor=world.admin, programme=programme, name="Lomba KBK 2026", category="prestasi"
    )
    teams = [
        world.team,
        TeamFactory(unit=world.other_unit, name="KBK Sehat"),
        TeamFactory(unit=world.other_unit, name="KBK Tepat"),
    ]
    entries = []
    for i, team in enumerate(teams):
        e = services.entry_submit(
            actor=world.admin,
            competition=competition,
            risalah=final_risalah(team, programme, f"Tema {i}"),
        )
        entries.append(services.entry_check(actor=world.admin, entry=e, accept=True))
    rnd = services.round_create(
        actor=world.admin,
        competition=competition,
        name="Penilaian risalah",
        kind=Round.Kind.DESK,
        rubric=Rubric.objects.get(government=None, code="risalah-100"),
    )
    judge2 = UserFactory(government=world.government, full_name="Juri Dua", roles=[Role.JUDGE])
    services.judges_assign(actor=world.admin, round=rnd, judges=[world.judge, judge2])
    return {"competition": competition, "entries": entries, "round": rnd, "judge2": judge2}


def score_card(judge, rnd, entry, value=5) -> None:
    """The judge scores every criterion of the round's rubric for the entry: ``value`` for all,
    or a dict code → value with 0 (the minimum) for the rest."""
    values = value if isinstance(value, dict) else {}
    for c in rnd.rubric.criteria.all():
        v = values.get(c.code, c.min_score) if isinstance(value, dict) else value
        services.score_save(actor=judge, round=rnd, entry=entry, criterion=c, value=v)


def fill_gaps(rnd, value=5) -> None:
    """Every counted judge scores ``value`` for each criterion still empty on their cards, so
    that every entry of the round has a complete total."""
    from tulta.competitions.selectors import round_gaps

    for g in round_gaps(rnd):
        for c in g.missing:
            services.score_save(
                actor=g.assignment.judge,
                round=rnd,
                entry=g.assignment.entry,
                criterion=c,
                value=value,
            )


def close_round(actor, rnd):
    """Close ``rnd`` after the judges filled every empty criterion (``fill_gaps``)."""
    fill_gaps(rnd)
    return services.round_close(actor=actor, round=rnd)
