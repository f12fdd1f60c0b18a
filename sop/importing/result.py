"""What a reader makes of one document: the SOP's fields and rows, and what it had to warn about."""

import copy
from dataclasses import dataclass, field

from sop.content import IDENTITY_FIELDS, NULLABLE_IDENTITY, ItemInput, LangkahInput, PelaksanaInput, SopContent
from sop.models import SopItem

LISTS = tuple(SopItem.Jenis.values)


class SopImportError(Exception):
    """A document that cannot be imported; the message names the file, where in it, and what is wrong."""

    def __init__(self, message: str, *, filename: str = "", where: str = "", details: list[str] | None = None):
        self.message = message
        self.filename = filename
        self.where = where
        self.details = list(details or [])
        super().__init__(message)

    def __str__(self) -> str:
        prefix = ", ".join(part for part in (self.filename, self.where) if part)
        text = f"{prefix}: {self.message}" if prefix else self.message
        if self.details:
            text += " " + " ".join(self.details)
        return text

    @property
    def lines(self) -> list[str]:
        """The message and its details, one per line (for pages and the command)."""
        prefix = ", ".join(part for part in (self.filename, self.where) if part)
        return [f"{prefix}: {self.message}" if prefix else self.message, *self.details]


class OpdNeeded(SopImportError):
    """The kop does not tell which OPD the SOP belongs to: a person must choose it (upload page, or --opd)."""


@dataclass
class Note:
    """A warning: the document was imported, but something in it needs a person's eye."""

    message: str
    where: str = ""
    step: int | None = None  # the step (index) it is about, so a choice made in the preview can answer it

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def blank_identity() -> dict:
    return {name: None if name in NULLABLE_IDENTITY else "" for name in IDENTITY_FIELDS}


def column_key(index: int) -> str:
    """The kunci of the document's n-th pelaksana column (the editor's key for a column not yet saved)."""
    return f"n{index}"


def _blank_content() -> SopContent:
    return SopContent(identity=blank_identity(), items={jenis: [] for jenis in LISTS})


@dataclass
class Kop:
    """The Pemda and OPD named in the document's kop, and whether that is enough to tell the OPD."""

    pemda: str = ""  # "PEMERINTAH KABUPATEN BANGGAI" as written
    opd: str = ""  # the OPD's name as written, without the title or the Pemda line
    unit: str = ""  # a bidang, bagian or UPT line under the OPD, as written
    others: list[str] = field(default_factory=list)  # further lines that could be the OPD instead
    where: str = ""


@dataclass
class ParsedDocument:
    """What the reader made of one file: the SOP's content in the editor's shape, and what only an import has."""

    filename: str
    source: str  # "teks" or "docx"
    content: SopContent = field(default_factory=_blank_content)
    kop: Kop = field(default_factory=Kop)
    numbers: list[str] = field(default_factory=list)  # each step's No as written, in order
    # step index → index of the pelaksana column its uraian names; a suggestion, saved only when a person accepts
    suggestions: dict[int, int] = field(default_factory=dict)
    marked: set[int] = field(default_factory=set)  # steps whose pelaksana the document itself marks
    chosen: list[int] = field(default_factory=list)  # steps whose pelaksana a person chose on import
    warnings: list[Note] = field(default_factory=list)
    action: str = ""  # set by sop_import: a new SOP, a new version, or a draft replaced

    @property
    def identity(self) -> dict:
        return self.content.identity

    @property
    def langkah(self) -> list[LangkahInput]:
        return self.content.langkah

    @property
    def pelaksana(self) -> list[PelaksanaInput]:
        return self.content.pelaksana

    @property
    def items(self) -> dict[str, list[ItemInput]]:
        return self.content.items

    def warn(self, message: str, where: str = "", *, step: int | None = None) -> None:
        self.warnings.append(Note(message, where, step))

    def column_of(self, step: LangkahInput) -> int | None:
        """The index of the step's pelaksana column, None when it has none."""
        key = step.pelaksana_kunci
        return int(key[1:]) if key.startswith("n") and key[1:].isdigit() else None

    def pelaksana_of(self, step: LangkahInput) -> str | None:
        index = self.column_of(step)
        return None if index is None or index >= len(self.pelaksana) else self.pelaksana[index].nama

    def to_save(self, *, pengesah=None) -> SopContent:
        """A copy of the content with the pengesah found for the signer (the document's own stays as read)."""
        content = copy.deepcopy(self.content)
        content.identity["pengesah"] = pengesah
        return content


def list_label(jenis: str) -> str:
    return str(dict(SopItem.Jenis.choices)[jenis])


__all__ = ["LISTS", "Kop", "Note", "OpdNeeded", "ParsedDocument", "SopImportError", "column_key", "list_label"]
