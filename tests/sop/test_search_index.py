"""Searching SOPs by judul or nomor uses the trigram index on PostgreSQL, not a scan of every SOP."""

import pytest
from django.db import connection

from sakip.models import User
from sop.selectors import sop_list
from tests.sop.factories import SopFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # small tables: ask whether an index *can* serve it
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_list_search_is_served_by_the_trigram_indexes():
    if connection.vendor != "postgresql":
        pytest.skip("indeks trigram hanya di PostgreSQL")
    SopFactory.create_batch(3)
    admin = User(is_superuser=True, is_active=True)
    plan = _plan(sop_list(user=admin, q="rapat"))
    assert "sop_judul_trgm" in plan and "sop_nomor_trgm" in plan
