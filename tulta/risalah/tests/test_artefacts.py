from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tulta.risalah import artefacts
from tulta.risalah.models import ToolArtefact
from tulta.tools import rendering

pytestmark = pytest.mark.django_db

PARETO_ROWS = [
    ["Berkas tidak lengkap", "120", ""],
    ["Antrean panjang", "60", ""],
    ["Sistem lambat", "20", ""],
]


@pytest.fixture
def step(world, risalah):
    step = risalah.steps.get(number=1)
    step.risalah = risalah
    return step


@pytest.fixture
def pareto(world, step):
    artefact = artefacts.artefact_create(actor=world.chair, step=step, tool="pareto")
    artefact.step = step
    return artefacts.artefact_save(
        actor=world.chair,
        artefact=artefact,
        rows=PARETO_ROWS,
        options={},
        title="Keluhan",
        base_version=artefact.version,
    )


def _url(artefact, name="risalah:artefact"):
    step = artefact.step
    return reverse(name, args=[step.risalah_id, step.number, artefact.pk])


def _post_grid(client, artefact, rows, *, version=None, htmx=True, **extra):
    data = {
        "version": str(artefact.version if version is None else version),
        "row_count": str(len(rows)),
        "title": artefact.title,
        **extra,
    }
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            data[f"c-{r}-{c}"] = value
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(_url(artefact), data, **headers)


def test_a_pareto_artefact_draws_a_chart_with_its_reading(pareto):
    rendered = rendering.render(pareto)
    assert rendered.ok, rendered.message
    root = ET.fromstring(rendered.svg)
    assert root.tag.endswith("svg")
    assert "Berkas tidak lengkap" in rendered.svg
    assert "%" in rendered.reading


def test_bad_cells_are_saved_as_typed_and_marked_with_row_and_column(world, pareto, client_for):
    rows = [["Berkas tidak lengkap", "seratus", ""], ["", "60", ""], ["Sistem", "-5", ""]]
    response = _post_grid(client_for(world.chair), pareto, rows)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Baris 1, kolom “Jumlah”: “seratus” bukan angka" in text
    assert "Baris 2, kolom “Kategori”: wajib diisi" in text
    pareto.refresh_from_db()
    assert pareto.rows[0] == ["Berkas tidak lengkap", "seratus", ""]  # nothing typed is lost


def test_the_htmx_response_carries_the_new_chart_and_version(world, pareto, client_for):
    rows = [*PARETO_ROWS, ["Petugas kurang", "15", ""]]
    response = _post_grid(client_for(world.chair), pareto, rows)
    text = response.content.decode()
    assert "Petugas kurang" in text
    assert 'id="artefact-version"' in text and 'hx-swap-oob="true"' in text
    pareto.refresh_from_db()
    assert pareto.version == 2


def test_a_stale_grid_save_is_refused_with_409_and_keeps_the_stored_data(world, pareto, client_for):
    _post_grid(client_for(world.chair), pareto, [*PARETO_ROWS, ["A", "1", ""]])
    response = _post_grid(client_for(world.member), pareto, PARETO_ROWS, version=1)
    assert response.status_code == 409
    assert "mengubah data alat ini" in response.content.decode()
    pareto.refresh_from_db()
    assert len(pareto.rows) == 4


def test_without_javascript_the_form_post_redirects_back(world, pareto, client_for):
    response = _post_grid(
        client_for(world.chair), pareto, [*PARETO_ROWS, ["B", "2", ""]], htmx=False
    )
    assert response.status_code == 302


def test_too_few_points_show_a_message_instead_of_a_chart(world, step):
    artefact = artefacts.artefact_create(actor=world.chair, step=step, tool="histogram")
    artefact.rows = [["1"], ["2"]]
    rendered = rendering.render(artefact)
    assert not rendered.svg
    assert "sedikitnya 5 baris" in rendered.message


def test_xlsx_export_reopens_with_header_and_numbers(world, pareto, client_for):
    response = client_for(world.member).get(_url(pareto, "risalah:artefact_export"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook["Data"]
    assert sheet["A1"].value == "Kategori"
    assert sheet["B2"].value == 120
    assert sheet.freeze_panes == "A2"


def _xlsx_two_sheets():
    workbook = openpyxl.Workbook()
    workbook.active.title = "Catatan"
    workbook.active.append(["bukan data"])
    data = workbook.create_sheet("Keluhan Maret")
    data.append(["No", "Jenis keluhan", "Banyaknya"])
    data.append([1, "Berkas tidak lengkap", 80])
    data.append([2, "Antrean panjang", 45])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_import_lets_the_user_choose_the_sheet_and_the_columns(world, pareto, client_for):
    client = client_for(world.chair)
    url = _url(pareto, "risalah:artefact_import")
    response = client.post(url, {"berkas": SimpleUploadedFile("keluhan.xlsx", _xlsx_two_sheets())})
    assert response.status_code == 200
    assert "Keluhan Maret" in response.content.decode()
    response = client.post(url, {"sheet": "Keluhan Maret", "apply": "0"})
    assert "Jenis keluhan" in response.content.decode()
    client.post(
        url,
        {
            "sheet": "Keluhan Maret",
            "apply": "1",
            "map-kategori": "1",
            "map-jumlah": "2",
            "map-periode": "",
        },
    )
    pareto.refresh_from_db()
    assert pareto.rows == [["Berkas tidak lengkap", "80", ""], ["Antrean panjang", "45", ""]]


def test_tools_cannot_change_once_the_step_is_submitted(world, step, pareto):
    from django.core.exceptions import ValidationError

    from tulta.risalah import services
    from tulta.testing.risalah import fill

    step = fill(step, actor=world.chair)
    services.step_submit(actor=world.chair, step=step)
    pareto.step.refresh_from_db()
    with pytest.raises(ValidationError, match="diajukan"):
        artefacts.artefact_save(
            actor=world.chair,
            artefact=pareto,
            rows=[],
            options={},
            title="x",
            base_version=pareto.version,
        )


def test_each_tool_can_be_added_to_a_step_and_drawn_from_its_sample(world, step):
    from tulta.tools.tests.test_catalogue import SAMPLES

    for code, rows in SAMPLES.items():
        artefact = artefacts.artefact_create(actor=world.chair, step=step, tool=code)
        artefact.rows = rows
        rendered = rendering.render(artefact)
        assert rendered.ok, (code, rendered.message)
        ET.fromstring(rendered.svg)
        assert rendered.reading, code
    assert ToolArtefact.objects.filter(step=step).count() == len(SAMPLES)


def test_a_tool_registered_in_tulta_tools_is_offered_by_the_step(monkeypatch, step):
    """Adding a tool touches no risalah module: the registry entry is enough."""
    from tulta.charts import brainstorm
    from tulta.risalah.artefact_views import tool_choices
    from tulta.tools.grids import TEXT, Column
    from tulta.tools.registry import TOOLS, Tool

    tool = Tool(
        code="daftar_uji",
        label="Daftar uji",
        columns=(Column("ide", "Ide", TEXT),),
        compute_with=lambda tool, parsed, options: [{"text": r["ide"]} for r in parsed.rows],
        draw_with=lambda tool, result, options, title: brainstorm(result, title=title),
    )
    monkeypatch.setitem(TOOLS, tool.code, tool)
    assert ("daftar_uji", "Daftar uji") in tool_choices(step)


# --- big and malformed grid posts (issue #15, points 6 and 8) --------------------------------


@pytest.fixture
def histogram(world, step):
    artefact = artefacts.artefact_create(actor=world.chair, step=step, tool="histogram")
    artefact.step = step
    return artefact


def _post_json_grid(client, artefact, rows, *, htmx=True):
    import json

    data = {"version": str(artefact.version), "title": artefact.title, "grid": json.dumps(rows)}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(_url(artefact), data, **headers)


def test_five_thousand_pasted_rows_save_as_one_grid_field(world, histogram, client_for):
    rows = [[str(i % 97)] for i in range(5000)]
    response = _post_json_grid(client_for(world.chair), histogram, rows)
    assert response.status_code == 200
    histogram.refresh_from_db()
    assert len(histogram.rows) == 5000
    assert histogram.rows[4999] == [str(4999 % 97)]


def test_more_rows_than_the_maximum_are_refused_with_a_message_and_the_data_kept(
    world, histogram, client_for
):
    from tulta.tools.grids import MAX_ROWS

    before = list(histogram.rows)
    rows = [[str(i)] for i in range(MAX_ROWS + 1)]
    response = _post_json_grid(client_for(world.chair), histogram, rows, htmx=False)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Terlalu banyak baris: 5.001 baris dikirim, maksimal 5.000 baris" in text
    assert f'name="c-{MAX_ROWS}-0" value="{MAX_ROWS}"' in text  # the pasted data stays
    histogram.refresh_from_db()
    assert histogram.rows == before


def test_too_many_rows_through_htmx_answer_400_with_the_message_in_the_panel(
    world, histogram, client_for
):
    rows = [["1"]] * 5001
    response = _post_json_grid(client_for(world.chair), histogram, rows)
    assert response.status_code == 400
    assert 'role="alert">Terlalu banyak baris' in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"row_count": "abc"}, "Jumlah baris (row_count) harus bilangan bulat, bukan “abc”."),
        ({"row_count": "-1"}, "Jumlah baris (row_count) harus bilangan bulat, bukan “-1”."),
        ({"row_count": "99999999999"}, "Terlalu banyak baris: 99.999.999.999 baris dikirim"),
        ({"grid": "{bukan json"}, "Data tabel tidak terbaca: kolom grid bukan JSON yang sah."),
        ({"grid": "[[1, 2]]"}, "kolom grid harus berupa daftar baris berisi teks."),
        ({"grid": '{"a": 1}'}, "kolom grid harus berupa daftar baris berisi teks."),
    ],
)
def test_a_malformed_grid_post_gets_a_400_with_a_message(
    world, pareto, client_for, fields, message
):
    data = {"version": str(pareto.version), "title": pareto.title, **fields}
    response = client_for(world.chair).post(_url(pareto), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    pareto.refresh_from_db()
    assert pareto.rows == PARETO_ROWS


def test_the_service_refuses_more_rows_than_the_maximum_instead_of_cutting(world, histogram):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=r"maksimal 5\.000 baris"):
        artefacts.artefact_save(
            actor=world.chair,
            artefact=histogram,
            rows=[["1"]] * 5001,
            options={},
            title="",
            base_version=histogram.version,
        )


def test_a_zip_bomb_upload_is_refused_at_once_with_a_message(world, pareto, client_for):
    from tulta.testing.archives import zip_bomb

    client = client_for(world.chair)
    url = _url(pareto, "risalah:artefact_import")
    response = client.post(url, {"berkas": SimpleUploadedFile("bom.xlsx", zip_bomb())}, follow=True)
    assert "Berkas bom.xlsx ditolak: isinya 101 MB setelah dibuka" in response.content.decode()
    pareto.refresh_from_db()
    assert pareto.rows == PARETO_ROWS
