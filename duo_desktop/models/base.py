"""Declarative base, naming convention and column helpers shared by all models."""

from __future__ import annotations

import datetime as dt
import enum
import os
import time
import uuid
from typing import Any, TypeVar

from sqlalchemy import JSON, DateTime, Enum, Index, Integer, MetaData, Uuid, func
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

E = TypeVar("E", bound=enum.Enum)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON, list[int]: JSON}


_PARTIAL_INDEXES: list[tuple[Index, ColumnElement[bool]]] = []


def partial_index(name: str, *columns: str, where: ColumnElement[bool], unique: bool = False) -> Index:
    """An index over the rows for which ``where`` holds, on SQLite and
    PostgreSQL alike.

    The PostgreSQL clause is attached by :func:`use_postgresql` when a
    PostgreSQL engine is made (store/engine.make_engine): given here, it would
    load SQLAlchemy's PostgreSQL dialect with the models, 23 ms of every
    start on a laptop that uses SQLite (issue 15)."""
    index = Index(name, *columns, unique=unique, sqlite_where=where)
    _PARTIAL_INDEXES.append((index, where))
    return index


def use_postgresql() -> None:
    """Give the partial indexes their PostgreSQL clause (idempotent)."""
    for index, where in _PARTIAL_INDEXES:
        index.dialect_kwargs["postgresql_where"] = where


def str_enum(enum_cls: type[E], length: int = 24) -> Enum:
    """A portable enum column: stored as its value (a short string) on SQLite
    and PostgreSQL alike, so adding a member never needs an ALTER TYPE."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class TimestampMixin:
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=False), server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=False),
        server_default=func.current_timestamp(),
        onupdate=func.current_timestamp(),
    )


def version_column() -> Any:
    """The optimistic-locking counter of a record a coordinator edits: 1 at
    creation, +1 at every save (SQLAlchemy's ``version_id_col``: an UPDATE
    or DELETE carries ``WHERE version = <the one read>`` and raises
    ``StaleDataError`` when someone else saved in between)."""
    return mapped_column(Integer, nullable=False, default=1, server_default="1")


def uuid7(millis: int | None = None, random_bits: int | None = None) -> uuid.UUID:
    """A new UUIDv7 (RFC 9562): 48 bits of Unix time in milliseconds, then
    74 random bits, so ids made on different laptops never collide and sort
    by creation time. (Python 3.14 has ``uuid.uuid7``; 3.11 does not.)
    ``millis`` and ``random_bits`` (80 bits) are given only by the demo,
    which must give the same uids for the same seed."""
    if millis is None:
        millis = time.time_ns() // 1_000_000
    if random_bits is None:
        random_bits = int.from_bytes(os.urandom(10), "big")
    value = (millis & (2**48 - 1)) << 80 | (random_bits & (2**80 - 1))
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # variant 10
    return uuid.UUID(int=value)


def uid_column() -> Any:
    """The record's global identity beside its integer key, for laptops that
    later sync with a branch server: a UUIDv7 set at creation, unique, never
    changed (migration 0003 fills it for existing rows). The column allows
    NULL only so that an upgrade adds it without rebuilding every table on
    SQLite (whose foreign keys refuse the rebuild inside the upgrade's
    transaction); the app and the upgrade always set it."""
    return mapped_column(Uuid, nullable=True, default=uuid7, unique=True, index=True)
