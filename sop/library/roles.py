"""The pelaksana names an OPD already uses, offered when a template's roles are mapped onto the OPD.

sop does not know who holds a role in a run (that is workflow's); workflow registers a provider from its
AppConfig.ready(): `register_role_holders(provider)`, provider(opd) -> [(pelaksana, holder's name), …].
"""

from collections.abc import Callable
from dataclasses import dataclass

from sakip.models import Opd
from sop.models import Pelaksana

_providers: list[Callable] = []


@dataclass(frozen=True)
class KnownRole:
    nama: str
    pemegang: str = ""  # who holds it in runs, when known


def register_role_holders(provider: Callable) -> None:
    if provider not in _providers:
        _providers.append(provider)


def known_roles(opd: Opd) -> list[KnownRole]:
    """Role holders first (with their holder), then the other pelaksana names of the OPD's SOPs."""
    found: dict[str, KnownRole] = {}
    for provider in _providers:
        for nama, pemegang in provider(opd):
            found.setdefault(nama.casefold(), KnownRole(nama, pemegang))
    names = Pelaksana.objects.filter(sop__opd=opd).values_list("nama", flat=True).distinct().order_by("nama")[:200]
    for nama in names:
        found.setdefault(nama.casefold(), KnownRole(nama))
    return list(found.values())


def suggest(role: str, known: list[KnownRole]) -> str:
    """The OPD's own spelling of a role when it already uses that name; the template's name otherwise."""
    for option in known:
        if option.nama.casefold() == role.strip().casefold():
            return option.nama
    return role
