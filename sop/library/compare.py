"""What changed between two versions of a template: identity, pelaksana, steps added/removed/changed, lists."""

import difflib
from dataclasses import dataclass, field

from django.utils.text import capfirst

from sop.content import LANGKAH_FIELDS
from sop.library.format import TEMPLATE_IDENTITY
from sop.library.models import SopTemplate
from sop.models import Langkah, Sop, SopItem

_STEP_FIELDS = ("pelaksana", *(name for name in LANGKAH_FIELDS if name != "uraian"))


@dataclass
class StepChange:
    kind: str  # "ditambah", "dihapus", "diubah"
    number: int
    uraian: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)


@dataclass
class TemplateChanges:
    old: SopTemplate
    new: SopTemplate
    identity: list[tuple[str, str, str]]
    pelaksana_added: list[str]
    pelaksana_removed: list[str]
    steps: list[StepChange]
    lists: list[tuple[str, list[str], list[str]]]  # (label, added, removed)

    @property
    def unchanged(self) -> bool:
        return not (self.identity or self.pelaksana_added or self.pelaksana_removed or self.steps or self.lists)


def _label(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _step_diff(old: dict, new: dict) -> list[tuple[str, str, str]]:
    return [
        (_label(Langkah, name), str(old.get(name, "")) or "—", str(new.get(name, "")) or "—")
        for name in _STEP_FIELDS
        if old.get(name, "") != new.get(name, "")
    ]


def _steps(old: list[dict], new: list[dict]) -> list[StepChange]:
    result = []
    matcher = difflib.SequenceMatcher(a=[s["uraian"] for s in old], b=[s["uraian"] for s in new], autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and a1 - a0 == b1 - b0):
            for i, j in zip(range(a0, a1), range(b0, b1), strict=True):
                changes = _step_diff(old[i], new[j])
                if old[i]["uraian"] != new[j]["uraian"]:
                    changes.insert(0, (_label(Langkah, "uraian"), old[i]["uraian"], new[j]["uraian"]))
                if changes:
                    result.append(StepChange("diubah", j + 1, new[j]["uraian"], changes))
            continue
        result.extend(StepChange("dihapus", i + 1, old[i]["uraian"]) for i in range(a0, a1))
        result.extend(StepChange("ditambah", j + 1, new[j]["uraian"]) for j in range(b0, b1))
    return result


def template_changes(*, old: SopTemplate, new: SopTemplate) -> TemplateChanges:
    a, b = old.content, new.content
    identity = [(_label(Sop, "judul"), a["judul"], b["judul"])] if a["judul"] != b["judul"] else []
    for name in TEMPLATE_IDENTITY:
        before, after = a.get("identitas", {}).get(name, ""), b.get("identitas", {}).get(name, "")
        if before != after:
            identity.append((_label(Sop, name), before or "—", after or "—"))
    lists = []
    for jenis, label in SopItem.Jenis.choices:
        before, after = a.get("daftar", {}).get(jenis, []), b.get("daftar", {}).get(jenis, [])
        added, removed = [t for t in after if t not in before], [t for t in before if t not in after]
        if added or removed:
            lists.append((str(label), added, removed))
    return TemplateChanges(
        old=old,
        new=new,
        identity=identity,
        pelaksana_added=[n for n in b["pelaksana"] if n not in a["pelaksana"]],
        pelaksana_removed=[n for n in a["pelaksana"] if n not in b["pelaksana"]],
        steps=_steps(a["langkah"], b["langkah"]),
        lists=lists,
    )
