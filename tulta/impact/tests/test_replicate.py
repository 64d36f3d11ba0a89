"""'Tiru ini': a new risalah from a published one's structure and tools, data left empty."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tulta.impact import services
from tulta.impact.models import Indicator, Replication
from tulta.risalah import artefacts
from tulta.risalah import services as risalah_services
from tulta.risalah.models import Risalah, ToolArtefact

from .conftest import add_indicator, finalize

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world, risalah):
    step = risalah.steps.get(number=1)
    step.risalah = risalah
    artefact = artefacts.artefact_create(actor=world.chair, step=step, tool="pareto")
    ToolArtefact.objects.filter(pk=artefact.pk).update(
        title="Pareto keluhan", rows=[["Antre", "12"], ["Berkas", "5"]]
    )
    add_indicator(world.chair, risalah, baseline=["40", "45"], after=["14", "15"], target=15)
    finalize(risalah)
    services.risalah_publish(actor=world.admin, risalah=risalah)
    return risalah


@pytest.fixture
def other_programme(world, tulta_method, programme):
    return risalah_services.programme_create(
        actor=world.other_admin,
        government=world.other_government,
        name="Program Lain 2026",
        year=2026,
        method=tulta_method,
        starts_on=programme.starts_on,
        ends_on=programme.ends_on,
    )


def test_another_government_replicates_structure_and_tools_without_data(
    world, published, other_programme
):
    copy = services.risalah_replicate(
        actor=world.other_admin, source=published, team=world.other_team, programme=other_programme
    )
    assert copy.team == world.other_team and copy.tema == published.tema
    assert Replication.objects.get(risalah=copy).source == published
    (tool,) = ToolArtefact.objects.filter(step__risalah=copy)
    assert (tool.step.number, tool.tool, tool.title, tool.rows) == (
        1,
        "pareto",
        "Pareto keluhan",
        [],
    )
    (indicator,) = Indicator.objects.filter(risalah=copy)
    assert (indicator.name, indicator.baseline, indicator.after) == ("waktu tunggu", [], [])
    assert all(not s.content for s in copy.steps.all())
    assert not copy.is_final


def test_unpublished_work_cannot_be_replicated(world, risalah, other_programme):
    finalize(risalah)
    with pytest.raises(ValidationError, match="sudah terbit"):
        services.risalah_replicate(
            actor=world.other_admin,
            source=risalah,
            team=world.other_team,
            programme=other_programme,
        )
    assert not Risalah.objects.filter(team=world.other_team).exists()


def test_replicate_button_starts_a_risalah_credited_to_the_source(
    world, published, other_programme, client_for
):
    client = client_for(world.other_admin)
    page = client.get(f"/karya/{published.pk}/").content.decode()
    assert "Tiru ini" in page
    response = client.post(
        f"/karya/{published.pk}/tiru/",
        {"team": world.other_team.pk, "programme": other_programme.pk},
    )
    copy = Risalah.objects.get(team=world.other_team)
    assert response.status_code == 302 and response["Location"] == f"/risalah/{copy.pk}/"
    detail = client_for(world.other_admin).get(f"/risalah/{copy.pk}/indikator/").content
    assert b"waktu tunggu" in detail


def test_users_who_cannot_start_a_risalah_see_no_replicate_form(world, published, client_for):
    page = client_for(world.outsider).get(f"/karya/{published.pk}/").content.decode()
    assert "Tiru ini" not in page
    response = client_for(world.outsider).post(f"/karya/{published.pk}/tiru/", {})
    assert response.status_code == 403


def test_a_team_of_another_government_cannot_be_chosen(world, published, client_for):
    client = client_for(world.other_admin)
    client.post(
        f"/karya/{published.pk}/tiru/",
        {"team": world.team.pk, "programme": published.programme_id},
    )
    assert Risalah.objects.filter(team=world.team).count() == 1


def _replicated(world, published, other_programme):
    copy = services.risalah_replicate(
        actor=world.other_admin, source=published, team=world.other_team, programme=other_programme
    )
    return Replication.objects.get(risalah=copy)


def test_a_replication_is_a_record_with_a_status_the_team_keeps(world, published, other_programme):
    from tulta.core.models import AuditEvent

    replication = _replicated(world, published, other_programme)
    assert replication.status == Replication.Status.IN_PROGRESS
    services.replication_update(
        actor=world.other_admin, replication=replication, status="stopped", note="Sistem berbeda"
    )
    replication.refresh_from_db()
    assert replication.status == "stopped" and replication.note == "Sistem berbeda"
    assert AuditEvent.objects.filter(verb="replication_updated").exists()


def test_replicated_needs_its_own_proven_improvement(world, published, other_programme):
    replication = _replicated(world, published, other_programme)
    with pytest.raises(ValidationError, match="indikatornya sendiri menunjukkan perbaikan"):
        services.replication_update(
            actor=world.other_admin, replication=replication, status="replicated"
        )
    copy = replication.risalah
    indicator = Indicator.objects.get(risalah=copy)
    Indicator.objects.filter(pk=indicator.pk).update(
        baseline=["40", "45", "50", "44"], after=["14", "15", "16", "15"], annual_volume=600
    )
    finalize(copy)
    services.replication_update(
        actor=world.other_admin, replication=replication, status="replicated"
    )
    replication.refresh_from_db()
    assert replication.status == "replicated"


def test_the_original_team_is_credited_and_the_ledger_counts_replicated_value_apart(
    world, published, other_programme, client
):
    from django.urls import reverse

    from tulta.impact import selectors

    replication = _replicated(world, published, other_programme)
    copy = replication.risalah
    indicator = Indicator.objects.get(risalah=copy)
    Indicator.objects.filter(pk=indicator.pk).update(
        baseline=["40", "45", "50", "44"], after=["14", "15", "16", "15"], annual_volume=600
    )
    finalize(copy)
    (credit,) = selectors.replications_of(published)
    assert credit.replication.risalah == copy and credit.verdict is not None
    text = client.get(reverse("impact:showcase_detail", args=[published.pk])).content.decode()
    assert "Ditiru oleh 1 kelompok" in text and world.other_team.name in text
    (year,) = selectors.ledger_for(world.other_government.pk).years
    assert year.replicated_improvements == 1
    assert year.replicated_hours == pytest.approx(year.hours_saved)  # all of it is replicated
    assert selectors.ledger_for(world.government.pk).years[0].replicated_improvements == 0
