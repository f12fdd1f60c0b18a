"""List, and with --hapus delete, stored files that no row refers to (see sakip/media.py)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from sakip import media


class Command(BaseCommand):
    help = (
        "Cari berkas di penyimpanan yang tidak dirujuk data mana pun (unggahan yang penyimpanannya batal, Buku SOP "
        "yang dihapus, sisa cache PDF). Tanpa --hapus hanya mendaftar."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hapus", action="store_true", help="hapus berkas yang terdaftar")
        parser.add_argument(
            "--umur-menit", type=int, default=60,
            help="hanya berkas yang tidak diubah sekurangnya selama ini (bawaan 60): berkas yang sedang ditulis aman",
        )  # fmt: skip
        parser.add_argument(
            "--cache-hari", type=int, default=30,
            help="cache PDF yang tidak dipakai selama ini ikut dihapus (bawaan 30; 0: semua cache yang utuh disimpan)",
        )  # fmt: skip

    def handle(self, *args, **options):
        if options["umur_menit"] < 1:
            raise CommandError("--umur-menit paling kecil 1: berkas yang baru ditulis mungkin belum tercatat datanya.")
        if options["cache_hari"] < 0:
            raise CommandError("--cache-hari tidak boleh negatif.")
        cache_age = datetime.timedelta(days=options["cache_hari"]) if options["cache_hari"] else None
        found = list(media.orphans(min_age=datetime.timedelta(minutes=options["umur_menit"]), cache_max_age=cache_age))
        now = timezone.now()
        for orphan in found:
            age = now - orphan.modified
            self.stdout.write(f"{orphan.label}\t{filesizeformat(orphan.size)}\t{age.days} hari")
            if options["hapus"]:
                media.remove(orphan)
        total = filesizeformat(sum(o.size for o in found))
        if not found:
            self.stdout.write("Tidak ada berkas tak terpakai.")
        elif options["hapus"]:
            self.stdout.write(self.style.SUCCESS(f"{len(found)} berkas tak terpakai dihapus ({total})."))
        else:
            self.stdout.write(
                f"{len(found)} berkas tak terpakai ({total}). Jalankan dengan --hapus untuk menghapusnya."
            )
