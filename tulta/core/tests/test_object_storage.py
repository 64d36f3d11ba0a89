"""Files in an S3-compatible object store (STORAGE_URL), against a real S3-protocol server: moto
in server mode, started by these tests on 127.0.0.1 in its own process."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import time
import uuid
import zipfile

import boto3
import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from storages.backends.s3 import S3Storage

from tulta.risalah.models import Attachment

pytestmark = pytest.mark.django_db

CREDENTIALS = {"access_key": "uji", "secret_key": "uji-rahasia", "region_name": "us-east-1"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603  (moto's own server, from our environment)
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("moto server did not start")
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def _options(endpoint: str, bucket: str) -> dict[str, object]:
    return {
        "bucket_name": bucket,
        "location": "tulta",
        "endpoint_url": endpoint,
        "addressing_style": "path",
        "default_acl": None,
        "file_overwrite": False,
        **CREDENTIALS,
    }


@pytest.fixture
def bucket(s3_server, settings, tmp_path):
    """A fresh bucket made the default storage; MEDIA_ROOT an empty folder that must stay so."""
    name = f"tulta-uji-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
        region_name=CREDENTIALS["region_name"],
    )
    client.create_bucket(Bucket=name)
    settings.MEDIA_ROOT = tmp_path / "media-lokal"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": _options(s3_server, name),
        },
    }
    return client, name


def _keys(client, name: str) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", [])]


def test_storage_url_turns_on_the_object_store():
    code = "import json, tulta.settings as s; print(json.dumps(s.STORAGES['default']))"
    clean = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run(  # noqa: S603  (our own settings module)
        [sys.executable, "-c", code],
        env={
            **clean,
            "SECRET_KEY": "x" * 60,
            "STORAGE_URL": "s3://tulta-berkas/provinsi",
            "STORAGE_ENDPOINT_URL": "https://minio.provinsi.go.id",
        },
        capture_output=True,
        text=True,
        check=True,
        cwd=django_settings.BASE_DIR,
    )
    found = json.loads(out.stdout)
    assert found["BACKEND"] == "storages.backends.s3.S3Storage"
    assert found["OPTIONS"]["bucket_name"] == "tulta-berkas"
    assert found["OPTIONS"]["location"] == "provinsi"
    assert found["OPTIONS"]["endpoint_url"] == "https://minio.provinsi.go.id"
    assert found["OPTIONS"]["default_acl"] is None


def test_a_storage_url_that_is_not_s3_is_refused():
    clean = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run(
        [sys.executable, "-c", "import tulta.settings"],
        env={**clean, "SECRET_KEY": "x" * 60, "STORAGE_URL": "ftp://berkas"},
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
    )
    assert out.returncode != 0
    assert "STORAGE_URL must look like s3://bucket" in out.stderr


def test_readyz_writes_to_the_object_store_and_leaves_nothing(client, bucket):
    s3, name = bucket
    response = client.get(reverse("core:readyz"))
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == {"ok": True, "detail": "ok"}
    assert _keys(s3, name) == []


def test_readyz_fails_when_the_bucket_is_missing(client, bucket, settings, s3_server):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": _options(s3_server, "tidak-ada"),
        },
    }
    response = client.get(reverse("core:readyz"))
    assert response.status_code == 503
    assert response.json()["failed"] == ["storage"]


def test_a_file_written_on_one_node_is_read_on_another(bucket, settings):
    s3, name = bucket
    saved = default_storage.save("lampiran/sk.pdf", ContentFile(b"%PDF-1.4 SK pembentukan"))
    other_node = S3Storage(**settings.STORAGES["default"]["OPTIONS"])  # its own client
    with other_node.open(saved) as handle:
        assert handle.read() == b"%PDF-1.4 SK pembentukan"
    assert _keys(s3, name) == [f"tulta/{saved}"]
    assert not settings.MEDIA_ROOT.exists()  # nothing on this node's disk


def test_an_uploaded_attachment_lives_in_the_store_and_is_served_through_its_view(
    world, risalah, client_for, bucket, settings
):
    s3, name = bucket
    response = client_for(world.chair).post(
        reverse("risalah:attachment_upload", args=[risalah.pk]),
        {"kind": "sk", "title": "SK", "file": SimpleUploadedFile("sk.pdf", b"%PDF-1.4 SK KBK")},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert _keys(s3, name) == [f"tulta/{attachment.file.name}"]
    assert not settings.MEDIA_ROOT.exists()
    download = client_for(world.member).get(
        reverse("risalah:attachment_download", args=[risalah.pk, attachment.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 SK KBK"
    outsider = client_for(world.other_admin).get(
        reverse("risalah:attachment_download", args=[risalah.pk, attachment.pk])
    )
    assert outsider.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_read_and_write_the_files_through_the_store(bucket, tmp_path):
    s3, name = bucket
    saved = default_storage.save("lampiran/foto.png", ContentFile(b"\x89PNG foto kegiatan"))
    target = tmp_path / "cadangan.zip"
    call_command("backup", "--output", str(target), stdout=io.StringIO())
    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert archive.read(f"media/{saved}") == b"\x89PNG foto kegiatan"
    assert manifest["media"] == [{"path": saved, "size": len(b"\x89PNG foto kegiatan")}]

    default_storage.delete(saved)
    assert _keys(s3, name) == []
    call_command("restore", str(target), "--replace", stdout=io.StringIO())
    assert _keys(s3, name) == [f"tulta/{saved}"]
    with default_storage.open(saved) as handle:
        assert handle.read() == b"\x89PNG foto kegiatan"
