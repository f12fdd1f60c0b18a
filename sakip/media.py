"""Files in the storages that outlive the rows they were written for.

A FileField writes its file before the row is committed, and Django offers no hook when a transaction rolls back
(`on_commit` only sees commits). So a service that writes a file registers it with `written()`, and `atomic` (or
`cleanup_after()`) removes, once the outermost transaction has ended, each registered file that no row refers to.
What that cannot see (a killed process, a file replaced in the admin, a deleted row) the `clean_media` command finds:
`orphans()` walks the storages of every FileField of every model and lists each file no row refers to.

Everything here goes through the Storage API (listdir, delete, get_modified_time), never a local path, so an object
store (S3 through django-storages) works as the default storage. Only MEDIA_ROOT/cache/ is always a local folder.
"""

import datetime
import functools
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

logger = logging.getLogger(__name__)

# Everything under MEDIA_ROOT/cache/ is rebuilt on demand (the PDF cache, the Buku SOP work folders); no row refers
# to it. It is each server's own local working folder, on local disk whatever the default storage is.
CACHE_ROOT = "cache"
PARTIAL_SUFFIX = ".tmp"


@dataclass(frozen=True)
class Written:
    model: type[models.Model]
    field: str
    storage: Storage
    name: str


def _pending() -> list[Written]:
    connection = transaction.get_connection()
    if not hasattr(connection, "sakip_written_files"):
        connection.sakip_written_files = []
    return connection.sakip_written_files


def written(file: FieldFile) -> None:
    """Register a file just written for `file.instance`: removed later unless a committed row refers to it."""
    _pending().append(Written(type(file.instance), file.field.attname, file.storage, file.name))


def written_name(model: type[models.Model], field: str, name: str) -> None:
    """The same for a file saved straight to the field's storage before its row is updated."""
    storage = model._meta.get_field(field).storage
    _pending().append(Written(model, field, storage, name))


def _referenced(entry: Written) -> bool:
    return entry.model._default_manager.filter(**{entry.field: entry.name}).exists()


def sweep() -> None:
    """Outside any transaction: delete the registered files no committed row refers to (their writes rolled back)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block or not getattr(connection, "sakip_written_files", None):
        return
    pending, connection.sakip_written_files = connection.sakip_written_files, []
    for entry in pending:
        try:
            if not _referenced(entry):
                entry.storage.delete(entry.name)
                logger.info("Berkas %s dihapus: penyimpanan datanya dibatalkan", entry.name)
        except Exception:  # a file left behind is clean_media's to find; the caller's own error matters more
            logger.exception("Berkas %s tidak bisa diperiksa atau dihapus", entry.name)


def sweep_on_request_finished(sender, **kwargs) -> None:
    sweep()


@contextmanager
def cleanup_after() -> Iterator[None]:
    """Sweep the registered files when the block ends, however it ends."""
    try:
        yield
    finally:
        sweep()


def atomic(func: Callable) -> Callable:
    """`transaction.atomic` for a service that writes files: a rolled-back call leaves no file behind."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with cleanup_after(), transaction.atomic():
            return func(*args, **kwargs)

    return wrapper


# --- orphans: the clean_media command ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Orphan:
    storage: Storage
    name: str
    size: int
    modified: datetime.datetime
    outside: str = ""  # the folder outside MEDIA_ROOT it lies in, for the listing

    @property
    def label(self) -> str:
        return f"{self.outside}/{self.name}" if self.outside else self.name


def _file_fields() -> Iterator[tuple[type[models.Model], str, Storage]]:
    """Every (model, column, storage) holding a file name, history tables included (they keep the name as text)."""
    for model in apps.get_models(include_auto_created=True):
        original = getattr(model, "instance_type", None)  # a django-simple-history table of `original`
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field.attname, field.storage
            elif original is not None:
                source = next((f for f in original._meta.concrete_fields if f.attname == field.attname), None)
                if isinstance(source, models.FileField):
                    yield model, field.attname, source.storage


# Folders outside the storages that keep files for a while and no row refers to (the importer's uploads between
# its preview and the confirmation): each registered with how long its files live.
_TEMPORARY: list[tuple[Callable[[], Path], datetime.timedelta]] = []


def register_temporary(folder: Callable[[], Path], lifetime: datetime.timedelta) -> None:
    """Files under `folder()` older than `lifetime` are orphans (an app registers its folder when it is ready)."""
    if all(known is not folder for known, _lifetime in _TEMPORARY):
        _TEMPORARY.append((folder, lifetime))


def _temporary_orphans(min_age: datetime.timedelta) -> Iterator[Orphan]:
    now = timezone.now()
    for folder, lifetime in _TEMPORARY:
        root = folder()
        storage = FileSystemStorage(location=root)
        for name in walk(storage):
            modified = storage.get_modified_time(name)
            if modified < now - max(lifetime, min_age):
                yield Orphan(storage, name, storage.size(name), modified, outside=str(root))


def _storages() -> list[tuple[Storage, set[str]]]:
    """Each storage a FileField uses (the default one always), with the names rows refer to in it."""
    found: dict[object, tuple[Storage, set[str]]] = {}

    def slot(storage: Storage) -> set[str]:
        key = getattr(storage, "location", None) or id(storage)
        return found.setdefault(key, (storage, set()))[1]

    slot(default_storage)
    for model, column, storage in _file_fields():
        names = slot(storage)
        rows = model._default_manager.exclude(**{column: ""}).exclude(**{f"{column}__isnull": True})
        names.update(rows.values_list(column, flat=True).iterator())
    return list(found.values())


def walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name under `folder` of `storage`, found through listdir (so any storage, not only a local one)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from walk(storage, f"{folder}/{sub}" if folder else sub)


def _listings() -> Iterator[tuple[Storage, set[str], Iterator[str]]]:
    """Each storage with the names rows refer to and its files; MEDIA_ROOT/cache/ too when no storage holds it (a
    remote default storage): the cache stays on local disk. Only the cache there: other local files are not ours."""
    storages = _storages()
    for storage, referenced in storages:
        yield storage, referenced, walk(storage)
    local = FileSystemStorage(location=settings.MEDIA_ROOT)
    if all(getattr(storage, "location", None) != local.location for storage, _names in storages):
        yield local, set(), walk(local, CACHE_ROOT)


def _is_orphan(name: str, referenced: set[str], modified: datetime.datetime, *, cache_before) -> bool:
    if name.startswith(f"{CACHE_ROOT}/"):
        # A finished cache entry is rebuilt on demand; a partial one is what a crashed render left.
        return name.endswith(PARTIAL_SUFFIX) or (cache_before is not None and modified < cache_before)
    return name not in referenced


def orphans(*, min_age: datetime.timedelta, cache_max_age: datetime.timedelta | None = None) -> Iterator[Orphan]:
    """Files no row refers to, older than `min_age` (a file being written right now is never one)."""
    now = timezone.now()
    cache_before = now - cache_max_age if cache_max_age is not None else None
    for storage, referenced, names in _listings():
        for name in names:
            modified = storage.get_modified_time(name)
            if modified > now - min_age:
                continue
            if _is_orphan(name, referenced, modified, cache_before=cache_before):
                yield Orphan(storage, name, storage.size(name), modified)
    yield from _temporary_orphans(min_age)


def remove(orphan: Orphan) -> None:
    """Delete the file, then its folders left empty (upload folders are one per file)."""
    orphan.storage.delete(orphan.name)
    folder = orphan.name.rpartition("/")[0]
    while folder:
        try:
            os.rmdir(orphan.storage.path(folder))  # refuses a folder that still holds anything
        except NotImplementedError:  # an object store (S3) has no folders: a prefix goes with its last object
            break
        except OSError:
            break
        folder = folder.rpartition("/")[0]
