"""What a step of an SOP asks of the person doing it, read from the step itself.

- A step whose output (or, failing that, kelengkapan) names a document — lembar disposisi, undangan, draf,
  dokumen, surat, laporan, konsep, notulen, berita acara — is completed with that document uploaded, except a
  tanda_tangan step: what it produces is the signed document (workflow.signing).
- A keputusan step may send the run back: to its `tidak_ke` when that is an earlier step, otherwise to any
  earlier step the person picks.
- A koreksi step — its aksi is "koreksi" (seed 000 step 9, "Kepala Badan mengoreksi Dokumen Pengukuran
  Kinerja …") — may send the run back to any earlier step, but only when the one correcting holds the Kepala
  role of the OPD (see permissions.may_send_back). The aksi is part of the signed SOP, so every run of one
  SOP version behaves the same; the importer suggests it from the words (`suggested_aksi`).
"""

import re

from sop.models import Langkah

DOCUMENT_WORDS = re.compile(
    r"\b(disposisi|undangan|draf|draft|dokumen|surat|laporan|konsep|notulen|notula|berita acara)\b", re.IGNORECASE
)


def needs_document(step: Langkah) -> bool:
    """Whether completing the step asks for an upload; a signing step's output is the document it signs."""
    if step.aksi == Langkah.Aksi.TANDA_TANGAN:
        return False
    return bool(DOCUMENT_WORDS.search(step.output or step.kelengkapan or ""))


def is_koreksi(step: Langkah) -> bool:
    return step.aksi == Langkah.Aksi.KOREKSI


def is_keputusan(step: Langkah) -> bool:
    return step.simbol == Langkah.Simbol.KEPUTUSAN


def next_step(step: Langkah, steps: list[Langkah]) -> Langkah | None:
    """The step after `step` (a keputusan's Ya exit when it points forward); None after the last one."""
    by_number = {s.urutan: s for s in steps}
    if is_keputusan(step) and step.ya_ke and step.ya_ke > step.urutan and step.ya_ke in by_number:
        return by_number[step.ya_ke]
    later = [s for s in steps if s.urutan > step.urutan]
    return min(later, key=lambda s: s.urutan) if later else None


def return_targets(step: Langkah, steps: list[Langkah]) -> list[Langkah]:
    """The earlier steps a run may be sent back to from `step` (empty when it cannot be sent back)."""
    earlier = sorted((s for s in steps if s.urutan < step.urutan), key=lambda s: s.urutan)
    if is_keputusan(step):
        fixed = [s for s in earlier if s.urutan == step.tidak_ke]
        return fixed or earlier
    if is_koreksi(step):
        return earlier
    return []
