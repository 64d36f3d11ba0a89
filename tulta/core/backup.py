"""One-file backups of a TULTA installation: every table and every uploaded file.

A backup is a ZIP holding ``manifest.json`` (format, TULTA version, date, the applied migrations,
row counts per table, a SHA-256 of every member), one ``data/<app>.<model>.json`` per table in
Django's JSON serialisation (auto-created many-to-many tables included, with their own ids, so
every row comes back exactly) and every file of the default storage (``MEDIA_ROOT``, or the
object store when ``STORAGE_URL`` is set) as ``media/<path>``. Files are read and written
through Django's storage API, so a backup taken from disk restores into a bucket and back.

Primary keys are kept as they are, content types and permissions included, so no natural keys are
needed: a restore replaces every table of the database with the backup's rows. Used by the
``backup`` and ``restore`` management commands; both are for whoever runs ``manage.py`` (no
permission check). Errors are :class:`BackupError` with an Indonesian message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

FORMAT = "tulta-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup cannot be written or restored; ``str()`` is the reason in Bahasa Indonesia."""


class _FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes and times to milliseconds; a backup keeps microseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


@dataclass
class BackupSummary:
    tables: dict[str, int] = field(default_factory=dict)
    media_files: int = 0
    media_bytes: int = 0

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def tulta_version() -> str:
    try:
        return metadata.version("tulta")
    except metadata.PackageNotFoundError:  # running from a source tree that was not installed
        return "0+unknown"


def backed_up_models() -> list[type[Model]]:
    """Every table Django manages, in a stable order: concrete models of every installed app and
    their auto-created many-to-many tables (proxy and unmanaged models have no table of their
    own)."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    return sorted(models, key=lambda m: m._meta.label_lower)


def migration_state(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The applied migrations, as sorted ``"app.name"`` strings."""
    applied = MigrationRecorder(connections[using]).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied)


def _table_file(model: type[Model]) -> str:
    return f"data/{model._meta.label_lower}.json"


def _local_field_names(model: type[Model]) -> list[str]:
    # Only the table's own columns: a many-to-many field is restored from its own table (with
    # the ids it had), not through the model that declares it.
    return [f.name for f in model._meta.local_fields]


def _rows(model: type[Model]) -> Iterator[Model]:
    return model._base_manager.order_by("pk").iterator(chunk_size=2000)


class _CountingWriter(io.RawIOBase):
    """Counts and hashes what is written into a ZIP member."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.digest = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.digest.update(chunk)
        self.target.write(chunk)
        return len(chunk)


def _media_files(storage: Storage, folder: str = "") -> list[str]:
    """Every file name in ``storage``, sorted; an absent ``MEDIA_ROOT`` holds none. Symbolic
    links on disk are left out, as before (they may point outside the storage)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    if isinstance(storage, FileSystemStorage):
        names = [n for n in names if not Path(storage.path(n)).is_symlink()]
    for sub in folders:
        names += _media_files(storage, f"{folder}{sub}/")
    return sorted(names)


def write_backup(target: Path, *, using: str = DEFAULT_DB_ALIAS) -> BackupSummary:
    """Write the whole database and ``MEDIA_ROOT`` to ``target`` (a ZIP; replaced only when
    complete). The tables are read in one transaction (on PostgreSQL a repeatable-read snapshot),
    so the rows agree with each other. Raises :class:`BackupError`."""
    summary = BackupSummary()
    members: dict[str, str] = {}
    media: list[dict[str, Any]] = []
    connection = connections[using]
    partial = target.with_name(target.name + ".sebagian")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            outermost = not connection.in_atomic_block
            with transaction.atomic(using=using):
                if connection.vendor == "postgresql" and outermost:
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                migrations = migration_state(using)
                for model in backed_up_models():
                    name = _table_file(model)
                    counter = _Counter(_rows(model))
                    with archive.open(name, "w", force_zip64=True) as raw:
                        writer = _CountingWriter(raw)
                        text = io.TextIOWrapper(
                            io.BufferedWriter(writer), encoding="utf-8", newline="\n"
                        )
                        serializers.serialize(
                            "json",
                            counter,
                            stream=text,
                            fields=_local_field_names(model),
                            cls=_FullPrecisionEncoder,
                        )
                        text.flush()
                        text.detach().flush()
                    members[name] = writer.digest.hexdigest()
                    summary.tables[model._meta.db_table] = counter.count
            for relative in _media_files(default_storage):
                name = f"media/{relative}"
                info = zipfile.ZipInfo(name, date_time=timezone.now().timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                with (
                    default_storage.open(relative, "rb") as source,
                    archive.open(info, "w") as member,
                ):
                    writer = _CountingWriter(member)
                    size = 0
                    while chunk := source.read(_CHUNK):
                        writer.write(chunk)
                        size += len(chunk)
                members[name] = writer.digest.hexdigest()
                media.append({"path": relative, "size": size})
                summary.media_files += 1
                summary.media_bytes += size
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "tulta_version": tulta_version(),
                "created_at": timezone.now().isoformat(),
                "database": connection.vendor,
                "migrations": migrations,
                "tables": summary.tables,
                "media": media,
                "sha256": members,
            }
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Tidak dapat menulis {target}: {exc}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return summary


class _Counter:
    """Passes rows through and counts them (the serializer takes any iterable)."""

    def __init__(self, rows: Iterable[Model]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[Model]:
        for row in self.rows:
            self.count += 1
            yield row


@dataclass
class Backup:
    """An opened and checked backup file."""

    archive: zipfile.ZipFile
    manifest: dict[str, Any]

    @property
    def tables(self) -> dict[str, int]:
        return dict(self.manifest["tables"])

    @property
    def media(self) -> list[dict[str, Any]]:
        return list(self.manifest["media"])


def _not_a_backup(path: Path, why: str) -> BackupError:
    return BackupError(f"{path} bukan berkas cadangan TULTA yang utuh: {why}.")


def open_backup(path: Path) -> Backup:
    """Open ``path`` and check it is a complete TULTA backup: a readable ZIP, a manifest of this
    format, and every member present with the SHA-256 the manifest records. Raises
    :class:`BackupError`."""
    if not path.is_file():
        raise BackupError(f"Berkas {path} tidak ada.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _not_a_backup(path, "bukan arsip ZIP yang terbaca") from exc
    try:
        try:
            manifest = json.loads(archive.read(MANIFEST))
        except KeyError as exc:
            raise _not_a_backup(path, "manifest.json tidak ada") from exc
        except (ValueError, zipfile.BadZipFile, OSError) as exc:
            raise _not_a_backup(path, "manifest.json rusak") from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise _not_a_backup(path, "manifest.json bukan manifest cadangan TULTA")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                f"{path} memakai format cadangan versi {manifest.get('format_version')}; "
                f"versi TULTA ini hanya membaca versi {FORMAT_VERSION}."
            )
        for key, kind in (("migrations", list), ("tables", dict), ("media", list)):
            if not isinstance(manifest.get(key), kind):
                raise _not_a_backup(path, f"manifest.json tanpa bagian “{key}”")
        members = manifest.get("sha256")
        if not isinstance(members, dict):
            raise _not_a_backup(path, "manifest.json tanpa daftar SHA-256")
        for name, expected in members.items():
            try:
                digest = hashlib.sha256()
                with archive.open(name) as handle:
                    while chunk := handle.read(_CHUNK):
                        digest.update(chunk)
            except KeyError as exc:
                raise _not_a_backup(path, f"{name} tidak ada di dalamnya") from exc
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise _not_a_backup(path, f"{name} rusak") from exc
            if digest.hexdigest() != expected:
                raise _not_a_backup(path, f"isi {name} tidak cocok dengan SHA-256-nya")
    except BaseException:
        archive.close()
        raise
    return Backup(archive=archive, manifest=manifest)


def database_has_data(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the database holds anything beyond what ``migrate`` puts there: a user or a
    government (every other row of TULTA hangs off one of them; content types, permissions,
    the seeded methods and rubrics are written by the migrations themselves)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    government = apps.get_model("organizations", "Government")
    return (
        user_model._base_manager.using(using).exists()
        or government._base_manager.using(using).exists()
    )


def restore_backup(backup: Backup, *, replace: bool, using: str = DEFAULT_DB_ALIAS) -> None:
    """Replace every table with the backup's rows and put its files in the default storage.

    Refuses (:class:`BackupError`, nothing changed) when the migrations applied to the database
    differ from the backup's, when the database already holds data and ``replace`` is false, or
    when the backup names a table this installation does not have. Everything runs in one
    transaction; afterwards every table must hold exactly the rows the manifest counts, and the
    id sequences continue after the largest restored id. Media files are unpacked to a
    temporary folder first and moved into place only when the database part has succeeded.
    """
    here = migration_state(using)
    there = [str(m) for m in backup.manifest["migrations"]]
    if here != there:
        missing = sorted(set(there) - set(here))
        extra = sorted(set(here) - set(there))
        details = []
        if missing:
            details.append("belum diterapkan di basis data ini: " + ", ".join(missing[:5]))
        if extra:
            details.append("tidak ada di cadangan: " + ", ".join(extra[:5]))
        raise BackupError(
            "Keadaan migrasi basis data ini berbeda dengan cadangan ("
            + "; ".join(details)
            + "). Jalankan TULTA versi yang sama dengan cadangan dan `python manage.py migrate` "
            "sampai keadaannya sama, lalu ulangi."
        )
    if not replace and database_has_data(using):
        raise BackupError(
            "Basis data ini sudah berisi data. Pulihkan ke basis data yang baru dimigrasi, atau "
            "tambahkan --replace untuk mengosongkan semua tabel TULTA dan menggantinya dengan isi "
            "cadangan."
        )
    models = {m._meta.db_table: m for m in backed_up_models()}
    unknown = sorted(set(backup.tables) - set(models))
    if unknown:
        raise BackupError(
            "Cadangan berisi tabel yang tidak dikenal TULTA ini: " + ", ".join(unknown[:5]) + "."
        )
    connection = connections[using]
    with tempfile.TemporaryDirectory(prefix="tulta-pulih-") as staging_dir:
        staging = Path(staging_dir)
        _unpack_media(backup, staging)
        try:
            with transaction.atomic(using=using):
                tables = connection.introspection.django_table_names(
                    only_existing=True, include_views=False
                )
                with connection.cursor() as cursor:
                    for sql in connection.ops.sql_flush(no_style(), tables):
                        cursor.execute(sql)
                for table in sorted(backup.tables):
                    _load_table(backup, models[table], using)
                connection.check_constraints(table_names=list(backup.tables))
                for table, model in models.items():
                    count = model._base_manager.using(using).count()
                    expected = backup.tables.get(table, 0)
                    if count != expected:
                        raise BackupError(
                            f"Tabel {table} berisi {count} baris setelah dipulihkan, "
                            f"seharusnya {expected}. Tidak ada yang diubah."
                        )
                reset = connection.ops.sequence_reset_sql(no_style(), list(models.values()))
                if reset:
                    with connection.cursor() as cursor:
                        for sql in reset:
                            cursor.execute(sql)
                _move_media(staging, default_storage)
        except DatabaseError as exc:
            raise BackupError(
                f"Cadangan tidak dapat dimuat ({exc}). Tidak ada yang diubah."
            ) from exc
    ContentType.objects.clear_cache()


def _load_table(backup: Backup, model: type[Model], using: str) -> None:
    name = _table_file(model)
    try:
        with backup.archive.open(name) as handle:
            objects = list(
                serializers.deserialize("json", io.TextIOWrapper(handle, encoding="utf-8"))
            )
    except KeyError as exc:
        raise BackupError(f"Cadangan tidak memuat {name}. Tidak ada yang diubah.") from exc
    except DeserializationError as exc:
        raise BackupError(f"{name} tidak dapat dibaca ({exc}). Tidak ada yang diubah.") from exc
    for item in objects:
        if type(item.object) is not model:
            raise BackupError(
                f"{name} berisi baris {item.object._meta.label}, bukan {model._meta.label}. "
                "Tidak ada yang diubah."
            )
        item.save(using=using)


def _safe_relative(path: str) -> PurePosixPath:
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(f"Cadangan memuat nama berkas yang tidak aman: {path}.")
    return relative


def _unpack_media(backup: Backup, staging: Path) -> None:
    for entry in backup.media:
        relative = _safe_relative(str(entry["path"]))
        target = staging.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with backup.archive.open(f"media/{relative}") as source, target.open("wb") as out:
                shutil.copyfileobj(source, out, _CHUNK)
        except KeyError as exc:
            raise BackupError(f"Cadangan tidak memuat berkas media/{relative}.") from exc


def _move_media(staging: Path, storage: Storage) -> None:
    """Each staged file into ``storage`` under its own name, replacing a file of that name."""
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        name = path.relative_to(staging).as_posix()
        if storage.exists(name):
            storage.delete(name)
        with path.open("rb") as handle:
            saved = storage.save(name, File(handle))
        if saved != name:
            raise BackupError(f"Berkas {name} tersimpan sebagai {saved}; pemulihan dihentikan.")
