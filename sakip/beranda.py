"""The Beranda (home page): what waits for this person, gathered from every app.

Each app registers its sections in AppConfig.ready(), so the home page knows no app by name: sop adds the SOPs
waiting for pengesahan and the penyusun's drafts, workflow the open tasks and the runs under way, signing the
documents waiting for signature, kinerja its summary. A section shows only when it has something for the user.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sakip.models import User


@dataclass(frozen=True)
class Section:
    key: str
    order: int
    template: str
    context: Callable[[User], dict]  # (user) -> dict with at least "items" (a list; empty: nothing to show)
    count: Callable[[User], int] | None = None  # what waits for the user, for the badge in the navigation bar


_sections: dict[str, Section] = {}


def register_section(section: Section) -> None:
    _sections[section.key] = section


def unregister_section(key: str) -> None:
    """Take a section away: an app that does the same job better replaces another's (signing replaces sop's)."""
    _sections.pop(key, None)


def sections_for(user: User) -> list[tuple[Section, dict]]:
    """(section, its context) of every section that has something for the user, in order."""
    shown = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context(user)
        if context.get("items"):
            shown.append((section, context))
    return shown


def waiting_count(user: User) -> int:
    """How many things wait for the user across the sections that count them (the Beranda badge)."""
    if not user.is_authenticated:
        return 0
    return sum(section.count(user) for section in _sections.values() if section.count is not None)
