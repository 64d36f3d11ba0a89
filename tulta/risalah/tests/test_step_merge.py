"""step_save_merging: two tabs or two people on one step merge section by section (#21 point 8);
the stale-write guard of step_save still holds for every write."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tulta.core.models import AuditEvent
from tulta.risalah import services
from tulta.risalah.models import RisalahStep, StepVersion
from tulta.testing.risalah import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def step(world, risalah):
    """Step 1 saved once by the chair (version 1): the version both tabs load."""
    step = risalah.steps.select_related("method_step").get(number=1)
    step.risalah = risalah
    return services.step_save(
        actor=world.chair,
        step=step,
        sections={"masalah": "<p>antrean</p>", "usg": "<p>U5 S4 G4</p>", "tema": "<p>KTP</p>"},
        base_version=0,
    )


def _loaded(step):
    """The step as a second tab read it: same version, its own object."""
    loaded = RisalahStep.objects.select_related("method_step").get(pk=step.pk)
    loaded.risalah = step.risalah
    return loaded


def test_a_save_from_the_current_version_is_a_plain_save(world, step):
    outcome = services.step_save_merging(
        actor=world.chair, step=step, sections={"masalah": "<p>baru</p>"}, base_version=1
    )
    assert outcome.met_other is False
    assert outcome.step.version == 2
    assert outcome.step.sections["masalah"] == "<p>baru</p>"


def test_two_tabs_on_different_sections_merge_and_say_what_came_from_the_other(world, step):
    tab_a, tab_b = _loaded(step), _loaded(step)
    services.step_save(
        actor=world.chair, step=tab_a, sections={"usg": "<p>dari tab A</p>"}, base_version=1
    )
    outcome = services.step_save_merging(
        actor=world.chair,
        step=tab_b,
        sections={"masalah": "<p>dari tab B</p>", "usg": "<p>U5 S4 G4</p>", "tema": "<p>KTP</p>"},
        base_version=1,
    )
    assert outcome.met_other is True
    assert outcome.other_by == world.chair
    assert outcome.from_other == ("usg",)
    assert outcome.conflicts == ()
    stored = RisalahStep.objects.get(pk=step.pk)
    assert stored.version == 3 == outcome.step.version
    assert stored.sections == {
        "masalah": "<p>dari tab B</p>",
        "usg": "<p>dari tab A</p>",
        "tema": "<p>KTP</p>",
    }
    assert StepVersion.objects.get(step=step, version=3).note == "gabungan otomatis"
    event = AuditEvent.objects.get(verb="step_merged")
    assert event.changes["versi"] == [1, 3]
    assert event.changes["dari_versi_lain"] == [None, ["usg"]]
    assert event.changes["dari_penulis"] == [None, ["masalah"]]


def test_a_section_both_changed_waits_for_a_choice_and_the_rest_is_saved(world, step):
    services.step_save(
        actor=world.member,
        step=_loaded(step),
        sections={"tema": "<p>tema anggota</p>", "usg": "<p>USG anggota</p>"},
        base_version=1,
    )
    outcome = services.step_save_merging(
        actor=world.chair,
        step=_loaded(step),
        sections={"tema": "<p>tema ketua</p>", "masalah": "<p>masalah ketua</p>"},
        base_version=1,
    )
    assert outcome.other_by == world.member
    assert outcome.conflicts == ("tema",)
    assert outcome.from_other == ("usg",)
    assert outcome.mine == {"tema": "<p>tema ketua</p>"}
    assert outcome.theirs == {"tema": "<p>tema anggota</p>"}
    stored = RisalahStep.objects.get(pk=step.pk)
    # The chair's own section is saved; the disputed one keeps the stored text for now.
    assert stored.sections["masalah"] == "<p>masalah ketua</p>"
    assert stored.sections["tema"] == "<p>tema anggota</p>"
    assert stored.sections["usg"] == "<p>USG anggota</p>"
    assert AuditEvent.objects.get(verb="step_merged").changes["bentrok"] == [None, ["tema"]]

    # The chair chooses their own text and saves from the version the merge left.
    chosen = services.step_save_merging(
        actor=world.chair,
        step=_loaded(step),
        sections={"tema": "<p>tema ketua</p>"},
        base_version=outcome.step.version,
    )
    assert chosen.met_other is False
    assert RisalahStep.objects.get(pk=step.pk).sections["tema"] == "<p>tema ketua</p>"


def test_when_nothing_of_mine_differs_nothing_new_is_written(world, step):
    services.step_save(
        actor=world.member, step=_loaded(step), sections={"usg": "<p>baru</p>"}, base_version=1
    )
    outcome = services.step_save_merging(
        actor=world.chair, step=_loaded(step), sections={"tema": "<p>KTP</p>"}, base_version=1
    )
    assert outcome.from_other == ("usg",)
    assert outcome.step.version == 2
    assert StepVersion.objects.filter(step=step).count() == 2


def test_an_unknown_loaded_version_makes_every_difference_a_choice(world, step):
    services.step_save(
        actor=world.member, step=_loaded(step), sections={"usg": "<p>baru</p>"}, base_version=1
    )
    outcome = services.step_save_merging(
        actor=world.chair,
        step=_loaded(step),
        sections={"masalah": "<p>lain</p>", "usg": "<p>baru</p>"},
        base_version=-1,
    )
    assert outcome.conflicts == ("masalah",)
    assert RisalahStep.objects.get(pk=step.pk).sections["masalah"] == "<p>antrean</p>"


def test_posted_html_is_cleaned_before_it_is_compared_or_kept(world, step):
    services.step_save(
        actor=world.member, step=_loaded(step), sections={"tema": "<p>anggota</p>"}, base_version=1
    )
    outcome = services.step_save_merging(
        actor=world.chair,
        step=_loaded(step),
        sections={"tema": "<p>ketua</p><script>alert(1)</script>", "lain": "<p>x</p>"},
        base_version=1,
    )
    assert outcome.mine == {"tema": "<p>ketua</p>"}
    assert "lain" not in RisalahStep.objects.get(pk=step.pk).sections


def test_a_submitted_step_is_not_merged_into(world, risalah):
    step = fill(risalah.steps.select_related("method_step").get(number=1), actor=world.chair)
    stale = _loaded(step)
    services.step_submit(actor=world.chair, step=step)
    with pytest.raises(ValidationError, match="diajukan"):
        services.step_save_merging(
            actor=world.member,
            step=stale,
            sections={"masalah": "<p>terlambat</p>"},
            base_version=stale.version - 1,
        )
    assert RisalahStep.objects.get(pk=step.pk).state == RisalahStep.State.SUBMITTED
