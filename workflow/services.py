"""Writes of the workflow that are not run transitions: role holders and overdue reminders."""

import datetime
import re
import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.models import Opd, User
from workflow import emails, permissions, selectors
from workflow.models import RoleHolder, Run, Task, role_key


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name or "").strip()


@transaction.atomic
def role_holders_set(*, opd: Opd, holders: dict[str, User | None], actor: User) -> int:
    """Set who holds each pelaksana role in the OPD (None clears it); returns how many roles changed."""
    if not permissions.can_manage_holders(actor, opd.pk):
        raise PermissionDenied(_("Hanya Admin OPD, Sekretaris atau Kepala yang dapat mengatur pemegang peran."))
    members = set(selectors.opd_members(opd_id=opd.pk).values_list("pk", flat=True))
    existing = {role_key(h.pelaksana): h for h in RoleHolder.objects.select_for_update().filter(opd=opd)}
    changed = 0
    for name, user in holders.items():
        name = _clean_name(name)
        if not name:
            continue
        current = existing.get(role_key(name))
        if user is None:
            if current is not None:
                current.delete()
                changed += 1
            continue
        if user.pk not in members:
            raise ValidationError(
                _("%(who)s bukan pegawai OPD ini, jadi tidak bisa memegang peran “%(role)s”.")
                % {"who": user, "role": name}
            )
        if current is None:
            holder = RoleHolder(opd=opd, pelaksana=name, user=user)
            holder.full_clean()
            holder.save()
            changed += 1
        elif current.user_id != user.pk:
            current.user = user
            current.save(update_fields=["user"])
            changed += 1
    return changed


def overdue_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """E-mail each overdue open task's assignee at most once per day (the Pemda's day); returns how many sent."""
    now = now or timezone.now()
    overdue = (
        Task.objects.filter(status=Task.Status.TERBUKA, run__status=Run.Status.BERJALAN, jatuh_tempo__lt=now)
        .select_related("run__sop", "run__opd__pemda", "langkah__pelaksana", "assignee")
        .order_by("pk")
    )
    sent = 0
    for task in overdue:
        today = now.astimezone(zoneinfo.ZoneInfo(task.run.opd.pemda.zona_waktu)).date()
        with transaction.atomic():
            # Claim today's reminder first: a second cron run (or a parallel one) finds it taken.
            claimed = (
                Task.objects.filter(pk=task.pk, status=Task.Status.TERBUKA)
                .exclude(diingatkan_pada=today)
                .update(diingatkan_pada=today)
            )
            if claimed and emails.send_task_overdue(task):
                sent += 1
    return sent
