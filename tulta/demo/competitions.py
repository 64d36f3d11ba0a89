"""Demo competition for ``seed_demo``: a prestasi competition with every final risalah of the
demo programme entered and accepted, a desk round on the 100-point rubric, the demo judges
assigned and the running order drawn with a fixed seed. Idempotent."""

from __future__ import annotations

from django.db import transaction

from tulta.accounts.models import Role, User
from tulta.competitions import services
from tulta.competitions.models import Competition, Round, Rubric
from tulta.competitions.rubric_templates import ensure_template_rubrics
from tulta.organizations.models import Government
from tulta.risalah.models import Programme, Risalah


@transaction.atomic
def seed_demo_competition(government: Government, programme: Programme) -> Competition | None:
    ensure_template_rubrics()
    existing = Competition.objects.filter(programme=programme, name="Lomba KBK Prestasi").first()
    if existing is not None:
        return existing
    admin = User.objects.filter(
        government=government, role_grants__role=Role.PROGRAMME_ADMIN
    ).first()
    if admin is None:
        return None
    competition = services.competition_create(
        actor=admin, programme=programme, name="Lomba KBK Prestasi", category="prestasi"
    )
    for risalah in Risalah.objects.filter(programme=programme, state=Risalah.State.FINAL):
        entry = services.entry_submit(actor=admin, competition=competition, risalah=risalah)
        services.entry_check(actor=admin, entry=entry, accept=True)
    rnd = services.round_create(
        actor=admin,
        competition=competition,
        name="Presentasi Gelar",
        kind=Round.Kind.PRESENTATION,
        rubric=Rubric.objects.get(government=None, code="risalah-100"),
    )
    judges = User.objects.filter(government=government, role_grants__role=Role.JUDGE)
    services.judges_assign(actor=admin, round=rnd, judges=judges)
    services.running_order_draw(actor=admin, round=rnd, seed="gelar2026")
    return competition
