"""The Beranda's Kinerja card: per OPD the indikator by predikat up to the last triwulan reported, read in a
number of queries that does not grow with the triwulan tried (it used to build the report of TW IV, III, II …)."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sakip.kinerja.beranda import opds_with_data
from tests.kinerja.factories import IndikatorFactory, PkFactory, RealisasiFactory, SasaranFactory, TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def this_year(opd, bidang):
    """Two indikator of this year (the Beranda shows the current year), targets 100 each triwulan."""
    tahun = timezone.localdate().year
    pk = PkFactory(opd=opd, tahun=tahun)
    sasaran = SasaranFactory(opd=opd, tahun=tahun)
    rows = [IndikatorFactory(sasaran=sasaran, unit=bidang, nama=f"Indikator {n}", satuan="%") for n in (1, 2)]
    for ind in rows:
        TargetFactory(pk_versi=pk, indikator=ind, tahunan=D(400), tw1=D(100), tw2=D(100), tw3=D(100), tw4=D(100))
    return tahun, rows


def test_the_card_shows_the_last_triwulan_reported(client, opd, kabid, this_year):
    tahun, rows = this_year
    client.force_login(kabid)
    assert "periode=tw1" in client.get(reverse("home")).content.decode()  # nothing reported yet: TW I
    RealisasiFactory(indikator=rows[0], triwulan=1, nilai=D(100))
    RealisasiFactory(indikator=rows[1], triwulan=2, nilai=D(30))
    RealisasiFactory(indikator=rows[1], triwulan=3, nilai=None, teks="", catatan="belum ada data")  # not a value
    assert [(o.pk, o.last_tw) for o in opds_with_data(kabid, tahun)] == [(opd.pk, 2)]
    page = client.get(reverse("home")).content.decode()
    assert f"?opd={opd.pk}&amp;tahun={tahun}&amp;periode=tw2" in page
    assert "Triwulan II" in page and "1 Sangat Rendah" in page  # 30 of 100 in TW II


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    return len(queries.captured_queries)


def test_the_card_costs_the_same_queries_whatever_was_reported(client, opd, kabid, this_year):
    _tahun, rows = this_year
    client.force_login(kabid)
    RealisasiFactory(indikator=rows[0], triwulan=1, nilai=D(100))
    client.get(reverse("home"))
    up_to_tw1 = count_queries(client)
    RealisasiFactory(indikator=rows[1], triwulan=3, nilai=D(100))
    assert count_queries(client) == up_to_tw1  # one report, not one per triwulan tried from TW IV down
