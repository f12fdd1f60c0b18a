"""The content of an SOP in one shape, whether it comes from the editor, an import, a template or the database.

The editor's forms, the importer, the services, the transitions and the tests all speak these dataclasses;
`IDENTITY_FIELDS` and `SIGNER_FIELDS` are the one list of the identity block's fields.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

# What the "Disahkan oleh" box said when the SOP was signed; copied from the pegawai at approval.
SIGNER_FIELDS = ("disahkan_jabatan", "disahkan_nama", "disahkan_pangkat", "disahkan_nip")
IDENTITY_FIELDS = (
    "nomor",
    "judul",
    "tanggal_pembuatan",
    "tanggal_revisi",
    "tanggal_efektif",
    "pengesah",
    *SIGNER_FIELDS,
    "jenis_kegiatan",
    "pj_produk",
    "pj_kegiatan",
    "ruang_lingkup",
)
# The identity fields a person types in the editor; the signer's snapshot is written only by the approval.
EDITABLE_IDENTITY = tuple(name for name in IDENTITY_FIELDS if name not in SIGNER_FIELDS)
NULLABLE_IDENTITY = frozenset({"tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "pengesah"})

KEPUTUSAN = "keputusan"

# The most rows an SOP may have, the same for the editor (its formsets), the services and the importer; the
# settings' DATA_UPLOAD_MAX_NUMBER_FIELDS is sized so the editor can send an SOP this big.
MAX_LANGKAH = 500
MAX_PELAKSANA = 40
MAX_ITEMS = 200  # per list box; real ones hold a handful


@dataclass
class PelaksanaInput:
    kunci: str  # "p<id>" for a saved column, anything else for a new one
    nama: str
    id: int | None = None


@dataclass
class LangkahInput:
    """One step: a row of the flowchart with its Mutu Baku and what the step does in a run."""

    uraian: str
    pelaksana_kunci: str = ""
    simbol: str = "proses"
    ya_ke: int | None = None
    tidak_ke: int | None = None
    kelengkapan: str = ""
    waktu_nilai: Decimal | None = None
    waktu_satuan: str = "menit"
    waktu_teks: str = ""
    output: str = ""
    keterangan: str = ""
    aksi: str = "biasa"
    id: int | None = None
    # Where the step came from (an imported document's line or row), for messages; never saved.
    asal: str = field(default="", compare=False)


# The LangkahInput fields that are columns of sop.Langkah, in the order the editor shows them.
LANGKAH_FIELDS = (
    "uraian",
    "simbol",
    "ya_ke",
    "tidak_ke",
    "kelengkapan",
    "waktu_nilai",
    "waktu_satuan",
    "waktu_teks",
    "output",
    "keterangan",
    "aksi",
)


@dataclass
class ItemInput:
    teks: str
    sop_terkait_id: int | None = None
    id: int | None = None


@dataclass
class SopContent:
    """Everything an SOP holds besides its OPD and state: identity fields and the ordered rows."""

    identity: dict
    pelaksana: list[PelaksanaInput] = field(default_factory=list)
    langkah: list[LangkahInput] = field(default_factory=list)
    items: dict[str, list[ItemInput]] = field(default_factory=dict)


def signer_snapshot(pegawai, *, jabatan: str | None = None) -> dict[str, str]:
    """The "Disahkan oleh" box for a pegawai as they are today (a sakip.Pegawai), with the jabatan they sign
    as (sakip.pengesah: "Plt. Kepala …" for a designated Plt.) when given."""
    return {
        "disahkan_jabatan": jabatan if jabatan is not None else pegawai.jabatan,
        "disahkan_nama": pegawai.nama,
        "disahkan_pangkat": pegawai.pangkat,
        "disahkan_nip": pegawai.nip,
    }


# Words that tell what a step does in a run, for a suggestion where a document does not say (an import).
# Checked in order: the first match wins. A person confirms the suggestion in the editor.
_AKSI_WORDS = (
    ("tanda_tangan", re.compile(r"\b(penandatanganan|menandatangani|ditandatangani|tanda tangan)\b", re.I)),
    ("penomoran", re.compile(r"\b(penomoran|menomori)\b", re.I)),
    ("koreksi", re.compile(r"\b(koreksi|mengoreksi|dikoreksi)\b", re.I)),
    ("validasi", re.compile(r"\b(validasi|memvalidasi|verifikasi|memverifikasi)\b", re.I)),
    ("arsip", re.compile(r"\b(pengarsipan|mengarsipkan|diarsipkan)\b", re.I)),
    ("isi_data", re.compile(r"^\W*(menghimpun|mengumpulkan)\b.*\bdata\b", re.I)),
)


def suggest_aksi(uraian: str) -> str:
    """The aksi a step's words suggest ("biasa" when they suggest none)."""
    for aksi, words in _AKSI_WORDS:
        if words.search(uraian or ""):
            return aksi
    return "biasa"
