"""Write any SOP as a template document (JSON), the OPD's names turned back into placeholders."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sop.library.export import template_export
from sop.library.format import TemplateError
from sop.models import Sop


class Command(BaseCommand):
    help = "Ekspor SOP (ID) sebagai templat JSON; nama OPD, singkatan, jabatan Kepala dan Pemda menjadi penanda."

    def add_arguments(self, parser):
        parser.add_argument("sop", type=int, help="ID SOP")
        parser.add_argument("--slug", default="", help="slug templat (bawaan: dari judul)")
        parser.add_argument("--versi", type=int, default=1)
        parser.add_argument("--deskripsi", default="")
        parser.add_argument("--output", help="berkas tujuan (bawaan: layar)")

    def handle(self, *args, **options):
        sop = Sop.objects.select_related("opd__pemda").filter(pk=options["sop"]).first()
        if sop is None:
            raise CommandError(f"SOP dengan ID {options['sop']} tidak ada.")
        try:
            document = template_export(
                sop=sop, slug=options["slug"], versi=options["versi"], deskripsi=options["deskripsi"]
            )
        except (TemplateError, ValidationError) as error:
            raise CommandError(f"SOP ini belum bisa menjadi templat: {error}") from error
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            Path(options["output"]).write_text(text)
            self.stderr.write(f"Templat {document['slug']} versi {document['versi']} ditulis ke {options['output']}.")
        else:
            self.stdout.write(text, ending="")
