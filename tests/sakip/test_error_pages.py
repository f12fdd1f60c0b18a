"""The application's own error pages, in Indonesian with a way back, as served with DEBUG off."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_form_sent_from_an_expired_page_says_what_to_do_in_indonesian():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/masuk/", {"username": "alice", "password": "x"})

    page = response.content.decode()
    assert response.status_code == 403
    assert "Halaman ini sudah kedaluwarsa" in page and "muat ulang" in page
    assert 'href="/"' in page or "Kembali ke Beranda" in page
    assert "CSRF verification failed" not in page and "Forbidden" not in page


def test_an_unreadable_request_is_a_400_page_in_indonesian(client, settings):
    settings.ALLOWED_HOSTS = ["sakip.example.go.id"]

    response = client.get("/", HTTP_HOST="bukan-host-kita.example")

    page = response.content.decode()
    assert response.status_code == 400
    assert "Permintaan tidak bisa dibaca" in page and "Kembali ke Beranda" in page
    assert "Bad Request" not in page


def test_an_unknown_address_is_the_indonesian_404_page(client, penyusun):
    client.force_login(penyusun)

    response = client.get("/tidak-ada/")

    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()
