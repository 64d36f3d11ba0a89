"""``manage.py backup`` and ``restore``: every row of every table and every uploaded file comes
back exactly; a refused restore changes nothing.

The tests run against a committed database (``transaction=True``) because the commands open
their own outermost transactions, as they do in production.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.utils import timezone

from tulta.accounts.models import User
from tulta.core.models import Notification
from tulta.documents.models import FrozenDocument
from tulta.factories import GovernmentFactory
from tulta.impact.models import Indicator
from tulta.mentoring.models import MentoringSession
from tulta.organizations.models import Unit
from tulta.risalah.models import Attachment, Meeting, Risalah

pytestmark = pytest.mark.django_db(transaction=True)

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _tables() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (auto-created many-to-many tables included), all columns."""
    snapshot = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        columns = [f.attname for f in model._meta.concrete_fields]
        rows = model._base_manager.values_list(*columns)
        snapshot[model._meta.db_table] = sorted(rows, key=repr)
    return snapshot


def _media() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _seed_everything() -> None:
    """The demo city, plus rows in the tables the demo leaves empty: many-to-many tables,
    meetings, mentoring, impact, notifications, sessions, and uploaded files."""
    call_command("seed_demo", stdout=io.StringIO())
    risalah = Risalah.objects.select_related("team__unit__government", "programme").first()
    assert risalah is not None
    government = risalah.team.unit.government
    government.logo.save("logo.png", ContentFile(PNG))
    members = list(User.objects.filter(memberships__team=risalah.team)[:3])
    programme = risalah.programme
    programme.units.set(Unit.objects.filter(government=government)[:3])
    meeting = Meeting.objects.create(
        risalah=risalah, held_on=dt.date(2026, 3, 2), duration_minutes=90, minutes="Notulen"
    )
    meeting.attendees.set(members)
    attachment = Attachment(
        risalah=risalah,
        kind=Attachment.Kind.PHOTO,
        title="Foto loket",
        original_name="loket.png",
        content_type="image/png",
        size=len(PNG),
        sha256="0" * 64,
        uploaded_by=members[0],
    )
    attachment.file.save("loket.png", ContentFile(PNG), save=True)
    mentor = User.objects.filter(government=government).exclude(pk__in=[m.pk for m in members])[0]
    session = MentoringSession.objects.create(
        programme=programme,
        team=risalah.team,
        mentor=mentor,
        held_on=dt.date(2026, 3, 5),
        topic="Pareto",
        created_by=mentor,
    )
    session.attendees.set(members)
    Indicator.objects.create(
        risalah=risalah,
        is_primary=True,
        name="Waktu tunggu",
        kind=Indicator.Kind.CEPAT,
        unit=Indicator.Unit.MENIT,
        direction=Indicator.Direction.LOWER,
        data_form=Indicator.DataForm.VALUES,
        statistic=Indicator.Statistic.AUTO,
        baseline=[45.5, 47, 44],
        after=[15, 14.25, 16],
        updated_by=members[0],
    )
    Notification.objects.create(
        recipient=members[0], message="Langkah 1 disetujui", read_at=timezone.now()
    )
    group = Group.objects.create(name="Operator")
    group.permissions.set(Permission.objects.all()[:4])
    members[0].groups.add(group)
    members[0].user_permissions.set(Permission.objects.all()[4:6])
    Client().force_login(members[0], backend="tulta.accounts.backends.EmailOrNipBackend")


def _rows(snapshot: dict[str, list[tuple[Any, ...]]]) -> dict[str, int]:
    return {table: len(rows) for table, rows in snapshot.items()}


def test_backup_then_restore_brings_back_every_row_of_every_table_and_every_file(tmp_path):
    _seed_everything()
    before, files = _tables(), _media()
    apps_with_rows = {
        table.split("_")[0] for table, rows in before.items() if rows and "_" in table
    }
    for app in ("accounts", "organizations", "risalah", "competitions", "core", "mentoring",
                "impact", "auth", "django"):  # fmt: skip
        assert app in apps_with_rows
    for through in ("risalah_meeting_attendees", "accounts_user_groups", "auth_group_permissions"):
        assert before[through], through
    # The logo, the photo, and the PDF and DOCX the demo's final risalah froze.
    frozen = FrozenDocument.objects.count()
    assert frozen > 0 and len(files) == 2 + frozen

    target = tmp_path / "cadangan.zip"
    call_command("backup", "--output", str(target), stdout=io.StringIO())
    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format"] == "tulta-backup"
    assert manifest["tulta_version"]
    assert manifest["tables"] == _rows(before)
    assert len(manifest["migrations"]) == MigrationRecorder.Migration.objects.count()

    # Empty everything: flush also re-creates content types and permissions, as migrate would.
    call_command("flush", interactive=False)
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()
    assert not User.objects.exists()

    call_command("restore", str(target), stdout=io.StringIO())
    assert _tables() == before
    assert _media() == files

    # Restoring over changed data (--replace) brings back the backup exactly, too.
    GovernmentFactory(slug="kota-baru")
    Notification.objects.update(message="diubah")
    call_command("restore", str(target), "--replace", stdout=io.StringIO())
    assert _tables() == before

    # New rows get fresh ids after the restore (the sequences continue after the restored ids).
    largest = max(pk for (pk, *_rest) in before["organizations_government"])
    assert GovernmentFactory(slug="kota-sesudah").pk > largest
    largest_user = max(pk for (pk, *_rest) in before["accounts_user_groups"])
    member = User.objects.exclude(groups__isnull=False).first()
    member.groups.add(Group.objects.get())
    assert max(User.groups.through.objects.values_list("pk", flat=True)) > largest_user


@pytest.fixture
def world(own_world):
    """These tests commit for real: a world of their own, not the module's shared one."""
    return own_world


@pytest.fixture
def backed_up(tmp_path, world) -> Path:
    (Path(settings.MEDIA_ROOT) / "lampiran").mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "lampiran" / "sk.pdf").write_bytes(b"%PDF-1.4 SK")
    target = tmp_path / "cadangan.zip"
    call_command("backup", "--output", str(target), stdout=io.StringIO())
    return target


def test_restore_refuses_a_database_that_holds_data_without_replace(backed_up):
    GovernmentFactory(slug="kota-baru")
    before = _tables()
    with pytest.raises(CommandError, match=r"sudah berisi data.*--replace"):
        call_command("restore", str(backed_up))
    assert _tables() == before


def test_restore_refuses_a_file_that_is_not_a_backup(backed_up, tmp_path):
    before = _tables()
    not_zip = tmp_path / "bukan.zip"
    not_zip.write_bytes(b"ini bukan arsip")
    with pytest.raises(CommandError, match="bukan berkas cadangan TULTA"):
        call_command("restore", str(not_zip), "--replace")
    other_zip = tmp_path / "lain.zip"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("manifest.json", json.dumps({"format": "lain"}))
    with pytest.raises(CommandError, match="bukan manifest cadangan TULTA"):
        call_command("restore", str(other_zip), "--replace")
    assert _tables() == before


def test_restore_refuses_a_damaged_backup_and_changes_nothing(backed_up, tmp_path):
    GovernmentFactory(slug="kota-baru")
    before, files = _tables(), _media()
    # One table's rows altered after the backup was written: its SHA-256 no longer matches.
    damaged = tmp_path / "rusak.zip"
    with zipfile.ZipFile(backed_up) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "data/organizations.government.json":
                data = data.replace(b"Uji", b"Ubah")
            target.writestr(item, data)
    with pytest.raises(CommandError, match="tidak cocok dengan SHA-256"):
        call_command("restore", str(damaged), "--replace")
    # A truncated file.
    truncated = tmp_path / "terpotong.zip"
    truncated.write_bytes(backed_up.read_bytes()[: backed_up.stat().st_size // 2])
    with pytest.raises(CommandError, match="bukan berkas cadangan TULTA"):
        call_command("restore", str(truncated), "--replace")
    assert _tables() == before
    assert _media() == files


def test_restore_that_fails_midway_leaves_the_database_as_it_was(backed_up, tmp_path):
    """Rows that break a constraint are only found while loading: everything is rolled back."""
    GovernmentFactory(slug="kota-baru")
    before = _tables()
    broken = tmp_path / "rusak.zip"
    with zipfile.ZipFile(backed_up) as source:
        manifest = json.loads(source.read("manifest.json"))
        members = {i.filename: source.read(i) for i in source.infolist()}
    units = json.loads(members["data/organizations.unit.json"])
    units[0]["fields"]["government"] = 999_999  # a government that does not exist
    members["data/organizations.unit.json"] = json.dumps(units).encode()
    manifest["sha256"]["data/organizations.unit.json"] = hashlib.sha256(
        members["data/organizations.unit.json"]
    ).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(broken, "w") as target:
        for name, data in members.items():
            target.writestr(name, data)
    with pytest.raises(CommandError, match="Tidak ada yang diubah"):
        call_command("restore", str(broken), "--replace")
    assert _tables() == before


def test_restore_refuses_a_backup_of_another_migration_state(backed_up):
    recorder = MigrationRecorder(connection)
    recorder.record_applied("core", "9999_dari_masa_depan")
    try:
        before = _tables()
        with pytest.raises(CommandError, match=r"Keadaan migrasi.*cadangan: core\.9999"):
            call_command("restore", str(backed_up), "--replace")
        assert _tables() == before
    finally:
        recorder.record_unapplied("core", "9999_dari_masa_depan")
