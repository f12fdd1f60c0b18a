"""Benchmark: reading SOP documents (sop.importing.read_document) against splitting the same bytes into cells.

The baseline is the floor every reader pays: decode, split lines at tabs, clean each cell. The ratio says what
finding labels (with their typos), the kop, lists and the step table costs on top. Documents: the four seeds,
and an upload built to be slow: 15 000 lines of cells one or two letters away from a label, each one unique.

Run: .venv/bin/python bench/bench_import.py [--repeat N]
Prints figures and ratios; it never fails on time.
"""

import argparse
import contextlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings.test"

import django  # noqa: E402

django.setup()

from sop.importing import SopImportError, read_document  # noqa: E402
from sop.importing.parse_text import decode  # noqa: E402
from sop.importing.values import clean  # noqa: E402

SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
LABELS = ["Tanggal Pembuatan", "Peralatan dan Perlengkapan", "Kualifikasi Pelaksana", "Pencatatan dan Pendataan"]


def near_misses(lines: int) -> bytes:
    """Cells with one or two letters changed from a label: each one goes through the typo matching."""
    rng = random.Random(11)

    def mutate(word: str) -> str:
        letters = list(word)
        for _ in range(rng.randint(1, 2)):
            letters[rng.randrange(len(letters))] = rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return "".join(letters)

    return "\n".join("\t".join(mutate(rng.choice(LABELS)) for _ in range(8)) for _ in range(lines)).encode()


def baseline(data: bytes) -> None:
    text, _encoding = decode(data)
    for line in text.split("\n"):
        [clean(cell) for cell in line.split("\t")]


def read(data: bytes) -> None:
    # The slow document has no judul: it is refused, after being read through.
    with contextlib.suppress(SopImportError):
        read_document(data=data, filename="bench.txt")


def timed(function, data: bytes, repeat: int) -> float:
    function(data)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(data)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    documents = [(path.name, path.read_bytes()) for path in SEEDS] + [("near-miss 15000 baris", near_misses(15_000))]
    print(f"{'dokumen':<28}{'baca (ms)':>12}{'dasar (ms)':>12}{'rasio':>8}")
    for name, data in documents:
        repeat = args.repeat if len(data) < 100_000 else max(1, args.repeat // 2)
        reading = timed(read, data, repeat)
        floor = timed(baseline, data, repeat)
        print(f"{name:<28}{reading * 1000:>12.1f}{floor * 1000:>12.1f}{reading / floor:>8.1f}")


if __name__ == "__main__":
    main()
