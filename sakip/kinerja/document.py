"""The Dokumen Pengukuran Kinerja of an OPD's period: PDF (the print style of the SOP sheets) and XLSX.

This generated PDF is what the Kepala corrects at the koreksi step and signs at the tanda tangan step; it is
offered to the run through `workflow.actions.register_run_document`.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from sakip.kinerja import charts
from sakip.kinerja.report import Laporan, laporan
from sakip.models import Keanggotaan, Opd, Pegawai
from sop.printing.render import pdf_with_box
from workflow.actions import RunDocument


def signer_of(opd: Opd) -> Pegawai | None:
    """The Kepala of the OPD (the Pegawai of the user holding the Kepala role), who signs the document."""
    kepala = Keanggotaan.objects.filter(opd=opd, peran=Keanggotaan.Peran.KEPALA).values("user_id")
    return Pegawai.objects.filter(opd=opd, user_id__in=kepala).order_by("pk").first()


def document_html(report: Laporan) -> str:
    return render_to_string(
        "kinerja/print/dokumen.html",
        {
            "report": report,
            "opd": report.opd,
            "per_indikator": charts.per_indikator(report),
            "trend": charts.trend(report),
            "signer": signer_of(report.opd),
            "printed_at": timezone.localtime(),
            "multi": len(report.triwulan) > 1,
        },
    )


def document_pdf(report: Laporan) -> bytes:
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    return HTML(string=document_html(report), base_url=str(settings.BASE_DIR)).write_pdf()


def opd_in_filename(opd: Opd) -> str:
    """'Bappeda-dan-Litbang' for a file name: the OPD's short name without spaces, '&' or '/'."""
    return (opd.singkatan or opd.nama).replace(" ", "-").replace("&", "dan").replace("/", "-")


def filename_of(report: Laporan, extension: str) -> str:
    return f"pengukuran-kinerja-{opd_in_filename(report.opd)}-{report.tahun}-{report.periode}.{extension}"


def run_document(run) -> RunDocument | None:
    """The run's Dokumen Pengukuran Kinerja, when its SOP has a data step and its OPD has indikator that year."""
    if not run.sop.langkah.filter(aksi="isi_data").exists():
        return None
    report = laporan(run.opd, run.tahun, run.periode)
    if not report.baris:
        return None
    content, box = pdf_with_box(document_html(report))  # the signature block's blank space holds the signature
    return RunDocument(
        filename=filename_of(report, "pdf"),
        content=content,
        title=f"Dokumen Pengukuran Kinerja {report.periode_tampil}",
        signature_box=box,
    )
