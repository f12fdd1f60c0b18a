"""Reads of the template library."""

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from sop.library.models import SopTemplate, TemplateUse
from sop.models import Sop


def current_templates() -> QuerySet[SopTemplate]:
    return SopTemplate.objects.filter(is_current=True).order_by("judul", "slug")


def template_get(*, slug: str, versi: int | None = None) -> SopTemplate:
    """The current version of a slug (or the version asked for); 404 when there is none."""
    qs = SopTemplate.objects.filter(slug=slug)
    qs = qs.filter(versi=versi) if versi is not None else qs.filter(is_current=True)
    found = qs.first()
    if found is None:
        raise Http404
    return found


def template_use_of(*, sop: Sop) -> TemplateUse | None:
    """The template (and version) an SOP or an earlier version of it was drafted from, with the current version
    of that template as `current_versi`; one query."""
    current = SopTemplate.objects.filter(slug=OuterRef("template__slug"), is_current=True).values("versi")[:1]
    return (
        TemplateUse.objects.filter(sop__seri=sop.seri)
        .select_related("template")
        .annotate(current_versi=Subquery(current))
        .order_by("-sop__versi")
        .first()
    )
