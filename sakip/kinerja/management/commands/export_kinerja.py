"""python manage.py export_kinerja --opd ID --tahun YYYY --periode tw1|…|tahunan --output F.pdf|F.xlsx"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.kinerja.capaian import PERIODS
from sakip.kinerja.document import document_pdf
from sakip.kinerja.report import laporan
from sakip.kinerja.xlsx.writer import document_bytes
from sakip.models import Opd


class Command(BaseCommand):
    help = "Tulis Dokumen Pengukuran Kinerja satu OPD dan periode sebagai PDF atau XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--opd", type=int, required=True)
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--periode", required=True, choices=sorted(PERIODS))
        parser.add_argument("--output", required=True, help="berkas .pdf atau .xlsx")

    def handle(self, *args, opd, tahun, periode, output, **options):
        target = Opd.objects.select_related("pemda").filter(pk=opd).first()
        if target is None:
            raise CommandError(f"OPD dengan id {opd} tidak ada.")
        path = Path(output)
        suffix = path.suffix.lower()
        if suffix not in (".pdf", ".xlsx"):
            raise CommandError("--output harus berakhiran .pdf atau .xlsx.")
        report = laporan(target, tahun, periode)
        if not report.baris:
            raise CommandError(f"{target} belum punya indikator kinerja tahun {tahun}.")
        content = document_pdf(report) if suffix == ".pdf" else document_bytes(report)
        path.write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"{path} ({len(report.baris)} indikator, {len(content)} bita) ditulis."))
