"""The team's feedback (SOFI: strengths and opportunities for improvement) as a PDF, from the
released feedback only (``selectors.released_feedback``: closed rounds). The builder is the
selector; this module only formats it. The stylesheet is a static file, so the template has
no inline style."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from tulta.core import formatting

from .models import Entry
from .selectors import RoundFeedback


def feedback_pdf(entry: Entry, rounds: list[RoundFeedback]) -> bytes:
    from weasyprint import CSS, HTML  # imported late: heavy, and only needed here

    html = render_to_string(
        "competitions/feedback_pdf.html",
        {
            "entry": entry,
            "rounds": rounds,
            "government": entry.competition.programme.government,
            "printed": formatting.tanggal(timezone.localdate()),
        },
    )
    css = finders.find("competitions/feedback_pdf.css")
    sheets = [CSS(filename=str(css))] if css else []
    return HTML(string=html, base_url="/").write_pdf(stylesheets=sheets)
