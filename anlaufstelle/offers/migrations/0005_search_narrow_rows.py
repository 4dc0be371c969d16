"""PostgreSQL: narrow rows in ``offers_searchdocument``, so that a search with thousands of hits
reads a few hundred pages instead of thousands.

A row held its title, body, folded document and words inline, about 3.9 KB: two rows to a page.
A search by words visits the row of every hit (for its title, which decides the order), so
"schwimm" with 8,200 hits read 3,400 pages. Now everything but the title is stored out of line
(``toast_tuple_target`` at its minimum; the title kept in the row by ``STORAGE MAIN``): the same
search reads about 800 pages, and its query took 15 instead of 22 ms on the same machine. A search
by trigrams (fragments too common for the word index) reads the folded text out of line.

CLUSTER rewrites the existing rows (inside the migration's transaction, unlike VACUUM FULL).
SQLite keeps its own full-text tables and needs nothing.
"""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE offers_searchdocument ALTER COLUMN title SET STORAGE MAIN",
    "ALTER TABLE offers_searchdocument SET (toast_tuple_target = 128)",
    "CLUSTER offers_searchdocument USING offers_searchdocument_pkey",
]
POSTGRES_REVERSE = [
    "ALTER TABLE offers_searchdocument RESET (toast_tuple_target)",
    "ALTER TABLE offers_searchdocument ALTER COLUMN title SET STORAGE EXTENDED",
]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("offers", "0004_search_words")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_REVERSE))]
