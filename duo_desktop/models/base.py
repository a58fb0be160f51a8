"""Declarative base, naming convention and column helpers shared by all models."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, TypeVar

from sqlalchemy import JSON, DateTime, Enum, Integer, MetaData, func
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
