"""Loading template documents into the library; each file is all or nothing."""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from sakip.models import User
from sop.library.format import Template, TemplateError
from sop.library.models import SopTemplate
from sop.library.validate import parse_json, read_template

SHIPPED_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "templates"

NEW, NEW_VERSION, UNCHANGED = "baru", "versi_baru", "sama"


@dataclass
class Loaded:
    template: SopTemplate
    action: str  # NEW, NEW_VERSION or UNCHANGED


def read_file(data: bytes | str, *, source: str = "") -> list[Template]:
    """Every template of a file, each checked; TemplateError names the first template that fails and why."""
    return [read_template(document, source=source) for document in parse_json(data, source=source)]


def _store(template: Template, *, user: User | None, source: str) -> Loaded:
    versions = list(SopTemplate.objects.select_for_update().filter(slug=template.slug))
    document = template.document()
    same = next((v for v in versions if v.versi == template.versi), None)
    if same is not None:
        if same.content == document:
            return Loaded(same, UNCHANGED)
        raise TemplateError(
            [
                _("versi %(v)s templat “%(slug)s” sudah dimuat dengan isi lain; naikkan versinya (mis. %(n)s).")
                % {"v": template.versi, "slug": template.slug, "n": max(v.versi for v in versions) + 1}
            ],
            source=source,
        )
    current = next((v for v in versions if v.is_current), None)
    if current is not None and current.versi > template.versi:
        raise TemplateError(
            [
                _("versi %(v)s templat “%(slug)s” lebih lama dari versi yang berlaku (%(c)s); naikkan versinya.")
                % {"v": template.versi, "slug": template.slug, "c": current.versi}
            ],
            source=source,
        )
    if current is not None:
        SopTemplate.objects.filter(pk=current.pk).update(is_current=False)
    stored = SopTemplate(
        slug=template.slug,
        versi=template.versi,
        judul=template.judul,
        deskripsi=template.deskripsi,
        content=document,
        is_current=True,
        dimuat_oleh=user,
    )
    stored.full_clean()
    stored.save()
    return Loaded(stored, NEW if current is None else NEW_VERSION)


@transaction.atomic
def templates_load(*, data: bytes | str, source: str = "", user: User | None = None) -> list[Loaded]:
    """Load the templates of one file: every one is checked and stored, or none is."""
    templates = read_file(data, source=source)
    return [_store(template, user=user, source=source) for template in templates]


def shipped_files() -> list[Path]:
    return sorted(SHIPPED_DIR.glob("*.json"))


def fixture_of(paths: list[Path]) -> list[dict]:
    """The loaddata fixture of the shipped template files: one current version per slug, fixed pks."""
    rows = []
    for path in paths:
        for template in read_file(path.read_bytes(), source=path.name):
            rows.append(
                {
                    "model": "sop_library.soptemplate",
                    "pk": len(rows) + 1,
                    "fields": {
                        "slug": template.slug,
                        "versi": template.versi,
                        "judul": template.judul,
                        "deskripsi": template.deskripsi,
                        "content": template.document(),
                        "is_current": True,
                        "dimuat_pada": "2026-01-05T08:00:00+07:00",
                        "dimuat_oleh": None,
                    },
                }
            )
    return rows
