"""Render an SOP to HTML (print preview) and PDF (WeasyPrint), and cache PDFs by the content they show."""

import base64
import fcntl
import hashlib
import io
import json
import mimetypes
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse

from sakip.media import CACHE_ROOT, PARTIAL_SUFFIX
from sop.models import Sop
from sop.printing.flow_pdf import flow_pages_pdf
from sop.printing.font_tags import retagged, tag_font_subsets
from sop.printing.layout import FLOW_MARGIN, PAPERS, build_layout
from sop.printing.metrics import FONT_DIR
from sop.printing.shared_cache import render_once, shared_pdf

# Bump when the layout or the template changes what a PDF looks like: old cache entries then stop matching.
# 3: the "DRAF — belum disahkan" mark, the signature box; 4: 16+ pelaksana fit the page; 5: flowchart pages drawn
# from the layout (flow_pdf.py); 6: their font subsets tagged after their glyphs, without the licence text
RENDERER_VERSION = "6"
CACHE_DIR = f"{CACHE_ROOT}/sop-pdf"
# Where the visible signature goes: the element of the identity page that holds it (its size is in the print CSS).
SIGNATURE_ANCHOR = "ruang-ttd"
PX_TO_PT = 0.75  # WeasyPrint lays out in CSS pixels (1/96 in); PDF points are 1/72 in


Box = tuple[int, float, float, float, float]


def print_context(sop: Sop, paper: str, *, preview: bool = False) -> dict:
    portrait_w, portrait_h = PAPERS[paper]
    layout = build_layout(sop, paper)
    steps = list(sop.langkah.all())
    logo = sop.opd.pemda.logo
    if preview:
        font_base = static("fonts/dejavu/")
        logo_url = reverse("pemda-logo", args=[sop.opd.pemda_id]) if logo else ""
    else:
        font_base = FONT_DIR.as_uri() + "/"
        logo_url = logo_data_uri(logo) if logo else ""
    return {
        "sop": sop,
        "paper": paper,
        "portrait_w": portrait_w,
        "portrait_h": portrait_h,
        "layout": layout,
        "columns": layout.columns,
        "header_pt": layout.header_pt,
        "flow_margin": FLOW_MARGIN,
        "steps": steps,
        "utama": steps[1:-1],
        "font_base": font_base,
        "logo_url": logo_url,
        "preview": preview,
        "papers": list(PAPERS),
        "draft_mark": sop.status in (Sop.Status.DRAFT, Sop.Status.DIAJUKAN),
        # The PDF's flowchart pages are drawn from the layout (flow_pdf.py) into empty pages left for them; the
        # preview, and the pages that only say what is missing, stay HTML.
        "flow_drawn": not preview and bool(steps) and bool(layout.pelaksana),
    }


def logo_data_uri(logo) -> str:
    """The logo inlined in the print HTML: WeasyPrint needs something it can fetch, and in a remote storage (S3)
    the file has neither a local path nor a public URL (uploads leave only through views)."""
    with logo.open("rb") as handle:
        data = handle.read()
    kind = mimetypes.guess_type(logo.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def render_sop_html(sop: Sop, paper: str = "A4", *, preview: bool = False, request=None) -> str:
    """The print HTML; the preview passes its request, whose CSP nonce the <style> block carries."""
    return render_to_string("sop/print/sop_print.html", print_context(sop, paper, preview=preview), request=request)


def render_sop_pdf(sop: Sop, paper: str = "A4") -> bytes:
    """The SOP as a PDF, fonts embedded. Renders every time; see cached_sop_pdf for downloads."""
    return _sop_pdf(sop, paper)[0]


FLOW_PAGE_ANCHOR = "halaman-alur-{}"  # the empty page left for the n-th flowchart page (from 1)


def _sop_pdf(sop: Sop, paper: str) -> tuple[bytes, Box | None]:
    """The PDF and where its signature box lies: WeasyPrint lays out the identity page and the lembar kendali with
    an empty page for each flowchart page, numbered with the rest; each empty page is then replaced by the page
    flow_pdf.py draws from the layout."""
    from weasyprint import HTML

    context = print_context(sop, paper)
    html = render_to_string("sop/print/sop_print.html", context)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    box = anchor_box(document, SIGNATURE_ANCHOR)
    pdf = document.write_pdf()
    if not context["flow_drawn"]:
        return retagged(pdf), box
    layout = context["layout"]
    places = [anchor_page(document, FLOW_PAGE_ANCHOR.format(n)) for n in range(1, len(layout.pages) + 1)]
    if None in places:
        raise ValueError("the print template has no empty page for every flowchart page")
    drawn = flow_pages_pdf(
        sop, layout, [place + 1 for place in places], len(document.pages), draft_mark=context["draft_mark"]
    )
    return replace_pages(pdf, places, drawn), box


def replace_pages(pdf: bytes, places: list[int], pages_pdf: bytes) -> bytes:
    """`pdf` with its pages at `places` (from 0) replaced, in order, by the pages of `pages_pdf`. Its outline,
    metadata and other pages stay: they point at page objects, not at positions. Every font subset gets a tag after
    its glyphs (font_tags.py)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    drawn = PdfReader(io.BytesIO(pages_pdf))
    if len(drawn.pages) != len(places):
        raise ValueError(f"{len(drawn.pages)} drawn pages for {len(places)} places")
    for place, page in zip(places, drawn.pages, strict=True):
        writer.insert_page(page, place)
        writer.remove_page(place + 1)
    tag_font_subsets(writer.pages)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def pdf_with_box(html: str, anchor: str = SIGNATURE_ANCHOR) -> tuple[bytes, Box | None]:
    """The PDF of `html` and where its element `anchor` lies: (page, x1, y1, x2, y2) in PDF points, origin
    bottom-left (None when the page has no such element). Documents leave room for a signature this way."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    return document.write_pdf(), anchor_box(document, anchor)


def anchor_page(document, anchor: str) -> int | None:
    """The page (from 0) of a rendered WeasyPrint document that holds the element `anchor`."""
    return next((number for number, page in enumerate(document.pages) if anchor in page.anchors), None)


def anchor_box(document, anchor: str) -> Box | None:
    """Where the element `anchor` lies: (page, x1, y1, x2, y2) in PDF points, origin bottom-left."""
    number = anchor_page(document, anchor)
    if number is None:
        return None
    page = document.pages[number]
    left, top, right, bottom = (value * PX_TO_PT for value in page.anchors[anchor])
    height = page.height * PX_TO_PT
    return (number, left, height - bottom, right, height - top)


def render_for_signing(sop: Sop, paper: str = "A4") -> tuple[bytes, Box]:
    """The final PDF and where its signature goes (the "Disahkan oleh" box)."""
    pdf, box = _sop_pdf(sop, paper)
    if box is None:
        raise ValueError("the print template has no signature box")
    return pdf, box


class SignedFileError(Exception):
    """The stored signed file no longer matches the fingerprint kept at signing: it is not served."""


_signed_pdf_providers: list = []


def register_signed_pdf(provider) -> None:
    """provider(sop) -> an open file | None: the signed PDF of an SOP, which downloads get instead of a fresh render.
    A provider raises SignedFileError when the stored file does not match what was signed."""
    if provider not in _signed_pdf_providers:
        _signed_pdf_providers.append(provider)


def signed_pdf(sop: Sop):
    for provider in _signed_pdf_providers:
        if (path := provider(sop)) is not None:
            return path
    return None


def content_key(sop: Sop, paper: str) -> str:
    """A digest of everything the printed SOP shows; any edit gives a new key."""
    logo = sop.opd.pemda.logo
    data = {
        "v": RENDERER_VERSION,
        "paper": paper,
        "sop": {
            f.attname: str(getattr(sop, f.attname)) for f in Sop._meta.concrete_fields if f.attname != "diubah_pada"
        },
        "opd": [sop.opd.nama, sop.opd.pemda.nama, sop.opd.pemda.jenis, logo.name if logo else ""],
        "pengesah": sop.pengesah_tampil,  # the chosen pegawai's current name and jabatan until signed
        "pelaksana": [(p.pk, p.urutan, p.nama) for p in sop.pelaksana.all()],
        "langkah": [[str(getattr(step, f.attname)) for f in step._meta.concrete_fields] for step in sop.langkah.all()],
        "items": [
            (i.jenis, i.urutan, i.teks, i.sop_terkait.judul if i.sop_terkait_id else "") for i in sop.items.all()
        ],
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _hit(path: Path) -> bool:
    try:
        os.utime(path)  # marks the last use (clean_media drops entries unused for a month); fails when absent
    except FileNotFoundError:
        return False
    return True


def cached_sop_pdf(sop: Sop, paper: str = "A4") -> tuple[Path, bool]:
    """The PDF file for this content, rendered only when no file for the same content exists yet.

    The cache is a local working folder (MEDIA_ROOT/cache/ on this server's disk) whatever the default storage is:
    it holds nothing that cannot be rendered again, and its lock is a local file lock. With several servers it is
    backed by the cache they share (shared_cache.py): what one renders, the others take from there.

    One render per content, whoever asks first: a download that comes while the background render (or another
    download) of the same content is under way waits for it on a file lock, then reads its file; on another server,
    it waits on the shared cache's lock, then takes the PDF from there.
    """
    key = content_key(sop, paper)
    folder = Path(settings.MEDIA_ROOT) / CACHE_DIR
    path = folder / f"{key}.pdf"
    if _hit(path):
        return path, True
    folder.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if _hit(path):  # rendered while this one waited
                return path, True
            data, taken = shared_pdf(key), True
            if data is None:
                data, taken = render_once(key, lambda: render_sop_pdf(sop, paper))
            partial = path.with_suffix(f".{secrets.token_hex(4)}{PARTIAL_SUFFIX}")  # one per writer
            try:
                partial.write_bytes(data)
                partial.replace(path)  # atomic: a reader never sees half a file
            finally:
                partial.unlink(missing_ok=True)  # a disk that filled up mid-write leaves no half file
        finally:
            # Done (the PDF exists, newcomers never reach the lock) or failed: either way no lock file stays.
            path.with_suffix(".lock").unlink(missing_ok=True)
            fcntl.flock(lock, fcntl.LOCK_UN)
    return path, taken
