"""The tenant's inventory of compound parts, ``offers_searchpart`` (see
``offers.search.text.compound_parts``), on both databases. Each offer's tokens then also hold the
parts its words contain (on PostgreSQL in ``words``, on SQLite at the end of its texts), and a
fragment found in many words is looked up by a few parts: "schwimm" by one token instead of the
17 words containing it, which the index had to merge item by item.

The inventory is made by the next rebuild (``manage.py offers_reindex``); until then it is empty
and every fragment is looked up by its words, as before.

On PostgreSQL, the tokens also hold the title's words (and parts), marked with "#": the offers
matching in the title, which come first, are then found by the index once, instead of by testing
the title of every hit (a quarter of a search with thousands of hits). They are added here from
the titles.

The sort keys (folded titles: lower case, no accents) are compared byte by byte (collation "C"),
as SQLite compares them: the same order on both, and the top of a sort over thousands of hits
no longer calls the locale's comparison for each of them (2 of 12 ms for "schwimm treff").
"""

from django.db import migrations

POSTGRES = [
    "CREATE TABLE offers_searchpart (tenant_id integer NOT NULL, part text NOT NULL, PRIMARY KEY (tenant_id, part))",
    'ALTER TABLE offers_searchdocument ALTER COLUMN sort_key TYPE text COLLATE "C"',
    "ALTER TABLE offers_searchdocument ALTER COLUMN sort_key SET STORAGE PLAIN",  # as 0006 had it
    'ALTER TABLE offers_searchfilter ALTER COLUMN sort_key TYPE text COLLATE "C"',
    # as ``search.vocabulary`` has them: three characters or more, no numbers
    "UPDATE offers_searchdocument SET words = words || ARRAY("
    "SELECT DISTINCT '#' || word FROM unnest(string_to_array(title, ' ')) AS word "
    "WHERE char_length(word) >= 3 AND word !~ '^[0-9]+$')",
]
POSTGRES_REVERSE = [
    'ALTER TABLE offers_searchfilter ALTER COLUMN sort_key TYPE text COLLATE "default"',
    'ALTER TABLE offers_searchdocument ALTER COLUMN sort_key TYPE text COLLATE "default"',
    "ALTER TABLE offers_searchdocument ALTER COLUMN sort_key SET STORAGE PLAIN",
    "DROP TABLE offers_searchpart",
    "UPDATE offers_searchdocument SET words = ARRAY(SELECT word FROM unnest(words) AS word WHERE word NOT LIKE '#%%')",
]


SQLITE = [
    "CREATE TABLE offers_searchpart (tenant_id integer NOT NULL, part text NOT NULL, PRIMARY KEY (tenant_id, part))",
]
SQLITE_REVERSE = ["DROP TABLE offers_searchpart"]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("offers", "0006_search_document_filters")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
