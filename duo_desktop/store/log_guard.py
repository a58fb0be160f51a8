"""No personal data in the logs, whatever the log level: SQLAlchemy logs the
rows it reads at DEBUG (``Row ('Зарина', ...)``), so those records are
dropped at the source; SQL statements (INFO) are kept, and carry no values
(the engine is made with ``hide_parameters``, store/engine.py)."""

from __future__ import annotations

import logging

#: The loggers through which SQLAlchemy reports statements and result rows
SQL_LOGGERS = ("sqlalchemy.engine.Engine", "sqlalchemy.engine.base.Engine", "sqlalchemy.orm")


class _NoRows(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


_FILTER = _NoRows()


def install() -> None:
    """Idempotent: add the filter to SQLAlchemy's loggers once."""
    for name in SQL_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
