"""Uploaded files between the preview and the confirmation.

The bytes wait in a private directory under a random token, with the user and OPD they were uploaded for.
A token that is unknown, expired, malformed or another user's reads as missing (the view answers 404).
"""

import json
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from sakip.models import User

LIFETIME_SECONDS = 2 * 60 * 60
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")


@dataclass
class Upload:
    token: str
    user_id: int
    opd_id: int | None
    files: list[tuple[str, bytes]]


def _root() -> Path:
    root = Path(getattr(settings, "SOP_IMPORT_DIR", "") or Path(tempfile.gettempdir()) / "sakip-sop-impor")
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def upload_root() -> Path:
    """Where the uploads wait (clean_media removes those past their lifetime)."""
    return _root()


def _purge_expired(root: Path) -> None:
    limit = time.time() - LIFETIME_SECONDS
    for folder in root.iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def upload_save(*, user: User, opd_id: int | None, files: list[tuple[str, bytes]]) -> str:
    """Keep the files for the confirmation; returns the token that names them."""
    root = _root()
    _purge_expired(root)
    token = secrets.token_urlsafe(32)
    folder = root / token
    folder.mkdir(mode=0o700)
    for index, (_name, data) in enumerate(files):
        (folder / f"{index}.bin").write_bytes(data)
    meta = {"user": user.pk, "opd": opd_id, "names": [name for name, _data in files], "created": time.time()}
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def upload_load(*, token: str, user: User) -> Upload | None:
    if not _TOKEN.match(token or ""):
        return None
    folder = _root() / token
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta["user"] != user.pk or meta["created"] < time.time() - LIFETIME_SECONDS:
            return None
        files = [(name, (folder / f"{index}.bin").read_bytes()) for index, name in enumerate(meta["names"])]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Upload(token=token, user_id=meta["user"], opd_id=meta["opd"], files=files)


def upload_delete(*, token: str) -> None:
    if _TOKEN.match(token or ""):
        shutil.rmtree(_root() / token, ignore_errors=True)


def upload_set_opd(*, upload: Upload, opd_id: int) -> None:
    """The OPD chosen for an upload whose kop did not tell it."""
    meta_path = _root() / upload.token / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["opd"] = opd_id
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    upload.opd_id = opd_id
