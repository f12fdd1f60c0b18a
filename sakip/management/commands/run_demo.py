"""Serve the demo as production does: gunicorn for the pages and the task worker beside it, stopped together."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Command(BaseCommand):
    help = "Layani demo dengan gunicorn dan pekerja latar belakang (Buku SOP); Ctrl-C menghentikan keduanya."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="alamat:port gunicorn")
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, bind, workers, **options):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
        manage = str(Path(settings.BASE_DIR) / "manage.py")
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        # A Buku SOP runs in the worker; the longest page (a large SOP's PDF) still fits in two minutes.
        server = [gunicorn, "sakip.wsgi", "--bind", bind, "--workers", str(workers), "--timeout", "120"]
        processes = [
            subprocess.Popen([sys.executable, manage, "db_worker", "--interval", "0.5"], env=env),
            subprocess.Popen(server, env=env),
        ]
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        self.stdout.write(f"Melayani di http://{bind}/ dengan pekerja latar belakang; Ctrl-C menghentikan keduanya.")
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
            stopped = next(process for process in processes if process.poll() is not None)
            self.stderr.write(f"{Path(stopped.args[0]).name} berhenti (kode {stopped.returncode}); demo dihentikan.")
        except KeyboardInterrupt:
            pass
        finally:
            _stop(processes)
