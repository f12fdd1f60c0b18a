"""Load SOP templates from JSON files; without files, the ones shipped in fixtures/templates/."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.models import User
from sop.library.format import TemplateError
from sop.library.services import NEW, NEW_VERSION, shipped_files, templates_load

ACTIONS = {NEW: "dimuat", NEW_VERSION: "dimuat sebagai versi berlaku baru", "sama": "sudah ada, tidak berubah"}


class Command(BaseCommand):
    help = (
        "Muat templat SOP dari berkas JSON (tanpa berkas: fixtures/templates/*.json). Setiap templat diperiksa "
        "dengan aturan editor; satu berkas dimuat seluruhnya atau tidak sama sekali."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="berkas templat .json")
        parser.add_argument("--user", help="nama pengguna yang tercatat memuat templat")

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Pengguna “{options['user']}” tidak ada.")
        paths = [Path(name) for name in options["files"]] or shipped_files()
        failed = 0
        for path in paths:
            try:
                loaded = templates_load(data=path.read_bytes(), source=path.name, user=user)
            except OSError as error:
                failed += 1
                self.stderr.write(f"{path}: tidak bisa dibaca ({error.strerror}).")
                continue
            except TemplateError as error:
                failed += 1
                self.stderr.write(f"{path}: ditolak, tidak ada yang dimuat dari berkas ini.")
                for message in error.messages:
                    self.stderr.write(f"  - {message}")
                continue
            for item in loaded:
                template = item.template
                self.stdout.write(f"{path.name}: {template.slug} versi {template.versi} {ACTIONS[item.action]}.")
        if failed:
            raise CommandError(f"{failed} berkas ditolak; lihat alasannya di atas.")
