"""A backup of the database and the media storage, and its restore (the `cadangkan` and `pulihkan` commands).

A backup is one folder `sakip-<UTC time>/`: the database (PostgreSQL's custom dump or a copy of the SQLite file),
every file of the default storage under `media/`, and `manifest.json` with the migrations applied per app, the rows
of every model's table and the SHA-256 of every file. The counts are taken in the very snapshot that was dumped, so
a busy system gives a manifest that matches its dump. A restore checks the backup against its manifest before it
touches anything, and the restored database and storage against it afterwards: only that second check says done.
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from sakip.media import CACHE_ROOT, walk

PREFIX = "sakip-"
FOLDER_NAME = re.compile(r"^sakip-\d{8}-\d{6}$")
MANIFEST = "manifest.json"
MEDIA = "media"
DUMP = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot be done, or was not done completely; the message says what to do."""


# --- backup ----------------------------------------------------------------------------------------------------


def create(output: Path) -> Path:
    """Write one complete backup folder under `output`; a failed one leaves no folder that looks complete."""
    if connection.vendor not in DUMP:
        raise BackupError(f"Basis data {connection.vendor} tidak didukung; hanya PostgreSQL dan SQLite.")
    now = timezone.now()
    final = output / f"{PREFIX}{now:%Y%m%d-%H%M%S}"
    if final.exists():
        raise BackupError(f"{final} sudah ada; tunggu satu detik lalu ulangi.")
    partial = output / f".{final.name}.partial"
    output.mkdir(parents=True, exist_ok=True)
    partial.mkdir(mode=0o700)  # personal data and the local CA's (encrypted) keys: the owner's eyes only
    try:
        dump = partial / DUMP[connection.vendor]
        rows, migrations = _dump_postgresql(dump) if connection.vendor == "postgresql" else _dump_sqlite(dump)
        manifest = {
            "format": 1,
            "waktu": now.isoformat(),
            "engine": connection.vendor,
            "database": {"file": dump.name, "sha256": _sha256_file(dump), "size": dump.stat().st_size},
            "migrations": migrations,
            "rows": rows,
            "files": _copy_media(partial / MEDIA),
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def rotate(output: Path, keep: int) -> list[Path]:
    """Delete all but the `keep` newest complete backups in `output`, and folders a killed backup left."""
    complete = sorted(p for p in output.iterdir() if FOLDER_NAME.match(p.name) and (p / MANIFEST).is_file())
    doomed = complete[:-keep] + sorted(output.glob(f".{PREFIX}*.partial"))
    for folder in doomed:
        shutil.rmtree(folder)
    return doomed


def _dump_postgresql(path: Path) -> tuple[dict, dict]:
    """pg_dump of a snapshot exported by this connection, which then counts the rows of that same snapshot."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _pg("pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={path}")
        return _rows(cursor), _migrations(cursor)


def _dump_sqlite(path: Path) -> tuple[dict, dict]:
    """sqlite3's online backup: a consistent copy even while others write; the counts are read from the copy."""
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        return _rows(cursor), _migrations(cursor)
    finally:
        copy.close()


def _copy_media(folder: Path) -> dict[str, dict]:
    """Every file of the default storage (read through it, so a remote storage works too) but the PDF cache,
    which is rebuilt on demand and lives on each server's own disk."""
    files = {}
    for name in sorted(walk(default_storage)):
        if name.startswith(f"{CACHE_ROOT}/"):
            continue
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with default_storage.open(name, "rb") as source, open(target, "wb") as out:
            for chunk in source.chunks():
                digest.update(chunk)
                out.write(chunk)
        files[name] = {"sha256": digest.hexdigest(), "size": target.stat().st_size}
    return files


# --- restore ---------------------------------------------------------------------------------------------------


def restore(folder: Path, *, replace: bool) -> list[str]:
    """Restore the backup into the configured database and storage; returns what the final check compared."""
    manifest = read_manifest(folder)
    check_backup(folder, manifest)
    _check_target(manifest, replace=replace)
    dump = folder / manifest["database"]["file"]
    if manifest["engine"] == "postgresql":
        _pg("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction",
            "--exit-on-error", f"--dbname={connection.settings_dict['NAME']}", str(dump))  # fmt: skip
    else:
        _restore_sqlite(dump)
    try:
        _restore_media(folder / MEDIA, manifest["files"])
    except Exception as error:  # any storage's error: the database is restored, the files are not all there
        raise BackupError(
            f"Pemulihan GAGAL: basis data sudah dipulihkan, berkasnya belum lengkap ({error}). "
            "Perbaiki penyebabnya lalu ulangi dengan --replace."
        ) from error
    return verify(manifest)


def read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{folder / MANIFEST} tidak ada: ini bukan folder cadangan yang selesai ditulis.") from None
    except ValueError as error:
        raise BackupError(f"{folder / MANIFEST} rusak: {error}") from None
    if manifest.get("format") != 1:
        raise BackupError(f"Format cadangan {manifest.get('format')!r} tidak dikenal.")
    return manifest


def check_backup(folder: Path, manifest: dict) -> None:
    """Every file of the backup is there with the hash the manifest recorded, before anything is overwritten."""
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    expected.update({f"{MEDIA}/{name}": meta["sha256"] for name, meta in manifest["files"].items()})
    problems = []
    for name, sha256 in expected.items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: tidak ada")
        elif _sha256_file(path) != sha256:
            problems.append(f"{name}: isinya berubah (SHA-256 tidak cocok)")
    if problems:
        raise BackupError(_listing("Cadangan rusak; tidak ada yang dipulihkan:", problems))


def _check_target(manifest: dict, *, replace: bool) -> None:
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"Cadangan ini dari {manifest['engine']}, basis data tujuan {connection.vendor}: "
            "pulihkan ke jenis basis data yang sama."
        )
    if replace:
        return
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"Basis data tujuan {connection.settings_dict['NAME']} tidak kosong ({len(tables)} tabel). "
            "Pulihkan ke basis data baru yang kosong, atau tambahkan --replace untuk menimpa isinya."
        )
    if any(not name.startswith(f"{CACHE_ROOT}/") for name in walk(default_storage)):
        raise BackupError(
            "Penyimpanan berkas tujuan tidak kosong. Pulihkan ke penyimpanan kosong, "
            "atau tambahkan --replace untuk menimpa berkas yang namanya sama."
        )


def _restore_sqlite(dump: Path) -> None:
    """Copy the backup's pages over the configured database in one step (sqlite3's backup, the other way)."""
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_media(folder: Path, files: dict[str, dict]) -> None:
    for name in files:
        if default_storage.exists(name):
            default_storage.delete(name)
        with open(folder / name, "rb") as handle:
            saved = default_storage.save(name, File(handle))
        if saved != name:
            raise BackupError(f"Berkas {name} tersimpan sebagai {saved}; pemulihan berkas tidak lengkap.")


def verify(manifest: dict) -> list[str]:
    """Compare the configured database and storage with the manifest; raise with every difference found."""
    problems = []
    with connection.cursor() as cursor:
        rows = _rows(cursor)
        migrations = _migrations(cursor)
    for label, count in sorted(manifest["rows"].items()):
        if rows.get(label) != count:
            problems.append(f"{label}: {rows.get(label, 'tabel tidak ada')} baris, di cadangan {count}")
    if migrations != manifest["migrations"]:
        apps_seen = {*migrations, *manifest["migrations"]}
        changed = sorted(app for app in apps_seen if migrations.get(app) != manifest["migrations"].get(app))
        problems.append(f"migrasi berbeda dengan cadangan: {', '.join(changed)}")
    for name, meta in sorted(manifest["files"].items()):
        if not default_storage.exists(name):
            problems.append(f"berkas {name}: tidak ada")
        elif _sha256_storage(name) != meta["sha256"]:
            problems.append(f"berkas {name}: SHA-256 tidak cocok dengan cadangan")
    if problems:
        raise BackupError(_listing("Pemulihan GAGAL: hasilnya tidak sama dengan cadangan:", problems))
    files = manifest["files"]
    return [
        f"Baris data: {len(manifest['rows'])} tabel, {sum(manifest['rows'].values())} baris, sama dengan cadangan.",
        f"Migrasi: {sum(map(len, migrations.values()))} migrasi dari {len(migrations)} aplikasi, sama dengan cadangan.",
        f"Berkas: {len(files)} berkas, {filesizeformat(sum(m['size'] for m in files.values()))}, "
        "SHA-256 setiap berkas cocok.",
    ]


# --- shared ----------------------------------------------------------------------------------------------------


def _model_tables() -> dict[str, str]:
    """Each table of a model (history and many-to-many tables included), with the model's label."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.setdefault(model._meta.db_table, model._meta.label)
    return tables


def _rows(cursor) -> dict[str, int]:
    """Rows per model, for the tables this database has (a model newer than the data has none yet)."""
    existing = set(connection.introspection.table_names(cursor))
    counts = {}
    for table, label in _model_tables().items():
        if table in existing:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[label] = cursor.fetchone()[0]
    return counts


def _migrations(cursor) -> dict[str, list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _pg(program: str, *args: str) -> None:
    """Run a PostgreSQL client program against the configured database; the password goes in its environment."""
    settings = connection.settings_dict
    _args, client_env = connection.client.settings_to_cmd_args_env(settings, [])
    env = {**os.environ, **(client_env or {})}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGDATABASE", "NAME")):
        if settings.get(key):
            env[variable] = str(settings[key])
    try:
        done = subprocess.run([program, *args], env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(
            f"{program} tidak ditemukan: pasang klien PostgreSQL (paket postgresql-client) "
            "dengan versi yang sama atau lebih baru dari servernya."
        ) from None
    if done.returncode != 0:
        raise BackupError(f"{program} gagal (kode {done.returncode}):\n{done.stderr.strip()}")


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _sha256_storage(name: str) -> str:
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as handle:
        for chunk in handle.chunks():
            digest.update(chunk)
    return digest.hexdigest()


def _listing(title: str, problems: Iterable[str]) -> str:
    return "\n".join([title, *(f"  - {problem}" for problem in problems)])
