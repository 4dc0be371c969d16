"""Faster search: what the search filters by, flat in one narrow row per offer, and on SQLite a small
full-text index of the titles for the ranking (see offers/search.py).

``offers_searchfilter``: visibility, validity, cost, the sort key and the topics (with their parent
topics), life situations, languages and districts as space-separated lists (" 3 7 "), so that a
filter is a test on one narrow row instead of subqueries over the wide offer table. On SQLite the
full-text rows are now keyed by the offer id (``rowid``), which the search reads without touching
the stored text.

The derived index is emptied here; ``manage.py offers_reindex`` (or ``demo_city``) fills it again.
"""

from django.db import migrations

FILTER_COLUMNS = (
    "tenant_id integer NOT NULL, visible boolean NOT NULL, valid_from date NOT NULL, valid_until date NOT NULL, "
    "cost varchar(10) NOT NULL, sort_key text NOT NULL, topics text NOT NULL, situations text NOT NULL, "
    "languages text NOT NULL, districts text NOT NULL"
)
SQLITE = [
    "DELETE FROM offers_searchdocument",
    "DELETE FROM offers_searchterm",
    "CREATE VIRTUAL TABLE offers_searchtitle USING fts5(title, tokenize='trigram')",
    f"CREATE TABLE offers_searchfilter (offer_id integer NOT NULL PRIMARY KEY, {FILTER_COLUMNS})",
    "CREATE INDEX offers_searchfilter_browse ON offers_searchfilter (tenant_id, sort_key)",
]
SQLITE_REVERSE = ["DROP TABLE offers_searchfilter", "DROP TABLE offers_searchtitle"]
POSTGRES = [
    "DELETE FROM offers_searchdocument",
    "DELETE FROM offers_searchterm",
    f"CREATE TABLE offers_searchfilter (offer_id integer PRIMARY KEY, {FILTER_COLUMNS})",
    "CREATE INDEX offers_searchfilter_browse ON offers_searchfilter (tenant_id, sort_key)",
]
POSTGRES_REVERSE = ["DROP TABLE offers_searchfilter"]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("offers", "0002_search_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
