from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tulta.risalah import attachments
from tulta.risalah.models import Attachment, RisalahStep
from tulta.testing.risalah import fill

pytestmark = pytest.mark.django_db


def _url(risalah, name="risalah:step", number=1):
    return reverse(name, args=[risalah.pk, number])


def test_autosave_saves_and_returns_the_new_version(world, risalah, client_for):
    client = client_for(world.chair)
    response = client.post(
        _url(risalah, "risalah:step_autosave"),
        {"version": "0", "section-masalah": "<p>Antrean panjang</p>"},
    )
    assert response.status_code == 200
    assert response.json()["version"] == 1
    step = risalah.steps.get(number=1)
    assert step.sections["masalah"] == "<p>Antrean panjang</p>"


def test_autosave_of_a_section_both_changed_is_refused_with_both(world, risalah, client_for):
    client_for(world.chair).post(
        _url(risalah, "risalah:step_autosave"), {"version": "0", "section-masalah": "<p>A</p>"}
    )
    response = client_for(world.member).post(
        _url(risalah, "risalah:step_autosave"), {"version": "0", "section-masalah": "<p>B</p>"}
    )
    assert response.status_code == 409
    body = response.json()
    assert body["conflicts"] == [
        {
            "code": "masalah",
            "label": "Daftar masalah hasil curah pendapat",
            "mine": "<p>B</p>",
            "theirs": "<p>A</p>",
        }
    ]
    assert "Ketua Kelompok menyimpan langkah ini pada " in body["message"]
    assert risalah.steps.get(number=1).sections["masalah"] == "<p>A</p>"


def test_saving_the_form_from_a_stale_page_shows_both_versions_side_by_side(
    world, risalah, client_for
):
    client_for(world.chair).post(
        _url(risalah, "risalah:step_autosave"), {"version": "0", "section-masalah": "<p>A</p>"}
    )
    response = client_for(world.member).post(
        _url(risalah), {"version": "0", "section-masalah": "<p>Versi anggota</p>"}
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "Versi Anda (belum tersimpan)" in text
    assert "Versi anggota" in text  # the user's own text is kept on the page
    assert "<p>A</p>" in text


def test_submit_with_missing_content_lists_each_missing_part(world, risalah, client_for):
    response = client_for(world.chair).post(_url(risalah, "risalah:step_submit"), follow=True)
    text = response.content.decode()
    assert "Belum diisi: Daftar masalah hasil curah pendapat." in text
    assert "Belum diisi: Tema terpilih dan alasannya." in text
    assert risalah.steps.get(number=1).state == RisalahStep.State.DRAFT


def test_mentor_returns_and_approves_through_the_page(world, risalah, client_for):
    step = fill(risalah.steps.get(number=1), actor=world.chair)
    client_for(world.chair).post(_url(risalah, "risalah:step_submit"))
    mentor = client_for(world.mentor)
    response = mentor.post(
        _url(risalah, "risalah:step_review"), {"decision": "return", "comment": ""}, follow=True
    )
    assert "Tulis komentar" in response.content.decode()
    mentor.post(_url(risalah, "risalah:step_review"), {"decision": "return", "comment": "Data?"})
    step.refresh_from_db()
    assert step.state == RisalahStep.State.RETURNED
    client_for(world.chair).post(_url(risalah, "risalah:step_submit"))
    client_for(world.mentor).post(_url(risalah, "risalah:step_review"), {"decision": "approve"})
    step.refresh_from_db()
    assert step.state == RisalahStep.State.APPROVED


def test_chair_cannot_review_their_own_step(world, risalah, client_for):
    fill(risalah.steps.get(number=1), actor=world.chair)
    client_for(world.chair).post(_url(risalah, "risalah:step_submit"))
    response = client_for(world.chair).post(
        _url(risalah, "risalah:step_review"), {"decision": "approve"}
    )
    assert response.status_code == 403
    assert risalah.steps.get(number=1).state == RisalahStep.State.SUBMITTED


def _png_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    buffer = io.BytesIO()
    image.save(buffer, "PNG", exif=exif)
    return buffer.getvalue()


def test_uploaded_image_is_reencoded_without_metadata(world, risalah, client_for):
    data = _png_with_exif()
    assert b"KameraRahasia" in data
    client_for(world.chair).post(
        reverse("risalah:attachment_upload", args=[risalah.pk]),
        {"kind": "photo", "title": "Antrean", "file": SimpleUploadedFile("foto.png", data)},
    )
    attachment = Attachment.objects.get()
    stored = attachment.file.read()
    assert stored.startswith(b"\x89PNG")
    assert b"KameraRahasia" not in stored


def test_a_renamed_executable_is_refused_by_content(world, risalah, client_for):
    response = client_for(world.chair).post(
        reverse("risalah:attachment_upload", args=[risalah.pk]),
        {"kind": "sop", "file": SimpleUploadedFile("sop.pdf", b"MZ\x90\x00fake exe")},
        follow=True,
    )
    assert "bukan PDF, JPEG, PNG, DOCX atau XLSX" in response.content.decode()
    assert not Attachment.objects.exists()


def test_oversize_file_is_refused_with_its_size(world, risalah):
    with pytest.raises(Exception, match="batasnya 10 MB"):
        attachments.check_upload(b"%PDF-" + b"0" * (attachments.MAX_BYTES + 1), "besar.pdf")


def test_docx_and_xlsx_are_recognised_inside_the_zip():
    from .docx_xlsx_samples import docx_bytes, xlsx_bytes

    assert attachments.sniff(docx_bytes()) is attachments.DOCX
    assert attachments.sniff(xlsx_bytes()) is attachments.XLSX
    assert attachments.sniff(b"PK\x03\x04not a zip") is None


def test_attachment_is_served_only_to_people_who_see_the_risalah(world, risalah, client_for):
    attachment = attachments.attachment_add(
        actor=world.chair,
        risalah=risalah,
        data=b"%PDF-1.4 isi",
        name="sk.pdf",
        kind="sk",
        title="SK Pembentukan",
    )
    url = reverse("risalah:attachment_download", args=[risalah.pk, attachment.pk])
    response = client_for(world.member).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 isi"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.other_admin).get(url).status_code == 404


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("", 'filename="polyglot.pdf"'),  # the title defaults to the uploaded name
        ("Notulen.PDF", 'filename="Notulen.pdf"'),
        ("SK: 800/1", 'filename="SK 800 1.pdf"'),
    ],
)
def test_an_attachment_downloads_with_its_extension_once(
    world, risalah, client_for, title, expected
):
    attachment = attachments.attachment_add(
        actor=world.chair,
        risalah=risalah,
        data=b"%PDF-1.4 isi",
        name="polyglot.pdf",
        kind="sk",
        title=title,
    )
    url = reverse("risalah:attachment_download", args=[risalah.pk, attachment.pk])
    response = client_for(world.member).get(url)
    assert response.status_code == 200
    assert expected in response["Content-Disposition"]


def test_edit_after_final_is_refused(world, risalah, client_for):
    from tulta.risalah import services

    for step in risalah.steps.order_by("number"):
        step.risalah = risalah
        step = fill(step, actor=world.chair)
        services.step_submit(actor=world.chair, step=step)
        services.step_approve(actor=world.mentor, step=step)
    client_for(world.chair).post(reverse("documents:risalah_final", args=[risalah.pk]))
    risalah.refresh_from_db()
    assert risalah.is_final
    response = client_for(world.chair).post(
        _url(risalah, "risalah:step_autosave"), {"version": "2", "section-masalah": "<p>x</p>"}
    )
    assert response.status_code == 400
    assert "sudah final" in response.json()["message"]


def test_the_conflict_view_shows_the_unsaved_post_cleaned_like_a_saved_step(
    world, risalah, client_for
):
    client_for(world.chair).post(
        _url(risalah, "risalah:step_autosave"), {"version": "0", "section-masalah": "<p>A</p>"}
    )
    payload = (
        '<p>Versi anggota</p><script>alert("x")</script>'
        '<img src="x" onerror="alert(1)"><a href="javascript:alert(2)">tautan</a>'
    )
    response = client_for(world.member).post(
        _url(risalah), {"version": "0", "section-masalah": payload}
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "Versi anggota" in text
    assert "<script>alert" not in text
    assert "onerror" not in text
    assert "javascript:alert" not in text


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_zip_bomb_or_an_archive_of_too_many_members_is_not_accepted_as_attachment(kind):
    from django.core.exceptions import ValidationError

    from tulta.risalah import attachments
    from tulta.testing.archives import many_members, zip_bomb

    with pytest.raises(ValidationError, match="ditolak: isinya 101 MB setelah dibuka"):
        attachments.check_upload(zip_bomb(kind), f"bom.{kind}")
    with pytest.raises(ValidationError, match=r"bagian, batasnya 2\.000"):
        attachments.check_upload(many_members(kind), f"banyak.{kind}")
