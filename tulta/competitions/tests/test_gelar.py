"""The Gelar on the judge's tablet: the list in the drawn running order with the group on stage
now and next (the same as the stage timer), scored or not and the total so far; the scoring
page names the next group."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tulta.competitions import selectors, services
from tulta.factories import TeamFactory
from tulta.testing.competitions import final_risalah, score_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def gelar(world, comp):
    rnd = comp["round"]
    services.running_order_draw(actor=world.admin, round=rnd, seed="gelar26")
    # Six minutes in: the first group's presentation (after 5 minutes of yel-yel).
    services.stage_start(actor=world.admin, round=rnd, at=timezone.now() - dt.timedelta(minutes=6))
    order = [s.round_entry.entry for s in selectors.running_order(rnd)]
    return {**comp, "order": order}


def test_judge_list_follows_the_running_order_with_the_stage_group_now_and_next(
    world, gelar, client_for
):
    rnd, order = gelar["round"], gelar["order"]
    score_card(world.judge, rnd, order[1], 5)  # half the rubric's range: total 50
    page = client_for(world.judge).get(reverse("competitions:judge_list"))
    names = re.findall(r'<li data-entry="(\d+)"', page.text)
    assert [int(n) for n in names] == [e.pk for e in order]
    assert re.search(rf'<li data-entry="{order[0].pk}" class="on-stage">', page.text)
    assert re.search(rf'<li data-entry="{order[1].pk}" class="up-next">', page.text)
    assert f"Sedang tampil: <strong>1. {order[0].team.name}</strong>" in page.text
    assert "sudah dinilai · 7/7 terisi" in page.text and "total 50,0" in page.text
    assert "belum dinilai · 0/7 terisi" in page.text
    # The stage timer shows the same group.
    stage = client_for(world.member).get(reverse("competitions:stage", args=[rnd.pk]))
    assert f"1. {order[0].team.name}" in stage.text
    assert f"Berikutnya: {order[1].team.name}" in stage.text


@pytest.mark.parametrize("extra", [0, 9])
def test_judge_list_queries_do_not_grow_with_the_entries(
    world, gelar, programme, client_for, django_assert_max_num_queries, extra
):
    rnd = gelar["round"]
    for i in range(extra):
        team = TeamFactory(unit=world.other_unit, name=f"KBK Tambahan {i:02d}")
        e = services.entry_submit(
            actor=world.admin,
            competition=gelar["competition"],
            risalah=final_risalah(team, programme, f"Tema {i}"),
        )
        services.entry_check(actor=world.admin, entry=e, accept=True)
    services.judges_assign(actor=world.admin, round=rnd, judges=[world.judge])
    services.running_order_draw(actor=world.admin, round=rnd, seed="gelar26")
    client = client_for(world.judge)
    with django_assert_max_num_queries(15):  # measured 13, whatever the number of entries
        page = client.get(reverse("competitions:judge_list"))
    assert page.text.count('<li data-entry="') == 3 + extra


def test_scoring_page_names_the_next_group_and_shows_the_total_so_far(world, gelar, client_for):
    rnd, order = gelar["round"], gelar["order"]
    cause = rnd.rubric.criteria.get(code="analisis-penyebab")
    services.score_save(actor=world.judge, round=rnd, entry=order[0], criterion=cause, value="7,5")
    page = client_for(world.judge).get(
        reverse("competitions:judge_entry", args=[rnd.pk, order[0].pk])
    )
    next_url = reverse("competitions:judge_entry", args=[rnd.pk, order[1].pk])
    assert f'href="{next_url}" data-next>{order[1].team.name}</a>' in page.text
    assert "kelompok ini" in page.text  # the group on stage is the one being scored
    assert '<output data-total aria-live="polite">18,75</output>' in page.text  # 25 × 7,5/10
    last = client_for(world.judge).get(
        reverse("competitions:judge_entry", args=[rnd.pk, order[-1].pk])
    )
    assert "Kelompok berikutnya" not in last.text


def test_next_group_skips_an_entry_the_judge_does_not_score(world, gelar):
    rnd, order = gelar["round"], gelar["order"]
    services.conflict_declare(
        actor=world.judge,
        assignment=rnd.assignments.get(judge=world.judge, entry=order[1]),
        reason="Kerabat",
    )
    slots = selectors.running_order(rnd)
    assert selectors.next_in_order(world.judge, slots, order[0]) == order[2]


def test_the_scoring_pages_stage_line_polls_the_same_group_as_the_stage_timer(
    world, gelar, client_for
):
    rnd, order = gelar["round"], gelar["order"]
    url = reverse("competitions:stage_now", args=[rnd.pk])
    page = client_for(world.judge).get(
        reverse("competitions:judge_entry", args=[rnd.pk, order[1].pk])
    )
    assert f'hx-get="{url}?peserta={order[1].pk}"' in page.text
    line = client_for(world.judge).get(url, {"peserta": order[0].pk})
    assert f"1. {order[0].team.name}</strong>" in line.text and "kelompok ini" in line.text
    assert f"Berikutnya: <strong>{order[1].team.name}" in line.text
    # 21 minutes in (20-minute slots) the second group is on stage, on the timer and the line.
    services.stage_start(actor=world.admin, round=rnd, at=timezone.now() - dt.timedelta(minutes=21))
    line = client_for(world.judge).get(url, {"peserta": "x"})
    stage = client_for(world.judge).get(reverse("competitions:stage", args=[rnd.pk]))
    assert f"2. {order[1].team.name}</strong>" in line.text and "kelompok ini" not in line.text
    assert f"2. {order[1].team.name}" in stage.text
