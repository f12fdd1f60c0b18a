"""The Kepala signs the Perjanjian Kinerja: a real PAdES signature on the generated document, checked by pyHanko,
pdfsig, pdftotext and zbarimg; the signed version no longer edited in place; a PK Perubahan replaces it."""

import subprocess
import tempfile
import zoneinfo
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from sakip.kinerja import pk, struktur
from sakip.kinerja.models import PengaturanKinerja, PerjanjianKinerja, Realisasi, Target
from sakip.kinerja.pk_signing import sign_pk
from sakip.kinerja.report import laporan
from sakip.kinerja.xlsx.importer import import_sheet
from sakip.kinerja.xlsx.reader import read
from sakip.kinerja.xlsx.writer import template_bytes
from sakip.models import Keanggotaan
from sakip.states import TransitionError
from tests.kinerja.conftest import TAHUN
from tests.sakip.factories import UserFactory
from tests.signing.helpers import PASSPHRASE, give_certificate, pdfsig, qr_codes, validate
from workflow.signing.backends import SigningError
from workflow.signing.models import DokumenTertandatangan

pytestmark = pytest.mark.django_db


@pytest.fixture
def signer(kepala, opd):
    give_certificate(kepala, opd.pemda)
    PengaturanKinerja.objects.create(pemda=opd.pemda, nama_kepala_daerah="Ir. H. Amirudin Tamoreka")
    return kepala


def pk_page(opd):
    return reverse("kinerja:pk", args=(opd.pk, TAHUN))


def sign_url(version):
    return reverse("kinerja:pk-sign", args=(version.opd_id, version.tahun, version.versi))


def pdf_url(version):
    return reverse("kinerja:pk-pdf", args=(version.opd_id, version.tahun, version.versi))


def pdftotext(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pk.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=60)
    return " ".join(done.stdout.split())


def test_the_kepala_signs_the_pk_through_the_page(client, opd, signer, year):
    version, rows = year
    client.force_login(signer)
    page = client.get(pk_page(opd)).content.decode()
    assert 'data-testid="pk-sign-form"' in page and 'data-testid="pk-preview"' in page
    response = client.post(sign_url(version), {"passphrase": PASSPHRASE})
    assert response.status_code == 302
    version.refresh_from_db()
    document = version.dokumen
    assert document.jenis == DokumenTertandatangan.Jenis.PK and document.penandatangan == signer
    # Signed on the Pemda's calendar day (the request runs in its zone), whatever the hour in UTC.
    assert version.tanggal == timezone.localdate(timezone=zoneinfo.ZoneInfo(opd.pemda.zona_waktu))
    signed = client.get(pdf_url(version)).content
    with document.berkas.open("rb") as handle:
        assert signed == handle.read()
    status = validate(signed, opd.pemda)
    assert status.intact and status.valid and status.trusted
    assert "Signature is Valid" in pdfsig(signed)
    text = pdftotext(signed)
    assert "PERJANJIAN KINERJA" in text and "TAHUN 2026" in text and "DRAF" not in text
    assert "Ir. H. Amirudin Tamoreka" in text and "Bupati" in text
    for row in rows:
        assert row.nama in text
    assert "12,5" in text and "Dokumen perencanaan tepat waktu" in text
    qr = qr_codes(signed)
    assert qr and qr[0].endswith(reverse("signing:verify", args=[document.token]))
    verify = client.get(document.get_absolute_url()).content.decode()
    assert "Perjanjian Kinerja" in verify and "Tanda tangan elektronik sah." in verify
    shown = client.get(pk_page(opd)).content.decode()
    assert 'data-testid="pk-signed"' in shown and 'data-testid="pk-sign-form"' not in shown


def test_the_preview_is_a_draft_and_other_opds_get_404(client, opd, signer, year, outsider):
    version, _rows = year
    client.force_login(signer)
    draft = client.get(pdf_url(version))
    assert draft["Content-Type"] == "application/pdf" and "PERJANJIAN KINERJA" in pdftotext(draft.content)
    assert "does not contain any signatures" in pdfsig(draft.content)
    client.force_login(outsider)
    assert client.get(pdf_url(version)).status_code == 404
    assert client.post(sign_url(version), {"passphrase": PASSPHRASE}).status_code == 404
    assert not DokumenTertandatangan.objects.exists()


def test_only_the_kepala_signs(client, opd, signer, year, sekretaris):
    version, _rows = year
    client.force_login(sekretaris)
    response = client.post(sign_url(version), {"passphrase": PASSPHRASE}, follow=True)
    assert "Hanya Kepala OPD" in response.content.decode()
    assert PerjanjianKinerja.objects.get(pk=version.pk).dokumen is None


def test_a_wrong_passphrase_signs_nothing_and_leaves_no_file(opd, signer, year, settings):
    version, _rows = year
    with pytest.raises(SigningError):
        sign_pk(version=version, actor=signer, passphrase="salah")
    version.refresh_from_db()
    assert version.dokumen is None and version.tanggal is None
    assert not DokumenTertandatangan.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_an_indikator_without_target_blocks_signing(client, opd, signer, year):
    version, rows = year
    Target.objects.filter(pk_versi=version, indikator=rows[2]).delete()
    client.force_login(signer)
    page = client.get(pk_page(opd)).content.decode()
    assert "Indikator tanpa target: Angka kemiskinan." in page and 'data-testid="pk-sign-form"' not in page
    with pytest.raises(TransitionError, match="Angka kemiskinan"):
        sign_pk(version=version, actor=signer, passphrase=PASSPHRASE)
    assert not DokumenTertandatangan.objects.exists()


def test_signed_pk_is_changed_only_by_a_pk_perubahan_which_replaces_it(client, opd, signer, year):
    version, rows = year
    first = sign_pk(version=version, actor=signer, passphrase=PASSPHRASE)
    version.refresh_from_db()
    assert [value for value, _label in pk.choices([version], reported=0, signed=True)] == ["2", "3", "4"]
    client.force_login(signer)
    edit = {"berlaku": pk.EDIT, "alasan": "Salah ketik"}
    edit.update({f"t{r.pk}-tahunan": "1" for r in rows})
    response = client.post(pk_page(opd), edit)
    assert response.status_code == 422 and Target.objects.get(pk_versi=version, indikator=rows[0]).tahunan == D(8)
    with pytest.raises(TransitionError, match="sudah ditandatangani"):
        struktur.indikator_delete(indikator=rows[0], user=signer)
    new, _changed = pk.simpan(opd=opd, tahun=TAHUN, berlaku="3", values={}, alasan="Refocusing", user=signer)
    with pytest.raises(TransitionError, match="sudah ditandatangani"):
        sign_pk(version=version, actor=signer, passphrase=PASSPHRASE)
    second = sign_pk(version=new, actor=signer, passphrase=PASSPHRASE)
    first.refresh_from_db()
    assert first.diganti_oleh == second
    verify = client.get(first.get_absolute_url()).content.decode()
    assert "sudah diganti" in verify and "PK Perubahan 1" in verify
    with second.berkas.open("rb") as handle:
        text = pdftotext(handle.read())
    assert "PERJANJIAN KINERJA PERUBAHAN" in text and "mulai Triwulan 3" in text and "Refocusing" in text


def test_a_pk_editor_who_is_not_kepala_sees_no_form(client, opd, signer, year):
    admin = UserFactory(username="admin_opd", roles=[(opd, Keanggotaan.Peran.ADMIN_OPD)])
    client.force_login(admin)
    page = client.get(pk_page(opd)).content.decode()
    assert "Ditandatangani oleh Kepala OPD." in page and 'data-testid="pk-sign-form"' not in page


def test_an_import_cannot_change_a_signed_pk_but_may_bring_realisasi(opd, bidang, signer, year):
    version, rows = year
    sign_pk(version=version, actor=signer, passphrase=PASSPHRASE)
    same = read(template_bytes(laporan(opd, TAHUN, "tahunan")))
    same.baris[0].realisasi[1] = (D(2), "")
    summary = import_sheet(opd=opd, tahun=TAHUN, hasil=same, user=signer, default_unit=bidang)
    assert summary.ok and Realisasi.objects.get(indikator=rows[0], triwulan=1).nilai == D(2)
    changed = read(template_bytes(laporan(opd, TAHUN, "tahunan")))
    changed.baris[1].target = D(99)
    summary = import_sheet(opd=opd, tahun=TAHUN, hasil=changed, user=signer, default_unit=bidang)
    assert not summary.ok and any("sudah ditandatangani" in e and "Baris" in e for e in summary.errors)
    assert Target.objects.get(pk_versi=version, indikator=rows[1]).tahunan == D(80)


def test_the_beranda_tells_the_kepala_until_it_is_signed(client, opd, signer, year, sekretaris):
    version, _rows = year
    client.force_login(signer)
    assert 'data-testid="pk-to-sign"' in client.get(reverse("home")).content.decode()
    client.force_login(sekretaris)
    assert 'data-testid="pk-to-sign"' not in client.get(reverse("home")).content.decode()
    sign_pk(version=version, actor=signer, passphrase=PASSPHRASE)
    client.force_login(signer)
    assert 'data-testid="pk-to-sign"' not in client.get(reverse("home")).content.decode()


def test_the_admin_cannot_change_a_signed_pk(client, opd, signer, year):
    version, _rows = year
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    url = reverse("admin:kinerja_perjanjiankinerja_change", args=[version.pk])
    assert 'name="target-0-tahunan"' in client.get(url).content.decode()
    sign_pk(version=version, actor=signer, passphrase=PASSPHRASE)
    shown = client.get(url).content.decode()
    assert 'name="target-0-tahunan"' not in shown and 'name="berlaku_mulai"' not in shown
    assert client.post(url, {"berlaku_mulai": "2"}).status_code == 403
