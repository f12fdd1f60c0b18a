"""Benchmark: the first PDF download after a save, with and without the background render.

Without it, the first person to download an edited SOP waits for WeasyPrint; with it (SOP_PRERENDER, done by the
task worker right after the save), the download reads the cached file. Both measured in the same run on seed 000
(14 steps) through the real download view; the ratio is what the background render saves the person.

With Redis at 127.0.0.1:6379, also the first download on another server (its own disk, the same Redis) after the
worker's render: a hit in the shared cache (SOP_PDF_SHARED), against the same download on the worker's own server.

Run: .venv/bin/python bench/bench_prerender.py [--repeat N]
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
WORK = tempfile.mkdtemp(prefix="bench-prerender-")
os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{WORK}/media"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from sakip.models import User  # noqa: E402
from sop.models import Sop  # noqa: E402
from sop.printing.prerender import prerender_sop_pdfs  # noqa: E402
from sop.services import content_of, sop_update  # noqa: E402
from tests.services import redis_reachable  # noqa: E402


def edit(sop: Sop, user: User, n: int) -> Sop:
    """A real edit through the service, so the content (and the cache key) is new each time."""
    sop = Sop.objects.get(pk=sop.pk)
    content = content_of(sop)
    content.judul = f"Pengukuran Kinerja (revisi uji {n})"
    sop.status = Sop.Status.DRAFT
    Sop.objects.filter(pk=sop.pk).update(status=Sop.Status.DRAFT)
    return sop_update(sop=sop, content=content, expected_version=sop.lock_version, updated_by=user)


def first_download(client: Client, sop: Sop) -> float:
    start = time.perf_counter()
    response = client.get(reverse("sop:sop-pdf", args=[sop.pk]))
    b"".join(response.streaming_content)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    call_command("loaddata", "organisasi", "demo_users", "sop_seeds", verbosity=0)
    admin = User.objects.get(username="superadmin")
    client = Client()
    client.force_login(admin)
    sop = Sop.objects.get(pk=1)
    cold, warm, worker = [], [], []
    for n in range(args.repeat):
        settings.SOP_PRERENDER = False
        sop = edit(sop, admin, 2 * n)
        cold.append(first_download(client, sop))
        sop = edit(sop, admin, 2 * n + 1)
        start = time.perf_counter()
        prerender_sop_pdfs.call(sop.pk)  # what the worker does after the save (A4 and F4)
        worker.append(time.perf_counter() - start)
        warm.append(first_download(client, sop))
    c, w, k = (statistics.median(x) * 1000 for x in (cold, warm, worker))
    print(f"seed 000 (14 steps), {args.repeat} edits each, median ms")
    print(f"  first download, rendered in the request (baseline): {c:8.1f}")
    print(f"  first download after the background render:         {w:8.1f}   ratio {w / c:.3f} ({c / w:.0f}x faster)")
    print(f"  the worker's render of A4 + F4 after the save:      {k:8.1f}   ratio {k / c:.2f} of one request render")
    if redis_reachable():
        two_servers(client, sop, admin, args.repeat, c)
    else:
        print("  (Redis is not running at 127.0.0.1:6379: the two-server case is not measured)")


def two_servers(client: Client, sop: Sop, admin: User, repeat: int, cold_ms: float) -> None:
    """The worker renders on one machine; the download comes to a server with its own disk and the same Redis."""
    redis = {"BACKEND": "sakip.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0", "KEY_PREFIX": "bench-pdf"}
    same, other = [], []
    with override_settings(CACHES={"default": redis}, SOP_PDF_SHARED=True, SOP_PRERENDER=False):
        for n in range(repeat):
            for server, times in (("pekerja", same), ("server-2", other)):
                sop = edit(sop, admin, 100 + 2 * n + len(times))
                with override_settings(MEDIA_ROOT=f"{WORK}/pekerja"):
                    prerender_sop_pdfs.call(sop.pk)
                with override_settings(MEDIA_ROOT=f"{WORK}/{server}"):
                    times.append(first_download(client, sop))
        client_redis = caches["default"]._cache.get_client()
        for key in client_redis.keys("bench-pdf:*"):  # the bench leaves nothing in Redis
            client_redis.delete(key)
    s, o = (statistics.median(x) * 1000 for x in (same, other))
    print("  two servers over one Redis (SOP_PDF_SHARED), first download after the worker's render:")
    print(f"    on the worker's own server (its file):             {s:8.1f}   ratio {s / cold_ms:.3f} of a render")
    print(f"    on another server (from Redis, then its own file): {o:8.1f}   ratio {o / cold_ms:.3f}, {o / s:.2f}x")


if __name__ == "__main__":
    main()
