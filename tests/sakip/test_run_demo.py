"""`make run`: the demo serves hashed static files through gunicorn and builds a Buku SOP in its worker."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen) -> None:
    for _ in range(120):
        assert process.poll() is None, "run_demo berhenti sebelum melayani"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.25)
    pytest.fail("gunicorn demo tidak menjawab")


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False)
    return [int(line) for line in out.stdout.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().split()[2] if Path(f"/proc/{pid}/stat").exists() else "X"
    return state != "Z"


def _build_a_book(base: str) -> str:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base + "/masuk/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"username": "penyusun.banggai", "password": "demo12345", "csrfmiddlewaretoken": token}
    opener.open(base + "/masuk/", urllib.parse.urlencode(form).encode())
    page = opener.open(base + "/sop/buku/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    opd = re.search(r'<option value="(\d+)">', page).group(1)
    answer = opener.open(
        base + "/sop/buku/", urllib.parse.urlencode({"opd": opd, "csrfmiddlewaretoken": token}).encode()
    )
    pk = re.search(r'id="buku-(\d+)"', answer.read().decode()).group(1)
    card = ""
    for _ in range(240):
        card = opener.open(f"{base}/sop/buku/{pk}/kemajuan/").read().decode()
        if "Unduh PDF" in card or "gagal" in card:
            break
        time.sleep(0.5)
    return card


def test_demo_serves_through_gunicorn_builds_the_book_in_its_worker_and_stops_both(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TASKS_BACKEND", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="sakip.settings.demo",
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    setup = subprocess.run(
        [sys.executable, "manage.py", "setup_demo"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    # The seed SOPs come signed with the demo CA: each line names its verification page.
    verify_paths = re.findall(r"verifikasi: http://[^/]+(/v/[\w-]+/)", setup.stdout.decode())
    assert len(verify_paths) == 4
    port = _free_port()
    demo = subprocess.Popen(
        [sys.executable, "manage.py", "run_demo", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_for(port, demo)
        base = f"http://127.0.0.1:{port}"
        login = urllib.request.urlopen(base + "/masuk/").read().decode()
        css = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', login).group(1)
        children = _children(demo.pid)

        assert urllib.request.urlopen(base + css).status == 200
        assert "Unduh PDF" in _build_a_book(base)
        assert "Tanda tangan elektronik sah" in urllib.request.urlopen(base + verify_paths[0]).read().decode()
        assert len(children) == 2  # the worker and gunicorn
    finally:
        demo.send_signal(signal.SIGINT)
        demo.wait(timeout=30)
    assert not [pid for pid in children if _alive(pid)]
