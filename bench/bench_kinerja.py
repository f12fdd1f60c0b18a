"""Benchmark: the Dokumen Pengukuran Kinerja and Perjanjian Kinerja PDFs for 10 and 100 indikator against a plain
WeasyPrint table of the same rows, and the XLSX template import (read + check + write) and document export.

Run: .venv/bin/python bench/bench_kinerja.py [--repeat N]
Prints figures and ratios; it never fails on time. Uses a throwaway SQLite database.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORK = tempfile.mkdtemp(prefix="bench-kinerja-")
os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.template import Context, Template  # noqa: E402
from weasyprint import HTML  # noqa: E402

from sakip.kinerja.document import document_pdf  # noqa: E402
from sakip.kinerja.models import PerjanjianKinerja  # noqa: E402
from sakip.kinerja.pk_document import pk_pdf  # noqa: E402
from sakip.kinerja.report import laporan  # noqa: E402
from sakip.kinerja.xlsx.importer import import_sheet  # noqa: E402
from sakip.kinerja.xlsx.reader import read  # noqa: E402
from sakip.kinerja.xlsx.writer import document_bytes, template_bytes  # noqa: E402
from tests.kinerja.factories import UnitKerjaFactory  # noqa: E402
from tests.sakip.factories import OpdFactory  # noqa: E402

PLAIN = Template(
    """<html><head><style>@page { size: A4 landscape; margin: 10mm; } body { font-family: "DejaVu Sans";
    font-size: 8.5pt; } table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #000; }</style>
    </head><body><table><tr><th>No</th><th>Sasaran</th><th>Indikator</th><th>Satuan</th><th>Target</th>
    <th>Realisasi</th><th>Capaian</th></tr>{% for r in rows %}<tr><td>{{ r.no }}</td><td>{{ r.sasaran.nama }}</td>
    <td>{{ r.indikator.nama }}</td><td>{{ r.indikator.satuan }}</td><td>{{ r.target }}</td><td>{{ r.realisasi }}</td>
    <td>{{ r.capaian.nilai }}</td></tr>{% endfor %}</table></body></html>"""
)


def timed(function, repeat: int) -> float:
    function()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def sheet_bytes(n: int) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(
        [
            "Sasaran Strategis",
            "Indikator Kinerja",
            "Satuan",
            "Polaritas",
            "Cara Perhitungan",
            "Target Tahunan",
            "Target TW I",
            "Target TW II",
            "Target TW III",
            "Target TW IV",
            "Realisasi TW I",
            "Realisasi TW II",
        ]
    )
    for i in range(n):
        ws.append([f"Sasaran {i // 5 + 1}", f"Indikator kinerja nomor {i + 1}", "%", "negatif" if i % 4 == 0 else
                   "positif", ("kumulatif", "nilai akhir", "rata-rata")[i % 3], 100, 25, 25, 25, 25,
                   f"{20 + i % 9},5", 24 + i % 5])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def measure(n: int, repeat: int) -> None:
    opd = OpdFactory()
    unit = UnitKerjaFactory(opd=opd)
    content = sheet_bytes(n)

    def run_import():
        return import_sheet(opd=opd, tahun=2026, hasil=read(content), user=None, default_unit=unit)

    imported = timed(run_import, repeat)
    reading = timed(lambda: read(content), repeat)
    report = laporan(opd, 2026, "s1")
    assert len(report.baris) == n
    pdf = timed(lambda: document_pdf(laporan(opd, 2026, "s1")), repeat)
    plain = timed(lambda: HTML(string=PLAIN.render(Context({"rows": report.baris}))).write_pdf(), repeat)
    version = PerjanjianKinerja.objects.get(opd=opd, tahun=2026)
    perjanjian = timed(lambda: pk_pdf(PerjanjianKinerja.objects.get(pk=version.pk)), repeat)
    export = timed(lambda: document_bytes(laporan(opd, 2026, "s1")), repeat)
    template = timed(lambda: template_bytes(laporan(opd, 2026, "tahunan")), repeat)
    print(f"{f'dokumen PDF, {n} indikator':34}{pdf:>10.3f}{plain:>12.3f}{pdf / plain:>8.2f}  (vs plain table PDF)")
    print(f"{f'Perjanjian Kinerja PDF, {n}':34}{perjanjian:>10.3f}{plain:>12.3f}{perjanjian / plain:>8.2f}  (vs plain)")
    print(f"{f'impor XLSX, {n} baris':34}{imported:>10.3f}{reading:>12.3f}{imported / reading:>8.2f}  (vs read only)")
    print(f"{f'ekspor XLSX dokumen, {n}':34}{export:>10.3f}")
    print(f"{f'templat XLSX, {n}':34}{template:>10.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    call_command("migrate", verbosity=0)
    print(f"{'':34}{'median s':>10}{'baseline s':>12}{'ratio':>8}")
    for n in (10, 100):
        measure(n, repeat)


if __name__ == "__main__":
    main()
