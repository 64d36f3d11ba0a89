"""'Remind by WhatsApp': a wa.me link with a prefilled message to the team chair's phone.

Nothing is sent by TULTA; the link opens WhatsApp (web or app) on the user's own device with the
message ready, so the reminder comes from a person the chair knows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from django.utils.translation import gettext as _

from tulta.core.formatting import tanggal

from .selectors import Progress, TeamRow


def whatsapp_number(phone: str) -> str | None:
    """An Indonesian phone number in the international form wa.me expects: "0812-3456-7890",
    "+62 812 3456 7890" and "6281234567890" all give "6281234567890"; None when unusable."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    if not digits.startswith("62") or not 10 <= len(digits) <= 15:
        return None
    return digits


@dataclass(frozen=True)
class WhatsAppLink:
    url: str
    reason: str  # why there is no link (empty when there is one)


def reminder_message(row: TeamRow, progress: Progress, sender: str) -> str:
    programme = progress.programme
    greeting = _("Yth. %(name)s, ketua %(team)s.") % {
        "name": row.chair_name,
        "team": row.team_name,
    }
    late = row.first_late
    if row.state == "not_started":
        what = _("Kelompok Anda belum memulai risalah dalam %(programme)s.") % {
            "programme": programme.name
        }
    elif row.current_step is not None:
        what = _("Risalah kelompok Anda sedang di langkah %(n)d (%(title)s).") % {
            "n": row.current_step,
            "title": progress.step_title(row.current_step),
        }
    else:
        what = _("Semua langkah risalah kelompok Anda sudah disetujui; ajukan risalah final.")
    parts = [greeting, what]
    if late is not None:
        parts.append(
            _("Batas waktu langkah %(n)d (%(due)s) sudah lewat %(days)d hari.")
            % {"n": late.number, "due": tanggal(late.due_on, with_day=False), "days": late.days}
        )
    parts.append(
        _("Mohon segera dilanjutkan di TULTA; hubungi kami bila perlu pendampingan. Salam, %(s)s")
        % {"s": sender}
    )
    return " ".join(parts)


def reminder_link(row: TeamRow, progress: Progress, sender: str) -> WhatsAppLink:
    """The wa.me link for ``row``'s chair, or the reason there is none."""
    if not row.chair_name:
        return WhatsAppLink(url="", reason=_("Kelompok belum memiliki ketua."))
    if not row.chair_phone:
        return WhatsAppLink(
            url="",
            reason=_("Nomor HP/WhatsApp ketua (%(name)s) belum diisi.") % {"name": row.chair_name},
        )
    number = whatsapp_number(row.chair_phone)
    if number is None:
        return WhatsAppLink(
            url="",
            reason=_("Nomor HP ketua (%(phone)s) tidak dikenali.") % {"phone": row.chair_phone},
        )
    text = reminder_message(row, progress, sender)
    return WhatsAppLink(url=f"https://wa.me/{number}?text={quote(text)}", reason="")


@dataclass(frozen=True)
class WhatsAppEntry:
    """One line of the WhatsApp list an admin copies after a bulk reminder."""

    team_id: int
    team_name: str
    unit_name: str
    chair_name: str
    phone: str  # as typed
    number: str  # the international form, empty when unusable
    message: str
    link: WhatsAppLink


def whatsapp_list(progress: Progress, team_ids: Sequence[int], sender: str) -> list[WhatsAppEntry]:
    """The chairs of ``team_ids`` (in the order of the dashboard) with their numbers and the
    message to send each; a chair without a usable number keeps the reason."""
    wanted = set(team_ids)
    entries = []
    for row in progress.rows:
        if row.team_id not in wanted:
            continue
        entries.append(
            WhatsAppEntry(
                team_id=row.team_id,
                team_name=row.team_name,
                unit_name=row.unit_name,
                chair_name=row.chair_name,
                phone=row.chair_phone,
                number=whatsapp_number(row.chair_phone) or "",
                message=reminder_message(row, progress, sender),
                link=reminder_link(row, progress, sender),
            )
        )
    return entries


def whatsapp_list_text(entries: Sequence[WhatsAppEntry]) -> str:
    """The whole list as one text to paste into a note or a broadcast: name, group, number and
    message of each chair, a blank line between."""
    blocks = []
    for entry in entries:
        who = entry.chair_name or _("(belum ada ketua)")
        number = f"+{entry.number}" if entry.number else (entry.phone or _("(tanpa nomor)"))
        blocks.append(f"{who} — {entry.team_name} — {number}\n{entry.message}")
    return "\n\n".join(blocks)
