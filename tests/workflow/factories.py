"""factory_boy factories of runs, tasks and role holders."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from sop.models import Sop
from tests.sakip.factories import OpdFactory, UserFactory
from tests.sop.factories import LangkahFactory, SopFactory
from workflow.models import RoleHolder, Run, Task


class RoleHolderFactory(DjangoModelFactory):
    class Meta:
        model = RoleHolder

    opd = factory.SubFactory(OpdFactory)
    pelaksana = factory.Sequence(lambda n: f"Pelaksana {n}")
    user = factory.SubFactory(UserFactory)


class RunFactory(DjangoModelFactory):
    """A run under way of a disahkan SOP; build its tasks with TaskFactory (or start one with run_start)."""

    class Meta:
        model = Run

    sop = factory.SubFactory(SopFactory, status=Sop.Status.DISAHKAN)
    opd = factory.SelfAttribute("sop.opd")
    seri = factory.SelfAttribute("sop.seri")
    tahun = factory.LazyFunction(lambda: timezone.localdate().year)
    periode = Run.Periode.TW1
    status = Run.Status.BERJALAN
    dimulai_oleh = factory.SubFactory(UserFactory)
    dimulai_pada = factory.LazyFunction(timezone.now)


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = Task

    run = factory.SubFactory(RunFactory)
    langkah = factory.SubFactory(LangkahFactory, sop=factory.SelfAttribute("..run.sop"))
    urutan = factory.SelfAttribute("langkah.urutan")
    assignee = factory.SubFactory(UserFactory)
    dibuka_pada = factory.LazyFunction(timezone.now)
    waktu_menit = factory.SelfAttribute("langkah.waktu_menit")
