"""The "Grafik apa yang cocok?" page: paste, see the proposal and its reason, start the tool."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tulta.risalah.models import ToolArtefact

pytestmark = pytest.mark.django_db

P_DATA = "Tanggal\tBerkas salah\tJumlah berkas\n" + "\n".join(
    f"{d} Mar\t{w}\t{n}"
    for d, w, n in zip(range(1, 26), [3, 5, 4, 6, 2] * 5, [80, 95, 110, 90, 100] * 5, strict=True)
)


@pytest.fixture
def step(world, risalah):  # type: ignore[no-untyped-def]
    return risalah.steps.get(number=1)


def _url(step) -> str:  # type: ignore[no-untyped-def]
    return reverse("risalah:tool_chooser", args=[step.risalah_id, step.number])


def test_the_page_proposes_a_p_chart_with_its_reason_and_creates_nothing(client, world, step):  # type: ignore[no-untyped-def]
    client.force_login(world.chair)
    before = ToolArtefact.objects.count()
    response = client.post(_url(step), {"data": P_DATA, "then": "suggest"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Grafik dan peta kendali: p" in text
    assert (
        "Data berupa jumlah berkas salah per tanggal dengan jumlah berkas berbeda-beda → peta p."
        in text
    )
    assert "Berkas salah" in text  # what was pasted stays in the box
    assert ToolArtefact.objects.count() == before


def test_taking_the_proposal_starts_the_tool_with_the_pasted_data(client, world, step):  # type: ignore[no-untyped-def]
    client.force_login(world.chair)
    response = client.post(_url(step), {"data": P_DATA, "then": "create"})
    artefact = ToolArtefact.objects.filter(step=step).latest("pk")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/alat/{artefact.pk}/")
    assert artefact.tool == "control_chart" and artefact.options["chart"] == "p"
    assert artefact.rows[0] == ["1 Mar", "3", "", "80", ""]
    assert len(artefact.rows) == 25


def test_a_reader_may_not_use_the_chooser(client, world, step):  # type: ignore[no-untyped-def]
    client.force_login(world.mentor)
    assert client.post(_url(step), {"data": P_DATA, "then": "create"}).status_code == 403
    assert not ToolArtefact.objects.filter(step=step, tool="control_chart").exists()


def test_empty_paste_asks_for_data(client, world, step):  # type: ignore[no-untyped-def]
    client.force_login(world.chair)
    text = client.post(_url(step), {"data": " \n", "then": "suggest"}).content.decode()
    assert "Usulan TULTA" not in text
