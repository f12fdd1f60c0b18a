"""An evidence file whose row could not be saved does not stay on disk."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.kinerja import services
from sakip.kinerja.models import Bukti, FormPengukuran
from tests.kinerja.conftest import TAHUN

pytestmark = pytest.mark.django_db(transaction=True)


def test_evidence_whose_row_fails_to_save_leaves_no_file(opd, bidang, staf, year, settings, monkeypatch):
    _pk, rows = year
    form = FormPengukuran.objects.create(opd=opd, unit=bidang, tahun=TAHUN, triwulan=1)

    def broken(self, *args, **kwargs):
        raise RuntimeError("koneksi basis data terputus")

    monkeypatch.setattr(Bukti, "save", broken)
    with pytest.raises(RuntimeError):
        services.bukti_add(
            form=form, indikator=rows[0], upload=SimpleUploadedFile("notulen.pdf", b"%PDF-1.4\n"), user=staf
        )

    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []


def test_saved_evidence_keeps_its_file(opd, bidang, staf, year):
    _pk, rows = year
    form = FormPengukuran.objects.create(opd=opd, unit=bidang, tahun=TAHUN, triwulan=1)

    bukti = services.bukti_add(
        form=form, indikator=rows[0], upload=SimpleUploadedFile("notulen.pdf", b"%PDF-1.4\n"), user=staf
    )

    assert Path(bukti.berkas.path).read_bytes() == b"%PDF-1.4\n"
