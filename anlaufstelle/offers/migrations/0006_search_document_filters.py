"""PostgreSQL: each search document also keeps its offer's visibility, validity and sort key
(copied from ``offers_searchfilter``, written with it by the index service), so a text search
without further filters reads one table instead of joining the filter rows.

The join cost a third of a search with thousands of hits, and with two query words its
estimate (the planner cannot see the words) chose a key look-up per hit: "schwimm" took
16-19 ms in psql, now 9; "schwimm treff" 21-24, now 13. The filter rows stay: every other
filter, and browsing without text, reads them.

``sort_key`` is PLAIN: with the table's minimal ``toast_tuple_target`` (0005), PostgreSQL would
otherwise compress it or move it out of line, and the sort reads it for every hit. The rows are
filled from the filter rows and rewritten by CLUSTER, as in 0005. SQLite keeps its own tables.
"""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE offers_searchdocument ADD COLUMN visible boolean NOT NULL DEFAULT false, "
    "ADD COLUMN valid_from date NOT NULL DEFAULT '-infinity', "
    "ADD COLUMN valid_until date NOT NULL DEFAULT '-infinity', "
    "ADD COLUMN sort_key text NOT NULL DEFAULT ''",
    "ALTER TABLE offers_searchdocument ALTER COLUMN sort_key SET STORAGE PLAIN",
    "UPDATE offers_searchdocument d SET visible = f.visible, valid_from = f.valid_from, "
    "valid_until = f.valid_until, sort_key = f.sort_key FROM offers_searchfilter f WHERE f.offer_id = d.offer_id",
    "CLUSTER offers_searchdocument USING offers_searchdocument_pkey",
]
POSTGRES_REVERSE = [
    "ALTER TABLE offers_searchdocument DROP COLUMN visible, DROP COLUMN valid_from, "
    "DROP COLUMN valid_until, DROP COLUMN sort_key",
]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("offers", "0005_search_narrow_rows")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_REVERSE))]
