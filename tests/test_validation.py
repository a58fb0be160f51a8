"""Field validation: every bad input gets a translated message naming its field."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop import i18n
from duo_desktop.services import validation as v

TODAY = dt.date(2026, 3, 16)


def test_dates_in_every_usual_format_are_read():
    for text in ("2001-04-23", "23/04/2001", "23-04-2001", "23.04.2001", " 23/4/2001 "):
        assert v.parse_date(text) == dt.date(2001, 4, 23)
    assert v.parse_date("") is None


def test_impossible_date_is_named_in_french():
    error = v.check_date("birth_date", "31/02/2001")
    assert error.field == "birth_date"
    assert error.message.startswith("Date de naissance")
    assert "31/02/2001" in error.message


def test_wrong_date_format_says_how_to_write_it():
    error = v.check_birth_date("April 23rd", TODAY)
    assert "Date de naissance" in error.message and "23/04/2001" in error.message


def test_birth_date_in_the_future_is_refused_in_dutch():
    i18n.set_language("nl")
    error = v.check_birth_date("17/03/2026", TODAY)
    assert error.message.startswith("Geboortedatum") and "toekomst" in error.message
    assert v.check_birth_date("16/03/2000", TODAY) is None


def test_missing_birth_date_is_required():
    assert "obligatoire" in v.check_birth_date("", TODAY).message


@pytest.mark.parametrize("email", ["joelle.dubois@example.org", "a+b@mail.example.be"])
def test_good_emails(email):
    assert v.check_email(email) is None


@pytest.mark.parametrize("email", ["joelle.dubois", "a@b", "a@@b.be", "a b@c.be", "a@.be", "a..b@c.be"])
def test_bad_emails_are_named(email):
    i18n.set_language("en")
    error = v.check_email(email)
    assert error.field == "email" and error.message.startswith("Email:") and email in error.message


@pytest.mark.parametrize("phone", [
    "0470 12 34 56", "0470/12.34.56", "02 512 34 56", "+32 470 12 34 56", "+32 (0)470 12 34 56",
    "0032 2 512 34 56", "06 12 34 56 78", "+33 6 12 34 56 78", "010-1234567", "+31 10 123 4567",
    "+251 91 123 4567", "+1 202 555 0143",
])
def test_plausible_phones(phone):
    assert v.check_phone(phone) is None, phone


@pytest.mark.parametrize("phone", [
    "12345", "0470 12 34", "+32 470 12 34 56 78", "+33 6 12 34", "470123456", "phone me", "+0 123 456 789",
    "0470 12 34 56 789",
])
def test_impossible_phones_are_named(phone):
    error = v.check_phone(phone)
    assert error is not None, phone
    assert error.field == "phone" and error.message.startswith("Téléphone")


def test_postal_codes_exist_per_country():
    assert v.check_postal_code("1000", "BE") is None
    assert v.check_postal_code("9000", "BE") is None
    assert v.check_postal_code("B-1030", "BE") is None
    assert v.check_postal_code("75011", "FR") is None
    assert v.check_postal_code("59000", "FR") is None
    assert v.check_postal_code("3011 AB", "NL") is None
    assert v.check_postal_code("3011", "NL") is None


@pytest.mark.parametrize("code,country", [("1001", "BE"), ("0999", "BE"), ("12345", "BE"), ("00000", "FR"),
                                          ("99999", "FR"), ("7501", "FR"), ("0999 AB", "NL"), ("3011 SS", "NL"),
                                          ("ABCD", "NL")])
def test_postal_codes_that_do_not_exist_are_named(code, country):
    error = v.check_postal_code(code, country)
    assert error is not None and error.field == "postal_code"
    assert error.message.startswith("Code postal") and code in error.message


def test_names_only_need_to_be_there():
    assert v.check_required("first_name", "محمد") is None
    assert v.check_required("first_name", "ሰላም") is None
    assert "Prénom" in v.check_required("first_name", "  ").message
