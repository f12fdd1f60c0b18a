"""What is checked once a document is read: values too long for their field (a refusal), and fields left blank,
list numbering with gaps, a missing step table or Lembar Kerja (warnings)."""

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.nip import parse_nip
from sop.content import IDENTITY_FIELDS, MAX_ITEMS
from sop.importing.result import LISTS, ParsedDocument, SopImportError, list_label
from sop.models import Sop

TANGGAL_LABELS = {
    "tanggal_pembuatan": gettext_lazy("Tanggal Pembuatan"),
    "tanggal_revisi": gettext_lazy("Tanggal Revisi"),
    "tanggal_efektif": gettext_lazy("Tanggal Efektif"),
}


def check_lengths(document: ParsedDocument, where_of: dict[str, str]) -> None:
    for jenis in LISTS:
        if len(document.items[jenis]) > MAX_ITEMS:
            raise SopImportError(
                _("daftar “%(nama)s” punya %(n)s butir; paling banyak %(max)s.")
                % {"nama": list_label(jenis), "n": len(document.items[jenis]), "max": MAX_ITEMS},
                where=where_of.get(jenis, ""),
            )
    for name in IDENTITY_FIELDS:
        value = document.identity.get(name)
        if not isinstance(value, str):
            continue  # dates and the pengesah are not typed text
        model_field = Sop._meta.get_field(name)
        if len(value) > model_field.max_length:
            raise SopImportError(
                _("%(field)s terlalu panjang (%(n)s karakter; paling banyak %(max)s): “%(awal)s…”.")
                % {
                    "field": capfirst(str(model_field.verbose_name)),
                    "n": len(value),
                    "max": model_field.max_length,
                    "awal": value[:60],
                },
                where=where_of.get(name, ""),
            )


def list_numbering(document: ParsedDocument, numbers: dict[str, list[int | None]], where_of: dict[str, str]):
    """A numbered list whose numbers skip or repeat (1, 2, 4): every item is kept, and the import says so."""
    for jenis, written in numbers.items():
        given = [number for number in written if number is not None]
        if len(given) < 2 or given == list(range(1, len(given) + 1)):
            continue
        document.warn(
            _("Daftar “%(nama)s”: nomor di dokumen %(nomor)s tidak urut; semua %(n)s butir disimpan berurutan 1–%(n)s.")
            % {"nama": list_label(jenis), "nomor": ", ".join(str(n) for n in given[:30]), "n": len(written)},
            where_of.get(jenis, ""),
        )


def blank_warnings(
    document: ParsedDocument, where_of: dict[str, str], *, unreadable: set[str], table_found: bool, lembar_found: bool
) -> None:
    identity = document.identity
    if not identity["nomor"]:
        document.warn(_("Nomor SOP kosong; isi nomornya sebelum SOP diajukan."), where_of.get("nomor", ""))
    for key in ("tanggal_pembuatan", "tanggal_efektif"):
        if identity[key] is None and key not in unreadable:
            document.warn(_("%(label)s kosong.") % {"label": TANGGAL_LABELS[key]})
    if not identity["disahkan_nama"]:
        document.warn(_("Nama pejabat pengesah (Disahkan oleh) tidak ditemukan; pilih pengesahnya di editor."))
    if identity["disahkan_nip"]:
        try:
            parse_nip(identity["disahkan_nip"])
        except ValidationError as error:  # the message says which part of the NIP is wrong
            document.warn(
                _("NIP pengesah “%(nip)s” tidak sah: %(why)s")
                % {"nip": identity["disahkan_nip"], "why": " ".join(error.messages)},
                where_of.get("disahkan_nip", ""),
            )
    for jenis in LISTS:
        if not document.items[jenis]:
            document.warn(_("Daftar “%(nama)s” kosong.") % {"nama": list_label(jenis)}, where_of.get(jenis, ""))
    if not table_found:
        document.warn(_("Tabel langkah tidak ditemukan; SOP diimpor tanpa langkah dan pelaksana."))
    if not lembar_found:
        document.warn(
            _("Lembar Kerja Identifikasi Kegiatan tidak ditemukan; Jenis Kegiatan, Penanggung Jawab dan Scope kosong.")
        )
