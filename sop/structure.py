"""Rules that span the rows of an SOP: pelaksana columns, step numbers and keputusan exits.

Shared by the forms (to put each message on its row) and by the service (so no caller can skip them).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sop.content import KEPUTUSAN, LangkahInput, PelaksanaInput


class RowErrors(list):
    """Messages of one row; each may name the field it belongs to (add(field, message))."""

    def add(self, field_name: str | None, message: str) -> None:
        self.append(message)
        self.fields.append(field_name)

    def __init__(self):
        super().__init__()
        self.fields: list[str | None] = []

    def by_field(self) -> list[tuple[str | None, str]]:
        return list(zip(self.fields, self, strict=True))


@dataclass
class StructureErrors:
    pelaksana: dict[int, RowErrors] = field(default_factory=lambda: defaultdict(RowErrors))
    langkah: dict[int, RowErrors] = field(default_factory=lambda: defaultdict(RowErrors))

    def __bool__(self) -> bool:
        return any(self.pelaksana.values()) or any(self.langkah.values())

    def messages(self) -> list[str]:
        return [m for rows in (self.pelaksana, self.langkah) for i in sorted(rows) for m in rows[i]]


def check_structure(pelaksana: list[PelaksanaInput], langkah: list[LangkahInput]) -> StructureErrors:
    """Every message names the row and says what to change."""
    errors = StructureErrors()
    _check_columns(pelaksana, errors)
    keys = {column.kunci for column in pelaksana}
    for index, step in enumerate(langkah):
        _check_step(step, index + 1, len(langkah), keys, errors.langkah[index])
    return errors


def _check_columns(pelaksana: list[PelaksanaInput], errors: StructureErrors) -> None:
    seen: dict[str, int] = {}
    for index, column in enumerate(pelaksana):
        name = column.nama.strip()
        if not name:
            errors.pelaksana[index].add("nama", _("Pelaksana kolom %(n)s: nama belum diisi.") % {"n": index + 1})
            continue
        key = name.casefold()
        if key in seen:
            errors.pelaksana[index].add(
                "nama",
                _("Pelaksana kolom %(n)s: “%(nama)s” sudah ada di kolom %(m)s; setiap kolom pelaksana harus berbeda.")
                % {"n": index + 1, "nama": name, "m": seen[key] + 1},
            )
        else:
            seen[key] = index


def _check_step(step: LangkahInput, number: int, count: int, keys: set[str], row: RowErrors) -> None:
    if not step.uraian.strip():
        row.add("uraian", _("Langkah %(n)s: uraian kegiatan belum diisi.") % {"n": number})
    if step.waktu_nilai is not None and step.waktu_nilai <= 0:
        row.add(
            "waktu_nilai",
            _("Langkah %(n)s: waktu harus lebih dari 0 (mis. 15 menit); yang diisi %(v)s.")
            % {"n": number, "v": step.waktu_nilai},
        )
    if step.pelaksana_kunci and step.pelaksana_kunci not in keys:
        row.add(
            "pelaksana",
            _(
                "Langkah %(n)s: pelaksananya tidak ada dalam daftar pelaksana SOP ini "
                "(mungkin kolomnya baru dihapus); pilih salah satu pelaksana."
            )
            % {"n": number},
        )
    if step.simbol == KEPUTUSAN:
        _check_exits(step, number, count, row)


def _check_exits(step: LangkahInput, number: int, count: int, row: RowErrors) -> None:
    for label, target, name in ((_("Ya"), step.ya_ke, "ya_ke"), (_("Tidak"), step.tidak_ke, "tidak_ke")):
        if target is None:
            message = _("Langkah %(n)s adalah keputusan: isi nomor langkah tujuan jika %(label)s.")
        elif not 1 <= target <= count:
            message = _(
                "Langkah %(n)s: tujuan jika %(label)s (langkah %(t)s) tidak ada; SOP ini punya langkah 1–%(c)s."
            )
        elif target == number:
            message = _("Langkah %(n)s: tujuan jika %(label)s tidak boleh langkah itu sendiri.")
        else:
            continue
        row.add(name, message % {"n": number, "label": label, "t": target, "c": count})
