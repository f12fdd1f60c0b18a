"""PK Perubahan and target writes: who may, from which triwulan, and the history's author."""

from decimal import Decimal as D

import pytest

from sakip.kinerja.models import FormPengukuran, Target
from sakip.kinerja.services import pk_perubahan_create, target_save
from sakip.models import Keanggotaan
from sakip.states import TransitionError
from tests.kinerja.conftest import TAHUN
from tests.kinerja.factories import IndikatorFactory, SasaranFactory
from tests.sakip.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(opd):
    return UserFactory(username="admin_opd", roles=[(opd, Keanggotaan.Peran.ADMIN_OPD)])


def test_pk_perubahan_copies_targets_and_starts_later(opd, bidang, admin, staf, year):
    pk, rows = year
    with pytest.raises(TransitionError, match="Hanya Admin OPD"):
        pk_perubahan_create(opd=opd, tahun=TAHUN, berlaku_mulai=3, user=staf)
    with pytest.raises(TransitionError, match="sesudah TW 1"):
        pk_perubahan_create(opd=opd, tahun=TAHUN, berlaku_mulai=1, user=admin)
    FormPengukuran.objects.create(opd=opd, unit=bidang, tahun=TAHUN, triwulan=2, status="divalidasi")
    with pytest.raises(TransitionError, match="sudah divalidasi"):
        pk_perubahan_create(opd=opd, tahun=TAHUN, berlaku_mulai=2, user=admin)
    new = pk_perubahan_create(opd=opd, tahun=TAHUN, berlaku_mulai=3, user=admin, keterangan="Refocusing anggaran")
    assert (new.versi, new.nama) == (2, "PK Perubahan 1")
    assert Target.objects.filter(pk_versi=new).count() == Target.objects.filter(pk_versi=pk).count() == 3
    changed = target_save(pk_versi=new, values={rows[0].pk: {"tahunan": D(6), "tw3": D(1)}}, user=admin)
    target = Target.objects.get(pk_versi=new, indikator=rows[0])
    assert changed == 1 and (target.tahunan, target.tw3, target.tw1) == (D(6), D(1), D(2))
    assert target.history.first().history_user == admin
    assert Target.objects.get(pk_versi=pk, indikator=rows[0]).tahunan == D(8)  # the first version keeps its own


def test_targets_of_another_opd_are_refused(opd, admin, year, other_opd):
    pk, _rows = year
    foreign = IndikatorFactory(sasaran=SasaranFactory(opd=other_opd, tahun=TAHUN))
    with pytest.raises(TransitionError, match="bukan milik"):
        target_save(pk_versi=pk, values={foreign.pk: {"tahunan": D(1)}}, user=admin)
