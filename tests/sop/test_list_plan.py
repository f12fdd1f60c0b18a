"""The province-wide SOP list reads one page through the OPD name index on PostgreSQL, not a sort of every SOP."""

import datetime
import uuid

import pytest
from django.db import connection

from sakip.models import Keanggotaan, Opd, Pemda, User
from sop.models import Sop
from sop.selectors import sop_list

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]


def _province(opds: int, per_opd: int) -> User:
    pemda = Pemda.objects.create(nama="Provinsi Uji", jenis=Pemda.Jenis.PROVINSI)
    rows = Opd.objects.bulk_create(Opd(pemda=pemda, nama=f"Dinas {i:03d}", singkatan=f"D{i}") for i in range(opds))
    made = datetime.date(2026, 1, 5)
    Sop.objects.bulk_create(
        Sop(opd=opd, seri=uuid.uuid4(), judul=f"SOP {n}", nomor=f"800/{n:04d}", tanggal_pembuatan=made)
        for opd in rows
        for n in range(per_opd)
    )
    user = User.objects.create(username="inspektorat")
    Keanggotaan.objects.bulk_create(Keanggotaan(user=user, opd=opd, peran=Keanggotaan.Peran.VALIDATOR) for opd in rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE sakip_opd, sop_sop, sakip_keanggotaan")
    return user


def test_the_province_list_walks_the_opds_in_name_order_and_stops_after_a_page():
    if connection.vendor != "postgresql":
        pytest.skip("rencana kueri PostgreSQL")
    user = _province(opds=200, per_opd=40)
    sql, params = sop_list(user=user)[:20].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "opd_nama" in plan and "Incremental Sort" in plan, plan
