"""Benchmark: the memory and time of joining a Buku SOP of N SOPs, streamed against the in-memory pypdf join.

Each SOP of the book is printed into the PDF cache first (the worker does the same, and a book is mostly cache
hits), so both ways join the very same files:
  pypdf (baseline)  what the worker did before: every SOP's bytes read into a list, appended to one PdfWriter,
                    written to a BytesIO — every page of the book held in the worker;
  pdfunite          what it does now (sop.buku.join_pdfs): poppler's pdfunite joins the files into a temporary
                    file, in groups of JOIN_BATCH;
  first, again      the whole task (sop.buku.build_buku_sop) on a warm PDF cache: SOPs read in batches, page
                    counts, the cover and daftar isi (WeasyPrint), the join, the stored file; "first" in a fresh
                    process (WeasyPrint's fonts and the template loaded on the way), "again" in a process that has
                    built the same book once, as a worker that has been up for a while.
Memory is the growth of the process's peak RSS (VmHWM in /proc/self/status, reset before the step by writing 5 to
/proc/self/clear_refs) over its RSS just before the step: what the worker process needs on top of what it had. Each
figure comes from a fresh process, so one step's peak never hides another's. pdfunite's own peak RSS is
measured apart, by /usr/bin/time on its largest call (one group of JOIN_BATCH files): getrusage's RUSAGE_CHILDREN
would report the Python parent's size, which the child had before it exec'd pdfunite.

Run: .venv/bin/python bench/bench_buku.py [--sizes 50,150,300] [--work DIR]
A throwaway SQLite database and media folder (in DIR, kept so a second run skips printing the SOPs, ~0.7 s each).
Prints figures and ratios; it never fails on time.
"""

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARE_IN_FORCE = 0.65  # generate_scale_data makes about 70 % of its SOPs disahkan


def configure(work: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{work}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = str(work / "media")
    import django

    django.setup()


def status_kb(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    raise KeyError(key)


def reset_peak() -> int:
    """Make VmHWM start again from the current RSS; returns that RSS in kB."""
    Path("/proc/self/clear_refs").write_text("5")
    return status_kb("VmRSS")


def pypdf_join(paths: list[Path]) -> int:
    """The join as it was: every SOP's bytes kept, every page in one PdfWriter, the book in a BytesIO."""
    from pypdf import PdfReader, PdfWriter

    parts = []
    for path in paths:
        data = path.read_bytes()
        parts.append((data, len(PdfReader(io.BytesIO(data)).pages)))
    writer = PdfWriter()
    for data, _count in parts:
        writer.append(io.BytesIO(data))
    output = io.BytesIO()
    writer.write(output)
    return len(writer.pages)


def pdfunite_join(paths: list[Path]) -> int:
    from pypdf import PdfReader

    from sop.buku import join_pdfs

    counts = [len(PdfReader(path).pages) for path in paths]  # the worker counts pages for the daftar isi
    with tempfile.TemporaryDirectory() as folder:
        join_pdfs(paths, Path(folder) / "buku.pdf")
    return sum(counts)


def in_force(size: int) -> list[int]:
    """Leave the first `size` SOPs of the book disahkan and the rest draft; returns their ids in book order."""
    from sop.models import Sop

    ids = json.loads((Path(os.environ["MEDIA_ROOT"]).parent / "book.json").read_text())
    Sop.objects.filter(pk__in=ids[:size]).update(status=Sop.Status.DISAHKAN)
    Sop.objects.filter(pk__in=ids[size:]).update(status=Sop.Status.DRAFT)
    return ids[:size]


def build(size: int) -> int:
    from sakip.models import Opd
    from sop.buku import build_buku_sop
    from sop.models import BukuSop

    buku = BukuSop.objects.create(opd=Opd.objects.get())
    build_buku_sop.call(buku.pk)
    buku.refresh_from_db()
    assert (buku.status, buku.jumlah_sop) == (BukuSop.Status.SELESAI, size), (buku.status, buku.pesan)
    return buku.jumlah_halaman


def child(work: Path, mode: str, size: int) -> None:
    """One measurement in this (fresh) process; prints it as JSON."""
    configure(work)
    paths = [Path(line) for line in (work / "paths.txt").read_text().split()[:size]]
    if mode in ("first", "again"):
        in_force(size)
    if mode == "again":
        build(size)
    builds = {"first": lambda _paths: build(size), "again": lambda _paths: build(size)}
    step = {"pypdf": pypdf_join, "pdfunite": pdfunite_join, **builds}[mode]
    before = reset_peak()
    started = time.perf_counter()
    pages = step(paths)
    seconds = time.perf_counter() - started
    growth = status_kb("VmHWM") - before
    print(json.dumps({"mb": growth / 1024, "s": seconds, "pages": pages}))


def pdfunite_own_peak(work: Path, size: int) -> str:
    """Peak RSS of pdfunite itself on the largest group join_pdfs hands it, in MB ("–" without /usr/bin/time)."""
    from sop.buku import JOIN_BATCH

    if not Path("/usr/bin/time").exists():
        return "–"
    paths = (work / "paths.txt").read_text().split()[: min(size, JOIN_BATCH)]
    with tempfile.TemporaryDirectory() as folder:
        command = ["/usr/bin/time", "-f", "%M", "pdfunite", *paths, f"{folder}/buku.pdf"]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    return f"{int(done.stderr.split()[-1]) / 1024:.1f}"


def prepare(work: Path, largest: int) -> None:
    """The data once: one OPD with enough SOPs in force, each printed into the PDF cache, and the book's order."""
    from django.core.management import call_command

    from sakip.management.scale import ScaleData
    from sakip.models import Opd
    from sop.buku import buku_sops
    from sop.models import Sop
    from sop.printing import cached_sop_pdf

    if not (work / "book.json").exists():
        call_command("migrate", verbosity=0)
        ScaleData(opds=1, sops=round(largest / SHARE_IN_FORCE) + 20, runs=0, say=lambda _line: None).build()
        ids = list(buku_sops(Opd.objects.get()).values_list("pk", flat=True))
        if len(ids) < largest:
            sys.exit(f"only {len(ids)} SOPs in force; delete {work} and raise SHARE_IN_FORCE's margin")
        (work / "book.json").write_text(json.dumps(ids))
    ids = json.loads((work / "book.json").read_text())
    if len(ids) < largest:
        sys.exit(f"{work} was prepared for {len(ids)} SOPs; use another --work")
    started, paths = time.perf_counter(), []
    for start in range(0, largest, 50):
        batch = Sop.objects.filter(pk__in=ids[start : start + 50]).select_related("opd__pemda", "pengesah")
        found = batch.prefetch_related("pelaksana", "langkah__pelaksana", "items__sop_terkait").in_bulk()
        paths.extend(str(cached_sop_pdf(found[pk], "A4")[0]) for pk in ids[start : start + 50])
    (work / "paths.txt").write_text("\n".join(paths))
    print(f"{largest} SOPs in the PDF cache ({time.perf_counter() - started:.0f} s), in {work}")


def measure(work: Path, mode: str, size: int) -> dict:
    command = [sys.executable, __file__, "--work", str(work), "--child", mode, str(size)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="50,150,300")
    parser.add_argument("--work", type=Path)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-buku-"))
    if args.child:
        child(work, args.child[0], int(args.child[1]))
        return
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(size) for size in args.sizes.split(",")]
    configure(work)
    prepare(work, max(sizes))
    print("peak RSS growth of the worker process (MB, MB per SOP), time (s); pdfunite's own peak RSS (MB);")
    print("ratio = the pdfunite join's growth / the pypdf join's")
    three = f"{'MB':>6} {'/SOP':>6} {'s':>6}"
    titles = [f"{title:^20}" for title in ("pypdf join", "pdfunite join", "build, first", "build, again")]
    print(f"{'':13}| {titles[0]} | {titles[1]} {'own':>6} {'':>6} | {titles[2]} | {titles[3]}")
    print(f"{'SOPs':>5} {'pages':>6} | {three} | {three} {'MB':>6} {'ratio':>6} | {three} | {three}")
    modes = ("pypdf", "pdfunite", "first", "again")
    rows = {}
    for size in sizes:
        rows[size] = figures = [measure(work, mode, size) for mode in modes]
        assert figures[0]["pages"] == figures[1]["pages"], figures
        cells = [f"{f['mb']:>6.1f} {f['mb'] / size:>6.3f} {f['s']:>6.2f}" for f in figures]
        ratio = figures[1]["mb"] / figures[0]["mb"]
        own = pdfunite_own_peak(work, size)
        print(f"{size:>5} {figures[0]['pages']:>6} | {cells[0]} | {cells[1]} {own:>6} {ratio:>6.3f} | ", end="")
        print(f"{cells[2]} | {cells[3]}")
    if len(sizes) > 1:
        low, high = min(sizes), max(sizes)
        slopes = ", ".join(
            f"{mode} {(rows[high][i]['mb'] - rows[low][i]['mb']) / (high - low):.3f}" for i, mode in enumerate(modes)
        )
        print(f"MB per extra SOP from {low} to {high}: {slopes}")


if __name__ == "__main__":
    main()
