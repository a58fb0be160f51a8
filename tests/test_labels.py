"""Every enum member has its own label, even when two enums share a value."""

from __future__ import annotations

import enum
import inspect
from collections import defaultdict

from duo_desktop import i18n
from duo_desktop.models import EventKind, Gender, OutcomeKind
from duo_desktop.models import enums as e
from duo_desktop.services.labels import SAME_VALUE, label


def test_members_sharing_a_value_with_another_enum_keep_their_own_label():
    by_value = defaultdict(list)
    for _name, cls in inspect.getmembers(e, inspect.isclass):
        if issubclass(cls, enum.Enum) and cls.__module__ == e.__name__:
            for member in cls:
                by_value[member.value].append(member)
    shared = [m for members in by_value.values() if len(members) > 1 for m in members]
    assert shared, "the guard below must look at something"
    assert [m for m in shared if (type(m), m) not in SAME_VALUE] == []
    i18n.set_language("en")
    assert label(EventKind.TRAINING) == "Training"
    assert label(OutcomeKind.TRAINING) == "Training or course"
    assert label(Gender.OTHER) == "Other"
