"""The Beranda badge counts the forms waiting for this user: to validate (the Kabid) or to fix (the unit's staff)."""

import pytest
from django.urls import reverse

from sakip.beranda import waiting_count
from sakip.kinerja.beranda import _count, _waiting
from sakip.kinerja.models import FormPengukuran
from tests.kinerja.conftest import TAHUN

pytestmark = pytest.mark.django_db


def test_badge_counts_what_waits_for_each_person(opd, bidang, other_bidang, kabid, staf, kabid_lain, outsider, year):
    FormPengukuran.objects.create(opd=opd, unit=bidang, tahun=TAHUN, triwulan=1, status="diajukan")
    FormPengukuran.objects.create(opd=opd, unit=bidang, tahun=TAHUN, triwulan=2, status="dikembalikan")
    FormPengukuran.objects.create(opd=opd, unit=bidang, tahun=TAHUN, triwulan=3, status="divalidasi")
    FormPengukuran.objects.create(opd=opd, unit=other_bidang, tahun=TAHUN, triwulan=1, status="draf")
    # the Kabid: the submitted form of the Bidang he heads, and its returned form (he works in the Bidang too)
    assert _count(kabid) == 2 == len(_waiting(kabid))
    assert _count(staf) == 1 == len(_waiting(staf))  # the returned form of the Bidang above her Subbidang
    assert _count(kabid_lain) == 0 == len(_waiting(kabid_lain))  # another Bidang
    assert _count(outsider) == 0
    FormPengukuran.objects.create(opd=opd, unit=other_bidang, tahun=TAHUN, triwulan=2, status="diajukan")
    assert _count(kabid_lain) == 1 and _count(kabid) == 2


def test_badge_costs_one_query_and_shows_in_the_navigation(client, opd, bidang, kabid, year, django_assert_num_queries):
    FormPengukuran.objects.create(opd=opd, unit=bidang, tahun=TAHUN, triwulan=1, status="diajukan")
    before = waiting_count(kabid)
    with django_assert_num_queries(1):
        assert _count(kabid) == 1
    client.force_login(kabid)
    body = client.get(reverse("kinerja:dashboard")).content.decode()
    assert f'data-testid="waiting-count" title="Menunggu tindakan Anda">{before}<' in body and before >= 1
