"""Who is working decides where the screens open (issue 10): Participants,
Matching, Duos and Events open filtered on the branch of the coordinator
chosen in the status bar; their branch filter's first entry ("All") shows
every branch again.

    default_branch(window, screen) -> bool       on a screen's first showing
    apply_region(window) -> None                 the interface follows the branch's country's usage
    apply_to_shown(window) -> None               after the coordinator changed

The screens are not changed: their branch filter (a QComboBox whose data
is the branch id) is found by name, so a screen without one is left alone.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from ...services.settings import coordinators as who
from ..ops import Query

# screen key -> attribute path of its branch filter
BRANCH_FILTERS: dict[str, tuple[str, ...]] = {
    "participants": ("filters", "branch"),
    "matching": ("branch_combo",),
    "duos": ("branch",),
    "events": ("branch_filter",),
}


def branch_filter(screen) -> QComboBox | None:  # noqa: ANN001
    target = screen
    for name in BRANCH_FILTERS.get(getattr(screen, "key", ""), ()):
        target = getattr(target, name, None)
    return target if isinstance(target, QComboBox) and target is not screen else None


def working_branch(window) -> int | None:  # noqa: ANN001
    cid = window.context.coordinator_id
    if cid is None:
        return None
    return Query(window, window.context, lambda s: who.branch_of(s, cid)).failure(lambda _e: None).value()


def default_branch(window, screen) -> bool:  # noqa: ANN001
    """Filter ``screen`` on the working coordinator's branch, once per coordinator chosen."""
    combo = branch_filter(screen)
    cid = window.context.coordinator_id
    if combo is None or cid is None or getattr(screen, "_branch_default_for", None) == cid:
        return False
    branch_id = working_branch(window)
    row = combo.findData(branch_id) if branch_id is not None else -1
    if row < 0:
        return False
    screen._branch_default_for = cid
    combo.setCurrentIndex(row)
    return True


def apply_region(window) -> None:  # noqa: ANN001
    """The interface follows the usage of the working branch's country
    (nl_NL, fr_FR catalogs); screens retranslate only when it changes."""
    from ... import i18n

    cid = window.context.coordinator_id
    country = None if cid is None else Query(window, window.context, lambda s: who.country_of(s, cid)).failure(
        lambda _e: None).value()
    if country != i18n.current_region() and i18n.current_language() in i18n.LANGUAGES:
        i18n.set_language(i18n.current_language(), country)


def apply_to_shown(window) -> None:  # noqa: ANN001
    for screen in getattr(window, "_screens", []):
        if screen is not None:
            default_branch(window, screen)
