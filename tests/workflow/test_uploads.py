"""Files completing a step: too large, wrong type or content not matching the name are refused; nothing changes."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.workflow.conftest import JPEG_BYTES, PDF_BYTES, PNG_BYTES, current_task, office_bytes, upload
from workflow.models import RunLog, Task
from workflow.transitions import TransitionError, task_complete
from workflow.uploads import check_upload

GOOD = [
    ("laporan.pdf", PDF_BYTES),
    ("Draf Laporan.DOCX", office_bytes("docx")),
    ("capaian.xlsx", office_bytes("xlsx")),
    ("foto.png", PNG_BYTES),
    ("scan.jpg", JPEG_BYTES),
    ("scan.jpeg", JPEG_BYTES),
]
BAD = [
    ("program.exe", b"MZ\x90\x00", "tidak diterima"),
    ("catatan.txt", b"teks biasa", "tidak diterima"),
    ("tanpa-ekstensi", PDF_BYTES, "tidak diterima"),
    ("laporan.pdf", b"<html>bukan pdf</html>", "bukan PDF"),
    ("laporan.pdf", PNG_BYTES, "bukan PDF"),
    ("draf.docx", PDF_BYTES, "bukan Word"),
    ("draf.docx", office_bytes("xlsx"), "bukan Word"),  # a workbook renamed to .docx
    ("capaian.xlsx", office_bytes("docx"), "bukan Excel"),
    ("draf.docx", b"PK\x03\x04 rusak, bukan zip", "bukan Word"),
    ("foto.png", JPEG_BYTES, "bukan PNG"),
    ("scan.jpg", PNG_BYTES, "bukan JPEG"),
    ("kosong.pdf", b"", "kosong"),
]


@pytest.mark.parametrize(("name", "content"), GOOD)
def test_allowed_files_pass(name, content):
    check_upload(upload(name, content))


@pytest.mark.parametrize(("name", "content", "message"), BAD)
def test_wrong_type_or_content_is_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        check_upload(upload(name, content))


def test_a_file_over_the_limit_is_refused(settings):
    settings.WORKFLOW_UPLOAD_MAX_BYTES = 1024

    with pytest.raises(ValidationError, match="terlalu besar"):
        check_upload(upload("besar.pdf", PDF_BYTES + b"0" * 2000))


def test_a_docx_whose_content_types_would_inflate_hugely_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "wordprocessingml" + " " * (5 * 1024 * 1024))
        archive.writestr("word/document.xml", "<root/>")

    with pytest.raises(ValidationError, match="bukan Word"):
        check_upload(upload("bom.docx", buffer.getvalue()))


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), BAD[:6])
def test_refused_file_leaves_the_task_as_it_was(name, content, message, flow_run, kepala):
    task = current_task(flow_run)

    with pytest.raises(TransitionError, match=message):
        task_complete(task=task, actor=kepala, note="Disposisi", upload=upload(name, content))

    task.refresh_from_db()
    assert (task.status, task.catatan, bool(task.berkas)) == ("terbuka", "", False)
    assert RunLog.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("program.exe", b"MZ", "tidak diterima"), ("laporan.pdf", PNG_BYTES, "bukan PDF"), ("besar.pdf", None, "besar")],
)
def test_the_page_refuses_the_file_with_a_message_and_keeps_the_note(
    name, content, message, client, settings, flow_run, kepala
):
    settings.WORKFLOW_UPLOAD_MAX_BYTES = 2048
    if content is None:
        content = PDF_BYTES + b"0" * 4096
    task = current_task(flow_run)
    client.force_login(kepala)

    response = client.post(
        reverse("workflow:task-complete", args=[task.pk]),
        {"catatan": "Disposisi kepada Tim SAKIP", "berkas": upload(name, content)},
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert message in page
    assert "Disposisi kepada Tim SAKIP" in page  # what was typed is still there
    task.refresh_from_db()
    assert (task.status, bool(task.berkas)) == ("terbuka", False)
    assert Task.objects.filter(run=flow_run).count() == 1


@pytest.mark.django_db
def test_the_file_picker_states_the_limit_in_force(client, settings, flow_run, kepala):
    settings.WORKFLOW_UPLOAD_MAX_BYTES = 3 * 1024 * 1024
    client.force_login(kepala)

    page = client.get(flow_run.get_absolute_url()).content.decode().replace("\xa0", " ")

    assert "PDF, DOCX, XLSX, PNG, JPEG; paling besar 3,0 MB." in page
    assert "10 MB" not in page
