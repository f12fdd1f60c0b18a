"""The review-and-sign page, step-up, the verification page, downloads and the arsip."""

import re
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sop.models import Sop
from tests.signing.helpers import PASSPHRASE, give_certificate, submitted_sop
from tests.sop.factories import build_sop
from workflow.signing.models import DokumenTertandatangan, PercobaanTandaTangan


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def ready(opd, kepala):
    give_certificate(kepala, opd.pemda)
    return submitted_sop(opd, kepala, nomor="")


def review(sop):
    return reverse("signing:sop-review", args=[sop.pk])


def test_sahkan_opens_the_review_page_for_the_kepala(client, kepala, ready):
    client.force_login(kepala)
    response = client.post(reverse("sop:sop-approve", args=[ready.pk]))
    assert response.status_code == 302 and response.url == review(ready)
    page = client.get(review(ready))
    assert page.status_code == 200
    body = page.content.decode()
    assert reverse("signing:sop-review-pdf", args=[ready.pk]) in body
    assert "001/SOP/" in body  # the number it will get
    assert 'data-testid="sign-form"' in body
    pdf = client.get(reverse("signing:sop-review-pdf", args=[ready.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_sign_from_the_page(client, kepala, ready):
    client.force_login(kepala)
    response = client.post(review(ready), {"passphrase": PASSPHRASE}, follow=True)
    assert "disahkan dan ditandatangani" in response.content.decode()
    ready.refresh_from_db()
    assert ready.status == Sop.Status.DISAHKAN
    document = DokumenTertandatangan.objects.get(sop=ready)
    download = client.get(reverse("sop:sop-pdf", args=[ready.pk]))
    assert b"".join(download.streaming_content) == document.berkas.open("rb").read()  # the signed file, as signed
    assert PercobaanTandaTangan.objects.filter(user=kepala, berhasil=True).count() == 1


def test_wrong_passphrase_says_so_keeps_the_sop_and_counts(client, kepala, ready):
    client.force_login(kepala)
    response = client.post(review(ready), {"passphrase": "salah-sekali"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Passphrase TTE salah" in body and "Sisa percobaan: 4" in body
    ready.refresh_from_db()
    assert ready.status == Sop.Status.DIAJUKAN and ready.nomor == ""
    attempt = PercobaanTandaTangan.objects.get(user=kepala)
    assert not attempt.berhasil and attempt.jenis_gagal == "passphrase"


def test_five_wrong_tries_lock_signing_even_with_the_right_passphrase(client, kepala, ready, settings):
    client.force_login(kepala)
    for _ in range(settings.SIGNING_MAX_TRIES):
        client.post(review(ready), {"passphrase": "salah-sekali"})
    page = client.get(review(ready)).content.decode()
    assert 'data-testid="sign-locked"' in page
    response = client.post(review(ready), {"passphrase": PASSPHRASE})
    assert response.status_code == 422 and "dikunci sampai pukul" in response.content.decode()
    ready.refresh_from_db()
    assert ready.status == Sop.Status.DIAJUKAN
    assert PercobaanTandaTangan.objects.filter(user=kepala).count() == settings.SIGNING_MAX_TRIES + 1


def test_lock_ends_by_itself(client, kepala, ready, settings):
    client.force_login(kepala)
    for _ in range(settings.SIGNING_MAX_TRIES):
        client.post(review(ready), {"passphrase": "salah-sekali"})
    PercobaanTandaTangan.objects.update(waktu="2020-01-01T00:00:00Z")
    response = client.post(review(ready), {"passphrase": PASSPHRASE})
    assert response.status_code == 302
    ready.refresh_from_db()
    assert ready.status == Sop.Status.DISAHKAN


def test_empty_passphrase_is_asked_for(client, kepala, ready):
    client.force_login(kepala)
    response = client.post(review(ready), {"passphrase": ""})
    assert response.status_code == 422
    assert "Ketik passphrase TTE" in response.content.decode()
    assert not PercobaanTandaTangan.objects.exists()


def test_only_the_pengesah_signs(client, opd, kepala, ready):
    from tests.sakip.factories import PegawaiFactory

    ready.pengesah = PegawaiFactory(opd=opd, nama="Pejabat Lain")
    ready.save()
    client.force_login(kepala)
    response = client.post(review(ready), {"passphrase": PASSPHRASE}, follow=True)
    assert "hanya beliau yang dapat menandatanganinya" in response.content.decode()
    ready.refresh_from_db()
    assert ready.status == Sop.Status.DIAJUKAN


def test_penyusun_and_other_opds_cannot_reach_the_review(client, penyusun, outsider, ready):
    client.force_login(penyusun)
    assert client.get(review(ready)).status_code == 302
    assert client.get(reverse("signing:sop-review-pdf", args=[ready.pk])).status_code == 404
    client.force_login(outsider)
    assert client.get(review(ready)).status_code == 404
    assert client.post(review(ready), {"passphrase": PASSPHRASE}).status_code == 404


def test_without_a_certificate_the_page_says_what_to_do(client, opd, kepala):
    sop = submitted_sop(opd, kepala)
    client.force_login(kepala)
    assert 'data-testid="no-certificate"' in client.get(review(sop)).content.decode()


def test_revision_review_shows_what_changed(client, opd, kepala, penyusun):
    give_certificate(kepala, opd.pemda)
    old = build_sop(opd=opd, steps=3, status=Sop.Status.DISAHKAN, pengesah=kepala.pegawai, judul="Lama")
    new = build_sop(opd=opd, steps=4, status=Sop.Status.DIAJUKAN, pengesah=kepala.pegawai, judul="Baru")
    new.revisi_dari, new.seri, new.versi = old, old.seri, 2
    new.save()
    client.force_login(kepala)
    body = client.get(review(new)).content.decode()
    assert "Perubahan sejak versi 1" in body and 'data-testid="comparison"' in body


def _signed(client, kepala, sop) -> DokumenTertandatangan:
    client.force_login(kepala)
    client.post(review(sop), {"passphrase": PASSPHRASE})
    client.logout()
    return DokumenTertandatangan.objects.get(sop=sop)


def test_verification_page_is_public_and_checks_the_signature(client, kepala, ready):
    document = _signed(client, kepala, ready)
    page = client.get(reverse("signing:verify", args=[document.token]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Tanda tangan elektronik sah" in body and document.sha256 in body and document.nomor in body
    assert client.get(reverse("signing:verify", args=["tidak-ada"])).status_code == 404


def test_verification_compares_an_uploaded_file(client, kepala, ready):
    document = _signed(client, kepala, ready)
    url = reverse("signing:verify", args=[document.token])
    original = document.berkas.open("rb").read()
    same = client.post(url, {"berkas": SimpleUploadedFile("sop.pdf", original, "application/pdf")})
    assert "sama persis" in same.content.decode()
    tampered = original.replace(b"/Reason (", b"/Reason (X", 1) if b"/Reason (" in original else original + b"\n%x"
    other = client.post(url, {"berkas": SimpleUploadedFile("ubah.pdf", tampered, "application/pdf")})
    assert "tidak sama" in other.content.decode()
    not_pdf = client.post(url, {"berkas": SimpleUploadedFile("a.txt", b"hello", "text/plain")})
    assert not_pdf.status_code == 422 and "bukan PDF" in not_pdf.content.decode()


def test_signed_file_downloads_for_members_only(client, kepala, outsider, ready):
    document = _signed(client, kepala, ready)
    url = reverse("signing:download", args=[document.token])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(kepala)
    assert client.get(url).status_code == 200


def test_arsip_lists_own_opd_documents(client, kepala, outsider, ready):
    document = _signed(client, kepala, ready)
    client.force_login(kepala)
    assert document.nomor in client.get(reverse("signing:arsip")).content.decode()
    client.force_login(outsider)
    assert document.nomor not in client.get(reverse("signing:arsip")).content.decode()


def test_a_signed_sop_cannot_be_signed_again(client, kepala, ready):
    _signed(client, kepala, ready)
    client.force_login(kepala)
    response = client.post(review(ready), {"passphrase": PASSPHRASE})
    assert response.status_code == 302
    assert DokumenTertandatangan.objects.filter(sop=ready).count() == 1


def test_beranda_lists_what_waits_for_signature(client, kepala, penyusun, ready):
    client.force_login(kepala)
    body = client.get(reverse("home")).content.decode()
    assert 'data-testid="beranda-signing"' in body and review(ready) in body
    client.force_login(penyusun)
    assert 'data-testid="beranda-signing"' not in client.get(reverse("home")).content.decode()


def test_tugas_saya_lists_the_sops_to_sign(client, kepala, penyusun, ready):
    client.force_login(kepala)
    body = client.get(reverse("workflow:task-inbox")).content.decode()
    assert 'data-testid="inbox-sops"' in body and review(ready) in body
    assert 'data-testid="inbox-empty"' not in body
    client.force_login(penyusun)
    assert 'data-testid="inbox-sops"' not in client.get(reverse("workflow:task-inbox")).content.decode()


def test_a_signer_makes_their_own_certificate_and_signs_with_it(client, opd, kepala):
    from workflow.signing import ca

    ca.create_ca(opd.pemda)
    sop = submitted_sop(opd, kepala)
    client.force_login(kepala)
    url = reverse("signing:certificate")
    assert 'data-testid="certificate-form"' in client.get(url).content.decode()
    wrong = client.post(url, {"password": "bukan-ini", "passphrase": "rahasia-baru-1", "ulangi": "rahasia-baru-2"})
    assert wrong.status_code == 422
    body = wrong.content.decode()
    assert "Kata sandi masuk salah" in body and "Kedua passphrase tidak sama" in body
    done = client.post(url, {"password": "rahasia123", "passphrase": "rahasia-baru-1", "ulangi": "rahasia-baru-1"})
    assert done.status_code == 302
    response = client.post(review(sop), {"passphrase": "rahasia-baru-1"})
    assert response.status_code == 302
    sop.refresh_from_db()
    assert sop.status == Sop.Status.DISAHKAN


def test_arsip_by_year_kind_and_search_in_fixed_queries(client, kepala, ready, django_assert_max_num_queries):
    document = _signed(client, kepala, ready)
    DokumenTertandatangan.objects.filter(pk=document.pk).update(ditandatangani_pada="2025-03-01T10:00:00Z")
    client.force_login(kepala)
    url = reverse("signing:arsip")
    assert document.nomor in client.get(url, {"tahun": "2025", "jenis": "sop"}).content.decode()
    assert document.nomor not in client.get(url, {"tahun": "2026"}).content.decode()
    assert document.nomor not in client.get(url, {"jenis": "kinerja"}).content.decode()
    assert document.nomor in client.get(url, {"q": ready.judul[:6]}).content.decode()
    assert '<option value="2025"' in client.get(url).content.decode()
    with django_assert_max_num_queries(12):
        client.get(url, {"tahun": "2025"})


def test_arsip_years_run_from_the_first_signing_to_the_last(client, kepala, ready):
    document = _signed(client, kepala, ready)
    DokumenTertandatangan.objects.filter(pk=document.pk).update(ditandatangani_pada="2023-12-31T20:00:00Z")
    client.force_login(kepala)
    shown = client.get(reverse("signing:arsip")).content.decode()
    assert '<option value="2024"' in shown and '<option value="2023"' not in shown  # 1 Jan 2024, 03:00 WIB
    newer = DokumenTertandatangan.objects.get(pk=document.pk)
    newer.pk, newer.token, newer.ditandatangani_pada = None, "b" * 32, timezone.make_aware(datetime(2026, 5, 2, 9))
    newer.save()
    shown = client.get(reverse("signing:arsip")).content.decode()
    assert [int(y) for y in re.findall(r'<option value="(20\d\d)"', shown)] == [2026, 2025, 2024]
