"""Certificates (piagam penghargaan): a one-page A4 PDF with the government's emblem inside a
border, the signer's letterhead, a certificate number, the group and its members, the award, and
a QR code with the verification URL on one line; and a ZIP of every certificate of a
competition for the organiser.

The certificate number needs no storage: ``<year>/<competition>/<award>`` is unique (an award
belongs to one competition) and stable (none of its parts changes after the award is made).
"""

from __future__ import annotations

import base64
import io
import logging
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import segno
from django.template.loader import render_to_string

from tulta.core import formatting
from tulta.organizations.models import Government, Membership, Unit

from .models import Award

logger = logging.getLogger(__name__)

# Image types WeasyPrint draws from a data URI, by their first bytes.
EMBLEM_TYPES = {
    b"\x89PNG": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF8": "image/gif",
    b"<svg": "image/svg+xml",
    b"<?xml": "image/svg+xml",
}
# The heads of the region sign under their own office's name, not under a unit's.
REGIONAL_HEADS = ("wali kota", "walikota", "bupati", "wakil wali kota", "wakil bupati")
# Members in the order a group's SK lists them.
ROLE_ORDER: dict[str, int] = {role.value: index for index, role in enumerate(Membership.Role)}


@dataclass(frozen=True)
class Member:
    name: str
    role: str


def certificate_number(award: Award) -> str:
    """``<year>/<competition pk>/<award pk>``: "2026/3/17"."""
    return f"{award.awarded_on.year}/{award.competition_id}/{award.pk}"


def qr_svg_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=4)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def emblem_data_uri(government: Government) -> str:
    """The government's emblem (its uploaded logo) as a data URI; "" without a readable one."""
    if not government.logo:
        return ""
    try:
        with government.logo.open("rb") as handle:
            data = handle.read()
    except OSError:  # a logo missing from storage must not stop the certificate
        logger.warning("Logo of government %s cannot be read", government.pk)
        return ""
    kind = next((t for magic, t in EMBLEM_TYPES.items() if data.lstrip().startswith(magic)), "")
    return f"data:{kind};base64,{base64.b64encode(data).decode()}" if kind else ""


def signer_letterhead(award: Award) -> list[str]:
    """The letterhead of the office that signs, upper case as a kop is printed.

    - A regional head (Wali Kota, Bupati) signs under the office's own name: "WALI KOTA UJI".
    - The head of one of the government's units signs under the government and that unit:
      "PEMERINTAH KOTA UJI", "SEKRETARIAT DAERAH".
    - Anyone else, or no signer: the government's letterhead as its admin set it.
    """
    government = award.competition.programme.government
    title = " ".join(award.signatory_title.split())
    if title.lower().startswith(REGIONAL_HEADS):
        return [title.upper()]
    name = award.signatory_name.strip()
    unit = (
        Unit.objects.filter(government=government, head__full_name=name).order_by("pk").first()
        if name
        else None
    )
    if unit is not None:
        return [government.official_name.upper(), unit.name.upper()]
    return list(government.letterhead_lines) or [government.official_name.upper()]


def members_of(award: Award) -> list[Member]:
    memberships = Membership.objects.filter(team_id=award.entry.team_id).select_related("user")
    return [
        Member(m.user.full_name, m.get_role_display())
        for m in sorted(memberships, key=lambda m: (ROLE_ORDER.get(m.role, 9), m.user.full_name))
    ]


def certificate_html(award: Award, check_url: str) -> str:
    government = award.competition.programme.government
    return render_to_string(
        "competitions/certificate.html",
        {
            "award": award,
            "government": government,
            "emblem": emblem_data_uri(government),
            "letterhead": signer_letterhead(award),
            "number": certificate_number(award),
            "members": members_of(award),
            "qr": qr_svg_data_uri(check_url),
            "check_url": check_url,
            "place": government.name,
            "date": formatting.tanggal(award.awarded_on, with_day=False),
        },
    )


def certificate_pdf(award: Award, check_url: str) -> bytes:
    from weasyprint import HTML  # imported late: heavy, and only needed here

    return HTML(string=certificate_html(award, check_url), base_url="/").write_pdf()


def certificate_filename(award: Award) -> str:
    """ "piagam-2026-3-17-juara_1.pdf": the number, then the award, safe in any file system."""
    return f"piagam-{certificate_number(award).replace('/', '-')}-{award.kind}.pdf"


def certificates_zip(awards: Iterable[Award], check_url_of: Callable[[Award], str]) -> bytes:
    """Every award's certificate in one ZIP, built in memory (a competition has a handful of
    awards; each PDF is one page)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for award in awards:
            archive.writestr(
                certificate_filename(award), certificate_pdf(award, check_url_of(award))
            )
    return buffer.getvalue()
