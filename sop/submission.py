"""What an SOP must have before it may be submitted (ajukan), as Bagian Organisasi would check it.

One table of requirements; each says what is missing in words and where in the editor to fix it. A Pemda may
relax the relaxable ones (sop.models.SyaratPengajuan); the structural ones (a title, steps, pelaksana) always hold.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sop.approval import numbered_at_approval
from sop.models import Sop, SopItem, SyaratPengajuan


@dataclass(frozen=True)
class Gap:
    label: str  # what is missing, in words
    anchor: str  # where in the editor it is filled in


@dataclass(frozen=True)
class Requirement:
    key: str  # a SyaratPengajuan field is wajib_<key> for a relaxable requirement
    anchor: str
    missing: Callable[[Sop], list[str]]  # the gaps, in words (empty: met)
    relaxable: bool = True


def _steps_without(sop: Sop, test, label: str) -> list[str]:
    numbers = [str(step.urutan) for step in sop.langkah.all() if test(step)]
    return [str(label) % {"steps": ", ".join(numbers)}] if numbers else []


def _unless(test: Callable[[Sop], object], label) -> Callable[[Sop], list[str]]:
    return lambda sop: [] if test(sop) else [str(label)]


REQUIREMENTS = (
    Requirement("judul", "id_sop-judul", _unless(lambda s: s.judul.strip(), _("judul SOP")), relaxable=False),
    # With numbering at approval (workflow.signing) an empty nomor is given from the OPD's register when signed.
    Requirement("nomor", "id_sop-nomor", _unless(lambda s: s.nomor.strip() or numbered_at_approval(), _("nomor SOP"))),
    Requirement("pengesah", "id_sop-pengesah", _unless(lambda s: s.pengesah_id, _("pejabat pengesah (Disahkan oleh)"))),
    Requirement(
        "tanggal_pembuatan", "id_sop-tanggal_pembuatan", _unless(lambda s: s.tanggal_pembuatan, _("tanggal pembuatan"))
    ),
    Requirement(
        "dasar_hukum",
        "daftar-dasar_hukum",
        _unless(lambda s: s.items_of(SopItem.Jenis.DASAR_HUKUM), _("paling sedikit satu dasar hukum")),
    ),
    Requirement("pelaksana", "bagian-pelaksana", _unless(lambda s: s.pelaksana.all(), _("pelaksana")), relaxable=False),
    Requirement("langkah", "bagian-langkah", _unless(lambda s: s.langkah.all(), _("langkah")), relaxable=False),
    Requirement(
        "pelaksana_langkah",
        "bagian-langkah",
        lambda s: _steps_without(s, lambda step: step.pelaksana_id is None, _("pelaksana pada langkah %(steps)s")),
    ),
    Requirement(
        "waktu_langkah",
        "bagian-langkah",
        lambda s: _steps_without(s, lambda step: step.waktu_nilai is None, _("Mutu Baku waktu pada langkah %(steps)s")),
    ),
)


def rules_for(sop: Sop) -> SyaratPengajuan:
    """The Pemda's submission rules, or all of them where it has set none."""
    try:
        return sop.opd.pemda.syarat_pengajuan_sop  # loaded with the SOP by selectors.sop_get
    except SyaratPengajuan.DoesNotExist:
        return SyaratPengajuan()


def submission_gaps(sop: Sop) -> list[Gap]:
    """Everything the SOP still lacks before it may be submitted, each with the editor field to fill."""
    rules = rules_for(sop)
    gaps = []
    for requirement in REQUIREMENTS:
        if requirement.relaxable and not getattr(rules, f"wajib_{requirement.key}"):
            continue
        gaps.extend(Gap(label, requirement.anchor) for label in requirement.missing(sop))
    return gaps


def editor_link(sop: Sop, gap: Gap) -> str:
    return f"{reverse('sop:sop-update', args=[sop.pk])}#{gap.anchor}"
