"""Uploaded and generated files leave only through views that check who asks; /media/ is served in no mode."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.urls import clear_url_caches, reverse

import sakip.urls
from sakip.models import Keanggotaan
from sop.models import BukuSop
from tests.sakip.factories import UserFactory

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


@pytest.fixture
def debug_urls(settings):
    """The URLs as the development server builds them (DEBUG on), restored afterwards."""
    settings.DEBUG = True
    importlib.reload(sakip.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(sakip.urls)
    clear_url_caches()


@pytest.fixture
def book(opd, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buku = BukuSop.objects.create(opd=opd, status=BukuSop.Status.SELESAI)
    buku.berkas.save("buku-sop/rahasia.pdf", ContentFile(b"%PDF-1.7 isi"), save=True)
    return buku


def test_media_is_not_served_even_with_debug_on(client, book, debug_urls):
    member = UserFactory(roles=[(book.opd, Keanggotaan.Peran.PENYUSUN)])
    client.force_login(member)

    assert client.get("/media/" + book.berkas.name).status_code == 404


def test_a_book_downloads_only_for_a_member_of_its_opd(client, book, outsider):
    url = reverse("sop:buku-download", args=[book.pk])

    anonymous = client.get(url)
    client.force_login(outsider)
    other = client.get(url)
    client.force_login(UserFactory(roles=[(book.opd, Keanggotaan.Peran.PENYUSUN)]))
    member = client.get(url)

    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    assert other.status_code == 404
    assert member.status_code == 200 and b"".join(member.streaming_content) == b"%PDF-1.7 isi"


def test_the_pemda_logo_is_public_through_its_own_view(client, opd, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    opd.pemda.logo.save("logo/banggai.png", ContentFile(PNG), save=True)

    response = client.get(reverse("pemda-logo", args=[opd.pemda_id]))

    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    assert client.get(reverse("pemda-logo", args=[opd.pemda_id + 1000])).status_code == 404
