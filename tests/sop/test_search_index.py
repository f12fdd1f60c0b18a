"""Searching SOPs by judul or nomor uses the trigram index on PostgreSQL, not a scan of every SOP."""

import pytest
from django.db import connection

from sakip.models import User
from sop.models import Sop
from sop.selectors import sop_list
from tests.sop.factories import SopFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Small tables: ask whether an index *can* serve the filter. With sequential and plain index scans off, the
        # only way left to read sop_sop by a LIKE condition is a bitmap scan of an index that understands LIKE.
        for scan in ("seqscan", "indexscan", "indexonlyscan"):
            cursor.execute(f"SET LOCAL enable_{scan} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_list_search_is_served_by_the_trigram_indexes():
    if connection.vendor != "postgresql":
        pytest.skip("indeks trigram hanya di PostgreSQL")
    SopFactory.create_batch(3)
    admin = User(is_superuser=True, is_active=True)
    searched = sop_list(user=admin, q="rapat")
    assert searched.count() == 0
    # The list's own WHERE, on sop_sop alone (a join would let the planner reach rows through the OPD instead).
    plan = _plan(Sop.objects.filter(searched.query.where).order_by())
    assert "sop_judul_trgm" in plan and "sop_nomor_trgm" in plan
