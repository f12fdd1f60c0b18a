"""python manage.py import_kinerja FILE.xlsx --opd ID --tahun YYYY [--unit ID] [--user USERNAME] [--dry-run]

Reads the template (targets and realisasi), all rows or none; prints every error with its cell and exits 1.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.kinerja.xlsx.importer import import_sheet
from sakip.kinerja.xlsx.reader import read
from sakip.models import Opd, UnitKerja, User
from workflow.uploads import max_bytes


class Command(BaseCommand):
    help = "Impor target dan realisasi kinerja dari XLSX (templat /kinerja/), semua baris atau tidak sama sekali."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.xlsx")
        parser.add_argument("--opd", type=int, required=True, help="id OPD")
        parser.add_argument("--tahun", type=int, required=True, help="tahun Perjanjian Kinerja")
        parser.add_argument("--unit", type=int, help="id unit kerja bawaan untuk baris tanpa kolom Unit Kerja")
        parser.add_argument("--user", help="username yang dicatat di riwayat (tanpa ini: perintah dipercaya)")
        parser.add_argument("--dry-run", action="store_true", help="periksa saja; tidak ada yang disimpan")

    def handle(self, *args, file, opd, tahun, unit=None, user=None, dry_run=False, **options):
        target = Opd.objects.filter(pk=opd).first()
        if target is None:
            raise CommandError(f"OPD dengan id {opd} tidak ada.")
        default_unit = UnitKerja.objects.filter(pk=unit, opd=target).first() if unit else None
        if unit and default_unit is None:
            raise CommandError(f"Unit kerja {unit} tidak ada di {target}.")
        actor = User.objects.filter(username=user).first() if user else None
        if user and actor is None:
            raise CommandError(f"Pengguna “{user}” tidak ada.")
        path = Path(file)
        try:
            if path.stat().st_size > max_bytes():
                raise CommandError(f"{path.name}: berkas terlalu besar.")
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path.name}: berkas tidak bisa dibaca ({error.strerror or error}).") from None
        summary = import_sheet(
            opd=target, tahun=tahun, hasil=read(content), user=actor, default_unit=default_unit, dry_run=dry_run
        )
        if not summary.ok:
            for error in summary.errors:
                self.stderr.write(error)
            raise CommandError(f"{path.name}: {len(summary.errors)} kesalahan; tidak ada yang diimpor.")
        prefix = "Periksa saja (tidak disimpan): " if dry_run else "Diimpor: "
        self.stdout.write(self.style.SUCCESS(prefix + str(summary)))
