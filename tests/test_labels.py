"""Every enum member has its own label, even when two enums share a value."""

from __future__ import annotations

import enum
import inspect

from duo_desktop import i18n
from duo_desktop.models import ContractType, EventKind, Gender, OutcomeKind
from duo_desktop.models import enums as e
from duo_desktop.services.labels import label


def _all_members() -> list[enum.Enum]:
    return [m for _name, cls in inspect.getmembers(e, inspect.isclass)
            if issubclass(cls, enum.Enum) and cls.__module__ == e.__name__ for m in cls]


def test_every_member_of_every_enum_has_a_label():
    missing = []
    for member in _all_members():
        try:
            label(member)
        except KeyError:
            missing.append(member)
    assert missing == []


def test_members_sharing_a_value_with_another_enum_keep_their_own_label():
    i18n.set_language("en")
    assert label(EventKind.TRAINING) == "Training"
    assert label(OutcomeKind.TRAINING) == "Training or course"
    assert label(Gender.OTHER) == "Other"
    assert label(ContractType.OTHER) == "Other contract"
