"""Faster search: an index of whole words next to the trigrams (see offers/search/base.py), on
SQLite every full-text index merged into one segment and a covering index for browsing the
filters, and indexes that keep SQLite from reading all of a tenant's rows for one page of results.

SQLite: ``offers_searchword`` and ``offers_searchwordtitle``, FTS5 tables of the words of title and
body and of the title alone (contentless: removing a row takes the text it was indexed with, which
``offers_searchdocument`` keeps). PostgreSQL: the column ``words`` of ``offers_searchdocument``
(its distinct words as the vocabulary has them, an array) with a GIN index. Both are filled here
from the index as it stands, so no rebuild is needed.
"""

from django.db import migrations, models

FULL_TEXT_TABLES = [
    "offers_searchdocument",
    "offers_searchtitle",
    "offers_searchword",
    "offers_searchwordtitle",
    "offers_searchterm_fts",
]
FILTER_COLUMNS = "visible, valid_from, valid_until, cost, topics, situations, languages, districts"
WORDS = "content='', tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\""  # words as ``fold`` leaves them
SQLITE = [
    f"CREATE VIRTUAL TABLE offers_searchword USING fts5(title, body, {WORDS})",
    "INSERT INTO offers_searchword (rowid, title, body) SELECT rowid, title, body FROM offers_searchdocument",
    f"CREATE VIRTUAL TABLE offers_searchwordtitle USING fts5(title, {WORDS})",
    "INSERT INTO offers_searchwordtitle (rowid, title) SELECT rowid, title FROM offers_searchdocument",
    # every full-text index merged into one segment (a query reads each segment)
    *(f"INSERT INTO {table} ({table}) VALUES ('optimize')" for table in FULL_TEXT_TABLES),
    # the filters read from the index alone (the rowid, the offer id, is in every index)
    "DROP INDEX offers_searchfilter_browse",
    f"CREATE INDEX offers_searchfilter_browse ON offers_searchfilter (tenant_id, sort_key, {FILTER_COLUMNS})",
]
SQLITE_REVERSE = [
    "DROP INDEX offers_searchfilter_browse",
    "CREATE INDEX offers_searchfilter_browse ON offers_searchfilter (tenant_id, sort_key)",
    "DROP TABLE offers_searchwordtitle",
    "DROP TABLE offers_searchword",
]
POSTGRES = [
    "ALTER TABLE offers_searchdocument ADD COLUMN words text[] NOT NULL DEFAULT '{}'",
    # as ``search.vocabulary`` has them: three characters or more, no numbers
    "UPDATE offers_searchdocument SET words = ARRAY("
    "SELECT DISTINCT word FROM unnest(string_to_array(document, ' ')) AS word "
    "WHERE char_length(word) >= 3 AND word !~ '^[0-9]+$' ORDER BY word)",
    "ALTER TABLE offers_searchdocument ALTER COLUMN words DROP DEFAULT",
    "CREATE INDEX offers_searchdocument_words ON offers_searchdocument USING gin (words)",
]
POSTGRES_REVERSE = ["ALTER TABLE offers_searchdocument DROP COLUMN words"]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("offers", "0003_search_filters")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
        migrations.AddIndex(
            model_name="offer",
            index=models.Index(fields=["tenant", "id"], name="offers_offe_tenant__17bd8c_idx"),
        ),
        migrations.AddIndex(
            model_name="offerlanguage",
            index=models.Index(fields=["tenant", "offer"], name="offers_offe_tenant__9e0bb3_idx"),
        ),
        migrations.AddIndex(
            model_name="offerplace",
            index=models.Index(fields=["tenant", "offer"], name="offers_offe_tenant__4c3268_idx"),
        ),
    ]
