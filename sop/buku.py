"""Buku SOP: every disahkan SOP of an OPD in one PDF, with a cover and a daftar isi, built in the background."""

import io
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task
from pypdf import PdfReader, PdfWriter

from sakip.models import Opd, User
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


def _save_progress(buku: BukuSop, **fields) -> None:
    for name, value in fields.items():
        setattr(buku, name, value)
    buku.save(update_fields=list(fields))


@task()
def build_buku_sop(buku_id: int) -> None:
    """Print every SOP (from the PDF cache where it can), then the cover and daftar isi, then join them."""
    buku = BukuSop.objects.select_related("opd__pemda").get(pk=buku_id)
    try:
        sops = list(buku_sops(buku.opd))
        _save_progress(buku, status=BukuSop.Status.BERJALAN, jumlah_sop=len(sops), sop_selesai=0)
        parts = []
        for done, sop in enumerate(sops, start=1):
            path, _hit = cached_sop_pdf(sop, buku.kertas)
            data = path.read_bytes()
            parts.append((sop, data, len(PdfReader(io.BytesIO(data)).pages)))
            _save_progress(buku, sop_selesai=done)
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
        output = io.BytesIO()
        writer.write(output)
        name = f"buku-sop-{buku.opd.pk}-{timezone.now():%Y%m%d-%H%M%S}.pdf"
        buku.berkas.save(name, ContentFile(output.getvalue()), save=False)
        _save_progress(
            buku,
            berkas=buku.berkas,
            jumlah_halaman=len(writer.pages),
            status=BukuSop.Status.SELESAI,
            selesai_pada=timezone.now(),
        )
    except Exception as error:  # the page must say it failed rather than spin forever
        logger.exception("Buku SOP %s gagal", buku_id)
        _save_progress(
            buku,
            status=BukuSop.Status.GAGAL,
            pesan=f"Buku SOP gagal disusun: {error}. Coba lagi; bila terus gagal, hubungi admin.",
            selesai_pada=timezone.now(),
        )
