"""The Perjanjian Kinerja as a document: the Kepala's pernyataan (pihak pertama) to the kepala daerah (pihak kedua)
and its lampiran of sasaran, indikator and targets, in the print style of the Dokumen Pengukuran Kinerja.

The Kepala signs it electronically in the blank space of the pihak pertama (`sakip.kinerja.pk_signing`); the
kepala daerah is not a user here, so the pihak kedua's block is left for a signature on paper.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from sakip.kinerja.document import opd_in_filename, signer_of
from sakip.kinerja.models import Indikator, PengaturanKinerja, PerjanjianKinerja, Target
from sakip.models import Pemda
from sop.printing.render import Box, pdf_with_box
from workflow.signing.services import place_of

KEPALA_DAERAH = {Pemda.Jenis.PROVINSI: "Gubernur", Pemda.Jenis.KABUPATEN: "Bupati", Pemda.Jenis.KOTA: "Wali Kota"}


@dataclass(frozen=True)
class BarisPk:
    no: int
    indikator: Indikator
    target: Target


def kepala_daerah_jabatan(opd) -> str:
    """'Bupati Banggai' for an OPD of Kabupaten Banggai, 'Wali Kota Palu' for one of Kota Palu."""
    return f"{KEPALA_DAERAH.get(opd.pemda.jenis, 'Kepala Daerah')} {place_of(opd)}"


def rows_of(version: PerjanjianKinerja) -> list[BarisPk]:
    """The version's indikator with their targets, in the order of the sasaran and indikator (one query)."""
    targets = (
        Target.objects.filter(pk_versi=version)
        .select_related("indikator__sasaran", "indikator__unit")
        .order_by("indikator__sasaran__urutan", "indikator__sasaran_id", "indikator__urutan", "indikator_id")
    )
    return [BarisPk(no, target.indikator, target) for no, target in enumerate(targets, start=1)]


def pk_html(version: PerjanjianKinerja, *, when=None, draft: bool = True) -> str:
    opd = version.opd
    pengaturan = PengaturanKinerja.objects.filter(pemda_id=opd.pemda_id).first()
    return render_to_string(
        "kinerja/print/pk.html",
        {
            "pk": version,
            "opd": opd,
            "rows": rows_of(version),
            "signer": signer_of(opd),
            "pihak_kedua_jabatan": kepala_daerah_jabatan(opd),
            "pihak_kedua_nama": pengaturan.nama_kepala_daerah if pengaturan else "",
            "printed_at": timezone.localtime(when) if when else timezone.localtime(),
            "draft": draft,
        },
    )


def pk_pdf(version: PerjanjianKinerja, *, when=None, draft: bool = True) -> tuple[bytes, Box | None]:
    """The PDF and where the pihak pertama's signature goes."""
    return pdf_with_box(pk_html(version, when=when, draft=draft))


def filename_of(version: PerjanjianKinerja) -> str:
    kind = "perjanjian-kinerja" if version.versi == 1 else f"pk-perubahan-{version.versi - 1}"
    return f"{kind}-{opd_in_filename(version.opd)}-{version.tahun}.pdf"
