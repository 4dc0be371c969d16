"""The full-text search index: a backend-specific structure outside the ORM (see offers/search.py).

SQLite: FTS5 tables with the trigram tokenizer (substring matches, so German compounds are found
by their parts). PostgreSQL: plain tables with pg_trgm GIN indexes (ILIKE and similarity use them).
No foreign keys to the offers: the index is derived data kept by the service layer (and rebuilt by
``offers_reindex``), and a key would stop the test database from being emptied by TRUNCATE.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE offers_searchdocument USING fts5("
    "title, body, offer_id UNINDEXED, tenant_id UNINDEXED, tokenize='trigram')",
    "CREATE TABLE offers_searchterm (tenant_id integer NOT NULL, term text NOT NULL, PRIMARY KEY (tenant_id, term))",
    "CREATE VIRTUAL TABLE offers_searchterm_fts USING fts5(term, content='', tokenize='trigram')",
    "CREATE TRIGGER offers_searchterm_added AFTER INSERT ON offers_searchterm BEGIN "
    "INSERT INTO offers_searchterm_fts(rowid, term) VALUES (new.rowid, new.term); END",
    "CREATE TRIGGER offers_searchterm_removed AFTER DELETE ON offers_searchterm BEGIN "
    "INSERT INTO offers_searchterm_fts(offers_searchterm_fts, rowid, term) VALUES ('delete', old.rowid, old.term); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER offers_searchterm_removed",
    "DROP TRIGGER offers_searchterm_added",
    "DROP TABLE offers_searchterm_fts",
    "DROP TABLE offers_searchterm",
    "DROP TABLE offers_searchdocument",
]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TABLE offers_searchdocument ("
    "offer_id integer PRIMARY KEY, "
    "tenant_id integer NOT NULL, title text NOT NULL, body text NOT NULL, "
    "document text GENERATED ALWAYS AS (title || ' ' || body) STORED)",
    "CREATE INDEX offers_searchdocument_trgm ON offers_searchdocument USING gin (document gin_trgm_ops)",
    "CREATE INDEX offers_searchdocument_tenant ON offers_searchdocument (tenant_id)",
    "CREATE TABLE offers_searchterm (tenant_id integer NOT NULL, term text NOT NULL, PRIMARY KEY (tenant_id, term))",
    "CREATE INDEX offers_searchterm_trgm ON offers_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRES_REVERSE = ["DROP TABLE offers_searchterm", "DROP TABLE offers_searchdocument"]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
