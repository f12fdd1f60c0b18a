"""Buku SOP: every disahkan SOP of an OPD in one PDF, with a cover and a daftar isi, built in the background.

The book grows with the OPD (300 SOPs and more), so nothing here holds more than one SOP at a time: the SOPs are
read a batch at a time, each is printed into the PDF cache and only its file and page count are kept, and the
files are joined by poppler's `pdfunite` in a temporary folder beside the storage, from where the finished book is
moved into place whole. pypdf's writer, used before, kept every page in the worker (0.4 MB per SOP). The bookmarks
(one per SOP, at its first page) are appended to the joined file by sop.pdf_outline, which reads only its page tree.
"""

import logging
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_tasks import task
from pypdf import PdfReader

from sakip import media
from sakip.models import Opd, User
from sakip.states import TransitionError
from sop.buku_transitions import buku_fail, buku_finish, buku_progress, buku_retry, buku_start
from sop.models import BukuSop, Sop
from sop.pdf_outline import append_bookmarks
from sop.printing import cached_sop_pdf
from sop.printing.font_tags import retagged
from sop.printing.layout import PAPERS
from sop.printing.metrics import FONT_DIR

logger = logging.getLogger(__name__)

# SOPs read (with their langkah and lists) per query: enough to keep the queries few, few enough that memory stays
# flat, and under SQLite's limit on the size of one IN list of a prefetch.
SOP_BATCH = 50
# pdfunite keeps every file it joins open; larger books are joined in groups, well under a worker's open-file limit.
JOIN_BATCH = 200
WORK_DIR = f"{media.CACHE_ROOT}/buku-sop"  # beside the storage, so the finished book is moved, not copied


@dataclass(frozen=True)
class Part:
    """One printed SOP as the book needs it: the daftar isi's line and the cached file."""

    nomor: str
    judul: str
    path: Path
    halaman: int


def _printable(queryset):
    return queryset.select_related("opd__pemda", "pengesah").prefetch_related(
        "pelaksana", "langkah__pelaksana", "items__sop_terkait"
    )


def buku_sops(opd: Opd):
    """The SOPs that go into the book: those in force, in order of nomor."""
    return Sop.objects.filter(opd=opd, status=Sop.Status.DISAHKAN).order_by("nomor", "judul", "pk")


def _in_batches(ids: list[int]) -> Iterator[Sop]:
    """The SOPs of `ids` in that order, read SOP_BATCH at a time (the list taken at the start is the book)."""
    for start in range(0, len(ids), SOP_BATCH):
        batch = ids[start : start + SOP_BATCH]
        found = _printable(Sop.objects.filter(pk__in=batch)).in_bulk()
        yield from (found[pk] for pk in batch if pk in found)


@transaction.atomic
def buku_request(*, opd: Opd, paper: str, user: User) -> BukuSop:
    """Queue a new book; the task starts once this transaction has committed."""
    buku = BukuSop.objects.create(opd=opd, kertas=paper, dibuat_oleh=user, jumlah_sop=buku_sops(opd).count())
    transaction.on_commit(lambda: build_buku_sop.enqueue(buku.pk))
    return buku


def _front_matter(buku: BukuSop, entries: list[dict], paper: str, target: Path) -> int:
    """Write the cover and daftar isi to `target`; returns their page count."""
    from weasyprint import HTML

    width, height = PAPERS[paper]
    html = render_to_string(
        "sop/print/buku_depan.html",
        {
            "buku": buku,
            "opd": buku.opd,
            "entries": entries,
            "width": width,
            "height": height,
            "font_base": FONT_DIR.as_uri() + "/",
        },
    )
    document = HTML(string=html).render()
    target.write_bytes(retagged(document.write_pdf()))  # its subsets and the SOPs' under names of their own
    return len(document.pages)


def _print_all(buku: BukuSop, ids: list[int]) -> tuple[BukuSop, list[Part]]:
    parts = []
    for done, sop in enumerate(_in_batches(ids), start=1):
        path, _hit = cached_sop_pdf(sop, buku.kertas)
        parts.append(Part(sop.nomor, sop.judul, path, len(PdfReader(path).pages)))
        buku = buku_progress(buku=buku, sop_selesai=done)
    return buku, parts


def _settled_front_matter(buku: BukuSop, parts: list[Part], target: Path) -> int:
    """The cover and daftar isi, numbered once their own length is known; returns that length."""
    # The daftar isi's own length moves every page number; settle it before numbering.
    front_pages = 0
    for _attempt in range(4):
        page, entries = front_pages + 1, []
        for part in parts:
            entries.append({"sop": part, "halaman": page, "jumlah": part.halaman})
            page += part.halaman
        length = _front_matter(buku, entries, buku.kertas, target)
        if length == front_pages:
            break
        front_pages = length
    return front_pages


def join_pdfs(paths: list[Path], target: Path) -> None:
    """Join the PDFs into `target` with pdfunite, whose memory does not grow with the number of files."""
    if len(paths) == 1:
        shutil.copyfile(paths[0], target)
        return
    if len(paths) > JOIN_BATCH:
        groups = []
        for start in range(0, len(paths), JOIN_BATCH):
            groups.append(target.with_name(f"{target.stem}-{len(groups)}{media.PARTIAL_SUFFIX}"))
            join_pdfs(paths[start : start + JOIN_BATCH], groups[-1])
        join_pdfs(groups, target)
        for group in groups:
            group.unlink()
        return
    command = shutil.which("pdfunite")
    if command is None:
        raise RuntimeError(_("pdfunite (paket poppler-utils) tidak terpasang di server"))
    done = subprocess.run([command, *map(str, paths), str(target)], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(_("pdfunite gagal: %(e)s") % {"e": done.stderr.strip()[-500:]})


def bookmarks(front_pages: int, parts: list[Part]) -> list[tuple[str, int]]:
    """The book's bookmarks: the cover and daftar isi, then every SOP at its first page (page indexes from 0)."""
    marks, page = [(_("Sampul dan daftar isi"), 0)], front_pages
    for part in parts:
        marks.append((f"{part.nomor} {part.judul}".strip(), page))
        page += part.halaman
    return marks


class _Finished(File):
    """The joined book in the work folder: FileSystemStorage moves a file that has a path (one rename, so the
    storage never holds half a book); any other storage reads it in chunks."""

    def temporary_file_path(self) -> str:
        return self.name


def _store(buku: BukuSop, parts: list[Part], work: Path) -> None:
    front, book = work / f"depan{media.PARTIAL_SUFFIX}", work / f"buku{media.PARTIAL_SUFFIX}"
    front_pages = _settled_front_matter(buku, parts, front)
    buku = buku_progress(buku=buku, sop_selesai=len(parts))  # a heartbeat before the join of a long book
    join_pdfs([front, *(part.path for part in parts)], book)
    append_bookmarks(book, bookmarks(front_pages, parts))
    pages = front_pages + sum(part.halaman for part in parts)
    with media.cleanup_after():  # a finish refused (the book was moved meanwhile) takes the file along
        with open(book, "rb") as handle:
            name = default_storage.save(f"buku-sop/{secrets.token_hex(16)}.pdf", _Finished(handle, name=str(book)))
        media.written_name(BukuSop, "berkas", name)
        buku_finish(buku=buku, berkas=name, jumlah_halaman=pages)


@task()
def build_buku_sop(buku_id: int) -> None:
    """Print every SOP (from the PDF cache where it can), then the cover and daftar isi, then join them."""
    buku = BukuSop.objects.select_related("opd__pemda").get(pk=buku_id)
    try:
        ids = list(buku_sops(buku.opd).values_list("pk", flat=True))
        buku = buku_start(buku=buku, jumlah_sop=len(ids))
        buku, parts = _print_all(buku, ids)
        root = Path(settings.MEDIA_ROOT) / WORK_DIR
        root.mkdir(parents=True, exist_ok=True)
        # A worker killed here leaves its folder of .tmp files behind; clean_media removes them.
        with tempfile.TemporaryDirectory(dir=root) as work:
            _store(buku, parts, Path(work))
    except TransitionError:
        # Someone else moved the book meanwhile (marked stale and failed, or retried): this run has no say.
        logger.warning("Buku SOP %s: pekerja berhenti, status buku sudah diubah", buku_id)
    except Exception as error:  # the page must say it failed rather than spin forever
        logger.exception("Buku SOP %s gagal", buku_id)
        pesan = _("Buku SOP gagal disusun: %(e)s. Coba lagi; bila terus gagal, hubungi admin.") % {"e": error}
        buku_fail(buku=buku, pesan=pesan)


@transaction.atomic
def buku_retry_request(*, buku: BukuSop, user: User) -> BukuSop:
    """Queue a failed book again; the task starts once this transaction has committed."""
    buku = buku_retry(buku=buku, actor=user)
    transaction.on_commit(lambda: build_buku_sop.enqueue(buku.pk))
    return buku
