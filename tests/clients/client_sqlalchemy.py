#!/usr/bin/python3
"""Client matrix: SQLAlchemy (Core and ORM on psycopg2). Connect, DDL through
metadata, parameterised DML, a transaction, a rollback, an error with its
SQLSTATE, NULLs and unicode."""

import decimal
import os
import sys

import sqlalchemy as sa
from sqlalchemy import orm

UNICODE = "Zoë – 東京 🚀"


class Base(orm.declarative_base()):
    __abstract__ = True


class Item(Base):
    __tablename__ = "matrix_sqlalchemy"
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=False)
    name = sa.Column(sa.Text, nullable=False)
    note = sa.Column(sa.Text)
    amount = sa.Column(sa.Numeric(10, 2))


def main():
    url = os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg2://", 1)
    engine = sa.create_engine(url, future=True)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    table = Item.__table__
    with engine.begin() as conn:  # a committed transaction
        conn.execute(table.insert(), [
            {"id": 1, "name": UNICODE, "note": None, "amount": decimal.Decimal("12.50")},
            {"id": 2, "name": "plain", "note": "x", "amount": None}])
        row = conn.execute(sa.select(table.c.name, table.c.note, table.c.amount)
                           .where(table.c.id == sa.bindparam("wanted")), {"wanted": 1}).one()
        assert tuple(row) == (UNICODE, None, decimal.Decimal("12.50")), row

    with orm.Session(engine) as session:
        session.add(Item(id=3, name="three"))
        session.get(Item, 2).note = "committed"
        session.commit()
        session.add(Item(id=4, name="four"))
        session.delete(session.get(Item, 1))
        session.flush()
        session.rollback()
        assert session.scalar(sa.select(sa.func.count()).select_from(Item)) == 3
        assert session.get(Item, 1).name == UNICODE
        assert session.get(Item, 2).note == "committed"
        assert session.get(Item, 3).note is None

    with engine.connect() as conn:
        try:
            conn.execute(table.insert(), {"id": 1, "name": "dup"})
            raise AssertionError("duplicate key accepted")
        except sa.exc.IntegrityError as exc:
            assert exc.orig.pgcode == "23505", exc.orig.pgcode
        conn.rollback()
        found = conn.execute(sa.text("SELECT count(*) FROM matrix_sqlalchemy WHERE note IS NULL")).scalar()
        assert found == 2, found
        assert conn.execute(sa.text("SELECT :v"), {"v": UNICODE}).scalar() == UNICODE
    Base.metadata.drop_all(engine)
    engine.dispose()
    print("ok sqlalchemy")


if __name__ == "__main__":
    sys.exit(main())
