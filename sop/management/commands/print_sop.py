"""Print one SOP to a PDF file, for batch printing from the command line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sop.models import Sop
from sop.printing import render_sop_pdf
from sop.printing.layout import PAPERS
from sop.printing.render import signed_pdf


class Command(BaseCommand):
    help = "Cetak SOP ke PDF: print_sop NOMOR_ATAU_ID --output FILE.pdf [--paper A4|F4] [--opd ID]"

    def add_arguments(self, parser):
        parser.add_argument("sop", help="ID atau nomor SOP")
        parser.add_argument("--output", "-o", required=True, help="berkas PDF tujuan")
        parser.add_argument("--paper", choices=list(PAPERS), help="ukuran kertas (bawaan: pengaturan OPD)")
        parser.add_argument("--opd", type=int, help="ID OPD, bila nomor yang sama dipakai beberapa OPD")

    def handle(self, *args, **options):
        sop = self._find(options["sop"], options["opd"])
        paper = options["paper"] or sop.opd.kertas
        output = Path(options["output"])
        if not output.parent.exists():
            raise CommandError(f"Folder {output.parent} tidak ada.")
        signed = signed_pdf(sop)
        if signed is not None:  # a signed SOP is its signed file, byte for byte, whatever paper was asked
            with signed:
                output.write_bytes(signed.read())
            self.stdout.write(self.style.SUCCESS(f"{output} ditulis: berkas SOP {sop.nomor} yang ditandatangani."))
            return
        output.write_bytes(render_sop_pdf(sop, paper))
        self.stdout.write(
            self.style.SUCCESS(f"{output} ditulis: SOP {sop.nomor or sop.pk} “{sop.judul}”, kertas {paper}.")
        )

    def _find(self, key: str, opd_id: int | None) -> Sop:
        qs = Sop.objects.select_related("opd__pemda", "pengesah")
        if opd_id:
            qs = qs.filter(opd_id=opd_id)
        if key.isdigit():
            found = qs.filter(pk=int(key)).first()
            if found:
                return found
        matches = list(qs.filter(nomor=key).exclude(status=Sop.Status.DIGANTI).order_by("opd_id", "-versi"))
        if not matches:
            raise CommandError(f"SOP dengan ID atau nomor “{key}” tidak ditemukan.")
        opds = {sop.opd_id for sop in matches}
        if len(opds) > 1:
            listing = ", ".join(f"{sop.opd} (--opd {sop.opd_id})" for sop in matches)
            raise CommandError(f"Nomor “{key}” dipakai beberapa OPD: {listing}. Tambahkan --opd.")
        return matches[0]
