"""SQLAlchemy ORM (Debian's python3-sqlalchemy 1.4, psycopg2) on heliosdb-nano
and PostgreSQL 15 (issue 7: "creates a schema with Core and ORM models,
reflects it, and runs ORM queries with relationships, identical on both").

The same declarative models are created on both servers with create_all,
reflected back into a fresh MetaData (every table's columns with their types,
nullability, defaults, primary keys, foreign keys, indexes and unique
constraints), then one ORM workload runs on each: inserts through
relationships (one-to-many, many-to-many through an association table),
flushes that fetch serial keys with RETURNING, lazy, joined and select-in
loading, filters, joins, aggregates with GROUP BY/HAVING, subqueries,
exists(), ordering with NULLS LAST, pagination, bulk UPDATE/DELETE, ORM
cascades and a rolled-back transaction. Every answer is turned into plain
Python values and compared; explicit expectations catch a change on both
sides.
"""
import datetime
import decimal
import os
import sys

import pytest
import sqlalchemy as sa
from sqlalchemy import orm

from nano_e2e import ROOT, start_server

sys.path.insert(0, os.path.join(ROOT, "fixtures", "pytest"))
from pytest_heliosdb_nano.pg import PostgresServer  # noqa: E402

Base = orm.declarative_base()

book_tags = sa.Table(
    "book_tags", Base.metadata,
    sa.Column("book_id", sa.ForeignKey("books.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("tag_id", sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True))


class Author(Base):
    __tablename__ = "authors"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(80), nullable=False, unique=True)
    born = sa.Column(sa.Date)
    active = sa.Column(sa.Boolean, nullable=False, server_default=sa.true())
    books = orm.relationship("Book", back_populates="author", cascade="all, delete-orphan",
                             order_by="Book.id")


class Book(Base):
    __tablename__ = "books"
    __table_args__ = (sa.UniqueConstraint("author_id", "title", name="books_author_title"),
                      sa.Index("books_price_idx", "price"))
    id = sa.Column(sa.BigInteger, primary_key=True)
    author_id = sa.Column(sa.ForeignKey("authors.id"), nullable=False)
    title = sa.Column(sa.Text, nullable=False)
    price = sa.Column(sa.Numeric(8, 2))
    pages = sa.Column(sa.SmallInteger)
    published = sa.Column(sa.DateTime(timezone=True))
    author = orm.relationship("Author", back_populates="books")
    tags = orm.relationship("Tag", secondary=book_tags, back_populates="books", order_by="Tag.name")
    reviews = orm.relationship("Review", cascade="all, delete-orphan", order_by="Review.id")


class Tag(Base):
    __tablename__ = "tags"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(30), nullable=False, unique=True)
    books = orm.relationship("Book", secondary=book_tags, back_populates="tags")


class Review(Base):
    __tablename__ = "reviews"
    id = sa.Column(sa.Integer, primary_key=True)
    book_id = sa.Column(sa.ForeignKey("books.id", ondelete="CASCADE"), nullable=False, index=True)
    stars = sa.Column(sa.Integer, sa.CheckConstraint("stars BETWEEN 1 AND 5"), nullable=False)
    body = sa.Column(sa.Text, server_default="")


def plain(value):
    """An ORM answer as comparable plain Python values."""
    if isinstance(value, Base):
        cols = sorted(c.key for c in sa.inspect(type(value)).columns)
        return (type(value).__name__, tuple((c, plain(getattr(value, c))) for c in cols))
    if isinstance(value, (list, tuple)) or type(value).__name__ == "Row":
        return [plain(v) for v in value]
    return value


def reflect(engine):
    md = sa.MetaData()
    md.reflect(bind=engine)
    out = {}
    for name, table in sorted(md.tables.items()):
        out[name] = {
            "columns": [(c.name, repr(c.type), c.nullable, str(c.server_default.arg)
                         if c.server_default is not None else None, c.primary_key)
                        for c in table.columns],
            "foreign_keys": sorted((fk.parent.name, fk.target_fullname, fk.ondelete)
                                   for fk in table.foreign_keys),
            "indexes": sorted((i.name, tuple(c.name for c in i.columns), i.unique)
                              for i in table.indexes),
            "unique": sorted((u.name, tuple(c.name for c in u.columns)) for u in table.constraints
                             if isinstance(u, sa.UniqueConstraint)),
        }
    return out


def seed(session):
    tz = datetime.timezone.utc
    fiction, poetry, classic = Tag(name="fiction"), Tag(name="poetry"), Tag(name="classic")
    ann = Author(name="Ann", born=datetime.date(1970, 2, 28))
    bob = Author(name="Bob", born=None, active=False)
    cy = Author(name="Cy", born=datetime.date(2000, 2, 29))
    ann.books = [
        Book(title="Alpha", price=decimal.Decimal("12.50"), pages=320,
             published=datetime.datetime(2020, 1, 1, 12, 0, tzinfo=tz), tags=[fiction, classic],
             reviews=[Review(stars=5, body="great"), Review(stars=3)]),
        Book(title="Beta", price=decimal.Decimal("7.00"), pages=90, tags=[poetry]),
    ]
    bob.books = [Book(title="Gamma", price=None, pages=None, tags=[fiction],
                      reviews=[Review(stars=1, body="meh")])]
    session.add_all([ann, bob, cy])
    session.flush()
    return [a.id for a in (ann, bob, cy)]


def workload(url):
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg2://"), future=True)
    results = {}
    try:
        Base.metadata.drop_all(engine)
        Base.metadata.create_all(engine)
        results["reflected"] = reflect(engine)
        Session = orm.sessionmaker(engine, future=True)
        with Session() as s, s.begin():
            results["ids"] = seed(s)
        with Session() as s:
            ann = s.execute(sa.select(Author).where(Author.name == "Ann")).scalar_one()
            results["lazy"] = [(b.title, [t.name for t in b.tags], [r.stars for r in b.reviews])
                               for b in ann.books]
            rows = s.execute(sa.select(Author).options(orm.selectinload(Author.books)
                                                       .selectinload(Book.tags))
                             .order_by(Author.name)).scalars().all()
            results["selectin"] = [(a.name, [(b.title, [t.name for t in b.tags]) for b in a.books])
                                   for a in rows]
            rows = s.execute(sa.select(Book).options(orm.joinedload(Book.author))
                             .order_by(Book.price.desc().nullslast(), Book.id)).scalars().all()
            results["joined"] = [(b.title, b.author.name, b.price) for b in rows]
            results["join_filter"] = s.execute(
                sa.select(Author.name, Book.title).join(Book.author).join(Book.tags)
                .where(Tag.name == "fiction").order_by(Book.title)).all()
            results["group_having"] = s.execute(
                sa.select(Author.name, sa.func.count(Book.id), sa.func.sum(Book.price),
                          sa.func.avg(Book.pages))
                .outerjoin(Author.books).group_by(Author.name)
                .having(sa.func.count(Book.id) >= 0).order_by(Author.name)).all()
            avg_stars = (sa.select(sa.func.avg(Review.stars)).where(Review.book_id == Book.id)
                         .correlate(Book).scalar_subquery())
            results["scalar_subquery"] = s.execute(
                sa.select(Book.title, avg_stars).order_by(Book.title)).all()
            results["exists"] = s.execute(
                sa.select(Author.name).where(Author.books.any(Book.reviews.any(Review.stars >= 5)))
                .order_by(Author.name)).scalars().all()
            results["in_subquery"] = s.execute(
                sa.select(Tag.name).where(Tag.id.in_(sa.select(book_tags.c.tag_id)))
                .order_by(Tag.name)).scalars().all()
            results["page"] = s.execute(sa.select(Book.title).order_by(Book.id).limit(2)
                                        .offset(1)).scalars().all()
            results["get"] = plain(s.get(Book, results["ids"][0]) and s.get(Author, results["ids"][0]))
            results["dates"] = s.execute(sa.select(Author.name, Author.born,
                                                   sa.extract("year", Author.born))
                                         .order_by(Author.id)).all()
        with Session() as s, s.begin():
            results["bulk_update"] = s.execute(
                sa.update(Book).where(Book.price < 10).values(price=Book.price * 2)
                .execution_options(synchronize_session="fetch")).rowcount
            bob = s.execute(sa.select(Author).where(Author.name == "Bob")).scalar_one()
            s.delete(bob)  # cascades to his books and their reviews
        with Session() as s:
            try:
                with s.begin():
                    s.add(Author(name="Ann"))  # unique violation
            except sa.exc.IntegrityError as e:
                results["integrity_error"] = type(e.orig).__name__
        with Session() as s:
            results["after"] = s.execute(
                sa.select(Author.name, Book.title, Book.price).join(Author.books)
                .order_by(Book.id)).all()
            results["reviews_left"] = s.execute(sa.select(sa.func.count()).select_from(Review)).scalar()
            results["tag_links_left"] = s.execute(
                sa.select(sa.func.count()).select_from(book_tags)).scalar()
        return {k: plain(v) for k, v in results.items()}
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def answers():
    nano = start_server()
    pg = PostgresServer()
    try:
        pg.start()
        yield workload(nano.url), workload(pg.url)
    finally:
        pg.stop()
        nano.stop()


KEYS = ["reflected", "ids", "lazy", "selectin", "joined", "join_filter", "group_having",
        "scalar_subquery", "exists", "in_subquery", "page", "get", "dates", "bulk_update",
        "integrity_error", "after", "reviews_left", "tag_links_left"]


@pytest.mark.parametrize("key", KEYS)
def test_orm_answers_as_postgres(answers, key):
    nano, pg = answers
    assert nano[key] == pg[key]


def test_expected_answers(answers):
    nano, _ = answers
    assert sorted(nano["reflected"]) == ["authors", "book_tags", "books", "reviews", "tags"]
    assert nano["lazy"] == [["Alpha", ["classic", "fiction"], [5, 3]], ["Beta", ["poetry"], []]]
    assert nano["joined"] == [["Alpha", "Ann", decimal.Decimal("12.50")],
                              ["Beta", "Ann", decimal.Decimal("7.00")], ["Gamma", "Bob", None]]
    assert nano["join_filter"] == [["Ann", "Alpha"], ["Bob", "Gamma"]]
    assert nano["exists"] == ["Ann"]
    assert nano["bulk_update"] == 1
    assert nano["integrity_error"] == "UniqueViolation"
    assert nano["after"] == [["Ann", "Alpha", decimal.Decimal("12.50")],
                             ["Ann", "Beta", decimal.Decimal("14.00")]]
    assert nano["reviews_left"] == 2 and nano["tag_links_left"] == 3
