"""Benchmark: server time and queries of the pages people use, on a province-sized database, against a bare view.

Build the data first (PostgreSQL; minutes):
    createdb -h 127.0.0.1 -U postgres sakip_scale
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakip_scale .venv/bin/python manage.py migrate
    DATABASE_URL=… .venv/bin/python manage.py generate_scale_data --opd 500 --sops 100000 --runs 20000
Then: DATABASE_URL=… .venv/bin/python bench/bench_pages.py [--repeat N] [--only Beranda,Daftar] [--profile Beranda]

Each page is requested in-process through Django's test client (server time: URL routing, views, queries, templates;
no network), first once to warm the caches, then N times. The baseline is a view that returns a fixed response,
through the same client, sessions and middleware, in the same run. Prints figures and ratios; never fails on time.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings.test")
os.environ.setdefault("PAGE_CACHE", "0")  # what a page costs to build: repeated requests must not be whole-page hits
if "DATABASE_URL" not in os.environ:
    sys.exit("Set DATABASE_URL to a database built by generate_scale_data (see the docstring).")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402

from sakip.kinerja.models import FormPengukuran  # noqa: E402
from sakip.models import User  # noqa: E402
from sop.models import Sop  # noqa: E402
from workflow.models import Run, Task  # noqa: E402
from workflow.signing.models import DokumenTertandatangan  # noqa: E402


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), path("", include("sakip.urls"))]


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, int]:
    """Median and p95 in milliseconds, and the queries of one request."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    reset_queries()
    with override_settings(DEBUG=True):
        client.get(url)
        queries = len(connection.queries)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], queries


def pages_for(user: User) -> list[tuple[str, str]]:
    sops = Sop.objects.filter(status=Sop.Status.DISAHKAN)
    if not user.is_superuser:
        sops = sops.filter(opd__keanggotaan__user=user)
    biggest = max(sops.order_by("pk")[:200], key=lambda s: s.langkah.count())
    run = Run.objects.filter(sop__opd__in=user.keanggotaan.values("opd"), status=Run.Status.BERJALAN).first()
    pages = [
        ("Beranda", reverse("home")),
        ("Daftar SOP", reverse("sop:sop-list")),
        ("Daftar SOP hal. 40", reverse("sop:sop-list") + "?page=40"),
        ("Cari SOP (judul)", reverse("sop:sop-list") + "?q=evaluasi+lkjip"),
        ("Cari SOP (nomor)", reverse("sop:sop-list") + f"?q={biggest.nomor.split('/')[1]}"),
        (f"SOP {biggest.langkah.count()} langkah", reverse("sop:sop-detail", args=[biggest.pk])),
        ("Pratinjau cetak", reverse("sop:sop-print", args=[biggest.pk])),
        ("Tugas saya", reverse("workflow:task-inbox")),
        ("Daftar pelaksanaan", reverse("workflow:run-list")),
    ]
    if run:
        pages.append(("Halaman pelaksanaan", reverse("workflow:run-detail", args=[run.pk])))
    form = _form_of(user)
    if form:
        args = [form.opd_id, form.tahun, form.triwulan, form.unit_id]
        pages.append(("Form Pengukuran Kinerja", reverse("kinerja:form", args=args)))
    pages.append(("Dashboard kinerja", reverse("kinerja:dashboard")))
    pages.append(("Arsip TTE", reverse("signing:arsip")))
    document = DokumenTertandatangan.objects.filter(opd__keanggotaan__user=user).order_by("-pk").first()
    if document:
        pages.append(("Halaman verifikasi", document.get_absolute_url()))
    return pages


def profile(client: Client, name: str, url: str, repeat: int) -> None:
    """Where a page's time goes: cProfile over N warm requests, the 30 most expensive functions by their own time."""
    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(url)
    profiler.disable()
    print(f"\n-- {name}: {repeat} permintaan")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def _form_of(user: User) -> FormPengukuran | None:
    """The newest form of the user's own unit; for someone without one, the newest form of their first OPD."""
    forms = FormPengukuran.objects.filter(opd__keanggotaan__user=user).order_by("-tahun", "-triwulan", "opd", "pk")
    unit = getattr(getattr(user, "pegawai", None), "unit_id", None)
    return (forms.filter(unit_id=unit) if unit else forms).first()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--prefix", default="skala")
    parser.add_argument("--profile", metavar="HALAMAN", help="profile the pages whose name starts with this instead")
    parser.add_argument("--only", metavar="HALAMAN,…", help="measure only the pages whose names start with these")
    args = parser.parse_args()
    setup_test_environment()
    print(
        f"{Sop.objects.count():,} SOP, {Run.objects.count():,} pelaksanaan, {Task.objects.count():,} tugas, "
        f"{connection.vendor}; {args.repeat} permintaan per halaman"
    )
    one = Task.objects.filter(status=Task.Status.TERBUKA).values_list("assignee__username", flat=True).first()
    users = {
        "satu OPD": User.objects.get(username=one),
        "provinsi": User.objects.get(username=f"{args.prefix}.provinsi"),
    }
    with override_settings(ROOT_URLCONF=__name__):
        for label, user in users.items():
            client = Client()
            client.force_login(user)
            base_median, base_p95, _queries = measure(client, "/bench/bare/", args.repeat)
            print(f"\n== {label} ({user.username}); bare view: median {base_median:.1f} ms, p95 {base_p95:.1f} ms")
            print(f"{'halaman':<24}{'median ms':>10}{'p95 ms':>9}{'× bare':>8}{'queries':>9}")
            for name, url in pages_for(user):
                if args.only and not name.startswith(tuple(args.only.split(","))):
                    continue
                if args.profile:
                    if name.startswith(args.profile):
                        profile(client, name, url, args.repeat)
                    continue
                median, p95, queries = measure(client, url, args.repeat)
                print(f"{name:<24}{median:>10.1f}{p95:>9.1f}{median / base_median:>8.1f}{queries:>9}")


if __name__ == "__main__":
    main()
