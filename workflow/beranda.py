"""The workflow sections of the Beranda: the user's open tasks (overdue first) and the OPD's runs under way."""

from sakip.beranda import Section, register_section
from sakip.models import User
from workflow import selectors
from workflow.models import Run

LIMIT = 10


def _tasks_context(user: User) -> dict:
    return {"items": selectors.task_inbox(user=user, limit=LIMIT), "title": "Tugas saya"}


def _runs_context(user: User) -> dict:
    runs = selectors.run_list(user=user, status=Run.Status.BERJALAN)[:LIMIT]
    return {"items": list(runs), "title": "Pelaksanaan SOP yang sedang berjalan"}


def register() -> None:
    # Open tasks have their own badge on "Tugas saya" in the navigation bar, so they are not counted twice here.
    register_section(Section("tasks", 20, "workflow/beranda/_tasks.html", _tasks_context))
    register_section(Section("runs", 40, "workflow/beranda/_runs.html", _runs_context))
