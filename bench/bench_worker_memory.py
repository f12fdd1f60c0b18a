"""Benchmark: the RSS of one gunicorn sync worker over 10,000 SOP-detail requests, against a bare view's worker.

Two gunicorn processes in turn, one sync worker each, serving this module's app (the site plus a bare view, as
bench_pages.py does it) over loopback to one logged-in reader of every OPD: the first answers the bare view N times,
the second the SOP pages N times, cycling over --sops distinct SOPs (so the flowchart cache fills as it would in a
day of use). The worker's RSS (VmRSS in /proc/<pid>/status) is read after the first request and at checkpoints.
What the SOP pages add over the bare view's worker is what the pages keep; growth that goes on after the cache is
full would be a leak.

Run: .venv/bin/python bench/bench_worker_memory.py [--requests 10000] [--sops 1000]
A throwaway SQLite database (generate_scale_data); the cache is the embedded default (local memory, at most 2,000
entries) unless REDIS_URL is set. Prints figures and a ratio; it never fails on memory or time.
"""

import argparse
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GUNICORN = Path(sys.executable).parent / "gunicorn"
BARE = "/bench/bare/"

urlpatterns: list = []  # filled by create_app(), in the gunicorn worker


def create_app():
    """The WSGI app gunicorn serves (`bench_worker_memory:create_app()`): the site and a bare view beside it."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from django.http import HttpResponse
    from django.urls import include, path

    def bare(request):
        return HttpResponse("ok")

    urlpatterns[:] = [path(BARE.strip("/") + "/", bare), path("", include("sakip.urls"))]
    settings.ROOT_URLCONF = __name__
    return get_wsgi_application()


def configure(work: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="sakip.settings.test",
        DATABASE_URL=f"sqlite:///{work}/bench.sqlite3",
        MEDIA_ROOT=str(work / "media"),
        LOG_LEVEL="ERROR",
    )
    # Whole pages are kept only in a cache the gunicorn workers share, as production does (sakip/page_cache.py).
    env.setdefault("PAGE_CACHE", "1" if env.get("REDIS_URL") else "0")
    if env.get("REDIS_URL"):
        env["CACHE_KEY_PREFIX"] = f"bench-worker-memory-{os.getpid()}"  # removed at the end, beside others' keys
    os.environ.update(env)
    return env


def drop_cache_keys(env: dict) -> None:
    """Delete this run's keys only: the cache's clear() would empty the whole Redis database."""
    if env.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(env["REDIS_URL"])
        for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"):
            client.delete(key)


def prepare(sops: int) -> tuple[str, list[str]]:
    """The data, and the session cookie of the province-wide reader and the SOP pages he will read."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from sakip.management.scale import ScaleData
    from sakip.models import User
    from sop.models import Sop

    call_command("migrate", verbosity=0)
    logins = ScaleData(opds=5, sops=sops, runs=0, say=lambda _line: None).build()
    client = Client()
    client.force_login(User.objects.get(username=logins["provinsi"]))
    client.get(reverse("home"), HTTP_HOST="127.0.0.1")  # a browser has the CSRF cookie of the pages' forms too
    names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    cookie = "; ".join(f"{name}={client.cookies[name].value}" for name in names)
    pages = [reverse("sop:sop-detail", args=[pk]) for pk in Sop.objects.order_by("pk").values_list("pk", flat=True)]
    return cookie, pages


def gunicorn_command(port: int, *, workers: int, timeout: int) -> list[str]:
    """gunicorn serving this module's app with sync workers on a loopback port."""
    app = [str(GUNICORN), "bench_worker_memory:create_app()", "--chdir", str(ROOT / "bench")]
    bind = ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "sync"]
    return [*app, *bind, "--timeout", str(timeout)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise KeyError("VmRSS")


def worker_of(master: subprocess.Popen, seconds: float = 60) -> tuple[int, int]:
    """Wait for gunicorn's worker to answer; returns (its pid, the port)."""
    port = master.args[master.args.index("--bind") + 1].rsplit(":", 1)[1]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if master.poll() is not None:
            sys.exit(f"gunicorn berhenti dengan kode {master.returncode}")
        children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
        try:
            socket.create_connection(("127.0.0.1", int(port)), timeout=1).close()
        except OSError:
            time.sleep(0.2)
            continue
        if children:
            return int(children[0]), int(port)
    sys.exit("gunicorn tidak menjawab")


def get(port: int, path: str, cookie: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Host": "127.0.0.1", "Cookie": cookie})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def serve(env: dict, pages: list[str], cookie: str, requests: int, checkpoints: list[int]) -> dict[int, float]:
    """RSS of a fresh worker after each checkpoint's number of requests, cycling over `pages` (gunicorn loads the
    app in the worker, after it forked: the first request is the first reading that includes it)."""
    command = gunicorn_command(free_port(), workers=1, timeout=120)
    master = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        pid, port = worker_of(master)
        seen = {}
        for n in range(1, requests + 1):
            status = get(port, pages[(n - 1) % len(pages)], cookie)
            if status != 200:
                sys.exit(f"{pages[(n - 1) % len(pages)]}: HTTP {status}")
            if n in checkpoints:
                seen[n] = rss_mb(pid)
                print(
                    f"  {pages[0] if len(pages) == 1 else 'SOP'} {n:,}: {seen[n]:.1f} MB", file=sys.stderr, flush=True
                )
        return seen
    finally:
        master.send_signal(signal.SIGTERM)
        master.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--sops", type=int, default=1000, help="distinct SOP pages the requests cycle over")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-worker-memory-"))
    try:
        measure(args, configure(work))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(args: argparse.Namespace, env: dict) -> None:
    cookie, pages = prepare(args.sops)
    checkpoints = sorted({1, 100, *range(1000, args.requests + 1, 1000), args.requests})
    cache = "Redis" if env.get("REDIS_URL") else "local memory"
    print(f"one gunicorn sync worker, {args.requests:,} requests, {len(pages):,} SOP pages, cache: {cache}")
    try:
        started = time.perf_counter()
        bare = serve(env, [BARE], cookie, args.requests, checkpoints)
        bare_seconds, started = time.perf_counter() - started, time.perf_counter()
        sop = serve(env, pages, cookie, args.requests, checkpoints)
        sop_seconds = time.perf_counter() - started
    finally:
        drop_cache_keys(env)
    print(f"{'requests':>9} {'bare view MB':>13} {'SOP detail MB':>14}")
    for n in checkpoints:
        print(f"{n:>9,} {bare[n]:>13.1f} {sop[n]:>14.1f}")
    last = args.requests
    per_request = f"bare {bare_seconds / last * 1000:.1f}, SOP detail {sop_seconds / last * 1000:.1f}"
    print(f"ms per request (client and server, loopback): {per_request}")
    growth = f"bare {bare[last] - bare[100]:+.1f} MB, SOP detail {sop[last] - sop[100]:+.1f} MB"
    print(f"growth from request 100 to {last:,}: {growth}")
    print(
        f"SOP detail worker after {last:,} requests: {sop[last]:.1f} MB, {sop[last] / bare[last]:.2f} × the bare view's"
    )


if __name__ == "__main__":
    main()
