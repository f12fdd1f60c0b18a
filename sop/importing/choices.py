"""What the penyusun decides in the preview: a pelaksana for a step the document left unmarked (the uraian's
suggestion accepted, or another column), and each step's aksi (suggested from its uraian).

The document never says either, so neither is saved as if it did: a suggested pelaksana is saved only when
chosen here, and the history says it was chosen on import.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sop.content import SopContent
from sop.importing.result import ParsedDocument, SopImportError, column_key
from sop.models import Langkah


@dataclass
class Choices:
    pelaksana: dict[int, int] = field(default_factory=dict)  # step index → pelaksana column index
    aksi: dict[int, str] = field(default_factory=dict)  # step index → Langkah.Aksi value


@dataclass
class StepRow:
    """One step as the preview offers it for a choice."""

    index: int
    number: str  # as written in the document
    uraian: str
    pelaksana: str  # the column the document marks, "" when it marks none
    saran: int | None  # the column the uraian suggests
    saran_nama: str
    aksi: str  # suggested from the uraian


def step_rows(document: ParsedDocument) -> list[StepRow]:
    rows = []
    for index, step in enumerate(document.langkah):
        number = document.numbers[index] if index < len(document.numbers) else str(index + 1)
        saran = document.suggestions.get(index)
        rows.append(
            StepRow(
                index=index,
                number=number,
                uraian=step.uraian,
                pelaksana=document.pelaksana_of(step) or "",
                saran=saran,
                saran_nama=document.pelaksana[saran].nama if saran is not None else "",
                aksi=step.aksi,
            )
        )
    return rows


def apply_choices(*, document: ParsedDocument, content: SopContent, choices: Choices) -> list[int]:
    """Put the choices into `content`; returns the steps (indices) whose pelaksana a person chose.

    A choice the preview could not have offered (a forged form) refuses the file with a message.
    """
    count, columns = len(content.langkah), len(content.pelaksana)
    chosen = []
    for index, column in sorted(choices.pelaksana.items()):
        if not 0 <= index < count or index in document.marked or not 0 <= column < columns:
            raise SopImportError(
                _("pilihan pelaksana untuk langkah %(n)s tidak sah; muat ulang pratinjau lalu pilih lagi.")
                % {"n": index + 1}
            )
        content.langkah[index].pelaksana_kunci = column_key(column)
        chosen.append(index)
    for index, aksi in choices.aksi.items():
        if not 0 <= index < count or aksi not in Langkah.Aksi.values:
            message = _("pilihan aksi untuk langkah %(n)s tidak sah; muat ulang pratinjau lalu pilih lagi.")
            raise SopImportError(message % {"n": index + 1})
        content.langkah[index].aksi = aksi
    if chosen:
        # The document's "no mark" warning of a step is answered by the choice.
        document.warnings = [note for note in document.warnings if note.step not in chosen]
        document.warn(
            _("Pelaksana langkah %(daftar)s dipilih saat impor (dokumen tidak menandainya).")
            % {"daftar": ", ".join(str(index + 1) for index in chosen)}
        )
    return chosen
