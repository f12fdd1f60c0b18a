"""What changed between two versions of an SOP: identity fields, pelaksana, steps added/removed/changed, lists."""

import difflib
from dataclasses import dataclass, field

from django.utils.text import capfirst

from sakip.dates import tanggal_indonesia
from sakip.nip import format_nip
from sop.content import EDITABLE_IDENTITY, LANGKAH_FIELDS
from sop.models import Langkah, Sop, SopItem

# What a reader compares in a step besides its words: the Mutu Baku, the pelaksana and the flow.
_STEP_FIELDS = ("pelaksana", *(name for name in LANGKAH_FIELDS if name != "uraian"))


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class StepChange:
    kind: str  # "ditambah", "dihapus", "diubah"
    old_number: int | None
    new_number: int | None
    uraian: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Comparison:
    old: Sop
    new: Sop
    identity: list[Change]
    pelaksana_added: list[str]
    pelaksana_removed: list[str]
    steps: list[StepChange]
    lists: list[tuple[str, list[str], list[str]]]  # (list label, items added, items removed)

    @property
    def unchanged(self) -> bool:
        return not (self.identity or self.pelaksana_added or self.pelaksana_removed or self.steps or self.lists)


def _text(sop_or_step, name: str) -> str:
    value = getattr(sop_or_step, name)
    if value is None or value == "":
        return "—"
    if name == "pengesah":
        return f"{value.nama} (NIP {format_nip(value.nip)})"
    if name == "pelaksana":
        return value.nama
    if hasattr(value, "isoformat") and not hasattr(value, "hour"):
        return tanggal_indonesia(value)
    display = getattr(sop_or_step, f"get_{name}_display", None)
    if display is not None:
        return str(display())
    if name == "waktu_nilai":
        return f"{value.normalize():f}".replace(".", ",")
    return str(value)


def _field_changes(old, new, names, model) -> list[Change]:
    return [
        Change(capfirst(str(model._meta.get_field(name).verbose_name)), _text(old, name), _text(new, name))
        for name in names
        if _text(old, name) != _text(new, name)
    ]


def _step_changes(old_steps: list[Langkah], new_steps: list[Langkah]) -> list[StepChange]:
    """Steps aligned by their words (difflib), so inserting one step does not mark every later one changed."""
    key = (
        [" ".join(s.uraian.split()).casefold() for s in old_steps],
        [" ".join(s.uraian.split()).casefold() for s in new_steps],
    )
    result = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(a=key[0], b=key[1], autojunk=False).get_opcodes():
        pairs = list(zip(old_steps[a0:a1], new_steps[b0:b1], strict=False)) if op in ("equal", "replace") else []
        for old, new in pairs:
            changes = _field_changes(old, new, ("uraian", *_STEP_FIELDS), Langkah)
            if changes:
                result.append(StepChange("diubah", old.urutan, new.urutan, new.uraian, changes))
        for old in old_steps[a0 + len(pairs) : a1]:
            result.append(StepChange("dihapus", old.urutan, None, old.uraian))
        for new in new_steps[b0 + len(pairs) : b1]:
            result.append(StepChange("ditambah", None, new.urutan, new.uraian))
    return result


def _list_changes(old: Sop, new: Sop) -> list[tuple[str, list[str], list[str]]]:
    result = []
    for jenis, label in SopItem.Jenis.choices:
        before = [i.tampil for i in old.items_of(jenis)]
        after = [i.tampil for i in new.items_of(jenis)]
        added = [t for t in after if t not in before]
        removed = [t for t in before if t not in after]
        if added or removed:
            result.append((str(label), added, removed))
    return result


def sop_compare(*, old: Sop, new: Sop) -> Comparison:
    """Two versions of one SOP (loaded with their rows, e.g. by selectors.sop_get), old first."""
    old_columns = [p.nama for p in old.pelaksana.all()]
    new_columns = [p.nama for p in new.pelaksana.all()]
    return Comparison(
        old=old,
        new=new,
        identity=_field_changes(old, new, EDITABLE_IDENTITY, Sop),
        pelaksana_added=[n for n in new_columns if n not in old_columns],
        pelaksana_removed=[n for n in old_columns if n not in new_columns],
        steps=_step_changes(list(old.langkah.all()), list(new.langkah.all())),
        lists=_list_changes(old, new),
    )


def compare_partner(sop: Sop, versions: list[Sop]) -> Sop | None:
    """The version to compare an SOP with from its page: the one it replaces, or else the revision of it."""
    if sop.revisi_dari_id:
        return next((v for v in versions if v.pk == sop.revisi_dari_id), None)
    later = [v for v in versions if v.versi > sop.versi]
    return min(later, key=lambda v: v.versi) if later else None
