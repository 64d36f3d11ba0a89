"""Bulk import of units, users and teams from an XLSX or CSV file.

The flow is all-or-nothing: every row is read and checked first; the report lists every bad
cell by row number (as the spreadsheet shows it) and column name; only a file without a single
error is saved, in one transaction, through the same services as the forms.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from django.utils.translation import ngettext
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from tulta.accounts import services as account_services
from tulta.accounts.models import GRANTABLE_ROLES, User
from tulta.accounts.nip import NipError, normalize_nip, parse_nip
from tulta.core import audit
from tulta.core.dates import parse_calendar_date
from tulta.core.exports import csv_text, workbook_bytes
from tulta.core.formatting import angka
from tulta.tools import tables

from . import services
from .models import Government, Membership, Team, Unit

MAX_ROWS = 5000


@dataclass(frozen=True)
class Column:
    key: str
    required: bool
    help: str
    example: str
    text: bool = False  # digits that are not a number (NIP, phone): a "Teks" column in the XLSX
    #: What the column is called in messages ("NIP anggota"); the key when empty.
    label: str = ""

    @property
    def title(self) -> str:
        return _(self.label) if self.label else self.key


@dataclass(frozen=True)
class ImportKind:
    key: str
    title: str
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the column's key in the header ("nip_anggota"), as the file spells it
    message: str
    label: str = ""  # the column's human name ("NIP anggota")


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    rows: int = 0
    saved: bool = False
    #: What was created, by what it is: {"kelompok": 2, "anggota": 7}.
    counts: dict[str, int] = field(default_factory=dict)
    #: The column keys' labels of the kind being imported.
    labels: dict[str, str] = field(default_factory=dict)

    def add(self, row: int, column: str, message: str) -> None:
        label = ", ".join(self.labels.get(c, c) for c in column.split(", ")) if column else ""
        self.errors.append(RowError(row, column, message, label))

    @property
    def summary(self) -> str:
        """What was created, in words: "2 kelompok, 7 anggota"."""
        words = {
            "unit": lambda n: ngettext("%(n)s unit", "%(n)s unit", n),
            "pengguna": lambda n: ngettext("%(n)s pengguna", "%(n)s pengguna", n),
            "kelompok": lambda n: ngettext("%(n)s kelompok", "%(n)s kelompok", n),
            "anggota": lambda n: ngettext("%(n)s anggota", "%(n)s anggota", n),
        }
        return ", ".join(
            words[what](n) % {"n": angka(n)} for what, n in self.counts.items() if what in words
        )


def unit_not_found(name: str, units: dict[str, Unit], *, parent: bool = False) -> str:
    """The message for an unknown unit name, with the closest names of the government's units
    when some are close: "Unit 'Dinas Kesehatn' tidak ditemukan. Maksud Anda: Dinas Kesehatan?"."""
    close = difflib.get_close_matches(name.lower(), list(units), n=3, cutoff=0.75)
    if parent:
        message = _("Unit induk '%(name)s' tidak ditemukan di pemda ini maupun di berkas.") % {
            "name": name
        }
    else:
        message = _("Unit '%(v)s' tidak ditemukan.") % {"v": name}
    if close:
        names = " " + _("atau") + " "
        message += " " + _("Maksud Anda: %(names)s?") % {
            "names": names.join(units[c].name for c in close)
        }
    return message


#: The file as a whole cannot be read (wrong type, no header, too many rows); the same class
#: as the generic table reader raises, so one ``except`` catches both.
ImportFileError = tables.TableFileError


def _unit_kind_values() -> dict[str, str]:
    values = {k: k for k in Unit.Kind.values}
    values.update({"kelurahan/desa": "kelurahan", "desa": "kelurahan", "puskesmas": "upt"})
    # A RSUD daerah is an OPD (it reports to the kepala daerah and presents as one); a pemda
    # whose RSUD is a UPT of the Dinas Kesehatan says so with "rsud upt".
    values.update({"rsud": "opd", "rsud opd": "opd", "rsud daerah": "opd"})
    values.update({"rsud upt": "upt", "rsud (upt)": "upt", "upt rsud": "upt"})
    values.update({"dinas": "opd", "badan": "opd"})
    return values


ROLE_WORDS = {
    "admin program": "programme_admin",
    "admin": "programme_admin",
    "bagian organisasi": "programme_admin",
    "pendamping": "mentor",
    "juri": "judge",
    "pimpinan": "leadership",
}

KINDS: dict[str, ImportKind] = {
    "unit": ImportKind(
        "unit",
        "Unit (OPD, kecamatan, kelurahan, UPT)",
        (
            Column(
                "nama",
                True,
                "Nama unit, unik di pemda ini.",
                "Dinas Kependudukan dan Pencatatan Sipil",
                label=N_("Nama unit"),
            ),
            Column(
                "jenis",
                True,
                "opd, kecamatan, kelurahan atau upt. RSUD daerah: 'rsud' (menjadi OPD); "
                "RSUD yang menjadi UPT dinas kesehatan: 'rsud upt'.",
                "opd",
                label=N_("Jenis unit"),
            ),
            Column(
                "induk",
                False,
                "Nama unit induk (sudah ada atau di berkas ini), "
                "misalnya kecamatan untuk kelurahan.",
                "",
                label=N_("Unit induk"),
            ),
        ),
    ),
    "pengguna": ImportKind(
        "pengguna",
        "Pengguna (pegawai)",
        (
            Column(
                "nama",
                True,
                "Nama lengkap dengan gelar.",
                "Siti Rahmawati, S.Sos.",
                label=N_("Nama"),
            ),
            Column(
                "email",
                True,
                "Alamat email, unik; dipakai untuk masuk dan atur kata sandi.",
                "siti.rahmawati@contoh.go.id",
                label=N_("Email"),
            ),
            Column(
                "nip",
                False,
                "NIP 18 digit (wajib bagi ASN yang menjadi anggota KBK).",
                "198503152010012001",
                text=True,
                label=N_("NIP"),
            ),
            Column("jabatan", False, "Jabatan.", "Analis Kebijakan", label=N_("Jabatan")),
            Column(
                "telepon",
                False,
                "Nomor HP/WhatsApp.",
                "081234567890",
                text=True,
                label=N_("Telepon"),
            ),
            Column(
                "unit",
                False,
                "Nama unit kerja (harus sudah ada).",
                "Dinas Kependudukan dan Pencatatan Sipil",
                label=N_("Unit kerja"),
            ),
            Column(
                "peran",
                False,
                "Pisahkan dengan koma: admin program, pendamping, juri, pimpinan.",
                "",
                label=N_("Peran"),
            ),
            Column(
                "kepala_unit",
                False,
                "Isi 'ya' bila ia kepala unit kerjanya.",
                "tidak",
                label=N_("Kepala unit"),
            ),
        ),
    ),
    "kelompok": ImportKind(
        "kelompok",
        "Kelompok budaya kerja (satu baris per anggota)",
        (
            Column(
                "unit",
                True,
                "Nama unit (harus sudah ada).",
                "Dinas Kependudukan dan Pencatatan Sipil",
                label=N_("Unit"),
            ),
            Column(
                "nama_kelompok",
                True,
                "Nama KBK; baris dengan nama yang sama menjadi satu kelompok.",
                "KBK Cepat Tanggap",
                label=N_("Nama kelompok"),
            ),
            Column(
                "nomor_sk",
                False,
                "Nomor SK pembentukan.",
                "800/123/Disdukcapil/2026",
                text=True,
                label=N_("Nomor SK"),
            ),
            Column(
                "tanggal_sk",
                False,
                "Tanggal SK: TTTT-BB-HH atau HH/BB/TTTT.",
                "2026-01-15",
                label=N_("Tanggal SK"),
            ),
            Column(
                "tanggal_dibentuk",
                False,
                "Tanggal kelompok dibentuk.",
                "2026-01-20",
                label=N_("Tanggal dibentuk"),
            ),
            Column(
                "nip_anggota",
                True,
                "NIP anggota (harus sudah terdaftar).",
                "198503152010012001",
                text=True,
                label=N_("NIP anggota"),
            ),
            Column(
                "peran",
                True,
                "fasilitator, ketua, sekretaris atau anggota; tepat satu ketua per kelompok.",
                "ketua",
                label=N_("Peran dalam kelompok"),
            ),
        ),
    ),
}


def stored_as_number(value: Any, column: str) -> str | None:
    """The message for a NIP or phone the file stored as a number, or None for text. Such a
    value is never taken: a spreadsheet number keeps 15 to 17 digits (a NIP has 18) and no
    leading 0, so what arrives is not what was typed."""
    if not isinstance(value, tables.NumberCell):
        return None
    if column == "telepon":
        return _(
            "Nomor telepon tersimpan sebagai angka di Excel sehingga angka 0 di depannya hilang; "
            "format kolom sebagai Teks lalu ketik ulang nomornya."
        )
    return _(
        "NIP tersimpan sebagai angka di Excel sehingga digit terakhirnya berubah; format kolom "
        "sebagai Teks lalu ketik ulang NIP-nya."
    )


# --- templates ----------------------------------------------------------------------------


TEXT_FORMAT = "@"  # Excel's "Teks" number format
TEMPLATE_TEXT_ROWS = 1000


def template_xlsx(kind: ImportKind) -> bytes:
    """An XLSX template: the data sheet with a bold frozen header and one example row, and a
    'Petunjuk' sheet that explains each column."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Data"
    sheet.append([c.key for c in kind.columns])
    sheet.append([c.example for c in kind.columns])
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    for index, column in enumerate(kind.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(18, len(column.example) + 4)
        if column.text:
            # "Teks" for the whole column (what Excel applies to what is typed there) and for
            # the rows people fill in, so a NIP keeps its 18 digits and a phone its leading 0.
            sheet.column_dimensions[letter].number_format = TEXT_FORMAT
            for row in range(2, TEMPLATE_TEXT_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = TEXT_FORMAT
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("Petunjuk")
    guide.append(["kolom", "wajib", "keterangan"])
    for column in kind.columns:
        guide.append([column.key, "ya" if column.required else "tidak", column.help])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    guide.column_dimensions["A"].width = 20
    guide.column_dimensions["C"].width = 90
    return workbook_bytes(workbook)


def template_csv(kind: ImportKind) -> bytes:
    rows = [[c.key for c in kind.columns], [c.example for c in kind.columns]]
    return csv_text(rows).encode("utf-8-sig")


# --- reading ------------------------------------------------------------------------------

Row = tuple[int, dict[str, Any]]


def read_table(content: bytes, filename: str = "") -> tuple[list[str], list[Row]]:
    """Read the first sheet of an XLSX file, or a CSV file (comma, semicolon or tab separated),
    with :func:`tulta.tools.tables.read_table`.

    Returns the lower-cased header names and the non-empty rows as ``(row number, values)``.
    Raises :class:`ImportFileError` for a file that cannot be read as a table.
    """
    header: list[str] | None = None
    rows: list[Row] = []
    for number, cells in enumerate(tables.read_table(content, filename).rows, start=1):
        if header is None:
            if not any(cells):
                continue
            header = [str(c).strip().lower().replace(" ", "_") for c in cells]
            continue
        if not any(c != "" for c in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(
                _("Berkas berisi lebih dari %(n)d baris; bagi menjadi beberapa berkas.")
                % {"n": MAX_ROWS}
            )
        rows.append((number, {header[i]: c for i, c in enumerate(cells) if i < len(header)}))
    if header is None:
        raise ImportFileError(_("Berkas kosong: tidak ada baris judul kolom."))
    return header, rows


def _parse_date(value: Any) -> dt.date:
    """A cell's date: a spreadsheet date as it is, text as ``parse_calendar_date`` reads it.
    Raises ValidationError with the reason."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_calendar_date(str(value))


# --- validation and saving ---------------------------------------------------------------


def run_import(
    *, kind_key: str, government: Government, actor: User, content: bytes, filename: str = ""
) -> ImportReport:
    """Check every row; save everything (in one transaction) only when no row is bad."""
    kind = KINDS[kind_key]
    report = ImportReport(labels={c.key: c.title for c in kind.columns})
    try:
        header, rows = read_table(content, filename)
    except ImportFileError as exc:
        report.add(0, "", str(exc))
        return report
    missing = [c.key for c in kind.columns if c.required and c.key not in header]
    if missing:
        report.add(
            1,
            ", ".join(missing),
            _("Kolom wajib tidak ada di baris judul: %(cols)s. Gunakan templat yang disediakan.")
            % {"cols": ", ".join(missing)},
        )
        return report
    report.rows = len(rows)
    if not rows:
        report.add(2, "", _("Tidak ada baris data di bawah baris judul."))
        return report
    for number, values in rows:
        for column in kind.columns:
            if column.required and values.get(column.key, "") in ("", None):
                report.add(number, column.key, _("Wajib diisi."))
    checker: Callable[..., Callable[[], dict[str, int]]] = {
        "unit": _check_units,
        "pengguna": _check_users,
        "kelompok": _check_teams,
    }[kind_key]
    apply = checker(rows=rows, government=government, actor=actor, report=report)
    if report.errors:
        report.errors.sort(key=lambda e: (e.row, e.column))
        return report
    try:
        with transaction.atomic():
            report.counts = apply()
            report.created = next(iter(report.counts.values()), 0)
            audit.record(
                actor=actor,
                action="import",
                obj=government,
                government_id=government.pk,
                verb=f"import_{kind_key}",
                changes={"baris": [None, len(rows)], "dibuat": [None, report.created]},
            )
    except ValidationError as exc:  # a race with another admin; nothing was saved
        report.add(0, "", "; ".join(exc.messages))
        return report
    report.saved = True
    return report


def _check_units(
    *, rows: list[Row], government: Government, actor: User, report: ImportReport
) -> Callable[[], dict[str, int]]:
    kinds = _unit_kind_values()
    existing = {u.name.lower(): u for u in Unit.objects.filter(government=government)}
    in_file: dict[str, int] = {}
    planned: list[tuple[int, str, str, str]] = []
    for number, values in rows:
        name = str(values.get("nama", "")).strip()
        kind_text = str(values.get("jenis", "")).strip().lower()
        parent = str(values.get("induk", "")).strip()
        if name:
            if name.lower() in existing:
                report.add(number, "nama", _("Unit '%(name)s' sudah ada.") % {"name": name})
            elif name.lower() in in_file:
                report.add(
                    number,
                    "nama",
                    _("Unit '%(name)s' sudah ada di baris %(row)d.")
                    % {"name": name, "row": in_file[name.lower()]},
                )
            else:
                in_file[name.lower()] = number
        if kind_text and kind_text not in kinds:
            report.add(
                number,
                "jenis",
                _("'%(value)s' bukan jenis unit; pilih opd, kecamatan, kelurahan atau upt.")
                % {"value": kind_text},
            )
        planned.append((number, name, kinds.get(kind_text, ""), parent))
    for number, name, _kind, parent in planned:
        if parent:
            if parent.lower() == name.lower():
                report.add(number, "induk", _("Unit tidak boleh menjadi induk dirinya."))
            elif parent.lower() not in existing and parent.lower() not in in_file:
                report.add(number, "induk", unit_not_found(parent, existing, parent=True))

    def apply() -> dict[str, int]:
        created: dict[str, Unit] = {}
        for _number, name, kind, _parent in planned:
            created[name.lower()] = services.unit_create(
                actor=actor, government=government, name=name, kind=kind
            )
        for _number, name, _kind, parent in planned:
            if parent:
                target = created.get(parent.lower()) or existing[parent.lower()]
                services.unit_update(actor=actor, unit=created[name.lower()], parent=target)
        return {"unit": len(created)}

    return apply


def _check_users(
    *, rows: list[Row], government: Government, actor: User, report: ImportReport
) -> Callable[[], dict[str, int]]:
    units = {u.name.lower(): u for u in Unit.objects.filter(government=government)}
    emails_in_file: dict[str, int] = {}
    nips_in_file: dict[str, int] = {}
    planned: list[dict[str, Any]] = []
    emails = [str(v.get("email", "")).strip().lower() for _, v in rows]
    nips = [normalize_nip(str(v.get("nip", ""))) for _, v in rows]
    taken_emails = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    taken_nips = set(
        User.objects.filter(nip__in=[n for n in nips if n]).values_list("nip", flat=True)
    )
    grantable = {r.value for r in GRANTABLE_ROLES}
    for number, values in rows:
        email = str(values.get("email", "")).strip().lower()
        nip = normalize_nip(str(values.get("nip", "")))
        unit_name = str(values.get("unit", "")).strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                report.add(number, "email", _("'%(v)s' bukan alamat email.") % {"v": email})
            else:
                if email in taken_emails:
                    report.add(number, "email", _("Email %(v)s sudah terdaftar.") % {"v": email})
                elif email in emails_in_file:
                    report.add(
                        number,
                        "email",
                        _("Email %(v)s sudah ada di baris %(row)d.")
                        % {"v": email, "row": emails_in_file[email]},
                    )
                emails_in_file.setdefault(email, number)
        nip_message = stored_as_number(values.get("nip"), "nip")
        if nip and nip_message:
            report.add(number, "nip", nip_message)
        elif nip:
            try:
                parse_nip(nip)
            except NipError as exc:
                report.add(number, "nip", exc.message)
            else:
                if nip in taken_nips:
                    report.add(number, "nip", _("NIP %(v)s sudah terdaftar.") % {"v": nip})
                elif nip in nips_in_file:
                    report.add(
                        number,
                        "nip",
                        _("NIP %(v)s sudah ada di baris %(row)d.")
                        % {"v": nip, "row": nips_in_file[nip]},
                    )
                nips_in_file.setdefault(nip, number)
        unit = None
        if unit_name:
            unit = units.get(unit_name.lower())
            if unit is None:
                report.add(number, "unit", unit_not_found(unit_name, units))
        roles = []
        for word in re.split(r"[,;]", str(values.get("peran", ""))):
            word = word.strip().lower()
            if not word:
                continue
            role = ROLE_WORDS.get(word, word if word in grantable else None)
            if role is None:
                report.add(
                    number,
                    "peran",
                    _("'%(v)s' bukan peran; pilih admin program, pendamping, juri, pimpinan.")
                    % {"v": word},
                )
            else:
                roles.append(role)
        phone_message = stored_as_number(values.get("telepon"), "telepon")
        if phone_message:
            report.add(number, "telepon", phone_message)
        head_text = str(values.get("kepala_unit", "")).strip().lower()
        is_head = head_text in {"ya", "y", "yes", "1"}
        if head_text and head_text not in {"ya", "y", "yes", "1", "tidak", "t", "no", "0"}:
            report.add(number, "kepala_unit", _("Isi 'ya' atau 'tidak'."))
        if is_head and not unit_name:
            report.add(number, "kepala_unit", _("Kepala unit harus diisi kolom unit-nya."))
        planned.append(
            {
                "full_name": str(values.get("nama", "")).strip(),
                "email": email,
                "nip": nip or None,
                "position": str(values.get("jabatan", "")).strip(),
                "phone": str(values.get("telepon", "")).strip(),
                "unit": unit,
                "roles": roles,
                "is_head": is_head,
            }
        )

    def apply() -> dict[str, int]:
        for spec in planned:
            is_head = spec.pop("is_head")
            roles = spec.pop("roles")
            user, _temp = account_services.user_create(
                actor=actor, government_id=government.pk, roles=roles, invite=True, **spec
            )
            if is_head and user.unit is not None:
                services.unit_update(actor=actor, unit=user.unit, head=user)
        return {"pengguna": len(planned)}

    return apply


def _check_teams(
    *, rows: list[Row], government: Government, actor: User, report: ImportReport
) -> Callable[[], dict[str, int]]:
    units = {u.name.lower(): u for u in Unit.objects.filter(government=government)}
    nips = {normalize_nip(str(v.get("nip_anggota", ""))) for _, v in rows}
    people = {u.nip: u for u in User.objects.filter(government=government, nip__in=nips)}
    roles = {r.value: r.value for r in Membership.Role}
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    team_fields: dict[tuple[str, str], dict[str, Any]] = {}
    members: dict[tuple[str, str], list[services.MemberSpec]] = defaultdict(list)
    for number, values in rows:
        unit_name = str(values.get("unit", "")).strip()
        team_name = str(values.get("nama_kelompok", "")).strip()
        unit = units.get(unit_name.lower()) if unit_name else None
        if unit_name and unit is None:
            report.add(number, "unit", unit_not_found(unit_name, units))
        key = (unit_name.lower(), team_name.lower())
        groups[key].append(number)
        fields: dict[str, Any] = {"decree_number": str(values.get("nomor_sk", "")).strip()}
        for column, attr in (("tanggal_sk", "decree_date"), ("tanggal_dibentuk", "formed_on")):
            raw = values.get(column, "")
            fields[attr] = None
            if raw not in ("", None):
                try:
                    fields[attr] = _parse_date(raw)
                    # The model field's range validators, as the form and the API run them.
                    Team._meta.get_field(attr).clean(fields[attr], None)  # type: ignore[union-attr]
                except ValidationError as exc:
                    fields[attr] = None
                    report.add(number, column, " ".join(exc.messages))
        if key not in team_fields:
            team_fields[key] = {"unit": unit, "name": team_name, **fields}
            if unit is not None and Team.objects.filter(unit=unit, name__iexact=team_name).exists():
                report.add(
                    number,
                    "nama_kelompok",
                    _("Kelompok '%(v)s' sudah ada di unit ini.") % {"v": team_name},
                )
        else:
            first = team_fields[key]
            for column, attr in (
                ("nomor_sk", "decree_number"),
                ("tanggal_sk", "decree_date"),
                ("tanggal_dibentuk", "formed_on"),
            ):
                if (
                    fields[attr] not in ("", None)
                    and first[attr] not in ("", None)
                    and fields[attr] != first[attr]
                ):
                    report.add(
                        number,
                        column,
                        _("Berbeda dengan baris %(row)d untuk kelompok yang sama.")
                        % {"row": groups[key][0]},
                    )
        nip = normalize_nip(str(values.get("nip_anggota", "")))
        role_text = str(values.get("peran", "")).strip().lower()
        role = roles.get(role_text)
        if role_text and role is None:
            report.add(
                number,
                "peran",
                _("'%(v)s' bukan peran; pilih fasilitator, ketua, sekretaris atau anggota.")
                % {"v": role_text},
            )
        if nip:
            person = people.get(nip)
            as_number = stored_as_number(values.get("nip_anggota"), "nip_anggota")
            if as_number:
                report.add(number, "nip_anggota", as_number)
                continue
            try:
                parse_nip(nip)
            except NipError as exc:
                report.add(number, "nip_anggota", exc.message)
                continue
            if person is None:
                report.add(
                    number,
                    "nip_anggota",
                    _("NIP %(v)s tidak terdaftar sebagai pegawai pemda ini.") % {"v": nip},
                )
            elif role is not None:
                if any(m.user.pk == person.pk for m in members[key]):
                    report.add(
                        number,
                        "nip_anggota",
                        _("%(name)s sudah tercantum di kelompok ini.") % {"name": person.full_name},
                    )
                else:
                    members[key].append(services.MemberSpec(user=person, role=role))
    for key, numbers in groups.items():
        ketua = sum(1 for m in members[key] if m.role == Membership.Role.KETUA)
        if len(members[key]) == len(numbers) and ketua != 1:
            report.add(
                numbers[0],
                "peran",
                _("Kelompok '%(team)s' harus memiliki tepat satu ketua; tercatat %(n)d.")
                % {"team": team_fields[key]["name"], "n": ketua},
            )

    def apply() -> dict[str, int]:
        for key, fields in team_fields.items():
            services.team_create(actor=actor, members=members[key], **fields)
        return {
            "kelompok": len(team_fields),
            "anggota": sum(len(members[key]) for key in team_fields),
        }

    return apply
