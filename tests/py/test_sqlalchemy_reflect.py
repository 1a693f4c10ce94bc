"""SQLAlchemy's inspector (Debian's python3-sqlalchemy 1.4, psycopg2) on
heliosdb-nano and PostgreSQL 15: the same Core schema is created on both
through SQLAlchemy, reflected back, and every answer must be identical
(issue 7, "Catalogs for ORMs and tools").

get_columns (pg_get_serial_sequence, json_build_object over pg_sequence),
get_pk_constraint (unnest and generate_subscripts over pg_index.indkey in
one select list) and get_indexes (`attnum = ANY(indkey)`, `indkey::varchar`)
are compared too.
"""
import os
import sys

import pytest
import sqlalchemy as sa

from nano_e2e import ROOT, start_server

sys.path.insert(0, os.path.join(ROOT, "fixtures", "pytest"))
from pytest_heliosdb_nano.pg import PostgresServer  # noqa: E402


def build_schema(metadata):
    sa.Table("authors", metadata,
             sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("email", sa.String(120), nullable=False, unique=True),
             sa.Column("name", sa.Text, server_default="anonymous"),
             sa.Column("active", sa.Boolean, nullable=False, server_default=sa.false()))
    sa.Table("books", metadata,
             sa.Column("id", sa.BigInteger, primary_key=True),
             sa.Column("author_id", sa.Integer, sa.ForeignKey("authors.id", ondelete="CASCADE"), nullable=False),
             sa.Column("title", sa.String(200), nullable=False),
             sa.Column("isbn", sa.String(13)),
             sa.Column("pages", sa.Integer, sa.CheckConstraint("pages > 0", name="books_pages_positive")),
             sa.Column("price", sa.Numeric(10, 2)),
             sa.Column("published", sa.Date),
             sa.Column("created", sa.DateTime(timezone=True), server_default=sa.func.now()),
             sa.UniqueConstraint("author_id", "title", name="books_author_title_key"),
             sa.Index("books_isbn_idx", "isbn"))
    sa.Table("reviews", metadata,
             sa.Column("book_id", sa.BigInteger, sa.ForeignKey("books.id"), primary_key=True),
             sa.Column("reviewer", sa.String(50), primary_key=True),
             sa.Column("stars", sa.SmallInteger, nullable=False))
    sa.Sequence("ticket_seq", metadata=metadata)


def build_enum_table(metadata):
    """A table with an enum column; SQLAlchemy issues CREATE TYPE ... AS ENUM first."""
    return sa.Table("moods", metadata,
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                    sa.Column("mood", sa.Enum("sad", "ok", "happy", name="mood_kind"),
                              nullable=False))


def reflect(url):
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg2://"))
    try:
        metadata = sa.MetaData()
        build_schema(metadata)
        metadata.create_all(engine)
        insp = sa.inspect(engine)
        tables = insp.get_table_names()
        out = {
            "tables": sorted(tables),
            "views": insp.get_view_names(),
            "schemas": insp.get_schema_names(),
            "sequences": sorted(insp.get_sequence_names()),
            "has_table": [insp.has_table("books"), insp.has_table("nope")],
            "has_sequence": [insp.has_sequence("ticket_seq"), insp.has_sequence("nope")],
        }
        for t in sorted(tables):
            out[t + ".foreign_keys"] = insp.get_foreign_keys(t)
            out[t + ".unique_constraints"] = insp.get_unique_constraints(t)
            out[t + ".check_constraints"] = insp.get_check_constraints(t)
            out[t + ".comment"] = insp.get_table_comment(t)
            out[t + ".columns"] = [dict(c, type=repr(c["type"])) for c in insp.get_columns(t)]
            out[t + ".pk"] = insp.get_pk_constraint(t)
            out[t + ".indexes"] = insp.get_indexes(t)
        # Reflecting again from the sorted dependency order as Alembic does.
        out["sorted_fks"] = [(t, sorted(fks)) for t, fks in insp.get_sorted_table_and_fkc_names()]
        # Created after the reflection above so the compared table lists stay as they were.
        enum_metadata = sa.MetaData()
        moods = build_enum_table(enum_metadata)
        enum_metadata.create_all(engine)
        out["enums"] = sa.inspect(engine).get_enums()
        with engine.begin() as conn:
            conn.execute(moods.insert(), [{"id": 1, "mood": "happy"}, {"id": 2, "mood": "sad"},
                                          {"id": 3, "mood": "ok"}])
            out["moods.ordered"] = [tuple(r) for r in conn.execute(
                sa.select(moods).where(moods.c.mood > "sad").order_by(moods.c.mood))]
        return out
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def reflected():
    nano = start_server()
    pg = PostgresServer()
    try:
        pg.start()
        yield reflect(nano.url), reflect(pg.url)
    finally:
        pg.stop()
        nano.stop()


KEYS = ["tables", "views", "schemas", "sequences", "has_table", "has_sequence", "sorted_fks",
        "enums", "moods.ordered"] + [
    f"{t}.{what}" for t in ("authors", "books", "reviews")
    for what in ("foreign_keys", "unique_constraints", "check_constraints", "comment", "columns",
                 "pk", "indexes")]


@pytest.mark.parametrize("key", KEYS)
def test_inspector_answers_as_postgres(reflected, key):
    nano, pg = reflected
    assert nano[key] == pg[key]


def test_expected_shapes(reflected):
    nano, _ = reflected
    assert nano["tables"] == ["authors", "books", "reviews"]
    assert nano["enums"] == [{"name": "mood_kind", "schema": "public", "visible": True,
                              "labels": ["sad", "ok", "happy"]}]
    assert nano["moods.ordered"] == [(3, "ok"), (1, "happy")]
    assert nano["sequences"] == ["authors_id_seq", "books_id_seq", "ticket_seq"]  # serials too
    assert nano["has_table"] == [True, False]
    assert nano["books.foreign_keys"] == [{
        "name": "books_author_id_fkey", "constrained_columns": ["author_id"], "referred_schema": None,
        "referred_table": "authors", "referred_columns": ["id"], "options": {"ondelete": "CASCADE"}}]
    assert nano["books.unique_constraints"] == [
        {"column_names": ["author_id", "title"], "name": "books_author_title_key"}]
    assert nano["books.check_constraints"] == [{"name": "books_pages_positive", "sqltext": "pages > 0"}]
    assert nano["authors.unique_constraints"] == [{"column_names": ["email"], "name": "authors_email_key"}]
    assert nano["reviews.pk"] == {"constrained_columns": ["book_id", "reviewer"],
                                  "name": "reviews_pkey"}
    assert [(c["name"], c["type"], c["nullable"], c["default"]) for c in nano["authors.columns"]] == [
        ("id", "INTEGER()", False, "nextval('authors_id_seq'::regclass)"),
        ("email", "VARCHAR(length=120)", False, None),
        ("name", "TEXT()", True, "'anonymous'::text"),
        ("active", "BOOLEAN()", False, "false")]
    assert [(i["name"], i["unique"], i["column_names"]) for i in nano["books.indexes"]] == [
        ("books_author_title_key", True, ["author_id", "title"]),
        ("books_isbn_idx", False, ["isbn"])]
