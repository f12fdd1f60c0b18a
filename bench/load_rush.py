#!/usr/bin/env python
"""Load run: the end-of-triwulan rush, on loopback, against PostgreSQL restarted in the middle of it.

A throw-away PostgreSQL cluster of its own (initdb into a temporary directory, run as the postgres OS user, on
127.0.0.1:--pg-port) is created, migrated and filled: setup_demo, then offices of Kepala, Kabid and staff with run
tasks waiting, Form Pengukuran Kinerja to fill and SOPs waiting for signature (bench/_rush_data.py, through the
application's services). Two gunicorn servers (2 workers each, production settings, Redis cache under a prefix of
its own) and one db_worker serve --users virtual users for --seconds (bench/_rush_client.py): they log in, read
Beranda and Tugas saya, complete their tasks (numbering the surat pengantar on the way), fill and submit forms,
the Kabid validates and unlocks, the Kepala signs with the passphrase and everyone downloads PDFs; now and then a
move is posted from two devices at once. At --restart-at seconds PostgreSQL is restarted (pg_ctl restart -m fast);
the application is not.

The baseline, measured first on the same servers: the same pages read by one staff member alone; the table gives
each kind's p50 in the rush as a multiple of it.

Afterwards the database is compared with what the clients saw: every move a client saw succeed is in the database
once, with its audit row; no move is recorded twice; the registers of numbers have no gap; every signed file
matches its stored SHA-256. Prints the figures and the checks; exits 1 when a check fails. Everything it made
(cluster, files, cache keys) is removed, also on Ctrl-C.

Usage: .venv/bin/python bench/load_rush.py [--seconds 180] [--users 30] [--restart-at 90] [--keep]
(as root: the cluster runs as the postgres OS user; the shared server on 5432 is not touched)
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _rush_client as client  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
DATABASE = "sakip_rush"
RESTART_GRACE = 10.0  # seconds after PostgreSQL is back within which a failed request still counts as the restart's


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """A PostgreSQL cluster in a temporary directory, owned by the postgres OS user (initdb refuses root)."""

    def __init__(self, base: Path, port: int):
        self.data, self.port, self.log = base / "pgdata", port, base / "postgresql.log"
        self.socket_dir = base / "pgsocket"

    def pg(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = ["runuser", "-u", "postgres", "--", *args]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def create(self) -> None:
        self.socket_dir.mkdir()
        shutil.chown(self.socket_dir, "postgres", "postgres")
        self.pg(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        self.start()
        self.pg(str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-c",
                f"CREATE DATABASE {DATABASE}")  # fmt: skip

    def ctl(self, *args: str) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.socket_dir} -c max_connections=200"
        self.pg(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", *args)

    def start(self) -> None:
        self.ctl("start")

    def restart(self, mode: str) -> None:
        self.ctl("restart", "-m", mode)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.pg(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"


def environment(base: Path, database_url: str, prefix: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="sakip.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=database_url,
        STATIC_ROOT=str(base / "static"),
        MEDIA_ROOT=str(base / "media"),
        ALLOWED_HOSTS="127.0.0.1",
        CSRF_TRUSTED_ORIGINS="",
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        CACHE_KEY_PREFIX=prefix,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        LOGIN_FAILURE_LIMIT="1000",  # every virtual user logs in from 127.0.0.1
    )
    return env


def build_data(env: dict, args) -> dict:
    """Migrate and fill the database in this process (Django set up on the same settings as the servers)."""
    os.environ.update(env)
    os.environ["SOP_PRERENDER"] = "0"  # the data's own saves need no PDFs; the servers' worker renders theirs
    import django

    django.setup()
    import _rush_data
    from django.core.management import call_command
    from django.db import connections

    started = time.monotonic()
    call_command("setup_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    plan = _rush_data.Builder(opds=args.opds, bidang=args.bidang, staff=args.staff, waiting=args.waiting).build()
    connections.close_all()  # this process's connection must not meet the restart
    print(f"  data: {len(plan['users'])} pengguna, {time.monotonic() - started:.0f} s")
    return plan


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = log.open("wb")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn tidak menjawab di port {port}")


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


def servers(env: dict, base: Path) -> tuple[list[int], list[subprocess.Popen]]:
    ports = [free_port(), free_port()]
    processes = []
    for i, port in enumerate(ports):
        command = [str(GUNICORN), "sakip.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "30"]
        processes.append(start(command, env, base / f"gunicorn{i + 1}.log"))
    worker = [str(PYTHON), "manage.py", "db_worker", "--interval", "0.5"]
    processes.append(start(worker, env, base / "worker.log"))
    for port in ports:
        wait_for(port)
    return ports, processes


QUIET_ROUNDS = 10


def quiet_baseline(plan: dict, ports: list[int]) -> dict[str, float]:
    """The baseline: the pages of the rush read by one staff member alone on the same servers, before the rush
    (GETs only, nothing changes); median milliseconds per kind of request."""
    person = next(p for p in plan["users"] if p["peran"] == "penyusun")
    journal = client.Journal(origin=time.monotonic())
    session = client.Session(ports[0], journal)
    if not session.login(person["username"], plan["password"]):
        raise RuntimeError("pengguna sepi tidak bisa masuk")
    form = f"/kinerja/form/{person['opd']}/{plan['tahun']}/1/{person['unit']}/"
    for _round in range(QUIET_ROUNDS):
        session.get("beranda", "/")
        inbox = session.get("tugas saya", "/alur/tugas/")
        run = re.search(r'href="(/alur/\d+/)"', inbox.text)
        if run:
            session.get("pelaksanaan", run.group(1))
        session.get("form kinerja", form)
        listing = session.get("daftar SOP", "/sop/")
        sop = re.search(r'href="/sop/(\d+)/"', listing.text)
        if sop:
            session.get("PDF SOP", f"/sop/{sop.group(1)}/pdf/?kertas=A4")
    kinds = defaultdict(list)
    for request in journal.requests:
        if request.status == 200:
            kinds[request.kind].append(request.seconds * 1000)
    return {kind: statistics.median(ms) for kind, ms in kinds.items() if kind != "masuk"}


def load(plan: dict, ports: list[int], args, cluster: Cluster) -> tuple[client.Journal, dict, list[str]]:
    """The virtual users for --seconds, and the restart at --restart-at; returns the journal and the window."""
    people = plan["users"][: args.users]
    journal = client.Journal(origin=time.monotonic())
    users = [
        client.ROLES[person["peran"]](
            dict(person, password=plan["password"], passphrase=plan["passphrase"], tahun=plan["tahun"]),
            ports, journal, deadline=args.seconds, seed=args.seed + i, double=args.double,
        )
        for i, person in enumerate(people)
    ]  # fmt: skip
    threads = [threading.Thread(target=u.run, name=u.name, daemon=True) for u in users]
    for thread in threads:
        thread.start()
        time.sleep(0.05)
    window: dict = {}
    if 0 <= args.restart_at < args.seconds:
        time.sleep(max(0.0, args.restart_at - journal.now()))
        window["start"] = journal.now()
        cluster.restart(args.restart_mode)
        window["end"] = journal.now()
        print(f"  PostgreSQL dimulai ulang (-m {args.restart_mode}) pada {window['start']:.1f}–{window['end']:.1f} s")
    for thread in threads:
        thread.join()
    window["elapsed"] = journal.now()
    return journal, window, [error for u in users for error in u.errors]


# ---------------------------------------------------------------------------------------------------- checks


class Checks:
    def __init__(self):
        self.results: list[tuple[bool, str]] = []

    def expect(self, ok: bool, what: str) -> None:
        self.results.append((bool(ok), what))

    @property
    def failed(self) -> int:
        return sum(1 for ok, _what in self.results if not ok)


def in_window(request: client.Request, window: dict) -> bool:
    """Whether the request was under way while PostgreSQL was down (or within RESTART_GRACE of it coming back)."""
    if "start" not in window:
        return False
    return request.started <= window["end"] + RESTART_GRACE and request.started + request.seconds >= window["start"] - 1


def check_http(journal: client.Journal, window: dict, checks: Checks) -> list[client.Request]:
    bad = [r for r in journal.requests if r.status == 0 or r.status >= 500]
    outside = [r for r in bad if not in_window(r, window)]
    checks.expect(
        not outside, f"tidak ada 5xx/putus di luar jendela restart ({len(outside)} di luar, {len(bad)} total)"
    )
    return bad


def check_tasks(moves: list[client.Move], checks: Checks, started_at) -> None:
    from django.db.models import Count, Q

    from workflow.models import Run, RunLog, Task

    by_task = defaultdict(list)
    for move in moves:
        if move.kind == "complete":
            by_task[int(move.target.split(":")[1])].append(move)
    ok = {t: [m for m in ms if m.outcome == "ok"] for t, ms in by_task.items()}
    doubled_clients = [t for t, ms in ok.items() if len(ms) > 1]
    checks.expect(not doubled_clients, f"tidak ada tugas yang dua klien lihat berhasil ({len(doubled_clients)})")
    logs = Counter(
        RunLog.objects.filter(aksi=RunLog.Aksi.SELESAI, task__isnull=False).values_list("task_id", flat=True)
    )
    twice = [t for t, n in logs.items() if n > 1]
    checks.expect(not twice, f"tidak ada tugas yang selesai dua kali di riwayat ({len(twice)})")
    seen = {t for t, ms in ok.items() if ms}
    tasks = {t.pk: t for t in Task.objects.filter(pk__in=seen).select_related("selesai_oleh")}
    missing = [t for t in seen if logs.get(t, 0) != 1 or tasks[t].status != Task.Status.SELESAI]
    wrong_person = [t for t in seen if t not in missing and tasks[t].selesai_oleh.username != ok[t][0].user]
    checks.expect(not missing, f"{len(seen)} penyelesaian yang klien lihat berhasil: masing-masing tepat satu baris "
                               f"riwayat dan tugasnya selesai ({len(missing)} tidak)")  # fmt: skip
    checks.expect(not wrong_person, f"diselesaikan oleh orang yang melihatnya berhasil ({len(wrong_person)} tidak)")
    during = set(
        RunLog.objects.filter(aksi=RunLog.Aksi.SELESAI, waktu__gte=started_at).values_list("task_id", flat=True)
    )
    unknown = {t for t, ms in by_task.items() if any(m.outcome == "unknown" for m in ms)}
    phantom = during - seen - unknown
    checks.expect(not phantom, f"{len(during)} penyelesaian di basis data selama beban: semuanya dilihat klien "
                               f"(berhasil, atau jawabannya hilang: {len(during & unknown - seen)}); "
                               f"tanpa asal: {len(phantom)}")  # fmt: skip
    # Every run: its done tasks are its SELESAI rows, at most one task open, standing where its open task is.
    runs = Run.objects.filter(opd__nama__startswith="Dinas Uji Beban").annotate(
        done=Count("tasks", filter=Q(tasks__status=Task.Status.SELESAI), distinct=True),
    )
    broken = []
    for run in runs:
        selesai_logs = RunLog.objects.filter(run=run, aksi=RunLog.Aksi.SELESAI).count()
        open_tasks = list(run.tasks.filter(status=Task.Status.TERBUKA))
        standing = (run.status == Run.Status.ARSIP and not open_tasks and run.langkah_aktif_id is None) or (
            run.status == Run.Status.BERJALAN
            and len(open_tasks) == 1
            and open_tasks[0].langkah_id == run.langkah_aktif_id
        )
        if selesai_logs != run.done or not standing:
            broken.append(run.pk)
    checks.expect(not broken, f"{len(runs)} pelaksanaan utuh: tugas selesai = baris riwayat, satu tugas terbuka di "
                              f"langkah berjalan ({len(broken)} tidak)")  # fmt: skip


def check_numbers(moves: list[client.Move], checks: Checks) -> None:
    from workflow.models import Task
    from workflow.signing.models import JenisNomor, Nomor, RegisterNomor

    gaps = []
    registers = list(RegisterNomor.objects.all())
    for register in registers:
        urut = sorted(
            Nomor.objects.filter(opd=register.opd_id, tahun=register.tahun, jenis=register.jenis).values_list(
                "urut", flat=True
            )
        )
        if urut != list(range(1, register.terakhir + 1)):
            gaps.append(f"{register.opd_id}/{register.tahun}/{register.jenis}")
    checks.expect(not gaps, f"{len(registers)} register nomor tanpa celah dan tanpa nomor ganda ({', '.join(gaps)})")
    given = [m for m in moves if m.kind == "nomor" and m.outcome == "ok"]
    wrong = []
    for move in given:
        task = Task.objects.get(pk=int(move.target.split(":")[1]))
        numbers = list(Nomor.objects.filter(run=task.run_id, jenis=JenisNomor.SURAT).values_list("teks", flat=True))
        if len(numbers) != 1 or numbers[0] not in move.detail:
            wrong.append(task.run_id)
    checks.expect(not wrong, f"{len(given)} nomor surat yang klien terima: satu per pelaksanaan, sama teksnya "
                             f"({len(wrong)} tidak)")  # fmt: skip


def check_forms(moves: list[client.Move], checks: Checks, started_at) -> None:
    import _rush_data

    from sakip.kinerja.models import FormLog, FormPengukuran, Realisasi

    seen = Counter()
    unsure = Counter()
    for move in moves:
        if move.kind in ("ajukan", "validasi", "buka"):
            _opd, _tahun, tw, unit = move.target.split(":")[1].split("/")
            key = (int(unit), int(tw), move.kind, move.user)
            (seen if move.outcome == "ok" else unsure if move.outcome == "unknown" else Counter())[key] += 1
    recorded = Counter(
        (log.form.unit_id, log.form.triwulan, log.move, log.oleh.username)
        for log in FormLog.objects.filter(pada__gte=started_at).select_related("form", "oleh")
    )
    lost = [k for k, n in seen.items() if recorded[k] < n]
    extra = [k for k, n in recorded.items() if n > seen[k] + unsure[k]]
    checks.expect(not lost, f"{sum(seen.values())} langkah form yang klien lihat berhasil ada di riwayat form "
                            f"({len(lost)} hilang)")  # fmt: skip
    checks.expect(not extra, f"tidak ada langkah form di riwayat yang tidak dilihat klien ({len(extra)})")
    broken = []
    forms = list(FormPengukuran.objects.filter(opd__nama__startswith="Dinas Uji Beban"))
    for form in forms:
        state = FormPengukuran.Status.DRAF
        for log in form.log.order_by("pk"):
            if log.dari != state:
                broken.append(form.pk)
            state = log.ke
        if state != form.status:
            broken.append(form.pk)
    checks.expect(
        not broken, f"{len(forms)} form: riwayatnya berantai dari draf sampai statusnya ({len(broken)} tidak)"
    )
    saved = sum(int(m.detail.split()[1]) for m in moves if m.kind == "realisasi" and m.outcome == "ok")
    maybe = sum(1 for m in moves if m.kind == "realisasi" and m.outcome == "unknown")
    history = Realisasi.history.filter(history_date__gte=started_at, history_user__username__startswith="rush.")
    rows = history.count()
    what = f"{saved} baris realisasi yang klien lihat tersimpan: {rows} baris riwayat ({maybe} simpan tak pasti)"
    checks.expect(saved <= rows <= saved + _rush_data.INDIKATOR * maybe, what)


def check_signing(moves: list[client.Move], checks: Checks, started_at) -> None:
    import hashlib

    from sop.models import Sop, SopStatusLog
    from workflow.signing.models import DokumenTertandatangan

    ok = Counter(int(m.target.split(":")[1]) for m in moves if m.kind == "sign" and m.outcome == "ok")
    checks.expect(all(n == 1 for n in ok.values()), f"tiap SOP dilihat ditandatangani oleh satu klien saja "
                                                    f"({sum(1 for n in ok.values() if n > 1)} dua kali)")  # fmt: skip
    wrong = []
    for pk in ok:
        sop = Sop.objects.get(pk=pk)
        documents = DokumenTertandatangan.objects.filter(sop=sop).count()
        approvals = SopStatusLog.objects.filter(sop=sop, ke=Sop.Status.DISAHKAN).count()
        if sop.status != Sop.Status.DISAHKAN or documents != 1 or approvals != 1 or not sop.nomor:
            wrong.append(pk)
    checks.expect(not wrong, f"{len(ok)} SOP yang klien lihat ditandatangani: disahkan sekali, satu dokumen, "
                             f"bernomor ({len(wrong)} tidak)")  # fmt: skip
    bad_files = []
    documents = list(DokumenTertandatangan.objects.filter(ditandatangani_pada__gte=started_at))
    for document in documents:
        try:
            with document.berkas.open("rb") as handle:
                digest = hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            digest = ""
        if digest != document.sha256:
            bad_files.append(document.pk)
    checks.expect(not bad_files, f"{len(documents)} berkas bertanda tangan: SHA-256 berkas = yang tersimpan "
                                 f"({len(bad_files)} tidak)")  # fmt: skip
    signed = {d.sop_id for d in documents}
    checks.expect(signed <= set(ok) | {int(m.target.split(":")[1]) for m in moves if m.kind == "sign"},
                  "tiap tanda tangan selama beban berasal dari permintaan klien")  # fmt: skip
    numbers = Counter(Sop.objects.exclude(nomor="").values_list("opd_id", "nomor"))
    checks.expect(all(n == 1 for n in numbers.values()), "nomor SOP unik per OPD")


def check_worker(checks: Checks, load_started) -> None:
    """The background queue still moves after the restart: nothing the servers queued waits unclaimed."""
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    time.sleep(5)
    queued = DBTaskResult.objects.filter(enqueued_at__gte=load_started)
    stuck = queued.filter(status="READY", enqueued_at__lt=timezone.now() - datetime.timedelta(seconds=5)).count()
    states = Counter(queued.values_list("status", flat=True))
    checks.expect(not stuck, f"antrean latar belakang jalan terus: {dict(states)}; menunggu > 5 s: {stuck}")


def check_database(journal: client.Journal, checks: Checks, load_started) -> None:
    check_worker(checks, load_started)
    check_tasks(journal.moves, checks, load_started)
    check_numbers(journal.moves, checks)
    check_forms(journal.moves, checks, load_started)
    check_signing(journal.moves, checks, load_started)


# ---------------------------------------------------------------------------------------------------- report


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def report(journal: client.Journal, window: dict, bad: list[client.Request], quiet: dict[str, float], args) -> None:
    requests = journal.requests
    elapsed = window["elapsed"]
    print(f"\n{len(requests):,} permintaan dalam {elapsed:.0f} s = {len(requests) / elapsed:.1f} req/s, "
          f"{args.users} pengguna, 2 gunicorn × 2 worker + db_worker")  # fmt: skip
    print(f"\n× sepi: p50 saat sibuk ÷ p50 halaman yang sama dibaca satu pengguna sendirian ({QUIET_ROUNDS} kali)")
    print(
        f"{'jenis':<34}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'sepi ms':>9}{'× sepi':>8}{'5xx':>6}{'putus':>7}"
    )
    kinds = defaultdict(list)
    for r in requests:
        kinds[r.kind].append(r)
    for kind, rows in sorted(kinds.items(), key=lambda item: -len(item[1])):
        ms = [r.seconds * 1000 for r in rows if r.status]
        fivexx = sum(1 for r in rows if r.status >= 500)
        broken = sum(1 for r in rows if r.status == 0)
        median = statistics.median(ms) if ms else 0
        base = quiet.get(kind)
        versus = f"{base:>9.0f}{median / base:>8.1f}" if base else f"{'–':>9}{'–':>8}"
        print(f"{kind:<34}{len(rows):>7}{median:>9.0f}{percentile(ms, 95):>9.0f}{percentile(ms, 99):>9.0f}"
              f"{versus}{fivexx:>6}{broken:>7}")  # fmt: skip
    statuses = Counter(r.status for r in requests)
    print("\nstatus: " + ", ".join(f"{s or 'putus'}: {n}" for s, n in sorted(statuses.items())))
    if bad:
        print(f"\n5xx dan sambungan putus ({len(bad)}; jendela restart {window.get('start', 0):.1f}–"
              f"{window.get('end', 0) + RESTART_GRACE:.1f} s):")  # fmt: skip
        for r in bad[:40]:
            where = "restart" if in_window(r, window) else "DI LUAR"
            print(f"  {r.started:7.1f} s  {r.status or 'putus':>5}  {where:<8} {r.method} {r.path} {r.error[:60]}")
    moves = Counter((m.kind, m.outcome) for m in journal.moves)
    print("\nlangkah klien: " + ", ".join(f"{k} {o}: {n}" for (k, o), n in sorted(moves.items())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--restart-at", type=float, default=None, help="detik; bawaan: separuh jalan; -1: tanpa")
    parser.add_argument("--restart-mode", choices=("fast", "immediate"), default="fast")
    parser.add_argument("--opds", type=int, default=3)
    parser.add_argument("--bidang", type=int, default=2)
    parser.add_argument("--staff", type=int, default=4, help="staf per bidang")
    parser.add_argument("--waiting", type=int, default=8, help="SOP menunggu tanda tangan per OPD")
    parser.add_argument("--double", type=float, default=0.1, help="bagian langkah yang dikirim dari dua perangkat")
    parser.add_argument("--pg-port", type=int, default=55432)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="simpan direktori sementara (log) untuk diperiksa")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(130))  # through the finally below: nothing is left behind
    if args.restart_at is None:
        args.restart_at = args.seconds / 2
    base = Path(tempfile.mkdtemp(prefix="sakip-rush-"))
    shutil.chown(base, "postgres", "postgres")
    prefix = f"rush{os.getpid()}"
    cluster = Cluster(base, args.pg_port)
    processes: list[subprocess.Popen] = []
    checks = Checks()
    try:
        print(f"Kluster PostgreSQL sementara di 127.0.0.1:{args.pg_port} ({base})")
        cluster.create()
        env = environment(base, cluster.url, prefix)
        plan = build_data(env, args)
        args.users = min(args.users, len(plan["users"]))
        ports, processes = servers(env, base)
        print(f"  gunicorn di port {ports[0]} dan {ports[1]}; {args.users} pengguna selama {args.seconds:.0f} s")
        from django.utils import timezone

        quiet = quiet_baseline(plan, ports)
        load_started = timezone.now()
        journal, window, client_errors = load(plan, ports, args, cluster)
        dead = [" ".join(Path(a).name for a in p.args[:3]) for p in processes if p.poll() is not None]
        checks.expect(not dead, f"kedua gunicorn dan db_worker masih hidup ({', '.join(dead) or 'semua hidup'})")
        checks.expect(not client_errors, f"klien tanpa galat sendiri ({'; '.join(client_errors[:3])})")
        bad = check_http(journal, window, checks)
        check_database(journal, checks, load_started)
        report(journal, window, bad, quiet, args)
        print("\nPemeriksaan:")
        for ok, what in checks.results:
            print(f"  {'ok  ' if ok else 'GAGAL'} {what}")
    finally:
        stop(processes)
        cluster.stop()
        clear_cache(prefix)
        if args.keep:
            print(f"Direktori sementara disimpan: {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    return 1 if checks.failed else 0


def clear_cache(prefix: str) -> None:
    """Remove this run's keys from the shared Redis (the servers wrote them under the run's own prefix)."""
    try:
        import redis

        connection = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
        keys = list(connection.scan_iter(f"{prefix}:*"))
        if keys:
            connection.delete(*keys)
    except Exception as error:  # the cache is a courtesy; a failure here must not hide the run's result
        print(f"Kunci cache {prefix}:* tidak terhapus: {error}")


if __name__ == "__main__":
    sys.exit(main())
