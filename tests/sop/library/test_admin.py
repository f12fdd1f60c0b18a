"""The admin's upload: a preview before anything is saved, a bad file refused whole with the reason."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sop.library.models import SopTemplate
from tests.sakip.factories import UserFactory
from tests.sop.library.test_loading import as_file, document

UPLOAD = "admin:sop_library_soptemplate_upload"


def _admin(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))


def test_upload_shows_a_preview_then_loads_on_confirmation(client, db):
    _admin(client)
    assert client.get(reverse(UPLOAD)).status_code == 200
    upload = SimpleUploadedFile("contoh.json", as_file(document()).encode(), content_type="application/json")
    preview = client.post(reverse(UPLOAD), {"berkas": upload})
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "1 templat siap dimuat" in text and "SOP Contoh «singkatan OPD»" in text and "«jabatan Kepala»" in text
    assert not SopTemplate.objects.exists()
    confirm = preview.context["confirm"]
    data = {"nama": confirm["nama"].value(), "isi": confirm["isi"].value(), "muat": "1"}
    response = client.post(reverse(UPLOAD), data)
    assert response.status_code == 302
    stored = SopTemplate.objects.get()
    assert (stored.slug, stored.versi, stored.is_current) == ("contoh", 1, True)
    page = client.get(reverse("admin:sop_library_soptemplate_preview", args=[stored.pk]))
    assert page.status_code == 200 and "Mengarsipkan" in page.content.decode()
    assert "Pratinjau" in client.get(reverse("admin:sop_library_soptemplate_changelist")).content.decode()


def test_a_bad_upload_is_refused_with_the_reason_and_nothing_saved(client, db):
    _admin(client)
    broken = document()
    broken["langkah"][0]["simbol"] = "bintang"
    for name, data in (("rusak.json", b"{ bukan json"), ("salah.json", json.dumps(broken).encode())):
        response = client.post(reverse(UPLOAD), {"berkas": SimpleUploadedFile(name, data)})
        assert response.status_code == 422
        assert f"Templat {name}" in response.content.decode()
    assert "Langkah 1, simbol" in response.content.decode()
    # A forged confirmation is read and checked again.
    response = client.post(reverse(UPLOAD), {"nama": "x.json", "isi": json.dumps(broken), "muat": "1"}, follow=True)
    assert "ditolak" in response.content.decode()
    assert not SopTemplate.objects.exists()


def test_only_staff_reach_the_upload(client, db):
    client.force_login(UserFactory())
    assert client.get(reverse(UPLOAD)).status_code == 302
    assert client.post(reverse(UPLOAD), {"nama": "x", "isi": as_file(document()), "muat": "1"}).status_code == 302
    assert not SopTemplate.objects.exists()
