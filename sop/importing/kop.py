"""The kop: the Pemda and OPD lines above or left of the identity block, in whatever order an office puts them.

Each line is told apart by how it starts: the document's title ("STANDAR OPERASIONAL PROSEDUR …", the judul),
the Pemda ("PEMERINTAH KABUPATEN …", "PROVINSI …"), an OPD ("DINAS …", "KECAMATAN …"), a unit under it
("BIDANG …", "UPT …"), an address. The OPD is never a title line, and when the lines leave more than one OPD
possible, `Kop.others` says so and the import asks instead of choosing.
"""

import re

from sop.importing import values
from sop.importing.result import Kop

PEMDA_LINE = re.compile(
    r"^(?:PEMERINTAH(?:AN)?\s+(?:DAERAH\s+)?)?(KABUPATEN|KAB\.?|KOTA|PROVINSI|PROV\.?)\s+([A-Za-z][A-Za-z .'-]{1,80})$",
    re.I,
)
_JENIS = {"KABUPATEN": "kabupaten", "KAB": "kabupaten", "KOTA": "kota", "PROVINSI": "provinsi", "PROV": "provinsi"}

_TITLE = re.compile(
    r"^(?:STANDAR(?:D)? OPERASIONAL PROSEDUR|STANDARD OPERATING PROCEDURE|S ?O ?P\b|\(SOP\)|PROSEDUR TETAP|PROTAP"
    r"|PEDOMAN\b|\d{4}$)"
)
_IGNORED = re.compile(
    r"^(?:SATUAN KERJA|UNIT KERJA|SKPD|OPD|PERANGKAT DAERAH|INSTANSI|LOGO|LAMBANG|KOP)$"
    r"|^(?:JL|JLN|JALAN|ALAMAT|TELP|TELEPON|TLP|FAX|FAKS|EMAIL|E MAIL|WEBSITE|LAMAN|KODE POS)\b"
)
# An OPD of its own: the lines offices write for a dinas, badan, sekretariat, inspektorat, kecamatan, RSUD …
_OPD = re.compile(
    r"^(?:DINAS|BADAN|SEKRETARIAT|INSPEKTORAT|KECAMATAN|SATUAN POLISI|SATPOL|RUMAH SAKIT|RSUD|KANTOR"
    r"|BAPPEDA\w*|BAPPELITBANG\w*|BAPPELITBANGDA|BPKAD|BPKPD|BPBD|BKPSDM|BKPPD|BKD|BPKD|BAPENDA|DPMPTSP|DISDUKCAPIL"
    r"|DISKOMINFO|DINKES|DISDIK|DISHUB|SATPOL PP)\b"
)
# Either an OPD of its own or a unit of one: which one depends on what else the kop says.
_EITHER = re.compile(r"^(?:UPT|UPTD|PUSKESMAS|KELURAHAN|BIRO|BAGIAN|CABANG DINAS|INSTALASI|SEKOLAH|SMA|SMP|SD)\b")
# Always a unit inside an OPD, never the OPD.
_UNIT = re.compile(r"^(?:BIDANG|SUB ?BAGIAN|SUBBAG|SUB ?BIDANG|SUBBID|SEKSI|SUB ?SEKSI|UNIT|TIM)\b")


def pemda_of(line: str) -> tuple[str, str] | None:
    """'PEMERINTAH KABUPATEN BANGGAI' → ('Kabupaten Banggai', 'kabupaten'); None for a line that is not one."""
    match = PEMDA_LINE.match(" ".join(line.split()))
    if not match:
        return None
    jenis = _JENIS[match[1].upper().rstrip(".")]
    name = match[2].strip(" .,")
    if name.isupper():
        name = name.title()
    return f"{jenis.capitalize()} {name}", jenis


def _kind(key: str, judul_key: str) -> str:
    if not key or _IGNORED.search(key):
        return "ignored"
    if _TITLE.match(key):
        return "title"
    for kind, pattern in (("pemda", PEMDA_LINE), ("opd", _OPD), ("either", _EITHER), ("unit", _UNIT)):
        if pattern.match(key):
            return kind
    if len(judul_key) > 8 and (judul_key in key or key in judul_key):
        return "title"  # the judul standing alone above the identity block
    return "other"


def _entries(lines: list[str], judul: str) -> tuple[str, list[tuple[str, str]]]:
    """The Pemda line and the other lines as (kind, text), a wrapped line joined to the line it goes on from."""
    judul_key = values.normal(judul)
    pemda = ""
    entries: list[tuple[str, str]] = []
    previous = ""
    for raw in lines:
        line = " ".join(raw.replace("*", " ").split()).lstrip(" ,;:")
        key = values.normal(line)
        kind = _kind(key, judul_key)
        if kind == "other" and previous == "title":
            kind = "title"  # the title goes on over several lines until the Pemda or an OPD line
        elif kind == "other" and previous in ("opd", "either", "other") and entries:
            entries[-1] = (entries[-1][0], f"{entries[-1][1]} {line}")  # a long OPD name wrapped
            continue
        previous = kind
        if kind == "pemda":
            if not pemda or (key.startswith("PEMERINTAH") and not values.normal(pemda).startswith("PEMERINTAH")):
                pemda = line
        elif kind not in ("ignored", "title"):
            entries.append((kind, line))
    return pemda, entries


def read_kop(lines: list[str], *, judul: str, where: str = "") -> Kop:
    """The kop's Pemda, OPD and unit from its lines in document order."""
    pemda, entries = _entries(lines, judul)
    kop = Kop(pemda=pemda[:200], where=where)
    by_kind: dict[str, list[str]] = {"opd": [], "either": [], "other": [], "unit": []}
    for kind, text in entries:
        by_kind[kind].append(text)
    units = by_kind["unit"]
    if by_kind["opd"]:
        first, *rest = by_kind["opd"]
        # A UPT or bagian under a dinas is its unit, but it may be registered as an OPD of its own: offer both.
        # A line that names no kind of office beside an OPD line is a motto or a title, never a second OPD.
        kop.others = rest + by_kind["either"]
        units = by_kind["either"] + units
    elif by_kind["either"]:
        first, *rest = by_kind["either"]
        kop.others = rest + by_kind["other"]
    elif by_kind["other"]:
        first, *rest = by_kind["other"]
        kop.others = rest
    else:
        first = ""
    kop.opd = first.rstrip(" ,;:")[:250]
    kop.unit = units[0].rstrip(" ,;:")[:200] if units else ""
    kop.others = [other.rstrip(" ,;:")[:250] for other in kop.others]
    return kop
