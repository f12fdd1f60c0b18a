"""What a step's aksi (sop.Langkah.Aksi) adds to a run, registered by the apps that give it meaning.

The transitions stay the only place that moves a run; an app extends what a step asks for without editing
them. In its AppConfig.ready() an app registers, for an aksi:
- a guard: `guard(task) -> list[str]`, the reasons the task cannot be completed yet (in words the assignee
  can act on: "Bidang Ekonomi belum mengisi Form Pengukuran Kinerja TW I"); task_complete refuses with them;
- a panel: a template and `context(task, user) -> dict`, shown in the run page's task panel (the form to
  fill, the document to sign, who is still missing).
And, for the run as a whole, a document provider: `provider(run) -> RunDocument | None`, the document the run
produces (the Dokumen Pengukuran Kinerja), which the koreksi step shows and the tanda_tangan step signs. The
first provider that returns one wins; without any, the signing step signs the PDF uploaded at an earlier step.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

Guard = Callable[["Task"], list[str]]  # noqa: F821


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable  # (task, user) -> dict


@dataclass(frozen=True)
class RunDocument:
    filename: str
    content: bytes  # a PDF
    title: str = ""
    # Where its signature goes: (page, x1, y1, x2, y2) in PDF points from the bottom left; None: the signing app
    # puts it at the bottom right of the last page.
    signature_box: tuple[int, float, float, float, float] | None = None


_guards: dict[str, list[Guard]] = defaultdict(list)
_providers: list[Callable] = []
_panels: dict[str, list[Panel]] = defaultdict(list)


def register_guard(aksi: str, guard: Guard) -> None:
    if guard not in _guards[aksi]:
        _guards[aksi].append(guard)


def register_panel(aksi: str, template: str, context: Callable) -> None:
    panel = Panel(template, context)
    if panel not in _panels[aksi]:
        _panels[aksi].append(panel)


def completion_problems(task) -> list[str]:
    """Why `task` cannot be completed yet, from every guard registered for its step's aksi."""
    problems: list[str] = []
    for guard in _guards.get(task.langkah.aksi, ()):
        problems.extend(guard(task))
    return problems


def panels_for(task, user) -> list[tuple[str, dict]]:
    """(template, context) of each panel registered for the task's step's aksi."""
    return [(panel.template, panel.context(task, user)) for panel in _panels.get(task.langkah.aksi, ())]


def register_run_document(provider: Callable) -> None:
    if provider not in _providers:
        _providers.append(provider)


def run_document(run) -> RunDocument | None:
    """The document the run produces, from the first registered provider that has one."""
    for provider in _providers:
        document = provider(run)
        if document is not None:
            return document
    return None


_year_providers: list[Callable] = []


def register_period_years(provider: Callable) -> None:
    """`provider(opd) -> set[int]`: more years a run of the OPD may be for (the years of its Perjanjian Kinerja)."""
    if provider not in _year_providers:
        _year_providers.append(provider)


def period_years(opd, today) -> list[int]:
    """The years a run may be started for: this year, the one before and the one after, and any provided."""
    years = {today.year - 1, today.year, today.year + 1}
    for provider in _year_providers:
        years |= set(provider(opd))
    return sorted(years)
