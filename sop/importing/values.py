"""Values as offices write them: dates, waktu, numbered lists, the signature block, pelaksana marks.

Every reader here takes text and gives back a value or says it could not; none raises on odd input.
"""

import datetime
import html
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sakip.nip import normalize_nip

# A drawn flowchart symbol in a .docx cell is passed to the table reader as this character followed by
# the symbol's kind; the text readers never produce it.
SYMBOL = "\ue000"

_TAG_BREAK = re.compile(r"</b>\s*<b>|<br\s*/?>|</(?:p|li|div|tr|h[1-6])\s*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,300}>")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")


def clean(text: str) -> str:
    """Cell text without HTML/Markdown markup of the export; one line per paragraph, spaces collapsed."""
    if not text:
        return ""
    if "<" in text:
        text = _TAG_BREAK.sub("\n", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = _INVISIBLE.sub("", text.replace("**", "").replace("__", ""))
    lines = []
    for line in text.replace("\r", "\n").split("\n"):
        line = _MARKDOWN_HEADING.sub("", _SPACES.sub(" ", line).strip())
        if line:
            lines.append(line)
    return "\n".join(lines)


def normal(text: str) -> str:
    """A label reduced for comparison: upper case, punctuation as spaces, single spaces."""
    text = re.sub(r"[^0-9A-Za-z/()]+", " ", text.upper())
    return " ".join(text.split())


# ---------------------------------------------------------------- dates

_BULAN = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "pebruari": 2,
    "feb": 2,
    "peb": 2,
    "febr": 2,
    "february": 2,
    "maret": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "agus": 8,
    "agust": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nopember": 11,
    "nov": 11,
    "nop": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
    "december": 12,
}
_HARI = r"(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)"
_DATE_WORDS = re.compile(
    rf"^(?:{_HARI}\s*,?\s*)?(?:tanggal\s+|tgl\.?\s*)?(\d{{1,2}})\s*[-\s.]\s*([a-z]+)\.?\s*[-\s.]\s*(\d{{4}})\.?$",
    re.IGNORECASE,
)
_DATE_NUMBERS = re.compile(r"^(?:tanggal\s+|tgl\.?\s*)?(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})\.?$", re.I)
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class UnreadableDate(ValueError):
    pass


def parse_tanggal(text: str) -> datetime.date | None:
    """'05 Februari 2020', '2 Juli 2023', '05-02-2020', '05/02/2020', 'Pebruari', 'Nopember', 'Agt' …

    None for an empty text; UnreadableDate when there is text that is not a date.
    """
    text = " ".join(text.split()).strip(" ,;:")
    if not text or text in {"-", "–", "—"}:
        return None
    year = month = day = None
    if match := _DATE_WORDS.match(text):
        day, name, year = int(match[1]), match[2].lower(), int(match[3])
        month = _BULAN.get(name)
    elif match := _DATE_NUMBERS.match(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
        if len(match[4]) == 2:
            year += 2000
    elif match := _DATE_ISO.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    if month is None:
        raise UnreadableDate(text)
    try:
        value = datetime.date(year, month, day)
    except ValueError:
        raise UnreadableDate(text) from None
    if not 1945 <= value.year <= 2200:
        raise UnreadableDate(text)
    return value


# ---------------------------------------------------------------- waktu

_SATUAN = {
    "menit": "menit",
    "mnt": "menit",
    "mn": "menit",
    "min": "menit",
    "menit kerja": "menit",
    "jam": "jam",
    "jm": "jam",
    "jam kerja": "jam",
    "hari": "hari",
    "hr": "hari",
    "hari kerja": "hari",
    "hk": "hari",
    "minggu": "minggu",
    "mgg": "minggu",
    "mg": "minggu",
    "pekan": "minggu",
    "minggu kerja": "minggu",
    "bulan": "bulan",
    "bln": "bulan",
}
_WAKTU = re.compile(r"^(?:±\s*)?(\d{1,6}(?:[.,]\d{1,2})?)\s*([a-z]+(?:\s+kerja)?)?\.?$", re.IGNORECASE)
_MAX_WAKTU = Decimal("999999.99")


@dataclass
class Waktu:
    nilai: Decimal | None
    satuan: str
    teks: str = ""  # kept as written when it is not a number and a unit

    @property
    def understood(self) -> bool:
        return self.nilai is not None or not self.teks


def satuan_of_header(header: str) -> str:
    """'Waktu (menit)' → menit; a header without a unit means menit."""
    inner = re.search(r"\(([^)]*)\)", header)
    if inner:
        return _SATUAN.get(inner[1].strip().lower().rstrip("."), "menit")
    return "menit"


def parse_waktu(text: str, default_satuan: str = "menit") -> Waktu:
    """'15', '20 Menit', '1 jam', '2 hari', '120 hari', '1 minggu' → a number and a unit."""
    text = " ".join(text.split())
    if not text or text in {"-", "–", "—"}:
        return Waktu(None, default_satuan)
    match = _WAKTU.match(text)
    if match:
        satuan = default_satuan if match[2] is None else _SATUAN.get(match[2].lower())
        try:
            nilai = Decimal(match[1].replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
            nilai = None
        if satuan is not None and nilai is not None and Decimal(0) < nilai <= _MAX_WAKTU:
            return Waktu(nilai.quantize(Decimal("0.01")), satuan)
    return Waktu(None, default_satuan, text[:100])


# ---------------------------------------------------------------- lists

_MARKER = re.compile(r"(?:(?<=\s)|^)(\d{1,3})\s?[.)](?=\s|$)")
_BULLET = re.compile(r"^(?:[-–•*·▪●○◦]|\d{1,3}\s?[.)]|[a-z][.)])\s+")
# The sentence that closes a numbered box ("… paraf Setiap tahap terdokumentasi …", seeds 000/001): the
# Word export glued it to the last item. Only these openers are split off, so a long item is never cut.
_CLOSING = re.compile(r"\s(?=(?:Setiap|Seluruh|Semua)\s+(?:tahap|kegiatan|dokumen|proses|langkah)\b)")


# Words after which a number is part of a citation ("No. 5. ", "Pasal 3. "), never the next item's number.
_CITATION = re.compile(r"(?:\bno|nomor|pasal|ayat|tahun|angka|huruf|bab|lampiran|ke|pp|uu)\.?\s*$", re.I)


def _is_gap(line: str, match: re.Match, number: int, expected: int) -> bool:
    """An inline marker that skips a number ("… 2. B 4. C"): the list goes on with a gap, as written."""
    if not expected < number <= expected + 3 or expected == 1:
        return False
    after = line[match.end() :].lstrip()
    return bool(after[:1].isupper()) and not _CITATION.search(line[: match.start()])


def split_numbered(lines: list[str]) -> list[tuple[int | None, str]]:
    """The items of a list box with their numbers as written: '1. … 2. …' inline or one per line.

    A line without a number is an item of its own (one-sentence boxes, the closing sentence of a list).
    """
    items: list[tuple[int | None, str]] = []
    expected = 1
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        cuts = []  # (start of marker, start of text, number)
        for match in _MARKER.finditer(line):
            number = int(match[1])
            if number == expected or (match.start() == 0 and number >= 1) or _is_gap(line, match, number, expected):
                cuts.append((match.start(), match.end(), number))
                expected = number + 1
        if not cuts:
            items.append((None, _BULLET.sub("", line).strip()))
            continue
        if cuts[0][0] > 0:
            items.append((None, _BULLET.sub("", line[: cuts[0][0]]).strip()))
        for index, (_start, text_start, number) in enumerate(cuts):
            inline = index + 1 < len(cuts)
            item = line[text_start : cuts[index + 1][0] if inline else len(line)].strip()
            # "1. ATK; 2. Komputer": the separator before the next number is not part of the item.
            items.append((number, item.rstrip(";,").strip() if inline else item))
        if len(cuts) > 1 or cuts[0][0] == 0:
            number, last = items.pop()
            first, *rest = _CLOSING.split(last, maxsplit=1)
            items.append((number, first.strip()))
            items.extend((None, part.strip()) for part in rest)
    return [(number, text) for number, text in items if text and text not in {"-", "–"}]


def split_items(lines: list[str]) -> list[str]:
    """The items of a list box, numbers and bullets dropped."""
    return [text for _number, text in split_numbered(lines)]


# ---------------------------------------------------------------- pelaksana marks

_NOT_A_MARK = {"", "-", "–", "—", "_"}


def mark_of(cell: str) -> str:
    """What stands in a pelaksana cell: '' for nothing, else the mark (a symbol kind for a drawn symbol)."""
    text = cell.strip()
    if text.startswith(SYMBOL):
        return text
    return "" if text in _NOT_A_MARK else text


def symbol_kind(mark: str) -> str:
    """The simbol of a drawn symbol ('terminator', 'proses', 'keputusan'); '' for a typed mark."""
    return mark[1:] if mark.startswith(SYMBOL) else ""


# ---------------------------------------------------------------- the signature block

_PANGKAT = re.compile(
    r"\b(?:pembina\s+utama\s+madya|pembina\s+utama\s+muda|pembina\s+utama|pembina|penata\s+muda|penata"
    r"|pengatur\s+muda|pengatur|juru\s+muda|juru)\b"
    r"(?:\s+(?:tingkat|tk)\.?\s*(?:i|1)\b)?"
    r"(?:\s*[,(/-]?\s*(?:iv|iii|ii|i)\s*/\s*[a-e]\b\)?)?",
    re.IGNORECASE,
)
_NIP = re.compile(r"(?:\bNIP\b\.?\s*:?\s*)?(\d{8}[\s.-]?\d{6}[\s.-]?\d[\s.-]?\d{3})(?!\d)", re.IGNORECASE)
_NIP_LABEL = re.compile(r"\bNIP\b\.?\s*:?\s*([\d\s.-]*\d)?", re.IGNORECASE)
_JABATAN_START = re.compile(
    r"^(?:a\.?n\.?\s+|plt\.?\s+|plh\.?\s+|pj\.?\s+)?(?:kepala|sekretaris|kabid|kabag|kasubag|kasubbag|kasubbid|"
    r"kasi|camat|lurah|direktur|inspektur|bupati|wakil|wali\s*kota|walikota|gubernur|asisten|staf\s+ahli|"
    r"sekda|ketua|pimpinan|plt|plh)\b",
    re.IGNORECASE,
)


@dataclass
class Signer:
    jabatan: str = ""
    nama: str = ""
    pangkat: str = ""
    nip: str = ""  # digits as written
    nip_found: bool = False


def find_nip(text: str) -> re.Match | None:
    return _NIP.search(text)


def parse_signer(lines: list[str]) -> Signer:
    """Jabatan, nama, pangkat and NIP from the lines of a 'Disahkan oleh' block, however they are split."""
    signer = Signer()
    rest: list[str] = []
    for line in lines:
        match = _NIP.search(line)
        if match and not signer.nip_found:
            signer.nip = normalize_nip(match[1])
            signer.nip_found = True
            line = (line[: match.start()] + " " + line[match.end() :]).strip()
        elif not signer.nip_found and (label := _NIP_LABEL.search(line)):
            # "NIP. 1969 0815" too short or garbled: keep what is there so the warning can show it.
            signer.nip = normalize_nip(label[1] or "")
            signer.nip_found = True
            line = line[: label.start()].strip()
        rest.append(line)
    for index in range(len(rest) - 1, -1, -1):
        matches = list(_PANGKAT.finditer(rest[index]))
        if matches:
            match = matches[-1]
            signer.pangkat = match[0].strip(" ,")
            before, after = rest[index][: match.start()], rest[index][match.end() :]
            rest[index : index + 1] = [before, after]
            break
    parts = [part.strip() for part in rest if part.strip(" ,;:")]
    if not parts:
        return signer
    if len(parts) == 1 and not signer.nip_found and not signer.pangkat and _JABATAN_START.match(parts[0]):
        signer.jabatan = parts[0]
        return signer
    # The name is the last line above pangkat and NIP; everything above it is the jabatan, as written.
    signer.nama = parts[-1].strip(" ,;:")
    signer.jabatan = " ".join(parts[:-1])
    return signer
