"""Benchmark: requests per second of the SOP detail page under gunicorn, against a bare Django view returning a
fixed response, both served by the same gunicorn (2 sync workers) and driven by the same load tool (wrk) in the
same run.

The app is bench_worker_memory's (the site plus a bare view); the data a throw-away SQLite database from
generate_scale_data (5 OPDs, --sops SOPs); the reader is its province-wide login. wrk cycles over the SOP pages
(a Lua script), so the flowchart cache fills as in a day of use; a first pass warms it. Three measurements: the bare
view anonymous, the bare view with the reader's session cookie (the logged-in floor: session and user read per
request), and the SOP detail pages.

Run: .venv/bin/python bench/bench_throughput.py [--seconds 15] [--connections 8] [--sops 200]
Needs wrk (Debian package wrk). Prints figures and ratios; it never fails on speed.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import bench_worker_memory as app  # noqa: E402

LUA = """
paths = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], {["Cookie"] = "%s", ["Host"] = "127.0.0.1"})
end
"""


def wrk(port: int, paths: list[str], cookie: str, seconds: int, connections: int, work: Path) -> dict:
    script = work / "paths.lua"
    script.write_text(LUA % (", ".join(f'"{p}"' for p in paths), cookie))
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script)]
    done = subprocess.run([*command, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True)
    out = done.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1),  # the distribution line, not "75.50%"
        "p99": re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1),
        "errors": int(errors.group(1)) if errors else 0,
    }


@contextmanager
def served(env: dict, **overrides: str):
    """gunicorn (2 sync workers) on a free port with `env` and `overrides`; yields the port."""
    port = app.free_port()
    command = app.gunicorn_command(port, workers=2, timeout=60)
    master = subprocess.Popen(
        command, cwd=ROOT, env={**env, **overrides}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        app.worker_of(master)
        yield port
    finally:
        master.send_signal(signal.SIGTERM)
        master.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--sops", type=int, default=200)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0", help="for the whole-page cache; '' to skip")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk tidak terpasang: apt-get install -y wrk")
    work = Path(tempfile.mkdtemp(prefix="bench-throughput-"))
    env = app.configure(work)
    cookie, pages = app.prepare(args.sops)
    results = {}
    redis_env = {}
    try:
        # The embedded default's configuration: local-memory cache, no whole-page cache; every page is rendered.
        with served(env, PAGE_CACHE="0") as port:
            for page in pages:  # every SOP once: the cached flowchart and sheet are what a day of use leaves
                app.get(port, page, cookie)
            results["bare view, anonymous"] = wrk(port, [app.BARE], "", args.seconds, args.connections, work)
            results["bare view, logged in"] = wrk(port, [app.BARE], cookie, args.seconds, args.connections, work)
            results["SOP detail, rendered"] = wrk(port, pages, cookie, args.seconds, args.connections, work)
        if args.redis:
            # Production's: Redis shared by the workers (sessions read from it too), whole pages kept until the next
            # write.
            redis_env = {**env, "REDIS_URL": args.redis, "CACHE_KEY_PREFIX": f"bench-throughput-{os.getpid()}"}
            with served(redis_env, PAGE_CACHE="1") as port:
                for page in pages:
                    app.get(port, page, cookie)
                results["bare, logged in, Redis"] = wrk(port, [app.BARE], cookie, args.seconds, args.connections, work)
                results["SOP detail, page cache"] = wrk(port, pages, cookie, args.seconds, args.connections, work)
    finally:
        app.drop_cache_keys(redis_env)
        shutil.rmtree(work, ignore_errors=True)
    bare = results["bare view, anonymous"]["rps"]
    print(f"gunicorn 2 sync workers, wrk -t2 -c{args.connections} -d{args.seconds}s, {len(pages)} SOP pages")
    print(f"{'':24}{'req/s':>9}{'p50':>10}{'p99':>10}{'non-2xx':>9}{'× bare':>8}")
    for name, r in results.items():
        print(f"{name:24}{r['rps']:>9.1f}{r['p50']:>10}{r['p99']:>10}{r['errors']:>9}{r['rps'] / bare:>8.3f}")
    logged_in = results["bare view, logged in"]["rps"]
    print(f"SOP detail, rendered / logged-in bare view: {results['SOP detail, rendered']['rps'] / logged_in:.3f}")
    if "SOP detail, page cache" in results:
        same = results["bare, logged in, Redis"]["rps"]
        ratio = results["SOP detail, page cache"]["rps"] / same
        print(f"SOP detail, page cache / logged-in bare view, both with Redis sessions: {ratio:.3f}")


if __name__ == "__main__":
    main()
