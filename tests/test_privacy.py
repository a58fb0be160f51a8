"""Personal data stays out of error messages and logs."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import IntegrityError

from duo_desktop.errors_report import log_exception, scrubbed
from duo_desktop.models import Participant, Role

from . import factories as f


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any


def test_sql_errors_do_not_carry_the_values(store):
    with store.transaction() as s:
        b = f.branch(s)
    with pytest.raises(IntegrityError) as error:
        with store.transaction() as s:
            s.add(Participant(branch_id=b.id, role=Role.MENTEE, first_name="Zainab", last_name="Secretname",
                              coordinator_id=424242))
    assert "Secretname" not in str(error.value)


def test_logged_tracebacks_hold_no_exception_message(caplog):
    name = "".join(["Secret", "name"])  # the source line of the raise must not hold it either
    try:
        raise ValueError(f"Zainab {name}, born 2001-04-02")
    except ValueError as exc:
        with caplog.at_level(logging.ERROR):
            log_exception(exc)
        text = scrubbed(type(exc), exc.__traceback__)
    assert "Secretname" not in caplog.text and "Secretname" not in text
    assert "builtins.ValueError" in text and "test_privacy.py" in text
