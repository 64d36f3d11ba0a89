"""Query counts of the judging page, the organiser's round results and the public results: the
same bound holds for a round of 3 entries and one of 12, so no page grows an N+1."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tulta.competitions import services
from tulta.factories import TeamFactory
from tulta.risalah.models import RisalahStep, ToolArtefact
from tulta.testing.competitions import close_round, final_risalah
from tulta.tools.registry import get_tool

pytestmark = pytest.mark.django_db

# Measured 20, 18 and 2 (session, user, roles and the menu included); two more for room. The
# judging page has since read the judge's feedback and the running order (kelompok berikutnya);
# the closed round's results the adjustments and the special awards (held, and computed): 23.
JUDGING_PAGE = 22
ROUND_RESULTS = 24
PUBLIC_RESULTS = 10  # competition, awards, rounds, names; per round entries, assignments,
# scores, criteria, adjustments


def grow(world, comp, programme, total):
    """Bring the competition to ``total`` entries, each in the round and fully scored by both
    judges; then close the round, decide the awards and publish the results."""
    c, rnd = comp["competition"], comp["round"]
    for i in range(len(comp["entries"]), total):
        team = TeamFactory(unit=world.other_unit, name=f"KBK Tambahan {i:02d}")
        e = services.entry_submit(
            actor=world.admin, competition=c, risalah=final_risalah(team, programme, f"Tema {i}")
        )
        services.entry_check(actor=world.admin, entry=e, accept=True)  # joins the open round
        comp["entries"].append(e)
    services.judges_assign(actor=world.admin, round=rnd, judges=[world.judge, comp["judge2"]])
    for n, entry in enumerate(comp["entries"]):
        for judge, base in [(world.judge, 5), (comp["judge2"], 3)]:
            for c_ in rnd.rubric.criteria.all():
                services.score_save(
                    actor=judge, round=rnd, entry=entry, criterion=c_, value=(base + n) % 11
                )


def publish(world, comp):
    rnd, c = comp["round"], comp["competition"]
    close_round(world.admin, rnd)
    c = services.competition_update(actor=world.admin, competition=c, results_public=True)
    services.awards_decide(actor=world.admin, competition=c, round=rnd)


def with_steps_and_charts(risalah, charts_per_step):
    """Give a risalah every step of its method, each with a few Pareto charts (drawn)."""
    spec = get_tool("pareto")
    for ms in risalah.programme.method.steps.all():
        step = RisalahStep.objects.create(risalah=risalah, method_step=ms, number=ms.number)
        for i in range(charts_per_step):
            ToolArtefact.objects.create(
                step=step,
                tool="pareto",
                title=f"Pareto {i}",
                rows=[["Antrean", "180"], ["Berkas kurang", "90"], ["Sistem", "42"]],
                options={o.key: o.default for o in spec.options},
            )


def judging_url(comp):
    return reverse(
        "competitions:judge_entry",
        kwargs={"round_pk": comp["round"].pk, "entry_pk": comp["entries"][1].pk},
    )


@pytest.mark.parametrize(("total", "charts"), [(3, 1), (12, 3)])
def test_judging_page_queries_do_not_grow_with_the_entries_or_charts(
    world, comp, programme, client_for, django_assert_max_num_queries, total, charts
):
    grow(world, comp, programme, total)
    with_steps_and_charts(comp["entries"][1].risalah, charts)
    client = client_for(world.judge)
    with django_assert_max_num_queries(JUDGING_PAGE):
        page = client.get(judging_url(comp))
    assert page.status_code == 200 and page.text.count('class="chart-svg"') == 7 * charts


@pytest.mark.parametrize("total", [3, 12])
def test_round_results_queries_do_not_grow_with_the_entries(
    world, comp, programme, client_for, django_assert_max_num_queries, total
):
    grow(world, comp, programme, total)
    client = client_for(world.admin)
    url = reverse("competitions:round_results", kwargs={"pk": comp["round"].pk})
    with django_assert_max_num_queries(ROUND_RESULTS):
        page = client.get(url)
    assert page.status_code == 200 and page.text.count('scope="row"') == total
    publish(world, comp)
    with django_assert_max_num_queries(ROUND_RESULTS):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("total", [3, 12])
def test_public_results_queries_do_not_grow_with_the_entries(
    world, comp, programme, client_for, django_assert_max_num_queries, total
):
    grow(world, comp, programme, total)
    publish(world, comp)
    url = reverse("competitions:public_results", kwargs={"pk": comp["competition"].pk})
    client = client_for(None)
    with django_assert_max_num_queries(PUBLIC_RESULTS):
        page = client.get(url)
    assert page.status_code == 200 and "Juara I" in page.text


RAPAT_PAGE = 16  # measured 16 for 3 × 5 and for 60 × 5 (session, user, roles, menu included)


def big_round(world, comp, programme, entries, judges):
    """A closed round of ``entries`` entries × ``judges`` judges, every card complete. Scores
    are written in bulk (real rows, not through score_save: 2,100 audited saves would take
    minutes), then the round is closed through its service."""
    from tulta.accounts.models import Role
    from tulta.competitions.models import Assignment, Score
    from tulta.factories import UserFactory

    c, rnd = comp["competition"], comp["round"]
    for i in range(len(comp["entries"]), entries):
        team = TeamFactory(unit=world.other_unit, name=f"KBK Rapat {i:02d}")
        e = services.entry_submit(
            actor=world.admin, competition=c, risalah=final_risalah(team, programme, f"Tema {i}")
        )
        services.entry_check(actor=world.admin, entry=e, accept=True)
        comp["entries"].append(e)
    panel = [world.judge, comp["judge2"]] + [
        UserFactory(government=world.government, full_name=f"Juri {n}", roles=[Role.JUDGE])
        for n in range(3, judges + 1)
    ]
    services.judges_assign(actor=world.admin, round=rnd, judges=panel)
    assert Assignment.objects.filter(round=rnd).count() == entries * judges
    criteria = list(rnd.rubric.criteria.all())
    Score.objects.bulk_create(
        Score(round=rnd, entry=e, judge=j, criterion=cr, value=(n + k + 3) % 11)
        for n, e in enumerate(comp["entries"])
        for k, j in enumerate(panel)
        for cr in criteria
    )
    services.round_close(actor=world.admin, round=rnd)
    services.round_chair_set(actor=world.admin, round=rnd, chair=world.judge)
    services.score_adjust(
        actor=world.admin, round=rnd, entry=comp["entries"][0], score=77, reason="Rapat"
    )
    return rnd


@pytest.mark.parametrize("entries", [3, 60])
def test_rapat_page_queries_are_fixed_for_60_entries_and_5_judges(
    world, comp, programme, client_for, django_assert_max_num_queries, entries
):
    rnd = big_round(world, comp, programme, entries, 5)
    client = client_for(world.admin)
    url = reverse("competitions:rapat", kwargs={"pk": rnd.pk})
    with django_assert_max_num_queries(RAPAT_PAGE):
        page = client.get(url)
    assert page.status_code == 200
    assert page.text.count('<tr data-entry="') == entries
    assert page.text.count("<li data-judge=") == 5  # who is done: every judge of the panel
    assert len(page.context["rapat"].rows[0].judges) == 5
