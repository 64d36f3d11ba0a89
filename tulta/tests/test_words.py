"""Words users met on the pages (#21 point 12): each with the page or unit that shows it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tulta.accounts.models import first_name
from tulta.competitions.forms import CompetitionForm, RoundForm
from tulta.factories import UserFactory
from tulta.risalah.models import RisalahStep
from tulta.testing.monitoring import set_steps, start

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Ir. Budi Santoso, M.T.", "Budi"),
        ("Dr. Ir. H. Ahmad Yani, M.Si.", "Ahmad"),
        ("Hj. Siti Aminah, S.Sos.", "Siti"),
        ("dr. Rina Wati, Sp.A.", "Rina"),
        ("drg. Dewi", "Dewi"),
        ("Drs. Joko", "Joko"),
        ("Dra. Ani", "Ani"),
        ("Prof. Dr. Sri Lestari", "Sri"),
        ("Agus Salim", "Agus"),
    ],
)
def test_first_name_skips_leading_and_trailing_titles(full_name, expected):
    assert first_name(full_name) == expected


def test_the_greeting_names_the_person_not_their_title(world, client_for):
    user = UserFactory(government=world.government, full_name="Ir. Budi Santoso, M.T.")
    text = client_for(user).get(reverse("home:home")).content.decode()
    assert "Selamat datang, Budi" in text
    assert "Selamat datang, Ir." not in text


def test_the_chairs_header_names_their_team_role(world, client_for):
    text = client_for(world.chair).get(reverse("home:home")).content.decode()
    subtitle = re.search(r'<p class="subtitle">(.*?)</p>', text, re.S).group(1)
    assert "Ketua KBK" in subtitle
    assert "Anggota KBK" not in subtitle


def test_a_waiting_review_without_a_submission_date_shows_no_empty_parentheses(
    world, client_for, programme
):
    risalah = start(world.team, programme)
    RisalahStep.objects.filter(risalah=risalah, number=1).update(
        state=RisalahStep.State.SUBMITTED, submitted_at=None
    )
    text = client_for(world.admin).get(reverse("home:home")).content.decode()
    assert "langkah 1" in text
    assert not re.search(r"\(diajukan\s*\)", text)


def test_competition_forms_label_programme_and_rubric_in_indonesian(world):
    competition = CompetitionForm(government_id=world.government.pk)
    round_form = RoundForm(government_id=world.government.pk)
    assert competition.fields["programme"].label == "Program"
    assert round_form.fields["rubric"].label == "Rubrik"
    html = competition.as_p() + round_form.as_p()
    assert "Programme" not in html and "Rubric" not in html


def test_the_lateness_chart_has_an_axis_title(world, client_for, programme):
    set_steps(start(world.team, programme), approved=1)
    url = reverse("monitoring:dashboard", args=[programme.pk])
    text = client_for(world.admin).get(url).content.decode()
    chart = text.split('id="grafik-terlambat"', 1)[1].split("</svg>", 1)[0]
    title = r'<text class="axis-title"[^>]*transform="rotate\(-90 [^"]*">Langkah terlambat<'
    assert re.search(title, chart)


def test_chart_readings_are_not_set_in_bold():
    css = (Path(settings.BASE_DIR) / "tulta/static/tulta/tulta.css").read_text()
    rule = re.search(r"\.chart \.reading \{([^}]*)\}", css).group(1)
    assert "font-weight: 400" in rule


def test_every_page_links_an_svg_favicon(world, client_for):
    text = client_for(world.member).get(reverse("home:home")).content.decode()
    assert re.search(r'<link rel="icon" type="image/svg\+xml" href="[^"]*favicon\.svg">', text)
    path = finders.find("tulta/favicon.svg")
    assert path and Path(path).read_text().startswith("<svg")
