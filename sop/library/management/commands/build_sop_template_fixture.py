"""Write fixtures/sop_templates.json (for loaddata) from the shipped fixtures/templates/*.json."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sop.library.format import TemplateError
from sop.library.services import SHIPPED_DIR, fixture_of, shipped_files

FIXTURE = SHIPPED_DIR.parent / "sop_templates.json"


def fixture_text() -> str:
    return json.dumps(fixture_of(shipped_files()), ensure_ascii=False, indent=2) + "\n"


class Command(BaseCommand):
    help = "Tulis fixtures/sop_templates.json dari fixtures/templates/*.json (--check: hanya periksa sudah sama)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="gagal bila berkas fixture belum diperbarui")

    def handle(self, *args, **options):
        try:
            text = fixture_text()
        except TemplateError as error:
            raise CommandError(str(error)) from error
        target = Path(FIXTURE)
        if options["check"]:
            if not target.exists() or target.read_text() != text:
                raise CommandError(f"{target.name} belum sesuai dengan fixtures/templates/; jalankan perintah ini.")
            self.stdout.write(f"{target.name} sudah sesuai.")
            return
        target.write_text(text)
        self.stdout.write(f"{target.name} ditulis: {len(json.loads(text))} templat.")
