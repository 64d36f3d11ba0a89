"""Certificates (piagam penghargaan): a one-page PDF with the government's letterhead, the
award's fields and a QR code that points to the public check page."""

from __future__ import annotations

import base64

import segno
from django.template.loader import render_to_string

from tulta.core import formatting

from .models import Award


def qr_svg_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=4)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def certificate_pdf(award: Award, check_url: str) -> bytes:
    from weasyprint import HTML  # imported late: heavy, and only needed here

    government = award.competition.programme.government
    logo = ""
    if government.logo:
        try:
            logo = government.logo.path
        except (NotImplementedError, ValueError):
            logo = ""
    html = render_to_string(
        "competitions/certificate.html",
        {
            "award": award,
            "government": government,
            "logo": logo,
            "qr": qr_svg_data_uri(check_url),
            "check_url": check_url,
            "date": formatting.tanggal(award.awarded_on),
        },
    )
    return HTML(string=html, base_url="/").write_pdf()
