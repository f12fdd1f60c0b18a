"""Back up the database and the media storage into one timestamped folder (see sakip/backup.py)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from sakip import backup


class Command(BaseCommand):
    help = (
        "Cadangkan basis data (PostgreSQL: pg_dump; SQLite: salinan utuh) dan semua berkas unggahan ke satu folder "
        "sakip-<waktu UTC> di --output, beserta manifest.json (migrasi, jumlah baris, SHA-256 setiap berkas)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="folder tempat cadangan ditulis")
        parser.add_argument(
            "--simpan", type=int, default=None, metavar="N",
            help="setelah berhasil, hapus cadangan lama di --output kecuali N yang terbaru",
        )  # fmt: skip

    def handle(self, *args, **options):
        if options["simpan"] is not None and options["simpan"] < 1:
            raise CommandError("--simpan paling kecil 1: cadangan yang baru saja ditulis selalu disimpan.")
        started = time.monotonic()
        try:
            folder = backup.create(options["output"])
        except (backup.BackupError, OSError) as error:
            raise CommandError(f"Cadangan GAGAL; tidak ada cadangan yang ditulis.\n{error}") from error
        manifest = backup.read_manifest(folder)
        files = manifest["files"].values()
        self.stdout.write(
            self.style.SUCCESS(f"Cadangan ditulis: {folder} ({time.monotonic() - started:.1f} detik)")
            + f"\n  basis data: {sum(manifest['rows'].values())} baris, {filesizeformat(manifest['database']['size'])}"
            + f"\n  berkas: {len(files)}, {filesizeformat(sum(m['size'] for m in files))}"
        )
        if options["simpan"]:
            for old in backup.rotate(options["output"], options["simpan"]):
                self.stdout.write(f"Cadangan lama dihapus: {old}")
