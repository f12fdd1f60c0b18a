"""Buku SOP: every disahkan SOP of an OPD in one PDF, with a cover and a daftar isi, built in the background."""

import io
import logging
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_tasks import task
from pypdf import PdfReader, PdfWriter

from sakip import media
from sakip.models import Opd, User
from sakip.states import TransitionError
from sop.buku_transitions import buku_fail, buku_finish, buku_progress, buku_retry, buku_start
from sop.models import BukuSop, Sop
from sop.printing import cached_sop_pdf
from sop.printing.layout import PAPERS
from sop.printing.metrics import FONT_DIR

logger = logging.getLogger(__name__)


def buku_sops(opd: Opd):
    """The SOPs that go into the book: those in force, in order of nomor."""
    return (
        Sop.objects.filter(opd=opd, status=Sop.Status.DISAHKAN)
        .select_related("opd__pemda", "pengesah")
        .prefetch_related("pelaksana", "langkah__pelaksana", "items__sop_terkait")
        .order_by("nomor", "judul")
    )


@transaction.atomic
def buku_request(*, opd: Opd, paper: str, user: User) -> BukuSop:
    """Queue a new book; the task starts once this transaction has committed."""
    buku = BukuSop.objects.create(opd=opd, kertas=paper, dibuat_oleh=user, jumlah_sop=buku_sops(opd).count())
    transaction.on_commit(lambda: build_buku_sop.enqueue(buku.pk))
    return buku


def _front_matter(buku: BukuSop, entries: list[dict], paper: str) -> bytes:
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
    return HTML(string=html).write_pdf()


def _print_all(buku: BukuSop, sops: list[Sop]) -> list[tuple[Sop, bytes, int]]:
    parts = []
    for done, sop in enumerate(sops, start=1):
        path, _hit = cached_sop_pdf(sop, buku.kertas)
        data = path.read_bytes()
        parts.append((sop, data, len(PdfReader(io.BytesIO(data)).pages)))
        buku = buku_progress(buku=buku, sop_selesai=done)
    return parts


def _join(buku: BukuSop, parts: list[tuple[Sop, bytes, int]]) -> PdfWriter:
    # The daftar isi's own length moves every page number; settle it before numbering.
    front_pages, entries = 0, []
    for _attempt in range(4):
        page = front_pages + 1
        entries = []
        for sop, _data, count in parts:
            entries.append({"sop": sop, "halaman": page, "jumlah": count})
            page += count
        front = _front_matter(buku, entries, buku.kertas)
        length = len(PdfReader(io.BytesIO(front)).pages)
        if length == front_pages:
            break
        front_pages = length
    writer = PdfWriter()
    writer.append(io.BytesIO(front))
    for _sop, data, _count in parts:
        writer.append(io.BytesIO(data))
    return writer


@task()
def build_buku_sop(buku_id: int) -> None:
    """Print every SOP (from the PDF cache where it can), then the cover and daftar isi, then join them."""
    buku = BukuSop.objects.select_related("opd__pemda").get(pk=buku_id)
    try:
        sops = list(buku_sops(buku.opd))
        buku = buku_start(buku=buku, jumlah_sop=len(sops))
        writer = _join(buku, _print_all(buku, sops))
        output = io.BytesIO()
        writer.write(output)
        with media.cleanup_after():  # a finish refused (the book was moved meanwhile) takes the file along
            name = default_storage.save(f"buku-sop/{secrets.token_hex(16)}.pdf", ContentFile(output.getvalue()))
            media.written_name(BukuSop, "berkas", name)
            buku_finish(buku=buku, berkas=name, jumlah_halaman=len(writer.pages))
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
