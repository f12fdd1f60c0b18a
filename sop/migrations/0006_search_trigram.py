"""Search by judul and nomor through a trigram index on PostgreSQL (the `icontains` filter's own expression).

Django writes `judul__icontains` as `UPPER("judul"::text) LIKE UPPER(%s)`; a GIN index on exactly that expression
with pg_trgm serves it, so the search does not scan every SOP of a province. pg_trgm is a trusted extension: the
database owner may create it. SQLite has no such index; the embedded default holds one office's SOPs.
"""

from django.db import migrations

INDEXES = {
    "sop_judul_trgm": "judul",
    "sop_nomor_trgm": "nomor",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON sop_sop USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("sop", "0005_syarat_pengajuan")]

    operations = [migrations.RunPython(create, drop)]
