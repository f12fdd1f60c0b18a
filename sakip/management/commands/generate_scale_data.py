"""Build a province-sized dataset for benchmarks and load runs: OPDs, people, SOPs with steps, runs with tasks,
a year of kinerja data, and signed documents (one real signature per Pemda, shared: sakip.management.scale_signed)."""

import time

from django.core.management.base import BaseCommand

from sakip.management.scale import ScaleData


class Command(BaseCommand):
    help = (
        "Bangun data berskala provinsi dengan bulk insert, untuk benchmark: OPD, unit, pegawai dan pengguna, SOP "
        "(5–60 langkah, keputusan, revisi), pelaksanaan di semua status, kinerja setahun (sasaran, indikator, PK "
        "murni dan perubahan, target, realisasi TW I–II, form draf/diajukan/divalidasi) dan dokumen bertanda "
        "tangan. Per pemda hanya SATU SOP yang benar-benar ditandatangani (TTE lokal); semua SOP disahkan lainnya "
        'memakai berkas bertanda tangan yang sama (token masing-masing): pemeriksaan "berkas sama" di halaman '
        "verifikasi lolos, tetapi nama, judul dan QR di dalam berkas itu milik SOP yang ditandatangani."
    )

    def add_arguments(self, parser):
        parser.add_argument("--opd", type=int, default=50, help="jumlah OPD (bawaan 50)")
        parser.add_argument("--sops", type=int, default=1000, help="jumlah SOP (bawaan 1.000)")
        parser.add_argument("--runs", type=int, default=200, help="jumlah pelaksanaan (bawaan 200)")
        parser.add_argument("--seed", type=int, default=1, help="benih acak: data yang sama untuk benih yang sama")
        parser.add_argument("--prefix", default="skala", help="awalan nama pengguna (bawaan 'skala')")

    def handle(self, *args, **options):
        started = time.perf_counter()
        data = ScaleData(
            opds=options["opd"], sops=options["sops"], runs=options["runs"], seed=options["seed"],
            prefix=options["prefix"], say=self.stdout.write,
        )  # fmt: skip
        logins = data.build()
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Selesai dalam {seconds:.1f} detik."))
        self.stdout.write(f"  Melihat semua OPD : {logins['provinsi']}")
        self.stdout.write(f"  Satu OPD saja     : {logins['satu_opd']}")
        self.stdout.write(f"  Kata sandi        : {logins['password']}")
        self.stdout.write(f"  Passphrase TTE    : {logins['passphrase']} (Kepala OPD pertama tiap pemda)")
