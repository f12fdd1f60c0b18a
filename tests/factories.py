"""The factories of every app, for modules that still import them from here; new code imports tests/<app>/factories."""

from tests.sakip.factories import OpdFactory, PegawaiFactory, PemdaFactory, UserFactory
from tests.sop.factories import LangkahFactory, PelaksanaFactory, SopFactory, SopItemFactory, build_sop
from tests.workflow.factories import RoleHolderFactory, RunFactory, TaskFactory

__all__ = [
    "LangkahFactory",
    "OpdFactory",
    "PegawaiFactory",
    "PelaksanaFactory",
    "PemdaFactory",
    "RoleHolderFactory",
    "RunFactory",
    "SopFactory",
    "SopItemFactory",
    "TaskFactory",
    "UserFactory",
    "build_sop",
]
