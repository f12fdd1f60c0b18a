"""Benchmark: an SOP whose cells hold the longest text allowed, unbroken, against a normal SOP (seed 000).

The text wrap measures each character once, so the worst case costs in proportion to its text; the ratio says
how much more the longest allowed SOP costs than the seed. The second table times the wrap alone on one unbroken
string of growing length: time per character should stay flat (it grew with the length before).

Run: .venv/bin/python bench/bench_long_text.py [--repeat N]
Prints figures and ratios; it never fails on time.
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
WORK = tempfile.mkdtemp(prefix="bench-long-")
os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{WORK}/media"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from sakip.models import User  # noqa: E402
from sop.printing import render_sop_html, render_sop_pdf  # noqa: E402
from sop.printing.metrics import regular  # noqa: E402
from sop.selectors import sop_get  # noqa: E402
from tests.sakip.factories import OpdFactory  # noqa: E402
from tests.sop.long_text import longest_sop  # noqa: E402


def timed(function, repeat: int) -> float:
    """Median seconds of `repeat` runs after one warm-up."""
    function()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("loaddata", "organisasi", "demo_users", "sop_seeds", verbosity=0)
    admin = User.objects.get(username="superadmin")
    client = Client()
    client.force_login(admin)
    worst = longest_sop(opd=OpdFactory(), steps=3)
    cases = {"seed 000, 14 langkah": 1, "3 langkah, semua sel maksimum": worst.pk}
    base: dict[str, float] = {}
    print(f"{'kasus':<32}{'halaman SOP (s)':>16}{'pratinjau (s)':>15}{'PDF (s)':>10}")
    for name, pk in cases.items():
        sop = sop_get(user=admin, pk=pk)
        figures = {
            "page": timed(lambda pk=pk: client.get(f"/sop/{pk}/", HTTP_HOST="localhost"), args.repeat),
            "preview": timed(lambda sop=sop: render_sop_html(sop, preview=True), args.repeat),
            "pdf": timed(lambda sop=sop: render_sop_pdf(sop), args.repeat),
        }
        base = base or figures
        ratios = " ".join(f"{figures[k] / base[k]:.1f}×" for k in figures)
        print(f"{name:<32}{figures['page']:>16.3f}{figures['preview']:>15.3f}{figures['pdf']:>10.3f}   {ratios}")

    print(f"\n{'teks tanpa spasi (karakter)':<30}{'wrap (s)':>10}{'µs per karakter':>17}")
    for length in (25_000, 100_000, 400_000):
        seconds = timed(lambda n=length: regular().wrap("W" * n, 120.0, 8.0), args.repeat)
        print(f"{length:<30}{seconds:>10.3f}{seconds / length * 1e6:>17.2f}")


if __name__ == "__main__":
    main()
