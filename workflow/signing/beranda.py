"""The Beranda section "Menunggu tanda tangan Anda": submitted SOPs and run documents at the signing step.

It replaces sop's "SOP menunggu pengesahan" section: with signing installed, approving an SOP is signing it.
"""

from sakip.beranda import Section, register_section, unregister_section
from sakip.models import User
from sakip.selectors import visible_to
from sop.beranda import awaiting_approval
from sop.models import Langkah
from workflow.models import Run, Task

LIMIT = 10


def signing_tasks(user: User):
    """Open tasks of the user whose step is the signing of the run's document.

    The run, its SOP and OPD are prefetched, not joined: on PostgreSQL the five-table join took 1.9 ms to plan for a
    0.2 ms execution, and the usual answer is no task at all, which prefetches nothing."""
    tasks = Task.objects.filter(assignee=user, status=Task.Status.TERBUKA, run__status=Run.Status.BERJALAN)
    tasks = tasks.filter(langkah__aksi=Langkah.Aksi.TANDA_TANGAN)
    return (
        visible_to(user, tasks, opd_field="run__opd").prefetch_related("run__sop", "run__opd").order_by("dibuka_pada")
    )


def _context(user: User) -> dict:
    sops = list(awaiting_approval(user)[:LIMIT])
    tasks = list(signing_tasks(user)[:LIMIT])
    return {"items": sops + tasks, "sops": sops, "tasks": tasks, "title": "Menunggu tanda tangan Anda"}


def _count(user: User) -> int:
    """The SOPs only: the run documents are open tasks, already counted on "Tugas saya"."""
    return awaiting_approval(user).count()


def register() -> None:
    unregister_section("sop-approval")
    register_section(Section("tanda-tangan", 10, "signing/beranda/_menunggu.html", _context, _count))
