"""cadangkan and pulihkan: the demo data, a signed SOP and the uploads come back in a fresh database and storage with
the same rows and bytes; a damaged backup, or a restore that does not match its manifest, is reported as failed.

The backup runs here, on the test database (committed data: pg_dump reads it from its own connection); each restore
runs `manage.py pulihkan` as an operator would, against a database and media folder of its own.
"""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from sakip.models import User
from sop.models import Langkah, Sop
from tests.signing.helpers import PASSPHRASE, give_certificate
from workflow.signing.models import DokumenTertandatangan
from workflow.signing.services import sign_approved_sop

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ["organisasi", "demo_users", "sop_seeds", "workflow_demo", "kinerja_demo"]


@dataclass
class Target:
    """An empty database and media folder of their own, and what points manage.py at them."""

    url: str
    media: Path

    def restore(self, folder: Path, *options: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "DATABASE_URL": self.url, "MEDIA_ROOT": str(self.media)}
        env["DJANGO_SETTINGS_MODULE"] = "sakip.settings.test"
        command = [sys.executable, "manage.py", "pulihkan", str(folder), "--yes", *options]
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)

    def query(self, sql: str) -> list[tuple]:
        if self.url.startswith("sqlite"):
            with sqlite3.connect(self.url.removeprefix("sqlite:///")) as db:
                return db.execute(sql).fetchall()
        with psycopg.connect(self.url) as db:
            return db.execute(sql).fetchall()

    def tables(self) -> list[str]:
        if self.url.startswith("sqlite"):
            return [row[0] for row in self.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return [row[0] for row in self.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]


@pytest.fixture
def fresh(tmp_path):
    if connection.vendor == "sqlite":
        yield Target(f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "restored-media")
        return
    db = connection.settings_dict
    name = f"test_restored_{uuid.uuid4().hex[:8]}"
    server = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": db["USER"], "password": db["PASSWORD"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
        url = f"postgres://{db['USER']}{password}@{db['HOST']}:{server['port']}/{name}"
        yield Target(url, tmp_path / "restored-media")
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def demo(media):
    """The demo's data with a Pemda logo in the storage, and an entry of the PDF cache (rebuilt, not backed up)."""
    call_command("loaddata", *FIXTURES, verbosity=0)
    kepala = User.objects.get(username="kepala.banggai")
    pemda = kepala.keanggotaan.first().opd.pemda
    png = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(png, "PNG")
    pemda.logo.save("banggai.png", ContentFile(png.getvalue()))
    (media / "cache" / "sop-pdf").mkdir(parents=True)
    (media / "cache" / "sop-pdf" / "0123.pdf").write_bytes(b"%PDF-1.4\n")
    return kepala


def back_up(tmp_path) -> Path:
    call_command("cadangkan", "--output", str(tmp_path / "cadangan"), verbosity=0)
    (folder,) = (tmp_path / "cadangan").iterdir()
    return folder


def media_files(root: Path) -> dict[str, bytes]:
    found = {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    return {name: data for name, data in found.items() if not name.startswith("cache/")}


def model_tables() -> dict[str, type]:
    models = apps.get_models(include_auto_created=True)
    return {m._meta.db_table: m for m in models if m._meta.managed and not m._meta.proxy}


def test_a_backup_restores_into_a_fresh_database_with_the_same_rows_and_files(demo, media, fresh, tmp_path):
    sop = Sop.objects.filter(opd__pemda=demo.keanggotaan.first().opd.pemda, status=Sop.Status.DISAHKAN).first()
    give_certificate(demo, sop.opd.pemda)
    signed = sign_approved_sop(sop=sop, actor=demo, passphrase=PASSPHRASE, base_url="http://testserver")
    folder = back_up(tmp_path)

    done = fresh.restore(folder)

    assert done.returncode == 0, done.stderr
    assert "sama dengan cadangan" in done.stdout and "SHA-256 setiap berkas cocok" in done.stdout
    expected = {table: model._base_manager.count() for table, model in model_tables().items()}
    restored = {table: fresh.query(f'SELECT COUNT(*) FROM "{table}"')[0][0] for table in expected}
    assert restored == expected
    table = DokumenTertandatangan._meta.db_table
    assert expected[Langkah._meta.db_table] > 40 and expected[table] == 1
    assert fresh.query(f"SELECT nomor, judul, status FROM sop_sop WHERE id = {sop.pk}") == [
        (sop.nomor, sop.judul, sop.status)
    ]
    steps = list(Langkah.objects.filter(sop=sop).order_by("urutan").values_list("urutan", "uraian", "output"))
    sql = f"SELECT urutan, uraian, output FROM sop_langkah WHERE sop_id = {sop.pk} ORDER BY urutan"
    assert fresh.query(sql) == steps
    [(name, sha256)] = fresh.query(f"SELECT berkas, sha256 FROM {table} WHERE id = {signed.pk}")
    assert sha256 == signed.sha256 == hashlib.sha256((fresh.media / name).read_bytes()).hexdigest()
    assert media_files(fresh.media) == media_files(media)
    assert {"logo/banggai.png", signed.berkas.name} <= set(media_files(fresh.media))
    assert not (fresh.media / "cache").exists()


def test_a_changed_file_in_the_backup_is_refused_before_anything_is_restored(demo, fresh, tmp_path):
    folder = back_up(tmp_path)
    logo = folder / "media" / "logo" / "banggai.png"
    logo.write_bytes(logo.read_bytes().replace(b"IHDR", b"IHDX"))

    done = fresh.restore(folder)

    assert done.returncode != 0
    assert "Cadangan rusak" in done.stderr and "media/logo/banggai.png" in done.stderr
    assert "dipulihkan ke" not in done.stdout
    assert fresh.tables() == [] and not fresh.media.exists()


def test_a_restore_that_does_not_match_its_manifest_is_reported_as_failed(demo, fresh, tmp_path):
    folder = back_up(tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["rows"]["sop.Sop"] += 1  # the dump and the files still match their hashes: the restore itself runs
    (folder / "manifest.json").write_text(json.dumps(manifest))

    done = fresh.restore(folder)

    assert done.returncode != 0
    assert "Pemulihan GAGAL" in done.stderr and "sop.Sop: 4 baris, di cadangan 5" in done.stderr
    assert "dipulihkan ke" not in done.stdout


def test_restore_refuses_without_yes_and_over_a_database_that_is_not_empty(media, tmp_path):
    folder = back_up(tmp_path)
    with pytest.raises(CommandError, match="ulangi dengan --yes"):
        call_command("pulihkan", str(folder))
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("pulihkan", str(folder), "--yes")


def test_rotation_keeps_the_newest_backups_and_nothing_else_of_theirs(media, tmp_path):
    output = tmp_path / "cadangan"
    for name in ["sakip-20250101-010000", "sakip-20250102-010000", "sakip-20250103-010000"]:
        (output / name).mkdir(parents=True)
        (output / name / "manifest.json").write_text("{}")
    (output / ".sakip-20250104-010000.partial").mkdir()  # a backup killed half-way
    (output / "catatan").mkdir()  # not a backup: never touched

    call_command("cadangkan", "--output", str(output), "--simpan", "2", verbosity=0)

    kept = sorted(p.name for p in output.iterdir())
    assert kept[:2] == ["catatan", "sakip-20250103-010000"] and len(kept) == 3
    assert (output / kept[2] / "manifest.json").is_file() and kept[2] > "sakip-20250103-010000"
    assert (output / kept[2]).stat().st_mode & 0o777 == 0o700
