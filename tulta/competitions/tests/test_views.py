"""Pages: judging over htmx, bad input refused with a message, visibility of scores, the
organiser's pages, votes, schedule and stage clock."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tulta.competitions import services
from tulta.competitions.models import Competition, Round, Rubric, Score, Vote
from tulta.factories import TeamFactory
from tulta.testing.competitions import close_round, fill_gaps, final_risalah

pytestmark = pytest.mark.django_db


def score_url(comp, i=0):
    return reverse(
        "competitions:score_save",
        kwargs={"round_pk": comp["round"].pk, "entry_pk": comp["entries"][i].pk},
    )


def crit(comp, code):
    return comp["round"].rubric.criteria.get(code=code)


def test_htmx_score_save_answers_with_the_saved_indicator(world, comp, client_for):
    client = client_for(world.judge)
    r = client.post(score_url(comp), {"criterion": crit(comp, "hasil").pk, "value": "7,5"})
    assert r.status_code == 200 and "Tersimpan: 7,50" in r.text
    assert Score.objects.get().value == 7.5


def test_out_of_range_score_gets_422_with_message_and_keeps_the_old_value(world, comp, client_for):
    client = client_for(world.judge)
    client.post(score_url(comp), {"criterion": crit(comp, "hasil").pk, "value": "6"})
    r = client.post(score_url(comp), {"criterion": crit(comp, "hasil").pk, "value": "15"})
    assert r.status_code == 422 and "antara 0 dan 10" in r.text and 'role="alert"' in r.text
    assert Score.objects.get().value == 6


def test_score_after_close_is_refused(world, comp, client_for):
    close_round(world.admin, comp["round"])
    r = client_for(world.judge).post(
        score_url(comp), {"criterion": crit(comp, "hasil").pk, "value": "6"}
    )
    assert r.status_code == 422 and "ditutup" in r.text
    assert (
        Score.objects.get(
            judge=world.judge, entry=comp["entries"][0], criterion__code="hasil"
        ).value
        == 5
    )


def test_judge_page_shows_risalah_and_rubric_with_own_scores_only(world, comp, client_for):
    services.score_save(
        actor=comp["judge2"],
        round=comp["round"],
        entry=comp["entries"][0],
        criterion=crit(comp, "hasil"),
        value=3,
    )
    services.score_save(
        actor=world.judge,
        round=comp["round"],
        entry=comp["entries"][0],
        criterion=crit(comp, "hasil"),
        value=9,
    )
    url = reverse(
        "competitions:judge_entry",
        kwargs={"round_pk": comp["round"].pk, "entry_pk": comp["entries"][0].pk},
    )
    page = client_for(world.judge).get(url).text
    assert "Tema 0" in page and "Analisis penyebab" in page
    assert 'value="9"' in page and 'value="3"' not in page


def test_team_sees_scores_and_comments_only_after_the_round_closes(world, comp, client_for):
    rnd, entry = comp["round"], comp["entries"][0]
    services.score_save(
        actor=world.judge, round=rnd, entry=entry, criterion=crit(comp, "hasil"), value=8
    )
    services.comment_save(actor=world.judge, round=rnd, entry=entry, comment="Data kuat")
    url = reverse("competitions:team_scores", kwargs={"pk": entry.pk})
    assert "Data kuat" not in client_for(world.chair).get(url).text
    fill_gaps(rnd, 8)
    close_round(world.admin, rnd)
    page = client_for(world.chair).get(url).text
    assert "Data kuat" in page and "8,00" in page


def test_organiser_sees_harshness_and_normalisation(world, comp, client_for):
    rnd = comp["round"]
    for judge, values in [(world.judge, [10, 9, 8]), (comp["judge2"], [2, 1, 0])]:
        for entry, v in zip(comp["entries"], values, strict=True):
            services.score_save(
                actor=judge, round=rnd, entry=entry, criterion=crit(comp, "hasil"), value=v
            )
    fill_gaps(rnd)  # the same 5 everywhere else: the judges differ on "hasil" alone
    page = (
        client_for(world.admin)
        .get(reverse("competitions:round_results", kwargs={"pk": rnd.pk}))
        .text
    )
    assert "Kecenderungan juri" in page and "ketat" in page and "murah" in page
    assert "Juri Dua" in page


def test_second_vote_through_the_page_shows_a_message_and_changes_nothing(world, comp, client_for):
    Competition.objects.filter(pk=comp["competition"].pk).update(voting_open=True)
    client = client_for(world.outsider)
    url = reverse("competitions:vote", kwargs={"pk": comp["competition"].pk})
    client.post(url, {"entry": comp["entries"][0].pk})
    r = client.post(url, {"entry": comp["entries"][1].pk}, follow=True)
    assert "sudah memberikan suara" in r.text
    assert list(Vote.objects.values_list("entry", flat=True)) == [comp["entries"][0].pk]


def test_schedule_shows_the_seed_and_the_stage_clock_the_team(world, comp, client_for):
    rnd = comp["round"]
    order = services.running_order_draw(actor=world.admin, round=rnd, seed="abc123")
    client = client_for(world.member)
    page = client.get(reverse("competitions:schedule", kwargs={"pk": rnd.pk})).text
    assert "abc123" in page
    services.stage_start(actor=world.admin, round=rnd)
    stage = client.get(reverse("competitions:stage", kwargs={"pk": rnd.pk})).text
    assert order[0].entry.team.name in stage and "Yel-yel" in stage and "05:00" in stage


def test_public_results_are_hidden_until_published(world, comp, client_for):
    # Not a 404 (#21 point 20): a page that says the results are not announced yet.
    url = reverse("competitions:public_results", kwargs={"pk": comp["competition"].pk})
    page = client_for(None).get(url)
    assert page.status_code == 200 and "Hasil belum diumumkan" in page.text
    assert "Peringkat babak" not in page.text


def test_admin_creates_a_competition_and_a_round_through_the_forms(world, programme, client_for):
    client = client_for(world.admin)
    r = client.post(
        reverse("competitions:create"),
        {
            "programme": programme.pk,
            "name": "Lomba Kreatif",
            "category": "kreatif",
            "eligible_unit_kinds": ["opd"],
            "decides_by": "normalised",
        },
    )
    c = Competition.objects.get(name="Lomba Kreatif")
    assert r.status_code == 302 and c.eligible_unit_kinds == ["opd"]
    kreatif = Rubric.objects.get(code="kreatif", government=None)
    r = client.post(
        reverse("competitions:round_create", kwargs={"pk": c.pk}),
        {
            "name": "Gelar",
            "kind": "presentation",
            "rubric": kreatif.pk,
            "yel_minutes": 5,
            "presentation_minutes": 10,
            "questions_minutes": 5,
        },
    )
    assert r.status_code == 302
    assert Round.objects.get(competition=c).rubric == kreatif


def test_team_does_not_see_the_comment_of_a_judge_who_left_for_a_conflict(world, comp, client_for):
    rnd, entry = comp["round"], comp["entries"][1]
    services.comment_save(actor=world.judge, round=rnd, entry=entry, comment="Catatan sah")
    services.comment_save(actor=comp["judge2"], round=rnd, entry=entry, comment="Kata kerabat")
    judge2_assignment = rnd.assignments.get(judge=comp["judge2"], entry=entry)
    services.conflict_declare(actor=comp["judge2"], assignment=judge2_assignment, reason="Kerabat")
    close_round(world.admin, rnd)
    page = (
        client_for(world.admin)
        .get(reverse("competitions:team_scores", kwargs={"pk": entry.pk}))
        .text
    )
    assert "Catatan sah" in page and "Kata kerabat" not in page


def test_public_results_list_the_juara_before_favorit(world, comp, client_for):
    import datetime as dt

    from tulta.competitions.models import Award

    c = comp["competition"]
    day = dt.date(2026, 11, 30)
    Award.objects.create(competition=c, entry=comp["entries"][2], kind="favorit", awarded_on=day)
    Award.objects.create(
        competition=c, entry=comp["entries"][1], kind="juara_1", rank=1, awarded_on=day
    )
    Competition.objects.filter(pk=c.pk).update(results_public=True)
    page = client_for(None).get(reverse("competitions:public_results", kwargs={"pk": c.pk})).text
    assert page.index("Juara I") < page.index("Favorit")


@pytest.mark.parametrize("bad", ["abc", "1.5", "9" * 30, ""])
def test_ids_that_are_not_numbers_get_404_not_500(world, comp, client_for, bad):
    Competition.objects.filter(pk=comp["competition"].pk).update(voting_open=True)
    vote = reverse("competitions:vote", kwargs={"pk": comp["competition"].pk})
    assert client_for(world.member).post(vote, {"entry": bad}).status_code == 404
    r = client_for(world.judge).post(score_url(comp), {"criterion": bad, "value": "5"})
    assert r.status_code == 404
    add = reverse("competitions:assignment_add", kwargs={"pk": comp["round"].pk})
    assert client_for(world.admin).post(add, {"entry": bad, "judge": bad}).status_code == 404
    assert not Vote.objects.exists() and not Score.objects.exists()


def test_round_actions_say_what_they_did(world, comp, client_for):
    client = client_for(world.admin)
    url = reverse("competitions:round_action", kwargs={"pk": comp["round"].pk, "action": "draw"})
    assert "Urutan tampil 3 peserta diundi" in client.post(url, follow=True).text
    url = reverse("competitions:round_action", kwargs={"pk": comp["round"].pk, "action": "close"})
    page = client.post(url, follow=True)
    assert page.redirect_chain[-1][0].endswith("/tutup/")  # closing asks first, on its page
    fill_gaps(comp["round"])
    url = reverse("competitions:round_close", kwargs={"pk": comp["round"].pk})
    assert "Babak ditutup; nilai terkunci." in client.post(url, {"confirm": "1"}, follow=True).text


def test_public_results_show_the_ranking_of_closed_rounds_without_judges(world, comp, client_for):
    from tulta.competitions import services as s

    rnd, entries = comp["round"], comp["entries"]
    criteria = list(rnd.rubric.criteria.all())
    for judge in (world.judge, comp["judge2"]):
        for points, entry in zip((2, 4, 3), entries, strict=True):
            for criterion in criteria:
                value = min(points, float(criterion.max_score))
                s.score_save(actor=judge, round=rnd, entry=entry, criterion=criterion, value=value)
    close_round(world.admin, rnd)
    s.competition_update(actor=world.admin, competition=comp["competition"], results_public=True)
    page = client_for(None).get(
        reverse("competitions:public_results", kwargs={"pk": comp["competition"].pk})
    )
    text = page.content.decode()
    assert "Peringkat babak Penilaian risalah" in text
    order = [entries[1].team.name, entries[2].team.name, entries[0].team.name]
    positions = [text.index(f'<th scope="row">{name}</th>') for name in order]
    assert positions == sorted(positions)
    assert world.judge.full_name not in text and "Juri Dua" not in text


def test_an_opd_only_competition_does_not_offer_kelurahan_groups(world, programme, client_for):
    competition = services.competition_create(
        actor=world.admin,
        programme=programme,
        name="Lomba OPD",
        category="prestasi",
        eligible_unit_kinds=["opd"],
    )
    opd = final_risalah(TeamFactory(unit=world.other_unit, name="KBK Dinas"), programme, "A")
    kel = final_risalah(TeamFactory(unit=world.sub_unit, name="KBK Kelurahan"), programme, "B")
    text = client_for(world.admin).get(reverse("competitions:detail", args=[competition.pk])).text
    assert f'<option value="{opd.pk}">' in text
    assert f'<option value="{kel.pk}">' not in text
