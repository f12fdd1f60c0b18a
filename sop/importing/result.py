"""What a reader makes of one document: the SOP's fields and rows, and what it had to warn about."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from sop.content import ItemInput, LangkahInput, PelaksanaInput, SopContent
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


@dataclass
class Note:
    """A warning: the document was imported, but something in it needs a person's eye."""

    message: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class ParsedStep:
    uraian: str
    where: str = ""
    number: str = ""  # as written in the No column
    pelaksana_index: int | None = None
    simbol: str = ""  # from a drawn symbol (.docx); empty: terminator first/last, proses between
    kelengkapan: str = ""
    waktu_nilai: Decimal | None = None
    waktu_satuan: str = "menit"
    waktu_teks: str = ""
    output: str = ""
    keterangan: str = ""


@dataclass
class ParsedDocument:
    filename: str
    source: str  # "teks" or "docx"
    nomor: str = ""
    judul: str = ""
    tanggal_pembuatan: datetime.date | None = None
    tanggal_revisi: datetime.date | None = None
    tanggal_efektif: datetime.date | None = None
    disahkan_jabatan: str = ""
    disahkan_nama: str = ""
    disahkan_pangkat: str = ""
    disahkan_nip: str = ""
    jenis_kegiatan: str = ""
    pj_produk: str = ""
    pj_kegiatan: str = ""
    ruang_lingkup: str = ""
    kop_pemda: str = ""  # "PEMERINTAH KABUPATEN BANGGAI" as written
    kop_opd: str = ""
    pelaksana: list[str] = field(default_factory=list)
    steps: list[ParsedStep] = field(default_factory=list)
    items: dict[str, list[str]] = field(default_factory=lambda: {jenis: [] for jenis in LISTS})
    warnings: list[Note] = field(default_factory=list)
    action: str = ""  # set by sop_import: a new SOP, a new version, or a draft replaced

    def warn(self, message: str, where: str = "") -> None:
        self.warnings.append(Note(message, where))

    def identity(self) -> dict:
        return {
            "nomor": self.nomor,
            "judul": self.judul,
            "tanggal_pembuatan": self.tanggal_pembuatan,
            "tanggal_revisi": self.tanggal_revisi,
            "tanggal_efektif": self.tanggal_efektif,
            "disahkan_jabatan": self.disahkan_jabatan,
            "disahkan_nama": self.disahkan_nama,
            "disahkan_pangkat": self.disahkan_pangkat,
            "disahkan_nip": self.disahkan_nip,
            "jenis_kegiatan": self.jenis_kegiatan,
            "pj_produk": self.pj_produk,
            "pj_kegiatan": self.pj_kegiatan,
            "ruang_lingkup": self.ruang_lingkup,
        }

    def content(self, *, pengesah=None) -> SopContent:
        """The document in the shape the editor sends, so saving runs the editor's checks."""
        last = len(self.steps) - 1
        langkah = []
        for index, step in enumerate(self.steps):
            simbol = step.simbol or ("terminator" if index in (0, last) else "proses")
            langkah.append(
                LangkahInput(
                    uraian=step.uraian,
                    pelaksana_kunci="" if step.pelaksana_index is None else f"n{step.pelaksana_index}",
                    simbol=simbol,
                    kelengkapan=step.kelengkapan,
                    waktu_nilai=step.waktu_nilai,
                    waktu_satuan=step.waktu_satuan,
                    waktu_teks=step.waktu_teks,
                    output=step.output,
                    keterangan=step.keterangan,
                )
            )
        return SopContent(
            identity={**self.identity(), "pengesah": pengesah},
            pelaksana=[PelaksanaInput(kunci=f"n{i}", nama=name) for i, name in enumerate(self.pelaksana)],
            langkah=langkah,
            items={jenis: [ItemInput(teks=text) for text in self.items.get(jenis, [])] for jenis in LISTS},
        )


def list_label(jenis: str) -> str:
    return str(dict(SopItem.Jenis.choices)[jenis])


__all__ = ["LISTS", "Note", "ParsedDocument", "ParsedStep", "SopImportError", "list_label"]
