"""The template document: the content of an SOP without an OPD, as JSON, with placeholders for the OPD's words.

A document reads (every key but format, slug, versi, judul, pelaksana and langkah may be left out):

    {"format": "sakip-sop-templat/1", "slug": "pengukuran-kinerja", "versi": 1, "judul": "Pengukuran Kinerja",
     "deskripsi": "…", "identitas": {"jenis_kegiatan": "Rutin", "pj_produk": "{kepala}", …},
     "pelaksana": ["{kepala}", "Sekretaris", …],
     "langkah": [{"uraian": "…", "pelaksana": "{kepala}", "simbol": "terminator", "kelengkapan": "…",
                  "waktu_nilai": "15", "waktu_satuan": "menit", "output": "…", "aksi": "biasa"}, …],
     "daftar": {"dasar_hukum": ["…"], "kualifikasi": […], …}}

A step names its pelaksana by the role's name; its other keys are sop.content.LANGKAH_FIELDS. Placeholders are
`{opd}`, `{opd_singkatan}`, `{kepala}` (the Kepala's jabatan) and `{pemda}`; `{{` and `}}` stand for braces.
The document is read through the editor's own forms and sop.structure, so a template holds only what the editor
would accept (sop.library.validate).
"""

import copy
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sop.content import (  # noqa: F401 (MAX_PELAKSANA: a template's bound is an SOP's, re-exported)
    EDITABLE_IDENTITY,
    LANGKAH_FIELDS,
    MAX_PELAKSANA,
    ItemInput,
    LangkahInput,
    PelaksanaInput,
    SopContent,
)

FORMAT = "sakip-sop-templat/1"
PLACEHOLDERS = {
    "opd": gettext_lazy("nama OPD"),
    "opd_singkatan": gettext_lazy("singkatan OPD"),
    "kepala": gettext_lazy("jabatan Kepala OPD"),
    "pemda": gettext_lazy("nama Pemda"),
}
# The identity fields a template carries: the OPD's own (nomor, dates, pengesah) are the OPD's to fill in.
TEMPLATE_IDENTITY = tuple(
    name for name in EDITABLE_IDENTITY if name not in ("nomor", "judul", "pengesah") and not name.startswith("tanggal")
)
REQUIRED_KEYS = ("format", "slug", "versi", "judul", "pelaksana", "langkah")
TOP_KEYS = frozenset({*REQUIRED_KEYS, "deskripsi", "identitas", "daftar"})
STEP_KEYS = ("pelaksana", *LANGKAH_FIELDS)
TEXT_STEP_FIELDS = ("uraian", "kelengkapan", "waktu_teks", "output", "keterangan")
# Bounds for a document anyone may upload.
MAX_BYTES = 1_000_000
MAX_TEXT = 4000
MAX_LANGKAH = 500
MAX_ITEMS = 100
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


@dataclass
class Template:
    """A read and checked template document; `content` holds its words with the placeholders unfilled."""

    slug: str
    versi: int
    judul: str
    deskripsi: str
    content: SopContent

    @property
    def roles(self) -> list[str]:
        return [column.nama for column in self.content.pelaksana]

    def document(self) -> dict:
        return {
            "format": FORMAT,
            "slug": self.slug,
            "versi": self.versi,
            "judul": self.judul,
            "deskripsi": self.deskripsi,
            **document_of(self.content),
        }


def unknown_placeholders(text: str) -> list[str]:
    return [m.group(1) for m in _TOKEN.finditer(text) if m.group(1) is not None and m.group(1) not in PLACEHOLDERS]


def fill_text(text: str, values: dict[str, str]) -> str:
    """The text with each placeholder replaced by its value; `{{`/`}}` become braces. Nothing else is evaluated."""

    def replace(match: re.Match) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        return values.get(match.group(1), token)

    return _TOKEN.sub(replace, text)


def escape_text(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def map_texts(content: SopContent, change) -> SopContent:
    """A copy of the content with `change(text)` applied to every word a reader sees."""
    result = copy.deepcopy(content)
    for name, value in result.identity.items():
        if isinstance(value, str):
            result.identity[name] = change(value)
    for column in result.pelaksana:
        column.nama = change(column.nama)
    for step in result.langkah:
        for name in TEXT_STEP_FIELDS:
            setattr(step, name, change(getattr(step, name)))
    for items in result.items.values():
        for item in items:
            item.teks = change(item.teks)
    return result


def fill(content: SopContent, values: dict[str, str]) -> SopContent:
    return map_texts(content, lambda text: fill_text(text, values))


def with_roles(content: SopContent, names: list[str]) -> SopContent:
    """The content with the i-th pelaksana renamed names[i]; roles given the same name become one column."""
    result = copy.deepcopy(content)
    columns: list[PelaksanaInput] = []
    by_name: dict[str, PelaksanaInput] = {}
    moved: dict[str, str] = {}
    for column, name in zip(result.pelaksana, names, strict=True):
        name = name.strip() or column.nama
        kept = by_name.get(name.casefold())
        if kept is None:
            column.nama = name
            by_name[name.casefold()] = column
            columns.append(column)
        else:
            moved[column.kunci] = kept.kunci
    result.pelaksana = columns
    for step in result.langkah:
        step.pelaksana_kunci = moved.get(step.pelaksana_kunci, step.pelaksana_kunci)
    return result


def _decimal_text(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _step_document(step: LangkahInput, names: dict[str, str]) -> dict:
    defaults = LangkahInput(uraian="")
    data = {"uraian": step.uraian}
    if step.pelaksana_kunci in names:
        data["pelaksana"] = names[step.pelaksana_kunci]
    for name in LANGKAH_FIELDS[1:]:
        value = getattr(step, name)
        if name == "waktu_satuan" and step.waktu_nilai is not None:
            data[name] = value
        elif value not in (None, "") and value != getattr(defaults, name):
            data[name] = _decimal_text(value) if isinstance(value, Decimal) else value
    return data


def document_of(content: SopContent) -> dict:
    """identitas, pelaksana, langkah and daftar of a template document, from an SOP's content."""
    names = {column.kunci: column.nama for column in content.pelaksana}
    return {
        "identitas": {name: content.identity.get(name) or "" for name in TEMPLATE_IDENTITY},
        "pelaksana": [column.nama for column in content.pelaksana],
        "langkah": [_step_document(step, names) for step in content.langkah],
        "daftar": {
            jenis: [item.teks for item in items if item.teks] for jenis, items in content.items.items() if items
        },
    }


def role_key(index: int) -> str:
    return f"r{index + 1}"


def item_inputs(texts: list[str]) -> list[ItemInput]:
    return [ItemInput(teks=text) for text in texts]


class TemplateError(Exception):
    """A template document the editor would not accept; `messages` says what to fix, each in one sentence."""

    def __init__(self, messages: list[str], *, source: str = ""):
        self.messages = messages
        self.source = source
        super().__init__("; ".join(messages))

    def __str__(self) -> str:
        head = _("Templat %(sumber)s ditolak") % {"sumber": self.source} if self.source else _("Templat ditolak")
        return f"{head}: " + " ".join(self.messages)
