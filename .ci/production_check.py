#!/usr/bin/env python
"""CI: the README's production steps, end to end, on PostgreSQL.

collectstatic with the production settings into a temporary STATIC_ROOT, migrate a temporary database, load the
demo data, start gunicorn on a free loopback port and the task worker (`db_worker`), then talk to it as the HTTPS
proxy would (X-Forwarded-Proto: https): the login page, a login, SOP pages, a hashed static file, the security
headers (Content-Security-Policy included), a Buku SOP built by the worker, not by the request, and a logout. With
Redis at 127.0.0.1:6379 it runs on Redis as production's cache (sessions and the page cache follow it) and checks
that a write from another process reaches the kept SOP page. Files go to an S3 bucket on a local S3 server (moto's,
on loopback) through `AWS_STORAGE_BUCKET_NAME`, so the Buku SOP the worker stores is the one gunicorn serves.
Everything it made is removed afterwards.

Usage: .venv/bin/python .ci/production_check.py   (DATABASE_URL names the server; its database is left alone)
"""

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
MOTO_SERVER = ROOT / ".venv" / "bin" / "moto_server"
BUCKET = "sakip-produksi"
USER, PASSWORD = "penyusun.banggai", "demo12345"
SOP_TITLE = "Pengukuran Kinerja"
REDIS_URL = "redis://127.0.0.1:6379/0"


class CheckFailed(Exception):
    pass


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise CheckFailed(what)
    print(f"  ok  {what}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """HTTP to gunicorn as nginx would forward HTTPS: the proxy header, the Host, cookies kept by hand."""

    def __init__(self, port: int):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None, https: bool = True):
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if https:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response, content

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, form: dict):
        return self.request("POST", path, form=form)


def csrf_token(html: bytes) -> str:
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()


def manage(env: dict, *args: str) -> None:
    print(f"$ manage.py {' '.join(args)}")
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_for(port: int, processes: list[subprocess.Popen], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise CheckFailed(f"{process.args[0]} berhenti dengan kode {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise CheckFailed(f"{Path(processes[0].args[0]).name} tidak menjawab di port {port}")


def check_anonymous(client: Client) -> bytes:
    response, _ = client.get("/masuk/", https=False)
    expect(response.status == 301 and response.getheader("Location", "").startswith("https://"), "HTTP → HTTPS")
    response, page = client.get("/masuk/")
    expect(response.status == 200, "halaman masuk 200")
    hsts = response.getheader("Strict-Transport-Security", "")
    expect("max-age=31536000" in hsts and "includeSubDomains" in hsts, f"HSTS: {hsts}")
    expect(response.getheader("X-Frame-Options") == "DENY", "X-Frame-Options DENY")
    expect(response.getheader("X-Content-Type-Options") == "nosniff", "X-Content-Type-Options nosniff")
    expect(response.getheader("Referrer-Policy") == "same-origin", "Referrer-Policy same-origin")
    check_policy(response)
    cookie = response.getheader("Set-Cookie", "")
    expect("csrftoken=" in cookie and "Secure" in cookie, "cookie CSRF hanya lewat HTTPS")
    response, _ = client.get("/sop/")
    expect(response.status == 302 and "/masuk/" in response.getheader("Location", ""), "SOP tanpa masuk → masuk")
    response, body = client.get("/tidak-ada/")
    expect(response.status == 404 and b"Traceback" not in body, "404 tanpa halaman debug")
    return page


def check_policy(response) -> str:
    """The strict Content-Security-Policy of an HTML page; returns its nonce."""
    policy = response.getheader("Content-Security-Policy", "")
    nonce = re.search(r"'nonce-([A-Za-z0-9_-]{22,})'", policy)
    strict = all(part in policy for part in ("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'"))
    expect(strict and nonce is not None and "unsafe-" not in policy, f"Content-Security-Policy: {policy[:70]}…")
    return nonce.group(1)


def check_static(client: Client, page: bytes) -> None:
    href = re.search(rb'href="(/static/css/app\.([0-9a-f]{12})\.css)"', page)
    expect(href is not None, "CSS disebut dengan nama ber-hash")
    response, body = client.get(href.group(1).decode())
    expect(response.status == 200 and b"{" in body, f"berkas statis 200: {href.group(1).decode()}")
    expect("immutable" in response.getheader("Cache-Control", ""), "berkas ber-hash di-cache selamanya")
    script = re.search(rb'src="(/static/vendor/bootstrap/bootstrap\.bundle\.min\.[0-9a-f]{12}\.js)"', page)
    expect(script is not None, "Bootstrap JS disebut dengan nama ber-hash")
    response, _ = client.get(script.group(1).decode())
    expect(response.status == 200, "Bootstrap JS 200")


def check_logged_in(client: Client, page: bytes) -> str:
    response, _ = client.post(
        "/masuk/", {"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(page)}
    )
    expect(response.status == 302, f"masuk sebagai {USER}")
    response, body = client.get("/")
    expect(response.status == 200, "Beranda 200")
    response, body = client.get("/sop/")
    expect(response.status == 200 and SOP_TITLE.encode() in body, "daftar SOP 200")
    link = re.search(rb'href="(/sop/(\d+)/)"', body)
    expect(link is not None, "tautan ke satu SOP")
    response, body = client.get(link.group(1).decode())
    expect(response.status == 200 and SOP_TITLE.encode() in body, f"halaman SOP {link.group(1).decode()} 200")
    nonce = check_policy(response)
    expect(f'<style nonce="{nonce}">'.encode() in body, "gaya bagan alir membawa nonce permintaan ini")
    response, _ = client.get(link.group(1).decode() + "pdf/?kertas=A4")
    expect(response.status == 200 and response.getheader("Content-Type") == "application/pdf", "PDF SOP 200")
    expect(response.getheader("Content-Security-Policy") is None, "PDF tanpa Content-Security-Policy")
    return link.group(1).decode()


def check_page_cache(client: Client, env: dict, sop_path: str) -> None:
    """With Redis: a write from another process (here a manage.py shell) reaches the kept page on every worker."""
    for _ in range(4):  # both gunicorn workers answer some of these; every one has the same page
        response, body = client.get(sop_path)
        expect(response.status == 200 and SOP_TITLE.encode() in body, f"halaman SOP {sop_path} dari cache")
    pk = sop_path.strip("/").rsplit("/", 1)[1]
    changed = "Judul diubah dari proses lain"
    code = f"from sop.models import Sop; Sop.objects.filter(pk={pk}).update(judul={changed!r})"
    subprocess.run([str(PYTHON), "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True)
    for _ in range(4):
        response, body = client.get(sop_path)
        expect(response.status == 200 and changed.encode() in body, "tulisan proses lain terlihat di halaman SOP")


def check_logout(client: Client, sop_path: str) -> None:
    response, page = client.get("/")
    response, _ = client.post("/keluar/", {"csrfmiddlewaretoken": csrf_token(page)})
    expect(response.status == 302, "keluar")
    for _ in range(4):  # the session is gone for both workers (with Redis: from the cache too)
        response, _ = client.get(sop_path)
        expect(response.status == 302 and "/masuk/" in response.getheader("Location", ""), "setelah keluar → masuk")


def check_buku(client: Client, env: dict) -> None:
    """A Buku SOP is queued by the request, built by the worker, kept in the bucket and served from it."""
    response, page = client.get("/sop/buku/")
    opd = re.search(rb'<option value="(\d+)">', page).group(1).decode()
    response, _ = client.post("/sop/buku/", {"opd": opd, "kertas": "A4", "csrfmiddlewaretoken": csrf_token(page)})
    location = response.getheader("Location", "")
    expect(response.status == 302 and "#buku-" in location, "Buku SOP diminta")
    pk = location.rsplit("#buku-", 1)[1]
    deadline = time.monotonic() + 180
    card = b""
    while time.monotonic() < deadline:
        response, card = client.get(f"/sop/buku/{pk}/kemajuan/")
        if b"Unduh PDF" in card or b"gagal" in card:
            break
        time.sleep(1)
    expect(b"Unduh PDF" in card, "Buku SOP disusun oleh pekerja latar belakang")
    response, body = client.get(f"/sop/buku/{pk}/unduh/")
    expect(response.status == 200 and body.startswith(b"%PDF"), f"Buku SOP diunduh ({len(body)} bita)")
    objects = bucket(env).list_objects_v2(Bucket=BUCKET, Prefix="buku-sop/").get("Contents", [])
    expect([item["Size"] for item in objects] == [len(body)], f"Buku SOP tersimpan di bucket S3 ({len(objects)} objek)")


def bucket(env: dict):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name=env["AWS_S3_REGION_NAME"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = log.open("wb")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def environment(tmp: Path, database_url: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="sakip.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=database_url,
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        ALLOWED_HOSTS="127.0.0.1",
        CSRF_TRUSTED_ORIGINS="",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    if redis_reachable():
        # Production's shared cache (the page cache and cached sessions follow it), under this run's own prefix.
        env.update(REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=tmp.name)
    return env


def redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def drop_cache_keys(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def start_s3(env: dict, tmp: Path) -> subprocess.Popen:
    """moto's S3 server on a free loopback port with an empty bucket; production settings pointed at it."""
    port = free_port()
    server = start([str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)], env, tmp / "s3.log")
    wait_for(port, [server])
    env.update(
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{port}",
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="uji",
        AWS_SECRET_ACCESS_KEY="uji-rahasia",
    )
    bucket(env).create_bucket(Bucket=BUCKET)
    return server


def run(tmp: Path, database_url: str) -> None:
    env = environment(tmp, database_url)
    s3 = start_s3(env, tmp)
    try:
        serve_and_check(tmp, env)
    finally:
        stop([s3])


def serve_and_check(tmp: Path, env: dict) -> None:
    manage(env, "check", "--deploy", "--fail-level", "WARNING")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "loaddata", "organisasi", "demo_users", "sop_seeds", "--verbosity", "0")
    port = free_port()
    gunicorn = [str(GUNICORN), "sakip.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "30"]
    processes = [
        start(gunicorn, env, tmp / "gunicorn.log"),
        start([str(PYTHON), "manage.py", "db_worker", "--interval", "0.5"], env, tmp / "worker.log"),
    ]
    try:
        wait_for(port, processes)
        client = Client(port)
        page = check_anonymous(client)
        check_static(client, page)
        sop_path = check_logged_in(client, page)
        if env.get("REDIS_URL"):
            check_page_cache(client, env, sop_path)
        check_buku(client, env)
        check_logout(client, sop_path)
    except Exception:
        stop(processes)
        for log in ("gunicorn.log", "worker.log", "s3.log"):
            print(f"--- {log}", file=sys.stderr)
            print((tmp / log).read_text(errors="replace")[-6000:], file=sys.stderr)
        raise
    stop(processes)


def main() -> int:
    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = f"sakip_production_check_{os.getpid()}"
    database_url = urllib.parse.urlsplit(server)._replace(path=f"/{name}").geturl()
    tmp = Path(tempfile.mkdtemp(prefix="sakip-production-"))
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        run(tmp, database_url)
    except CheckFailed as failure:
        print(f"GAGAL: {failure}", file=sys.stderr)
        return 1
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if redis_reachable():
            drop_cache_keys(tmp.name)
        shutil.rmtree(tmp, ignore_errors=True)
    print("Jalur produksi berjalan: collectstatic, migrate, gunicorn, pekerja latar belakang.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
