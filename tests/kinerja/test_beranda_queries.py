"""The Beranda costs the same queries whatever waits on it: one open task or three, one SOP to sign or three, one
indikator or twenty, one form to validate or three. Every section is shown in both cases."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sakip.kinerja.models import FormPengukuran
from sakip.models import Keanggotaan, Pegawai
from sop.models import Sop
from tests.kinerja.factories import IndikatorFactory, PkFactory, RealisasiFactory, SasaranFactory, TargetFactory
from tests.sop.factories import SopFactory
from tests.workflow import conftest as workflow_setup
from workflow.models import Run
from workflow.transitions import run_start

pytestmark = pytest.mark.django_db

flow_sop = workflow_setup.flow_sop

# The session, the user, their roles; the SOPs to sign and the signing tasks; the open tasks with their run (its SOP,
# OPD and Pemda joined) and step (its pelaksana joined), the work calendar and holidays; the kinerja card: its OPDs
# with their last triwulan, the Pemda's settings and text scale, the indikator, targets, PK versions and realisasi,
# the user's unit, the forms waiting, the PK to sign; the drafts; the runs under way with their SOP, OPD (Pemda
# joined), active step (pelaksana joined), starter and open tasks; the badges (forms waiting, SOPs to sign, open
# tasks) and the OPD names of the greeting.
BERANDA_QUERIES = 31
SECTIONS = ["tanda-tangan", "tasks", "kinerja", "sop-drafts", "runs"]


def grow(pk, kepala, flow_sop, bidang, periods: list[str], indikator: int, triwulan: list[int]) -> None:
    """More of everything the Beranda lists: a run per period with its first task for the Kepala, a submitted SOP
    and a draft per period, indikator with a target and a realisasi, forms waiting for validation."""
    opd, tahun = pk.opd, pk.tahun
    sasaran = SasaranFactory(opd=opd, tahun=tahun)
    for periode in periods:
        run_start(sop=flow_sop, tahun=tahun, periode=periode, actor=kepala)
        SopFactory(opd=opd, status=Sop.Status.DIAJUKAN, dibuat_oleh=kepala)
        SopFactory(opd=opd, status=Sop.Status.DRAFT, dibuat_oleh=kepala)
    for _ in range(indikator):
        indikator = IndikatorFactory(sasaran=sasaran, unit=bidang, satuan="%")
        TargetFactory(pk_versi=pk, indikator=indikator, tahunan=D(400), tw1=D(100), tw2=D(100), tw3=D(100), tw4=D(100))
        RealisasiFactory(indikator=indikator, triwulan=1, nilai=D(90))
    for n in triwulan:
        FormPengukuran.objects.create(opd=opd, unit=bidang, tahun=tahun, triwulan=n, status="diajukan")


def beranda_queries(client) -> tuple[int, list[str]]:
    client.get(reverse("home"))  # warm up (session, caches)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    shown = [section.key for section, _panel in response.context["sections"]]
    return len(captured), shown


def test_the_beranda_costs_the_same_queries_for_one_and_for_three_of_everything(client, opd, kepala, bidang, flow_sop):
    """The Kepala here also validates the Bidang's forms and heads the OPD: every section has something."""
    Keanggotaan.objects.create(user=kepala, opd=opd, peran=Keanggotaan.Peran.VALIDATOR)
    Pegawai.objects.filter(user=kepala).update(unit=bidang)
    pk = PkFactory(opd=opd, tahun=timezone.localdate().year)
    client.force_login(kepala)

    grow(pk, kepala, flow_sop, bidang, [Run.Periode.TW1], indikator=1, triwulan=[1])
    one, shown_one = beranda_queries(client)
    grow(pk, kepala, flow_sop, bidang, [Run.Periode.TW2, Run.Periode.TW3], indikator=19, triwulan=[2, 3])
    three, shown_three = beranda_queries(client)

    assert shown_one == shown_three == SECTIONS
    assert one == three == BERANDA_QUERIES
