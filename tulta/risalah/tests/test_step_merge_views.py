"""The step page and its autosave merge per section (#21 point 8) and show the reviewer what
changed since the step was returned, the review form first (#21 point 9)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tulta.risalah import services
from tulta.risalah.models import RisalahStep, StepComment
from tulta.testing.risalah import fill

pytestmark = pytest.mark.django_db


def _url(risalah, name="risalah:step", number=1):
    return reverse(name, args=[risalah.pk, number])


def _saved_at(risalah, when: dt.datetime) -> None:
    RisalahStep.objects.filter(risalah=risalah, number=1).update(updated_at=when)


def test_autosave_from_another_tab_merges_and_names_the_sections_and_the_time(
    world, risalah, client_for
):
    world.government.time_zone = "Asia/Makassar"
    world.government.save()
    client = client_for(world.chair)
    autosave = _url(risalah, "risalah:step_autosave")
    client.post(autosave, {"version": "0", "section-masalah": "<p>A</p>"})  # both tabs load v1
    client.post(autosave, {"version": "1", "section-usg": "<p>USG tab satu</p>"})
    _saved_at(risalah, dt.datetime(2026, 12, 3, 9, 38, tzinfo=dt.UTC))  # 17.38 WITA
    response = client.post(
        autosave, {"version": "1", "section-masalah": "<p>A</p>", "section-tema": "<p>T</p>"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "merged"
    assert body["version"] == 3
    assert body["from_other"] == {"usg": "<p>USG tab satu</p>"}
    assert body["message"].startswith(
        "Anda (di tab lain) menyimpan langkah ini pada 3 Desember 2026 pukul 17.38 WITA"
    )
    assert "Diambil dari versi itu: Penilaian USG dan masalah terpilih." in body["message"]
    assert body["saved"].startswith("Tersimpan otomatis pukul")
    step = risalah.steps.get(number=1)
    assert step.sections == {
        "masalah": "<p>A</p>",
        "usg": "<p>USG tab satu</p>",
        "tema": "<p>T</p>",
    }


def test_another_member_is_named_and_a_disputed_section_waits(world, risalah, client_for):
    autosave = _url(risalah, "risalah:step_autosave")
    client_for(world.chair).post(autosave, {"version": "0", "section-tema": "<p>ketua</p>"})
    _saved_at(risalah, dt.datetime(2026, 12, 3, 10, 38, tzinfo=dt.UTC))  # 17.38 WIB
    response = client_for(world.member).post(
        autosave,
        {"version": "0", "section-tema": "<p>anggota</p>", "section-data": "<p>data</p>"},
    )
    assert response.status_code == 409
    body = response.json()
    assert body["message"].startswith(
        "Ketua Kelompok menyimpan langkah ini pada 3 Desember 2026 pukul 17.38 WIB"
    )
    assert "Diubah di kedua tempat: Tema terpilih dan alasannya." in body["message"]
    assert [c["code"] for c in body["conflicts"]] == ["tema"]
    step = risalah.steps.get(number=1)
    assert body["version"] == step.version == 2
    assert step.sections == {"tema": "<p>ketua</p>", "data": "<p>data</p>"}


def test_the_form_without_javascript_merges_too(world, risalah, client_for):
    client_for(world.chair).post(
        _url(risalah, "risalah:step_autosave"), {"version": "0", "section-usg": "<p>U</p>"}
    )
    response = client_for(world.member).post(
        _url(risalah), {"version": "0", "section-masalah": "<p>M</p>"}, follow=True
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ketua Kelompok menyimpan langkah ini pada" in text
    assert "Langkah 1 tersimpan." in text
    assert risalah.steps.get(number=1).sections == {"usg": "<p>U</p>", "masalah": "<p>M</p>"}


def test_the_form_keeps_the_disputed_text_in_its_field_with_the_choices(world, risalah, client_for):
    client_for(world.chair).post(
        _url(risalah, "risalah:step_autosave"), {"version": "0", "section-usg": "<p>ketua</p>"}
    )
    response = client_for(world.member).post(
        _url(risalah), {"version": "0", "section-usg": "<p>anggota</p>"}
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert 'data-conflict-item="usg"' in text
    assert "Pakai versi saya" in text
    assert "&lt;p&gt;anggota&lt;/p&gt;</textarea>" in text  # the member's text, in its field
    assert 'name="version" value="1"' in text


def _returned(world, risalah):
    step = risalah.steps.select_related("method_step").get(number=1)
    step.risalah = risalah
    step = fill(step, actor=world.chair, text="<p>Waktu tunggu 45 menit di loket</p>")
    services.step_submit(actor=world.chair, step=step)
    services.step_return(actor=world.mentor, step=step, comment="Sebutkan datanya.")
    return RisalahStep.objects.select_related("method_step").get(pk=step.pk)


def test_the_return_keeps_the_version_it_was_made_on(world, risalah):
    step = _returned(world, risalah)
    assert StepComment.objects.get(step=step, kind="return").step_version == step.version == 1


def test_the_reviewer_sees_what_changed_since_the_return_above_the_step(world, risalah, client_for):
    step = _returned(world, risalah)
    step.risalah = risalah
    step = services.step_save(
        actor=world.chair,
        step=step,
        sections={"masalah": "<p>Waktu tunggu 15 menit di loket</p>"},
        base_version=step.version,
    )
    services.step_submit(actor=world.chair, step=step)
    response = client_for(world.mentor).get(_url(risalah))
    text = response.content.decode()
    assert "Perubahan sejak dikembalikan oleh" in text
    assert "Versi 1 dibandingkan dengan versi 2." in text
    assert (
        'Waktu tunggu <del class="diff-del">45</del> <ins class="diff-ins">15</ins> menit' in text
    )
    assert "Tidak berubah: Penilaian USG dan masalah terpilih" in text
    # The review form comes before the step's content.
    assert text.index('name="decision"') < text.index('id="isi-langkah"')
    assert text.index('id="perubahan"') < text.index('name="decision"')


def test_a_step_never_returned_shows_no_changes_and_the_team_sees_none(world, risalah, client_for):
    step = risalah.steps.select_related("method_step").get(number=1)
    step.risalah = risalah
    step = fill(step, actor=world.chair)
    services.step_submit(actor=world.chair, step=step)
    text = client_for(world.mentor).get(_url(risalah)).content.decode()
    assert 'name="decision"' in text
    assert "Perubahan sejak dikembalikan" not in text


def test_a_resubmitted_step_without_edits_says_so(world, risalah, client_for):
    step = _returned(world, risalah)
    step.risalah = risalah
    services.step_submit(actor=world.chair, step=step)
    text = client_for(world.mentor).get(_url(risalah)).content.decode()
    assert "Isian langkah belum berubah sejak dikembalikan." in text
    member_text = client_for(world.member).get(_url(risalah)).content.decode()
    assert "Perubahan sejak dikembalikan" not in member_text


def test_the_reviewers_page_queries_do_not_grow_with_returns_and_versions(
    world, risalah, client_for
):
    step = _returned(world, risalah)
    step.risalah = risalah
    services.step_submit(actor=world.chair, step=step)
    client = client_for(world.mentor)
    client.get(_url(risalah))

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(_url(risalah))
        return len(ctx.captured_queries)

    before = queries()
    for i in range(3):
        step = RisalahStep.objects.select_related("method_step").get(pk=step.pk)
        step.risalah = risalah
        step = services.step_return(actor=world.mentor, step=step, comment=f"Lagi {i}.")
        step = services.step_save(
            actor=world.chair,
            step=step,
            sections={"masalah": f"<p>perbaikan {i}</p>"},
            base_version=step.version,
        )
        services.step_submit(actor=world.chair, step=step)
    assert queries() == before
    assert "perbaikan" in client.get(_url(risalah)).content.decode()
