"""Short synthetic SOP documents for the layout variations: a text export is lines of tab-separated cells."""

from sop.importing import ParsedDocument, read_document

# An identity block as most offices write it, for tests about something else.
IDENTITY = (
    "PEMERINTAH KABUPATEN SIGI\tNomor SOP\t800/017/DISPERKIM/2022",
    "\tTanggal Pembuatan\t10 Januari 2022",
    "\tTanggal Revisi\t",
    "\tTanggal Efektif\t01 Februari 2022",
    "DINAS PERUMAHAN DAN KAWASAN PERMUKIMAN\tDisahkan Oleh\tKepala Dinas Hj. Nurlela, S.T., M.Si "
    "Pembina Tk. I (IV/b) NIP. 19750312 200003 2 004",
    "\tNama SOP\tPelayanan Rekomendasi Teknis",
)
HEADER = "No\tUraian Kegiatan\tPelaksana\t\t\tMutu Baku\t\t\tKeterangan"
SUB = "\t\tKepala Dinas\tKepala Bidang\tStaf\tKelengkapan\tWaktu\tOutput\t"
STEPS = (
    "1.\tMenerima berkas permohonan\t\t\tX\tBerkas\t15 menit\tAgenda\t",
    "2.\tMemeriksa kelengkapan berkas\t\tX\t\tBerkas\t1 jam\tNota\t",
    "3.\tMenandatangani rekomendasi\tX\t\t\tKonsep\t30 menit\tRekomendasi\t",
)


def text(*lines: str) -> bytes:
    return "\n".join(lines).encode("utf-8")


def read(*lines: str, filename: str = "variasi.txt") -> ParsedDocument:
    return read_document(data=text(*lines), filename=filename)


def with_table(*table: str, filename: str = "variasi.txt") -> ParsedDocument:
    """The standard identity block, then the given step table."""
    return read(*IDENTITY, "", *table, filename=filename)


def notes(document: ParsedDocument) -> list[str]:
    return [str(note) for note in document.warnings]


def pelaksana_of_steps(document: ParsedDocument) -> list[str | None]:
    return [document.pelaksana_of(step) for step in document.langkah]


def names(document: ParsedDocument) -> list[str]:
    return [column.nama for column in document.pelaksana]
