from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tulta.accounts.models import User
from tulta.core.models import AuditEvent
from tulta.factories import UserFactory
from tulta.organizations import imports
from tulta.organizations.models import Team, Unit

pytestmark = pytest.mark.django_db


def _xlsx(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _run(world, kind, content, filename="data.xlsx"):
    return imports.run_import(
        kind_key=kind,
        government=world.government,
        actor=world.admin,
        content=content,
        filename=filename,
    )


@pytest.mark.parametrize("kind", sorted(imports.KINDS))
def test_xlsx_template_reopens_with_the_columns_and_a_guide(kind):
    workbook = openpyxl.load_workbook(io.BytesIO(imports.template_xlsx(imports.KINDS[kind])))
    header = [c.value for c in workbook["Data"][1]]
    assert header == [c.key for c in imports.KINDS[kind].columns]
    assert workbook["Data"].freeze_panes == "A2"
    assert workbook["Petunjuk"].max_row == len(header) + 1


def test_units_import_creates_units_with_parents_from_the_same_file(world):
    content = _xlsx(
        [
            ["nama", "jenis", "induk"],
            ["Kelurahan Baru", "kelurahan", "Kecamatan Selatan"],
            ["Kecamatan Selatan", "Kecamatan", ""],
        ]
    )
    report = _run(world, "unit", content)
    assert report.saved and report.errors == [] and report.created == 2
    kel = Unit.objects.get(name="Kelurahan Baru")
    assert kel.parent.name == "Kecamatan Selatan"
    assert AuditEvent.objects.filter(action="import", verb="import_unit").exists()


def test_units_import_with_one_bad_row_reports_every_error_and_saves_nothing(world):
    content = _xlsx(
        [
            ["nama", "jenis", "induk"],
            ["Dinas Baru", "opd", ""],
            ["Dinas Kependudukan", "opd", ""],  # exists already
            ["Dinas Aneh", "departemen", ""],
            ["", "opd", "Tidak Ada"],
        ]
    )
    report = _run(world, "unit", content)
    assert not report.saved
    cells = {(e.row, e.column) for e in report.errors}
    assert cells == {(3, "nama"), (4, "jenis"), (5, "nama"), (5, "induk")}
    assert "departemen" in next(e.message for e in report.errors if e.row == 4)
    assert not Unit.objects.filter(name="Dinas Baru").exists()


def test_csv_with_semicolons_and_windows_encoding_is_read(world):
    content = "nama;jenis\r\nDinas Pariwisata & Budaya;opd\r\nPuskesmas Caf\xe9;upt\r\n".encode(
        "cp1252"
    )
    report = _run(world, "unit", content, filename="unit.csv")
    assert report.saved, report.errors
    assert Unit.objects.filter(name="Puskesmas Caf\xe9", kind="upt").exists()


def test_missing_required_column_is_reported_on_the_header_row(world):
    report = _run(world, "unit", _xlsx([["nama"], ["Dinas X"]]))
    assert report.errors[0].row == 1
    assert "jenis" in report.errors[0].message


def test_a_pdf_renamed_is_refused(world):
    report = _run(world, "unit", b"%PDF-1.7\x00\x00binary", filename="unit.pdf")
    assert "XLSX atau CSV" in report.errors[0].message


def test_users_import_validates_nip_email_unit_and_roles(world):
    content = _xlsx(
        [
            ["nama", "email", "nip", "unit", "peran", "kepala_unit"],
            ["Satu", "satu@uji.go.id", "198503152010011001", "Dinas Kesehatan", "pendamping", "ya"],
            ["Dua", "bukan-email", "19850315201001100", "Dinas Kesehatan", "", ""],
            [
                "Tiga",
                world.member.email,
                world.member.nip,
                "Dinas Tidak Ada",
                "penyihir",
                "mungkin",
            ],
        ]
    )
    report = _run(world, "pengguna", content)
    cells = {(e.row, e.column) for e in report.errors}
    assert cells == {
        (3, "email"),
        (3, "nip"),
        (4, "email"),
        (4, "nip"),
        (4, "unit"),
        (4, "peran"),
        (4, "kepala_unit"),
    }
    assert not User.objects.filter(email="satu@uji.go.id").exists()


def test_users_import_creates_invited_accounts_and_unit_heads(world):
    content = _xlsx(
        [
            ["nama", "email", "nip", "unit", "peran", "kepala_unit"],
            [
                "Satu",
                "satu@uji.go.id",
                "198503152010011001",
                "Dinas Kesehatan",
                "pendamping, juri",
                "ya",
            ],
        ]
    )
    report = _run(world, "pengguna", content)
    assert report.saved, report.errors
    user = User.objects.get(email="satu@uji.go.id")
    assert not user.has_usable_password()
    assert set(user.role_grants.values_list("role", flat=True)) == {"mentor", "judge"}
    assert Unit.objects.get(name="Dinas Kesehatan").head == user


def test_teams_import_groups_rows_into_teams(world):
    a, b, c = (UserFactory(government=world.government) for _ in range(3))
    content = _xlsx(
        [
            [
                "unit",
                "nama_kelompok",
                "nomor_sk",
                "tanggal_sk",
                "tanggal_dibentuk",
                "nip_anggota",
                "peran",
            ],
            [
                "Dinas Kesehatan",
                "KBK Sehat",
                "800/9/2026",
                "15/01/2026",
                "2026-01-20",
                a.nip,
                "ketua",
            ],
            ["Dinas Kesehatan", "KBK Sehat", "", "", "", b.nip, "anggota"],
            ["Dinas Kesehatan", "KBK Sehat", "", "", "", c.nip, "sekretaris"],
        ]
    )
    report = _run(world, "kelompok", content)
    assert report.saved, report.errors
    team = Team.objects.get(name="KBK Sehat")
    assert team.decree_date.isoformat() == "2026-01-15"
    assert team.memberships.count() == 3


def test_teams_import_without_ketua_and_with_unknown_member_saves_nothing(world):
    a = UserFactory(government=world.government)
    stranger = UserFactory(government=world.other_government)
    content = _xlsx(
        [
            ["unit", "nama_kelompok", "nip_anggota", "peran", "tanggal_sk"],
            ["Dinas Kesehatan", "KBK A", a.nip, "anggota", "kemarin"],
            ["Dinas Kesehatan", "KBK B", a.nip, "ketua", ""],
            ["Dinas Kesehatan", "KBK B", stranger.nip, "anggota", ""],
        ]
    )
    report = _run(world, "kelompok", content)
    messages = {(e.row, e.column): e.message for e in report.errors}
    assert "tepat satu ketua" in messages[(2, "peran")]
    assert "bukan tanggal" in messages[(2, "tanggal_sk")]
    assert "tidak terdaftar" in messages[(4, "nip_anggota")]
    assert not Team.objects.filter(name__in=["KBK A", "KBK B"]).exists()


def test_import_page_shows_the_report_table(world, client_for):
    content = _xlsx([["nama", "jenis"], ["Dinas Y", "planet"]])
    response = client_for(world.admin).post(
        reverse("organizations:import"),
        {"jenis": "unit", "berkas": SimpleUploadedFile("u.xlsx", content)},
    )
    text = response.content.decode()
    assert "Tidak ada data yang disimpan" in text
    assert "planet" in text


def test_template_download_is_an_xlsx_attachment(world, client_for):
    response = client_for(world.admin).get(
        reverse("organizations:import_template", args=["kelompok", "xlsx"])
    )
    assert response["Content-Disposition"] == 'attachment; filename="templat-kelompok.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook["Data"]["F1"].value == "nip_anggota"


@pytest.mark.parametrize("kind", sorted(imports.KINDS))
def test_nip_and_phone_columns_of_every_template_are_text(kind):
    """#21: a "General" column turns a NIP typed in Excel into 1,98503E+17 and drops a phone's
    leading 0; the templates' NIP and phone columns are "Teks" (@), the example row a string."""
    workbook = openpyxl.load_workbook(io.BytesIO(imports.template_xlsx(imports.KINDS[kind])))
    sheet = workbook["Data"]
    for index, column in enumerate(imports.KINDS[kind].columns, start=1):
        if column.key in {"nip", "nip_anggota", "telepon"}:
            assert column.text
        if not column.text:
            continue
        example = sheet.cell(row=2, column=index)
        assert example.data_type == "s" and example.value == column.example
        assert example.number_format == "@"
        assert sheet.cell(row=500, column=index).number_format == "@"
    assert any(c.text for c in imports.KINDS[kind].columns) == (kind != "unit")


def test_a_nip_and_a_phone_stored_as_numbers_get_a_message_that_says_so(world):
    content = _xlsx(
        [
            ["nama", "email", "nip", "telepon"],
            # what Excel keeps of 198503152010011001 typed in a General column: 15 digits
            ["Satu", "satu@uji.go.id", 1.98503152010011e17, 81234567890],
        ]
    )
    report = _run(world, "pengguna", content)
    messages = {e.column: e.message for e in report.errors}
    assert "NIP tersimpan sebagai angka di Excel" in messages["nip"]
    assert "format kolom sebagai Teks" in messages["nip"]
    assert "198503152010011000" not in messages["nip"]  # never a NIP the user did not type
    assert "angka 0 di depannya hilang" in messages["telepon"]
    assert not User.objects.filter(email="satu@uji.go.id").exists()


def test_a_nip_written_as_a_whole_number_is_refused_too(world):
    """A spreadsheet number holds 15-17 digits: even 198503152010011001 written as an integer
    reads back as ...008, so a NIP that arrives as a number is never taken."""
    content = _xlsx([["nama", "email", "nip"], ["Satu", "satu@uji.go.id", 198503152010011001]])
    report = _run(world, "pengguna", content)
    assert [e.column for e in report.errors] == ["nip"]
    assert not User.objects.filter(email="satu@uji.go.id").exists()


def test_members_nip_stored_as_a_number_in_the_teams_import(world):
    content = _xlsx(
        [
            ["unit", "nama_kelompok", "nip_anggota", "peran"],
            [world.unit.name, "KBK Angka", 1.98503152010011e17, "ketua"],
        ]
    )
    report = _run(world, "kelompok", content)
    assert any(
        e.column == "nip_anggota" and "NIP tersimpan sebagai angka" in e.message
        for e in report.errors
    )


TEAM_HEADER = ["unit", "nama_kelompok", "nip_anggota", "peran"]


def test_the_success_message_says_what_was_created_with_links(world, client_for):
    people = [UserFactory(government=world.government) for _ in range(7)]
    rows = [TEAM_HEADER]
    rows += [
        ["Dinas Kesehatan", "KBK Satu", p.nip, r]
        for p, r in zip(people[:3], ("ketua", "anggota", "anggota"), strict=True)
    ]
    rows += [
        ["Dinas Kesehatan", "KBK Dua", p.nip, r]
        for p, r in zip(people[3:], ("ketua", "sekretaris", "anggota", "anggota"), strict=True)
    ]
    response = client_for(world.admin).post(
        reverse("organizations:import"),
        {"jenis": "kelompok", "berkas": SimpleUploadedFile("k.xlsx", _xlsx(rows))},
    )
    text = response.content.decode()
    assert "Dibuat: 2 kelompok, 7 anggota (dari 7 baris)." in text
    assert f'href="{reverse("organizations:team_list")}"' in text
    assert Team.objects.filter(name__in=["KBK Satu", "KBK Dua"]).count() == 2


def test_the_report_counts_units_and_users_by_kind(world):
    units = _run(world, "unit", _xlsx([["nama", "jenis"], ["Dinas Baru", "opd"]]))
    assert units.counts == {"unit": 1} and units.summary == "1 unit"
    users = _run(
        world,
        "pengguna",
        _xlsx([["nama", "email"], ["Satu", "satu@uji.go.id"], ["Dua", "dua@uji.go.id"]]),
    )
    assert users.counts == {"pengguna": 2} and users.summary == "2 pengguna"


def test_errors_name_the_column_by_its_label_and_keep_the_key(world, client_for):
    rows = [TEAM_HEADER, ["Dinas Kesehatan", "KBK A", "19850315201001100", "ketua"]]
    report = _run(world, "kelompok", _xlsx(rows))
    error = next(e for e in report.errors if e.column == "nip_anggota")
    assert error.label == "NIP anggota"
    response = client_for(world.admin).post(
        reverse("organizations:import"),
        {"jenis": "kelompok", "berkas": SimpleUploadedFile("k.xlsx", _xlsx(rows))},
    )
    text = response.content.decode()
    assert '<td>NIP anggota <code class="muted">nip_anggota</code></td>' in text


def test_a_missing_required_column_is_named_by_its_label(world):
    report = _run(world, "kelompok", _xlsx([["unit", "nama_kelompok"], ["Dinas Kesehatan", "A"]]))
    assert report.errors[0].label == "NIP anggota, Peran dalam kelompok"


def test_an_unknown_unit_suggests_the_closest_names(world):
    a = UserFactory(government=world.government)
    rows = [TEAM_HEADER, ["Dinas Kesehatn", "KBK A", a.nip, "ketua"]]
    report = _run(world, "kelompok", _xlsx(rows))
    message = next(e.message for e in report.errors if e.column == "unit")
    assert message == "Unit 'Dinas Kesehatn' tidak ditemukan. Maksud Anda: Dinas Kesehatan?"
    users = _run(
        world,
        "pengguna",
        _xlsx([["nama", "email", "unit"], ["Satu", "satu@uji.go.id", "dinas kesehatan x"]]),
    )
    assert "Maksud Anda: Dinas Kesehatan?" in users.errors[0].message


def test_an_unknown_unit_far_from_every_name_suggests_nothing(world):
    rows = [["nama", "email", "unit"], ["Satu", "satu@uji.go.id", "Planet Mars"]]
    report = _run(world, "pengguna", _xlsx(rows))
    assert report.errors[0].message == "Unit 'Planet Mars' tidak ditemukan."


def test_a_rsud_is_an_opd_unless_the_file_says_it_is_a_upt(world):
    rows = [["nama", "jenis"], ["RSUD Bendan", "rsud"], ["RSUD Kecamatan", "RSUD UPT"]]
    report = _run(world, "unit", _xlsx(rows))
    assert report.saved, report.errors
    assert Unit.objects.get(name="RSUD Bendan").kind == Unit.Kind.OPD
    assert Unit.objects.get(name="RSUD Kecamatan").kind == Unit.Kind.UPT
