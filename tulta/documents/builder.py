"""The risalah as plain data: everything the PDF and Word renderers print, gathered once.

:func:`build_risalah_document` reads the risalah through the risalah and organisation selectors
and services (it never writes) and returns a frozen :class:`RisalahDocument`: the cover with the
team's unit's own letterhead and logo (defaults from the government's), the approval page (the
unit head's real title, place and date, the proposers' blocks), the foreword, the identity page,
the members, the meetings, the plan-vs-actual schedule, one chapter per step with its sections and
tool figures (numbered, and the tabular tools' own tables for Word), the results with every
indicator's figures exactly as the impact ledger reports them (see :mod:`.indicators`), and the
attachments with what can be printed of them (pictures, PDF pages, a Word file's text). Every
text is already formatted for Indonesian readers (dates, decimal comma) and every narrative is
sanitised HTML, so the renderers only lay things out.

Charts are drawn by :func:`tulta.tools.rendering.render` (SVG, cached by content); the 300-dpi
PNG that Word needs is drawn lazily, only when a renderer asks for it, and cached the same way.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document as WordDocument
from pypdf import PdfReader

from tulta.core.formatting import angka, persen, tanggal, tanggal_jam_zona
from tulta.core.richtext import clean_html, is_blank
from tulta.organizations.models import Government, Unit
from tulta.organizations.selectors import team_members
from tulta.risalah.models import Attachment, Risalah, RisalahStep, ToolArtefact
from tulta.risalah.selectors import step_rows
from tulta.risalah.services import meeting_summary
from tulta.stats.formatting import is_rupiah
from tulta.tools import rendering
from tulta.tools.catalogue import split_phases
from tulta.tools.registry import get_tool, tool_label

from .indicators import IndicatorFigures, indicator_figures

logger = logging.getLogger(__name__)

PNG_DPI = 300
PNG_CACHE_SECONDS = 60 * 60 * 24
# Tools whose data is itself a table readers want to see (the chart alone hides the words).
TABLE_TOOLS = ("brainstorming", "action_plan")
# The tabular tools of the catalogue: Word gets them as real, editable tables, not pictures.
WORD_TABLE_TOOLS = ("usg", "carl", "meer", "action_plan", "check_sheet", "gantt")
GANTT_MAX_WEEKS = 30  # beyond this a week-by-week grid no longer fits the page: weeks as ranges
PLANNED_MARK = "■"
ATTACHMENT_TEXT_PARAGRAPHS = 200  # of a Word attachment (minutes) printed in the lampiran
FISHBONE_LIST_AFTER = 24  # causes; beyond this the drawing cannot show every one legibly
RESULT_CODES = ("perbandingan", "sasaran_tercapai", "manfaat")
STANDARD_CODE = "standar"
NEXT_THEME_CODE = "tema_berikutnya"
LOGO_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif"}


@dataclass(frozen=True)
class Letterhead:
    """The government's name, letterhead lines and logo (raw bytes and MIME type)."""

    official_name: str
    lines: tuple[str, ...]
    logo: bytes | None = None
    logo_type: str = ""

    @property
    def logo_data_uri(self) -> str:
        if not self.logo:
            return ""
        return f"data:{self.logo_type};base64,{base64.b64encode(self.logo).decode()}"


@dataclass(frozen=True)
class Cover:
    title: str
    tema: str
    judul: str
    team: str
    unit: str
    programme: str
    year: str
    state: str

    @property
    def compact(self) -> bool:
        """Long theme, title or group name: the cover uses smaller type to stay on one page."""
        return len(self.tema) > 90 or len(self.judul) > 180 or len(self.team) > 80


@dataclass(frozen=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True)
class Member:
    number: int
    name: str
    nip: str
    role: str
    unit: str


@dataclass(frozen=True)
class Signatory:
    """One signature block of the approval page (lembar pengesahan): ``lead`` is the line above
    the title ("Mengetahui/Menyetujui,")."""

    title: str
    name: str
    nip: str
    lead: str = ""


@dataclass(frozen=True)
class Approval:
    """The approval page: who composed it and who approves, with place and date. ``proposers``
    are signed two by two (ketua and fasilitator, then the mentor); the unit head signs last,
    centred, as the one who knows and approves."""

    intro: str
    place_date: str
    proposers: tuple[Signatory, ...]
    head: Signatory

    @property
    def rows(self) -> list[tuple[Signatory, ...]]:
        blocks = self.proposers
        return [blocks[i : i + 2] for i in range(0, len(blocks), 2)]


@dataclass(frozen=True)
class Foreword:
    """The kata pengantar: paragraphs, then the place, date and the chair who signs it."""

    paragraphs: tuple[str, ...]
    place_date: str
    signer_title: str
    signer: str


@dataclass(frozen=True)
class MeetingRow:
    date: str
    minutes: str
    place: str
    agenda: str
    attendance: str


@dataclass(frozen=True)
class Meetings:
    count: int
    summary: str
    rows: tuple[MeetingRow, ...]


@dataclass(frozen=True)
class ScheduleRow:
    label: str
    planned: str
    actual: str
    status: str


@dataclass(frozen=True)
class Schedule:
    """Plan vs actual, one row per step: from the team's Gantt (weeks) or from the programme's
    deadlines and the steps' approval dates."""

    source: str  # "gantt" | "deadlines"
    planned_label: str
    actual_label: str
    rows: tuple[ScheduleRow, ...]
    note: str = ""


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ToolFigure:
    """One tool artefact: its chart as SVG (for the PDF), a lazy 300-dpi PNG (for Word), its
    reading, and ``message`` when there is no chart (bad cells, too little data)."""

    title: str
    tool: str
    tool_label: str
    svg: str
    reading: str
    alt: str
    message: str
    table: Table | None = None
    png: Callable[[], bytes | None] = field(default=lambda: None, compare=False, repr=False)
    # The tool's own table (USG, CARL, MEER, 5W1H, check sheet, Gantt), which Word shows as an
    # editable table instead of the picture; None for charts and for data that cannot be read.
    word_table: Table | None = None
    number: str = ""  # "6.2": chapter and position, the same in the PDF and in Word

    @property
    def anchor(self) -> str:
        return "gambar-" + self.number.replace(".", "-")

    @property
    def svg_uri(self) -> str:
        """The SVG as a ``data:`` URI, for an ``<img>`` in the PDF (still drawn as vectors)."""
        if not self.svg:
            return ""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


@dataclass(frozen=True)
class Section:
    code: str
    label: str
    html: str

    @property
    def empty(self) -> bool:
        return is_blank(self.html)


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    state: str
    sections: tuple[Section, ...]
    figures: tuple[ToolFigure, ...]

    @property
    def anchor(self) -> str:
        return f"langkah-{self.number}"

    @property
    def heading(self) -> str:
        return _("Langkah %(n)d. %(title)s") % {"n": self.number, "title": self.title}

    @property
    def empty(self) -> bool:
        return not self.figures and all(s.empty for s in self.sections)


@dataclass(frozen=True)
class Indicator:
    name: str
    unit: str
    direction: str
    before: str
    after: str
    change: str
    source: str


@dataclass(frozen=True)
class Results:
    """The results chapter. ``indicators`` are the impact ledger's figures of every service
    indicator (primary first); ``indicator`` is the before/after read from the evaluation
    step's charts, printed only when the group measured no indicator."""

    indicator: Indicator
    sections: tuple[Section, ...]
    standard: Section | None
    next_theme: Section | None
    indicators: tuple[IndicatorFigures, ...] = ()


@dataclass(frozen=True)
class AttachmentRow:
    """One lampiran, listed and printed: a picture (``image``), the pages of a PDF (``pdf``,
    ``pdf_pages`` of them, laid onto the document's own pages), the text of a Word file, or a
    ``note`` saying why it cannot be printed."""

    number: int
    title: str
    kind: str
    name: str
    size: str
    date: str
    image: bytes = field(default=b"", repr=False, compare=False)
    image_type: str = ""
    pdf: bytes = field(default=b"", repr=False, compare=False)
    pdf_pages: int = 0
    text: tuple[str, ...] = ()
    note: str = ""

    @property
    def image_uri(self) -> str:
        if not self.image:
            return ""
        return f"data:{self.image_type};base64,{base64.b64encode(self.image).decode()}"

    @property
    def page_anchors(self) -> list[tuple[int, str]]:
        """(page number, anchor) of each PDF page's place in the document."""
        return [(k, f"lampiran-{self.number}-halaman-{k}") for k in range(1, self.pdf_pages + 1)]


@dataclass(frozen=True)
class RisalahDocument:
    """Everything a risalah document shows. ``draft`` is true until the risalah is final."""

    risalah_id: int
    letterhead: Letterhead
    cover: Cover
    identity: tuple[Field, ...]
    members: tuple[Member, ...]
    approval: Approval
    foreword: Foreword
    meetings: Meetings
    schedule: Schedule
    chapters: tuple[Chapter, ...]
    results: Results
    attachments: tuple[AttachmentRow, ...]
    draft: bool
    generated_at: dt.datetime
    finalized_at: dt.datetime | None
    filename_stem: str
    time_zone: str = "Asia/Jakarta"  # the pemda's (Government.time_zone)

    @property
    def title(self) -> str:
        return f"{_('Risalah')} {self.cover.team}: {self.cover.tema}"

    @property
    def figures(self) -> list[ToolFigure]:
        """Every figure in order, for the daftar gambar."""
        return [figure for chapter in self.chapters for figure in chapter.figures]

    @property
    def generated_text(self) -> str:
        return tanggal_jam_zona(timezone.localtime(self.generated_at, ZoneInfo(self.time_zone)))


# --- the builder ---------------------------------------------------------------------------


def build_risalah_document(risalah: Risalah, *, draft: bool | None = None) -> RisalahDocument:
    """Gather ``risalah`` into a :class:`RisalahDocument`. Reads only; never raises for missing
    content (empty steps and tools that cannot be drawn say so in the data).

    ``draft`` defaults to "not final"; the caller checks that the reader may see the risalah.
    """
    risalah = (
        Risalah.objects.select_related(
            "team",
            "team__unit",
            "team__unit__parent",
            "team__unit__head",
            "team__unit__government",
            "programme",
            "programme__method",
            "mentor",
        )
        .filter(pk=risalah.pk)
        .get()
    )
    team, unit = risalah.team, risalah.team.unit
    government = unit.government
    is_draft = (not risalah.is_final) if draft is None else draft
    rows = step_rows(risalah)
    steps = [row.step for row in rows]
    tools = _artefacts_by_step(risalah)
    summary = meeting_summary(risalah)
    members = team_members(team)

    cover = Cover(
        title=_("Risalah Kelompok Budaya Kerja"),
        tema=risalah.tema,
        judul=risalah.judul,
        team=team.name,
        unit=unit.name,
        programme=risalah.programme.name,
        year=str(risalah.programme.year),
        state=(
            _("DRAF — belum final")
            if is_draft
            else _("Final, diajukan %(date)s") % {"date": tanggal(_local(risalah.finalized_at))}
        ),
    )
    facilitators = [m.user.full_name for m in members if m.role == "fasilitator"]
    identity = (
        Field(_("Tema"), risalah.tema),
        Field(_("Judul"), risalah.judul),
        Field(_("Nama kelompok"), team.name),
        Field(_("Unit kerja"), _unit_path(unit)),
        Field(_("Pemerintah daerah"), government.official_name),
        Field(_("Program"), f"{risalah.programme.name} ({risalah.programme.year})"),
        Field(_("SK pembentukan"), _decree(team.decree_number, team.decree_date)),
        Field(_("Tanggal dibentuk"), tanggal(team.formed_on) or "—"),
        Field(_("Fasilitator"), ", ".join(facilitators) or "—"),
        Field(_("Pendamping"), risalah.mentor.full_name if risalah.mentor else "—"),
        Field(_("Jumlah anggota"), _("%(n)d orang") % {"n": len(members)}),
        Field(_("Jumlah rapat"), _meeting_line(summary)),
        Field(_("Rata-rata kehadiran"), persen(summary.average_attendance_pct, 0) or "—"),
        Field(
            _("Indikator"),
            _indicator_line(risalah) or "—",
        ),
    )
    chapters = tuple(_chapter(step, tools.get(step.pk, [])) for step in steps)
    zone = ZoneInfo(government.time_zone)
    place_date = _place_date(government, risalah, zone, is_draft)
    return RisalahDocument(
        risalah_id=risalah.pk,
        time_zone=government.time_zone,
        letterhead=letterhead_of_unit(unit),
        cover=cover,
        identity=identity,
        members=tuple(
            Member(
                number=i,
                name=m.user.full_name,
                nip=m.user.nip_display or "—",
                role=m.get_role_display(),
                unit=m.user.unit.name if m.user.unit is not None else unit.name,
            )
            for i, m in enumerate(members, start=1)
        ),
        approval=_approval(risalah, unit, members, place_date),
        foreword=_foreword(risalah, unit, members, place_date),
        meetings=_meetings(risalah, summary, len(members)),
        schedule=_schedule(risalah, rows, tools),
        chapters=chapters,
        results=_results(risalah, steps, tools),
        attachments=_attachments(risalah),
        draft=is_draft,
        generated_at=timezone.now(),
        finalized_at=risalah.finalized_at,
        filename_stem=filename_stem(risalah, draft=is_draft),
    )


def filename_stem(risalah: Risalah, *, draft: bool) -> str:
    """A readable file name without extension: ``Risalah KBK Cepat 2026 - Waktu tunggu…``."""
    text = f"{_('Risalah')} {risalah.team.name} {risalah.programme.year} - {risalah.tema}"
    text = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text)
    text = " ".join(text.split())[:100].rstrip(" .-")
    return f"{text} (DRAF)" if draft else text


# --- parts -----------------------------------------------------------------------------------


def _local(value: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(value) if value is not None else None


def _unit_path(unit: Any) -> str:
    return f"{unit.name} ({unit.parent.name})" if unit.parent_id else unit.name


def _decree(number: str, date: dt.date | None) -> str:
    if not number and date is None:
        return "—"
    parts = [number] if number else []
    if date is not None:
        parts.append(_("tanggal %(date)s") % {"date": tanggal(date, with_day=False)})
    return ", ".join(parts)


def _meeting_line(summary: Any) -> str:
    if not summary.count:
        return _("Belum ada rapat yang dicatat.")
    return _("%(n)d kali, rata-rata %(m)s menit (seluruhnya %(t)s menit)") % {
        "n": summary.count,
        "m": angka(summary.average_minutes, 0),
        "t": angka(summary.total_minutes, 0),
    }


def _indicator_line(risalah: Risalah) -> str:
    if not risalah.indicator_name:
        return ""
    unit = f" ({risalah.indicator_unit})" if risalah.indicator_unit else ""
    return f"{risalah.indicator_name}{unit}, {risalah.get_indicator_direction_display()}"


def _logo(field: Any, owner: str) -> tuple[bytes | None, str]:
    if not field:
        return None, ""
    try:
        with field.open("rb") as handle:
            data = handle.read()
    except OSError:  # a logo file missing from storage must not stop the document
        logger.warning("Logo of %s cannot be read", owner)
        return None, ""
    logo_type = next((t for magic, t in LOGO_TYPES.items() if data.startswith(magic)), "")
    return (data if logo_type else None), logo_type


def letterhead_of(government: Government) -> Letterhead:
    """The pemda's own kop (the programme book, the recap)."""
    logo, logo_type = _logo(government.logo, f"government {government.pk}")
    lines = tuple(government.letterhead_lines) or (government.official_name.upper(),)
    return Letterhead(government.official_name, lines, logo, logo_type)


def letterhead_of_unit(unit: Unit) -> Letterhead:
    """The unit's own kop (its lines, else the pemda's name, the unit's name and address) and
    logo (its own, else the pemda's): the risalah prints under the team's unit."""
    logo, logo_type = _logo(unit.logo, f"unit {unit.pk}")
    if logo is None:
        logo, logo_type = _logo(unit.government.logo, f"government {unit.government_id}")
    return Letterhead(unit.government.official_name, tuple(unit.letterhead_lines), logo, logo_type)


def _artefacts_by_step(risalah: Risalah) -> dict[int, list[ToolArtefact]]:
    result: dict[int, list[ToolArtefact]] = {}
    for artefact in ToolArtefact.objects.filter(step__risalah=risalah).order_by(
        "step__number", "position", "id"
    ):
        result.setdefault(artefact.step_id, []).append(artefact)
    return result


def _sections(step: RisalahStep) -> tuple[Section, ...]:
    stored = step.sections
    sections = [
        Section(req["code"], req["label"], clean_html(str(stored.get(req["code"], ""))))
        for req in step.method_step.requirements
    ]
    note = clean_html(str(stored.get("catatan", "")))
    if not is_blank(note):
        sections.append(Section("catatan", _("Catatan"), note))
    return tuple(sections)


def _chapter(step: RisalahStep, tools: Sequence[ToolArtefact]) -> Chapter:
    return Chapter(
        number=step.number,
        title=step.method_step.title,
        state=step.get_state_display(),
        sections=_sections(step),
        figures=tuple(
            _figure(a, number=f"{step.number}.{n}") for n, a in enumerate(tools, start=1)
        ),
    )


def _figure(artefact: ToolArtefact, *, number: str = "") -> ToolFigure:
    try:
        rendered = rendering.render(artefact)
        svg, reading, alt, message = (
            rendered.svg,
            rendered.reading,
            rendered.alt,
            rendered.message,
        )
    except Exception:  # a broken chart must never stop the whole document; the log keeps it
        logger.exception("Chart of artefact %s cannot be drawn", artefact.pk)
        svg, reading, alt = "", "", ""
        message = _("Grafik tidak dapat dibuat saat ini.")
    if message:
        svg = ""
    elif not svg:
        message = _("Grafik belum tersedia.")
    table = None
    columns = get_tool(artefact.tool).columns
    rows = tuple(
        tuple(str(cell) for cell in row[: len(columns)])
        for row in artefact.rows
        if any(str(cell).strip() for cell in row)
    )
    # The words of a list-like tool must reach the reader even without its drawing, and a
    # fishbone too big to show every cause gets the full list next to the picture.
    if rows and (
        (artefact.tool in TABLE_TOOLS and not svg)
        or (artefact.tool == "fishbone" and len(rows) > FISHBONE_LIST_AFTER)
    ):
        table = Table(tuple(c.label for c in columns), rows)
    return ToolFigure(
        title=artefact.title,
        tool=artefact.tool,
        tool_label=tool_label(artefact.tool),
        svg=svg,
        reading=reading,
        alt=alt or artefact.title,
        message=message,
        table=table,
        png=partial(_cached_png, artefact) if svg else (lambda: None),
        word_table=word_table(artefact),
        number=number,
    )


def _number_text(value: Any) -> str:
    number = float(value)
    return angka(number, 0 if number.is_integer() else 1)


def word_table(artefact: ToolArtefact) -> Table | None:
    """The tabular tool's own table, as a reader edits it in Word: a scoring matrix ranked
    (USG, CARL, MEER: the criteria, the combined value, the rank), the check sheet as a
    cross-table with totals, the 5W1H plan as typed, the Gantt week by week (■ in the weeks
    planned or done). None for other tools and for data the tool cannot read (Word then shows
    the message, as the PDF does)."""
    if artefact.tool not in WORD_TABLE_TOOLS:
        return None
    tool = get_tool(artefact.tool)
    parsed = rendering.parse(artefact)
    if not parsed.ok or not parsed.rows:
        return None
    try:
        result = tool.compute(parsed, artefact.options)
    except (ValueError, TypeError, KeyError):  # ToolDataError and the statistics' errors
        return None
    columns = tool.columns
    if artefact.tool in ("usg", "carl", "meer"):
        criteria = [str(c.label) for c in columns[2:]]
        return Table(
            (_("Peringkat"), str(columns[0].label), *criteria, _("Nilai")),
            tuple(
                (
                    str(item.rank),
                    item.label,
                    *(_number_text(v) for v in item.scores),
                    _number_text(item.total),
                )
                for item in result.items
            ),
        )
    if artefact.tool == "check_sheet":
        categories, groups, counts = result.crosstab()
        body = [
            (str(category), *(_number_text(v) for v in counts[i]), _number_text(counts[i].sum()))
            for i, category in enumerate(categories)
        ]
        totals = (
            _("Jumlah"),
            *(_number_text(counts[:, j].sum()) for j in range(len(groups))),
            _number_text(counts.sum()),
        )
        return Table(
            (str(columns[0].label), *(str(g) for g in groups), _("Jumlah")), (*body, totals)
        )
    if artefact.tool == "action_plan":
        keys = [c.key for c in columns if any(str(r.get(c.key) or "").strip() for r in result)]
        labels = {c.key: str(c.label) for c in columns}
        return Table(
            tuple(labels[k] for k in keys),
            tuple(tuple(str(r.get(k) or "") for k in keys) for r in result),
        )
    return _gantt_table(result)


def _gantt_table(items: Sequence[dict[str, Any]]) -> Table:
    weeks = max((w for item in items for w in (*item["planned"], *item["actual"])), default=0)
    if weeks > GANTT_MAX_WEEKS:
        return Table(
            (_("Langkah / kegiatan"), _("Rencana (minggu ke-)"), _("Realisasi (minggu ke-)")),
            tuple(
                (str(i["step"]), _weeks_text(i["planned"]), _weeks_text(i["actual"])) for i in items
            ),
        )
    rows: list[tuple[str, ...]] = []
    for item in items:
        for label, marked in ((_("Rencana"), item["planned"]), (_("Realisasi"), item["actual"])):
            first = str(item["step"]) if label == _("Rencana") else ""
            rows.append(
                (
                    first,
                    label,
                    *(PLANNED_MARK if w in marked else "" for w in range(1, weeks + 1)),
                )
            )
    return Table(
        (_("Langkah / kegiatan"), _("Minggu ke-"), *(str(w) for w in range(1, weeks + 1))),
        tuple(rows),
    )


def _cached_png(artefact: ToolArtefact) -> bytes | None:
    """The artefact's 300-dpi PNG, cached by content like the SVG (drawing it is the slow part
    of a Word document)."""
    payload = [
        rendering.RENDER_VERSION,
        PNG_DPI,
        artefact.tool,
        artefact.title,
        artefact.rows,
        artefact.options,
    ]
    key = "artefact-png:" + hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return bytes(cached) or None
    try:
        data = rendering.png(artefact, dpi=PNG_DPI)
    except Exception:  # as for the SVG: log, and let Word show the reason instead
        logger.exception("PNG of artefact %s cannot be drawn", artefact.pk)
        return None
    cache.set(key, data or b"", PNG_CACHE_SECONDS)
    return data


def _place_date(government: Government, risalah: Risalah, zone: ZoneInfo, draft: bool) -> str:
    """ "Sukamaju, 3 Desember 2026" (the day it became final, in the pemda's zone); a draft
    leaves the date to be written by hand."""
    if not draft and risalah.finalized_at is not None:
        when = tanggal(timezone.localtime(risalah.finalized_at, zone), with_day=False)
    else:
        when = f"……………………… {risalah.programme.year}"
    return f"{government.name}, {when}"


def _person(user: Any) -> tuple[str, str]:
    return (user.full_name, user.nip_display) if user is not None else ("", "")


def _approval(risalah: Risalah, unit: Unit, members: Sequence[Any], place_date: str) -> Approval:
    """Who signs the risalah, as a pemda's lembar pengesahan has it: the group's chair and
    facilitator and its mentor propose; the unit head, under the title of the unit's head, knows
    and approves. A block without a person keeps its dotted lines, to be filled in by hand."""
    by_role = {m.role: m.user for m in reversed(members)}  # the first of each role
    team = risalah.team.name
    proposers = (
        Signatory(_("Ketua %(team)s") % {"team": team}, *_person(by_role.get("ketua"))),
        Signatory(_("Fasilitator"), *_person(by_role.get("fasilitator"))),
        Signatory(_("Pendamping"), *_person(risalah.mentor)),
    )
    head = Signatory(unit.head_title_display, *_person(unit.head), lead=_("Mengetahui/Menyetujui,"))
    intro = _(
        "Risalah “%(tema)s” yang disusun oleh %(team)s, %(unit)s, dalam %(programme)s tahun "
        "%(year)s telah diperiksa dan disetujui."
    ) % {
        "tema": risalah.tema,
        "team": team,
        "unit": unit.name,
        "programme": risalah.programme.name,
        "year": risalah.programme.year,
    }
    return Approval(intro=intro, place_date=place_date, proposers=proposers, head=head)


def _foreword(risalah: Risalah, unit: Unit, members: Sequence[Any], place_date: str) -> Foreword:
    """The kata pengantar, in the words groups use; thanks name the unit head, the fasilitator
    and the mentor when the risalah knows them."""
    team = risalah.team.name
    by_role = {m.role: m.user for m in reversed(members)}
    thanks = [unit.head_title_display + _(" selaku pimpinan unit")]
    if "fasilitator" in by_role:
        thanks.append(by_role["fasilitator"].full_name + _(" selaku fasilitator"))
    if risalah.mentor is not None:
        thanks.append(risalah.mentor.full_name + _(" selaku pendamping"))
    thanks.append(_("seluruh anggota kelompok"))
    chair = by_role.get("ketua")
    return Foreword(
        paragraphs=(
            _(
                "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat-Nya "
                "%(team)s %(unit)s dapat menyelesaikan risalah budaya kerja dengan tema "
                "“%(tema)s”."
            )
            % {"team": team, "unit": unit.name, "tema": risalah.tema},
            _(
                "Risalah ini disusun dengan metode %(method)s sebagai bagian dari %(programme)s "
                "tahun %(year)s, untuk memberikan pelayanan yang lebih cepat, lebih tepat dan "
                "lebih murah kepada masyarakat."
            )
            % {
                "method": risalah.programme.method.name,
                "programme": risalah.programme.name,
                "year": risalah.programme.year,
            },
            _("Kami mengucapkan terima kasih kepada %(thanks)s atas dukungan dan kerja samanya.")
            % {"thanks": ", ".join(thanks[:-1]) + _(", dan ") + thanks[-1]},
            _(
                "Kami menyadari risalah ini masih jauh dari sempurna. Saran dan masukan sangat "
                "kami harapkan untuk perbaikan pelayanan berikutnya."
            ),
        ),
        place_date=place_date,
        signer_title=_("Ketua %(team)s") % {"team": team},
        signer=chair.full_name if chair is not None else "",
    )


def _meetings(risalah: Risalah, summary: Any, team_size: int) -> Meetings:
    rows = tuple(
        MeetingRow(
            date=tanggal(m.held_on),
            minutes=angka(m.duration_minutes),
            place=m.place or "—",
            agenda=m.agenda or "—",
            attendance=_("%(n)d dari %(t)d") % {"n": len(m.attendees.all()), "t": team_size},
        )
        for m in risalah.meetings.prefetch_related("attendees").order_by("held_on", "id")
    )
    if summary.count:
        text = _("%(n)d kali rapat, rata-rata %(m)s menit, rata-rata kehadiran %(p)s anggota.") % {
            "n": summary.count,
            "m": angka(summary.average_minutes, 0),
            "p": persen(summary.average_attendance_pct, 0),
        }
    else:
        text = _("Belum ada rapat yang dicatat.")
    return Meetings(count=summary.count, summary=text, rows=rows)


def _weeks_text(weeks: Iterable[int]) -> str:
    """[1, 2, 3, 5] -> "1–3, 5"."""
    numbers = sorted(set(weeks))
    if not numbers:
        return "—"
    spans: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        spans.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(spans)


def _gantt_status(planned: list[int], actual: list[int]) -> str:
    if not actual:
        return _("belum dilaksanakan")
    if not planned or sorted(set(planned)) == sorted(set(actual)):
        return _("sesuai rencana")
    if max(actual) > max(planned):
        return _("mundur %(n)d minggu") % {"n": max(actual) - max(planned)}
    if max(actual) < max(planned):
        return _("maju %(n)d minggu") % {"n": max(planned) - max(actual)}
    return _("bergeser")


def _schedule(
    risalah: Risalah, rows: Sequence[Any], tools: dict[int, list[ToolArtefact]]
) -> Schedule:
    gantts = [
        a
        for step in sorted((r.step for r in rows), key=lambda s: (s.number != 3, s.number))
        for a in tools.get(step.pk, [])
        if a.tool == "gantt"
    ]
    for gantt in gantts:
        parsed = rendering.parse(gantt)
        if not parsed.ok:
            continue
        try:
            items = get_tool("gantt").compute(parsed, gantt.options)
        except ValueError:
            continue
        if not items:
            continue
        return Schedule(
            source="gantt",
            planned_label=_("Rencana (minggu ke-)"),
            actual_label=_("Realisasi (minggu ke-)"),
            rows=tuple(
                ScheduleRow(
                    label=str(item["step"]),
                    planned=_weeks_text(item["planned"]),
                    actual=_weeks_text(item["actual"]),
                    status=_gantt_status(item["planned"], item["actual"]),
                )
                for item in items
            ),
            note=_("Dari diagram Gantt “%(title)s” (langkah %(n)d).")
            % {
                "title": gantt.title,
                "n": next(r.step.number for r in rows if r.step.pk == gantt.step_id),
            },
        )
    return Schedule(
        source="deadlines",
        planned_label=_("Batas waktu"),
        actual_label=_("Disetujui / diajukan"),
        rows=tuple(_deadline_row(row) for row in rows),
        note=_(
            "Kelompok belum membuat diagram Gantt; jadwal diambil dari batas waktu program "
            "dan tanggal persetujuan setiap langkah."
        ),
    )


def _deadline_row(row: Any) -> ScheduleRow:
    step: RisalahStep = row.step
    approved = step.state == RisalahStep.State.APPROVED
    done_at = _local(step.reviewed_at if approved else step.submitted_at)
    if approved and done_at is not None:
        actual = tanggal(done_at, with_day=False)
    elif step.state == RisalahStep.State.SUBMITTED and done_at is not None:
        actual = _("diajukan %(d)s") % {"d": tanggal(done_at, with_day=False)}
    else:
        actual = "—"
    if approved and done_at is not None and row.due_on is not None:
        late = (done_at.date() - row.due_on).days
        status = _("terlambat %(n)d hari") % {"n": late} if late > 0 else _("tepat waktu")
    elif approved:
        status = _("selesai")
    elif row.days_late:
        status = _("terlambat %(n)d hari") % {"n": row.days_late}
    else:
        status = step.get_state_display()
    return ScheduleRow(
        label=f"{step.number}. {step.method_step.title}",
        planned=tanggal(row.due_on, with_day=False) if row.due_on else "—",
        actual=actual,
        status=status,
    )


def _find_section(steps: Sequence[RisalahStep], code: str) -> Section | None:
    for step in steps:
        for req in step.method_step.requirements:
            if req["code"] == code:
                html = clean_html(str(step.sections.get(code, "")))
                return Section(code, req["label"], html)
    return None


def _indicator(
    risalah: Risalah, steps: Sequence[RisalahStep], tools: dict[int, list[ToolArtefact]]
) -> Indicator:
    """Before/after values of the indicator, measured from the evaluation step's data: the
    means of a control chart's two phases, or the totals of a before/after Pareto."""
    unit = risalah.indicator_unit
    found: tuple[float, float, str] | None = None
    ordered = sorted(steps, key=lambda s: ("perbandingan" not in s.sections, -s.number))
    for step in ordered:
        # A control chart measures the indicator itself; a Pareto only counts its causes.
        candidates = sorted(tools.get(step.pk, []), key=lambda a: a.tool != "control_chart")
        for artefact in candidates:
            found = _before_after(artefact)
            if found is not None:
                break
        if found is not None:
            break
    before = after = change = "—"
    source = _("Belum ada data sebelum dan sesudah (grafik kendali atau Pareto dengan fase).")
    if found is not None:
        b, a, source = found
        places = 0 if is_rupiah(unit or "") else 1  # rupiah are whole: 14.245, not 14.244,8
        before, after = angka(b, places), angka(a, places)
        if b:
            pct = (a - b) / abs(b) * 100
            change = ("+" if pct > 0 else "") + persen(pct, 1)
    return Indicator(
        name=risalah.indicator_name or "—",
        unit=unit or "—",
        direction=risalah.get_indicator_direction_display(),
        before=before,
        after=after,
        change=change,
        source=source,
    )


def _before_after(artefact: ToolArtefact) -> tuple[float, float, str] | None:
    if artefact.tool not in ("control_chart", "pareto"):
        return None
    parsed = rendering.parse(artefact)
    if not parsed.ok or not parsed.rows:
        return None
    try:
        if artefact.tool == "control_chart":
            before, after = split_phases(parsed.rows)
            if not before or not after:
                return None
            b = sum(r["nilai"] for r in before) / len(before)
            a = sum(r["nilai"] for r in after) / len(after)
            how = _("rata-rata")
        else:
            rows = [{**r, "fase": r.get("periode")} for r in parsed.rows]
            before, after = split_phases(rows)
            if not before or not after:
                return None
            b = sum(r["jumlah"] for r in before)
            a = sum(r["jumlah"] for r in after)
            how = _("jumlah")
    except (ValueError, TypeError, KeyError):
        return None
    source = _("%(how)s sebelum dan sesudah dari “%(title)s” (%(tool)s)") % {
        "how": how,
        "title": artefact.title,
        "tool": tool_label(artefact.tool),
    }
    return float(b), float(a), source[:1].upper() + source[1:]


def _results(
    risalah: Risalah, steps: Sequence[RisalahStep], tools: dict[int, list[ToolArtefact]]
) -> Results:
    sections = tuple(s for code in RESULT_CODES if (s := _find_section(steps, code)) is not None)
    return Results(
        indicator=_indicator(risalah, steps, tools),
        sections=sections,
        standard=_find_section(steps, STANDARD_CODE),
        next_theme=_find_section(steps, NEXT_THEME_CODE),
        indicators=indicator_figures(risalah),
    )


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{angka(n / 1024 / 1024, 1)} MB"
    return f"{angka(max(1, round(n / 1024)))} KB"


def _attachments(risalah: Risalah) -> tuple[AttachmentRow, ...]:
    """Lampiran in the order offices file them: SK, photos, minutes, SOP, others."""
    order = {kind: i for i, kind in enumerate(Attachment.Kind.values)}
    ordered = sorted(
        risalah.attachments.order_by("uploaded_at", "id"), key=lambda a: order.get(a.kind, 99)
    )
    return tuple(
        AttachmentRow(
            number=i,
            title=a.title,
            kind=a.get_kind_display(),
            name=a.original_name,
            size=_size(a.size),
            date=tanggal(_local(a.uploaded_at), with_day=False),
            **_attachment_content(a),
        )
        for i, a in enumerate(ordered, start=1)
    )


def _attachment_content(attachment: Attachment) -> dict[str, Any]:
    """What the lampiran prints of one file: the picture, the PDF's pages, a Word file's text,
    or why it cannot be printed. Never raises: a damaged file gets a note."""
    unreadable = _("Berkas ini tidak dapat dibaca untuk dicetak; lihat berkas aslinya.")
    try:
        with attachment.file.open("rb") as handle:
            data = handle.read()
    except OSError:
        logger.warning("Attachment %s cannot be read", attachment.pk)
        return {"note": unreadable}
    image_type = next((t for magic, t in LOGO_TYPES.items() if data.startswith(magic)), "")
    if image_type:
        return {"image": data, "image_type": image_type}
    if data.startswith(b"%PDF-"):
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                return {"note": _("PDF ini terkunci kata sandi; lihat berkas aslinya.")}
            pages = len(reader.pages)
        except Exception:  # pypdf raises many kinds for a damaged file; the note says so
            logger.info("Attachment %s is not a readable PDF", attachment.pk)
            return {"note": unreadable}
        return {"pdf": data, "pdf_pages": pages} if pages else {"note": unreadable}
    if attachment.content_type.endswith("wordprocessingml.document"):
        try:
            paragraphs = [p.text.strip() for p in WordDocument(io.BytesIO(data)).paragraphs]
        except Exception:  # as for a damaged PDF
            return {"note": unreadable}
        text = tuple(p for p in paragraphs if p)[:ATTACHMENT_TEXT_PARAGRAPHS]
        return {"text": text} if text else {"note": unreadable}
    return {"note": _("Berkas lembar kerja; isinya tidak dicetak, lihat berkas aslinya.")}
