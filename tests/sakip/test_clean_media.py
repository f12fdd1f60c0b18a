"""clean_media lists the files no row refers to and, with --hapus, deletes them; referenced and fresh files stay."""

import io
import os
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sop.models import BukuSop
from sop.printing import cached_sop_pdf
from tests.sakip.factories import OpdFactory, UserFactory
from tests.sop.factories import build_sop
from tests.workflow.factories import TaskFactory

pytestmark = pytest.mark.django_db

HOUR = 3600
DAY = 24 * HOUR


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SOP_IMPORT_DIR = str(tmp_path / "impor")  # never the machine's shared temporary folder
    return tmp_path / "media"


def put(root: Path, name: str, *, age: float) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4\n")
    moment = time.time() - age
    os.utime(path, (moment, moment))
    return path


@pytest.fixture
def files(media):
    opd = OpdFactory()
    opd.pemda.logo = "logo/banggai.png"
    opd.pemda.save()
    task = TaskFactory(berkas="alur/1/aa/disposisi.pdf")
    BukuSop.objects.create(opd=opd, berkas="buku-sop/ab12.pdf")
    return {
        "logo": put(media, "logo/banggai.png", age=90 * DAY),
        "task": put(media, task.berkas.name, age=2 * DAY),
        "buku": put(media, "buku-sop/ab12.pdf", age=2 * DAY),
        "orphan_upload": put(media, "alur/1/bb/batal.pdf", age=2 * HOUR),
        "orphan_buku": put(media, "buku-sop/cd34.pdf", age=3 * DAY),
        "old_logo": put(media, "logo/lama.png", age=40 * DAY),
        "being_written": put(media, "alur/1/cc/baru.pdf", age=60),
        "cache_used": put(media, "cache/sop-pdf/1111.pdf", age=2 * DAY),
        "cache_unused": put(media, "cache/sop-pdf/2222.pdf", age=45 * DAY),
        "cache_partial": put(media, "cache/sop-pdf/3333.3333.tmp", age=2 * HOUR),
    }


def run(*args) -> str:
    out = io.StringIO()
    call_command("clean_media", *args, stdout=out)
    return out.getvalue()


ORPHANS = {"orphan_upload", "orphan_buku", "old_logo", "cache_unused", "cache_partial"}


def test_dry_run_lists_the_orphans_and_deletes_nothing(files, media):
    output = run()

    listed = {key for key, path in files.items() if str(path.relative_to(media)) in output}
    assert listed == ORPHANS
    assert all(path.exists() for path in files.values())
    assert "5 berkas tak terpakai" in output and "--hapus" in output


def test_hapus_deletes_only_the_orphans_and_their_empty_folders(files, media):
    output = run("--hapus")

    assert {key for key, path in files.items() if not path.exists()} == ORPHANS
    assert "5 berkas tak terpakai dihapus" in output
    assert not (media / "alur/1/bb").exists()  # the upload's own folder went with it
    assert (media / "alur/1").is_dir()
    assert run() == "Tidak ada berkas tak terpakai.\n"


def test_minimum_age_and_cache_age_are_settings(files, media):
    run("--hapus", "--umur-menit", "1", "--cache-hari", "0")

    assert not files["being_written"].exists()
    assert files["cache_unused"].exists()  # finished cache entries are kept with --cache-hari 0
    assert not files["cache_partial"].exists()
    assert files["task"].exists() and files["logo"].exists() and files["buku"].exists()


def test_a_minimum_age_below_one_minute_is_refused(media):
    with pytest.raises(CommandError, match="paling kecil 1"):
        run("--umur-menit", "0")


def test_a_cache_entry_in_use_is_kept_and_a_failed_render_leaves_no_partial(media, monkeypatch):
    sop = build_sop(steps=2, columns=1)
    path, _hit = cached_sop_pdf(sop, "A4")
    os.utime(path, (time.time() - 45 * DAY,) * 2)

    assert cached_sop_pdf(sop, "A4") == (path, True)  # a download marks it used
    assert run("--hapus") == "Tidak ada berkas tak terpakai.\n" and path.exists()

    def disk_full(self, target):
        raise OSError("disk penuh")

    monkeypatch.setattr(Path, "replace", disk_full)
    with pytest.raises(OSError):
        cached_sop_pdf(sop, "F4")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_import_uploads_past_their_lifetime_are_taken_when_no_new_upload_purges_them(media, tmp_path):
    from sop.importing.storage import LIFETIME_SECONDS, upload_save

    user = UserFactory()
    old = upload_save(user=user, opd_id=None, files=[("lama.docx", b"PK lama")])
    for path in (tmp_path / "impor" / old).iterdir():
        moment = time.time() - LIFETIME_SECONDS - HOUR
        os.utime(path, (moment, moment))
    fresh = upload_save(user=user, opd_id=None, files=[("baru.docx", b"PK baru")])

    listed = run()
    run("--hapus")

    assert f"impor/{old}/0.bin" in listed and fresh not in listed
    assert not (tmp_path / "impor" / old).exists()
    assert (tmp_path / "impor" / fresh / "0.bin").exists()
