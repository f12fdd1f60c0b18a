"""A province-wide user's run list reads its page through the newest-first index on PostgreSQL, not a sort of all."""

import datetime
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from sakip.models import Keanggotaan, Opd, Pemda, User
from sop.models import Sop
from workflow.models import Run
from workflow.selectors import run_list

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]


def test_the_province_run_list_walks_the_newest_runs_first_and_stops_after_a_page():
    if connection.vendor != "postgresql":
        pytest.skip("rencana kueri PostgreSQL")
    pemda = Pemda.objects.create(nama="Provinsi Uji", jenis=Pemda.Jenis.PROVINSI)
    opds = Opd.objects.bulk_create(Opd(pemda=pemda, nama=f"Dinas {i:03d}") for i in range(200))
    user = User.objects.create(username="inspektorat")
    Keanggotaan.objects.bulk_create(Keanggotaan(user=user, opd=opd, peran=Keanggotaan.Peran.VALIDATOR) for opd in opds)
    made = datetime.date(2026, 1, 5)
    sops = Sop.objects.bulk_create(
        Sop(opd=opd, seri=uuid.uuid4(), judul="SOP", nomor="800/1", tanggal_pembuatan=made) for opd in opds
    )
    now = timezone.now()
    Run.objects.bulk_create(
        Run(sop=sop, opd_id=sop.opd_id, seri=sop.seri, tahun=2000 + n, periode=Run.Periode.values[0],
            dimulai_oleh=user, dimulai_pada=now - datetime.timedelta(hours=n * 200 + i))
        for i, sop in enumerate(sops)
        for n in range(20)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE sakip_opd, sakip_keanggotaan, sop_sop, workflow_run")
        sql, params = run_list(user=user)[:20].query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "run_terbaru" in plan and "Sort Key" not in plan, plan
