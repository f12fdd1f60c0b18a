"""One entry point for every format: check the size, recognise the format, read."""

import logging

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sop.importing.parse_docx import parse_docx
from sop.importing.parse_text import parse_text
from sop.importing.result import ParsedDocument, SopImportError

MAX_BYTES = 5 * 1024 * 1024

logger = logging.getLogger(__name__)

_REFUSED = (
    (b"%PDF", gettext_lazy("berkas PDF tidak bisa diimpor; unggah dokumen Word (.docx) atau teks hasil ekspornya.")),
    (
        b"\xd0\xcf\x11\xe0",
        gettext_lazy("berkas Word/Excel format lama (.doc/.xls); buka di Word lalu simpan sebagai .docx."),
    ),
    (b"{\\rtf", gettext_lazy("berkas RTF; buka di Word lalu simpan sebagai .docx.")),
    (b"\x89PNG", gettext_lazy("berkas gambar (PNG), bukan dokumen SOP.")),
    (b"\xff\xd8\xff", gettext_lazy("berkas gambar (JPEG), bukan dokumen SOP.")),
)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def read_document(*, data: bytes, filename: str) -> ParsedDocument:
    """The SOP in `data`, or SopImportError naming the file, where in it, and what is wrong."""
    try:
        if not data:
            raise SopImportError(_("berkas kosong (0 byte)."))
        if len(data) > MAX_BYTES:
            raise SopImportError(
                _("berkas terlalu besar (%(size)s MB); paling besar %(max)s MB.")
                % {"size": megabytes(len(data)), "max": megabytes(MAX_BYTES)}
            )
        for magic, message in _REFUSED:
            if data.startswith(magic):
                raise SopImportError(str(message))
        if data.startswith(b"PK\x03\x04"):
            return parse_docx(data, filename=filename)
        return parse_text(data, filename=filename)
    except SopImportError as error:
        error.filename = filename
        raise
    except RecursionError as error:
        raise SopImportError(_("struktur dokumen terlalu dalam untuk dibaca."), filename=filename) from error
