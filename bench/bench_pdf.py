"""Benchmark: SOP PDF rendering against plain WeasyPrint renders, and the cached download.

Two baselines, each rendered in the same run: the text of every page of the SOP's own PDF (read back with poppler's
pdftotext), page by page, as plain paragraphs with a minimal stylesheet — the issue's "same pages' text"; and the
steps alone as one plain table.

Run: .venv/bin/python bench/bench_pdf.py [--repeat N]
Prints figures and ratios; it never fails on time. Uses a throwaway SQLite database.
"""

import argparse
import html
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORK = tempfile.mkdtemp(prefix="bench-pdf-")
os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{WORK}/media"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.template import Context, Template  # noqa: E402
from weasyprint import HTML  # noqa: E402

from sakip.models import User  # noqa: E402
from sop.printing import cached_sop_pdf, render_sop_pdf  # noqa: E402
from sop.selectors import sop_get  # noqa: E402
from tests.sakip.factories import OpdFactory  # noqa: E402
from tests.sop.printing_data import looping_sop  # noqa: E402

PLAIN = Template(
    """<html><head><style>@page { size: A4 landscape; margin: 12mm 10mm; }
    body { font-family: "DejaVu Sans Condensed"; font-size: 8pt; } table { border-collapse: collapse; width: 100%; }
    td, th { border: 0.3mm solid #000; padding: 1mm; vertical-align: top; }</style></head><body>
    <table><thead><tr><th>No</th><th>Uraian Kegiatan</th>{% for p in pelaksana %}<th>{{ p.nama }}</th>{% endfor %}
    <th>Kelengkapan</th><th>Waktu</th><th>Output</th><th>Keterangan</th></tr></thead><tbody>
    {% for s in steps %}<tr><td>{{ s.urutan }}</td><td>{{ s.uraian }}</td>{% for p in pelaksana %}<td></td>{% endfor %}
    <td>{{ s.kelengkapan }}</td><td>{{ s.waktu_tampil }}</td><td>{{ s.output }}</td><td>{{ s.keterangan }}</td></tr>
    {% endfor %}</tbody></table></body></html>"""
)


def timed(function, repeat: int) -> float:
    """Median seconds of `repeat` runs after one warm-up."""
    function()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def plain_table(sop) -> bytes:
    html = PLAIN.render(Context({"pelaksana": list(sop.pelaksana.all()), "steps": list(sop.langkah.all())}))
    return HTML(string=html, base_url=str(ROOT)).write_pdf()


PAGES_STYLE = """@page { size: A4 landscape; margin: 12mm 10mm; }
body { font-family: "DejaVu Sans Condensed"; font-size: 8pt; line-height: 1.25; } p { margin: 0; }
section { break-after: page; }"""


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page of a PDF, as pdftotext reads it (pages end with a form feed)."""
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return text.decode().split("\f")[:-1]


def plain_pages(texts: list[str]) -> bytes:
    """The same pages' text, a page each, one paragraph per line, with a minimal stylesheet."""
    sections = (
        "<section>" + "".join(f"<p>{html.escape(line.strip())}</p>" for line in page.splitlines()) + "</section>"
        for page in texts
    )
    document = f"<html><head><style>{PAGES_STYLE}</style></head><body>{''.join(sections)}</body></html>"
    return HTML(string=document, base_url=str(ROOT)).write_pdf()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("loaddata", "organisasi", "demo_users", "sop_seeds", verbosity=0)
    admin = User.objects.get(username="superadmin")
    cases = {
        "seed 000, 14 langkah": 1,
        "200 langkah, 6 pelaksana": looping_sop(opd=OpdFactory(), steps=200, columns=6).pk,
    }
    head = f"{'kasus':<28}{'hal.':>5}{'KB':>6}{'PDF SOP (s)':>12}{'teks hal. (s)':>15}{'rasio':>8}{'tabel (s)':>11}"
    print(f"{head}{'rasio':>8}")
    for name, pk in cases.items():
        sop = sop_get(user=admin, pk=pk)
        pdf = render_sop_pdf(sop)
        texts = page_texts(pdf)
        ours = timed(lambda sop=sop: render_sop_pdf(sop), args.repeat)
        pages = timed(lambda texts=texts: plain_pages(texts), args.repeat)
        table = timed(lambda sop=sop: plain_table(sop), args.repeat)
        figures = f"{ours:>12.3f}{pages:>15.3f}{ours / pages:>7.2f}×{table:>11.3f}{ours / table:>7.2f}×"
        print(f"{name:<28}{len(texts):>5}{len(pdf) / 1024:>6.0f}{figures}")

    sop = sop_get(user=admin, pk=1)
    cached_sop_pdf(sop, "A4")  # first download renders and stores

    def cached_download():
        fresh = sop_get(user=admin, pk=1)  # what the view does: load the SOP, key it, open the file
        path, hit = cached_sop_pdf(fresh, "A4")
        assert hit
        path.read_bytes()

    cached = timed(cached_download, max(args.repeat, 20))
    print(f"unduhan kedua (cache), seed 000: {cached * 1000:.1f} ms (termasuk memuat SOP dari basis data)")


if __name__ == "__main__":
    main()
