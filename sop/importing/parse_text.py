"""Text exported from a Word SOP: one line per paragraph or table row, the cells of a row split by tabs."""

import re

from django.utils.translation import gettext as _

from sop.importing.reader import Row, interpret
from sop.importing.result import ParsedDocument, SopImportError
from sop.importing.values import clean

# Control characters other than tab, line feed, vertical tab, form feed and carriage return; C1 controls
# come from bytes read as Latin-1; U+FFFD from bytes that were not UTF-16.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
# A real SOP export has a few hundred lines; the cap keeps a pathological upload from tying up a worker.
MAX_LINES = 20_000


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with: UTF-8, UTF-16 (Word's “Unicode Text”), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    head = data[:400]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
        return data.decode("utf-16-le", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _check_text(text: str) -> None:
    """Refuse binary data: a text export has no control characters besides tabs and line breaks."""
    bad = _CONTROL.findall(text)
    if "\x00" in text or len(bad) > max(8, len(text) // 200):
        first = _CONTROL.search(text)
        line = text.count("\n", 0, first.start()) + 1 if first else 1
        raise SopImportError(
            _(
                "berkas ini bukan teks (ada data biner, mis. di baris %(n)s). Unggah berkas .docx "
                "atau teks hasil ekspor Word (.txt)."
            )
            % {"n": line}
        )


def parse_text(data: bytes, *, filename: str) -> ParsedDocument:
    """Read a text export of an SOP; SopImportError says why a file cannot be read."""
    text, encoding = decode(data)
    _check_text(text)
    if not text.strip():
        raise SopImportError(_("berkas kosong: tidak ada teks di dalamnya."), filename=filename)
    document = ParsedDocument(filename=filename, source="teks")
    if encoding in ("cp1252", "latin-1"):
        document.warn(_("berkas bukan UTF-8; dibaca sebagai Windows-1252 — periksa huruf beraksen."))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    count = text.count("\n") + 1
    if count > MAX_LINES:
        raise SopImportError(
            _("berkas ini punya %(n)s baris; satu dokumen SOP paling banyak %(max)s baris.")
            % {"n": f"{count:,}".replace(",", "."), "max": f"{MAX_LINES:,}".replace(",", ".")}
        )
    where = _("baris %(n)s")  # translated once: a 5 MB export has hundreds of thousands of lines
    rows = [
        Row([clean(cell) for cell in line.split("\t")], where=where % {"n": number})
        for number, line in enumerate(text.split("\n"), start=1)
    ]
    return interpret(rows, document)
