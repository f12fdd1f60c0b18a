"""python manage.py import_sop FILE… [--opd ID] [--user USERNAME] [--dry-run]

Imports each file as a draft SOP on its own (all or nothing per file) and prints every file's outcome.
Exits with status 1 (CommandError) when any file failed.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.models import Opd, User
from sop.importing.read import MAX_BYTES, megabytes
from sop.importing.services import sop_import_files

STATUS = {"ok": "OK", "peringatan": "OK dengan peringatan", "gagal": "GAGAL"}


class Command(BaseCommand):
    help = "Impor dokumen SOP (.docx atau teks hasil ekspor Word) sebagai draf."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="berkas .docx atau .txt")
        parser.add_argument("--opd", type=int, help="id OPD tujuan; tanpa ini OPD dibaca dari kop dokumen")
        parser.add_argument(
            "--user", help="username yang dicatat sebagai pembuat (wajib bila nomor SOP sudah disahkan: versi baru)"
        )
        parser.add_argument("--dry-run", action="store_true", help="baca dan periksa saja; tidak ada yang disimpan")

    def handle(self, *args, files, opd=None, user=None, dry_run=False, **options):
        target = None
        if opd is not None:
            target = Opd.objects.filter(pk=opd).first()
            if target is None:
                raise CommandError(f"OPD dengan id {opd} tidak ada.")
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Pengguna “{user}” tidak ada.")
        batch = []
        unreadable = []
        for name in files:
            path = Path(name)
            try:
                size = path.stat().st_size
                if size > MAX_BYTES:
                    too_big = f"berkas terlalu besar ({megabytes(size)} MB); paling besar {megabytes(MAX_BYTES)} MB."
                    unreadable.append(f"{path.name}: {too_big}")
                    continue
                batch.append((path.name, path.read_bytes()))
            except OSError as error:
                unreadable.append(f"{path.name}: berkas tidak bisa dibaca ({error.strerror or error}).")
        outcomes = sop_import_files(files=batch, opd=target, user=actor, dry_run=dry_run)
        for line in unreadable:
            self.stdout.write(self.style.ERROR(f"GAGAL  {line}"))
        for outcome in outcomes:
            label = STATUS[outcome.status]
            style = {"ok": self.style.SUCCESS, "peringatan": self.style.WARNING, "gagal": self.style.ERROR}[
                outcome.status
            ]
            if outcome.errors:
                self.stdout.write(style(f"{label}  {outcome.filename}"))
                for message in outcome.errors:
                    self.stdout.write(f"    {message}")
                if outcome.needs_opd:
                    self.stdout.write("    OPD tujuan perlu disebutkan: jalankan lagi dengan --opd ID (ID OPD tujuan).")
                continue
            where = f"#{outcome.sop_id}" if outcome.sop_id else "(uji coba, tidak disimpan)"
            self.stdout.write(
                style(f"{label}  {outcome.filename} → {outcome.opd}: {outcome.nomor or 'tanpa nomor'} "
                      f"“{outcome.judul}” versi {outcome.versi} {where}")
            )  # fmt: skip
            for message in outcome.warnings:
                self.stdout.write(f"    peringatan: {message}")
        failed = len(unreadable) + sum(1 for outcome in outcomes if outcome.errors)
        total = len(files)
        verb = "diperiksa" if dry_run else "diimpor"
        self.stdout.write(f"{total - failed} dari {total} berkas {verb}; {failed} gagal.")
        if failed:
            raise CommandError(f"{failed} dari {total} berkas gagal.", returncode=1)
