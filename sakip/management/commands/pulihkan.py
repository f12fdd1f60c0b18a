"""Restore a backup of `cadangkan` into the configured database and storage, then check it (see sakip/backup.py)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sakip import backup


class Command(BaseCommand):
    help = (
        "Pulihkan satu folder cadangan (sakip-<waktu>) ke basis data dan penyimpanan berkas yang dikonfigurasi, lalu "
        "periksa hasilnya terhadap manifest (jumlah baris, migrasi, SHA-256 setiap berkas)."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="folder cadangan, mis. .../sakip-20260105-010000")
        parser.add_argument("--yes", action="store_true", help="ya, pulihkan ke basis data dan penyimpanan ini")
        parser.add_argument(
            "--replace", action="store_true",
            help="timpa basis data yang tidak kosong (tabel dari cadangan diganti) dan berkas yang namanya sama",
        )  # fmt: skip

    def handle(self, *args, **options):
        target = f"{connection.vendor} {connection.settings_dict['NAME']}"
        if not options["yes"]:
            raise CommandError(
                f"Pemulihan menulis ke basis data {target} dan penyimpanan berkasnya. "
                "Hentikan aplikasi dan pekerja dulu, lalu ulangi dengan --yes."
            )
        started = time.monotonic()
        try:
            checked = backup.restore(options["folder"], replace=options["replace"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Pemulihan GAGAL, mungkin baru sebagian yang tertulis: {error}") from error
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Cadangan dipulihkan ke {target} ({elapsed:.1f} detik)."))
        for line in checked:
            self.stdout.write(f"  {line}")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            self.stdout.write(
                self.style.WARNING(
                    f"Kode ini punya {len(pending)} migrasi yang belum ada di cadangan: jalankan manage.py migrate."
                )
            )
