from django import template
from django.utils import timezone

from sakip.dates import tanggal_indonesia
from workflow import selectors, transitions
from workflow.models import RunLog
from workflow.worktime import Timeliness

register = template.Library()


@register.simple_tag
def open_task_count(user) -> int:
    """{% open_task_count user as n %}: the badge on "Tugas saya"."""
    return selectors.open_task_count(user=user)


@register.simple_tag
def can_start_run(user, sop) -> bool:
    """Whether to offer "Mulai pelaksanaan" on an SOP's page."""
    if sop.status != sop.Status.DISAHKAN:
        return False
    first = sop.steps[0] if sop.steps else None
    if first is None or first.pelaksana is None:
        return False
    holder = selectors.role_holder_for(opd_id=sop.opd_id, pelaksana=first.pelaksana.nama)
    return transitions.can_start_run(user, sop, holder)


@register.filter
def state_label(value: str) -> str:
    return RunLog.state_label(value or "")


@register.inclusion_tag("workflow/_timeliness.html")
def timeliness_badge(task):
    return {"value": getattr(task, "timeliness", ""), "label": Timeliness.LABELS.get(getattr(task, "timeliness", ""))}


@register.filter
def tanggal_jam(value) -> str:
    """An aware datetime as '05 Februari 2026 08:30' in the active (Pemda) time zone."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{tanggal_indonesia(local.date())} {local:%H:%M}"
