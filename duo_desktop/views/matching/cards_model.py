"""Item models of the board's cards: waiting mentees and mentors. They hold
profiles (plain dataclasses) and, for mentors, the scores against the mentee
being dragged or selected; the texts are built when a card is painted, in
the current language, and a pair's explanation only for the cards shown."""

from __future__ import annotations

import datetime as dt

import numpy as np
from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from ...i18n import _, current, ngettext
from ...services.matching.explain import describe, slot_text
from ...services.matching.pool import Pool, Profile, slot_of
from ...services.matching.scoring import Explanation, explain_pair
from ...services.reference import language_label, sector_label
from .mime import MENTEE_MIME, mentee_mime

# Custom roles of a card
ProfileRole = Qt.ItemDataRole.UserRole + 1
LinesRole = Qt.ItemDataRole.UserRole + 2  # list of detail lines under the name
ScoreRole = Qt.ItemDataRole.UserRole + 3  # float or None
FeasibleRole = Qt.ItemDataRole.UserRole + 4  # bool or None (no mentee chosen)
BestRole = Qt.ItemDataRole.UserRole + 5  # bool: among the best for the mentee
ReasonRole = Qt.ItemDataRole.UserRole + 6  # short explanation line
BEST_COUNT = 3


def _codes(codes, labeller, sep: str | None = None) -> str:  # noqa: ANN001
    if not codes:
        return "—"
    labels = [labeller(c) for c in codes]
    # sector labels hold "and" themselves ("Finance and accounting"): a plain separator reads better
    return sep.join(labels) if sep else current().format_list(labels)


def slots_line(profile: Profile) -> str:
    if not profile.slots:
        return _("no availability recorded")
    texts = []
    for index in profile.slots:
        weekday, part = slot_of(index)
        texts.append(slot_text(weekday, part.value))
    return ", ".join(texts)


def place_of(profile: Profile) -> str:
    return profile.municipality or profile.postal_code or "—"


def common_lines(profile: Profile) -> list[str]:
    """Sectors, languages, weekly slots."""
    return [_codes(profile.sectors, sector_label, " / "), _codes(profile.languages, language_label),
            slots_line(profile)]


class _CardsModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._profiles: list[Profile] = []
        self._lines: dict[int, list[str]] = {}
        self.today = dt.date.today()

    def set_profiles(self, profiles: list[Profile], today: dt.date) -> None:
        self.beginResetModel()
        self._profiles = list(profiles)
        self.today = today
        self._lines: dict[int, list[str]] = {}
        self.endResetModel()

    # --- one card at a time (after a drop, an undo, a withdrawal) ----------------
    def insert_card(self, row: int, profile: Profile) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._profiles.insert(row, profile)
        self._forget_from(row)
        self.endInsertRows()

    def remove_card(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        self._profiles.pop(row)
        self._forget_from(row)
        self.endRemoveRows()

    def replace_card(self, row: int, profile: Profile) -> None:
        self._profiles[row] = profile
        self._forget(row)
        self.dataChanged.emit(self.index(row), self.index(row))

    def _forget(self, row: int) -> None:
        self._lines.pop(row, None)

    def _forget_from(self, row: int) -> None:
        """Cached texts are per row: those at and after ``row`` moved."""
        self._lines = {r: v for r, v in self._lines.items() if r < row}

    def lines(self, row: int) -> list[str]:
        """The card's detail lines, built once per language (painting a card
        must stay cheap while a mentee is dragged)."""
        if row not in self._lines:
            self._lines[row] = self._build_lines(self._profiles[row])
        return self._lines[row]

    def _build_lines(self, p: Profile) -> list[str]:
        raise NotImplementedError

    def _emit_all(self) -> None:
        if self._profiles:
            self.dataChanged.emit(self.index(0), self.index(len(self._profiles) - 1))

    def profile(self, row: int) -> Profile:
        return self._profiles[row]

    def profiles(self) -> list[Profile]:
        return self._profiles

    def row_of(self, pid: int) -> int:
        for row, p in enumerate(self._profiles):
            if p.id == pid:
                return row
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._profiles)

    def retranslate(self) -> None:
        self._lines = {}
        self._emit_all()


class MenteeCardsModel(_CardsModel):
    """Waiting mentees, longest waiting first; each card can be dragged."""

    def _build_lines(self, p: Profile) -> list[str]:
        days = p.waiting_days(self.today)
        waiting = ngettext("waiting for {count} day", "waiting for {count} days", days).format(count=days)
        return [f"{waiting} · {place_of(p)}", *common_lines(p)]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._profiles):
            return None
        p = self._profiles[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return p.full_name
        if role == ProfileRole:
            return p
        if role == LinesRole:
            return self.lines(index.row())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return " · ".join([p.full_name, *self.data(index, LinesRole)])
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([p.full_name, *self.data(index, LinesRole)])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MENTEE_MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: ANN001, N802
        rows = [i.row() for i in indexes if i.isValid()]
        return mentee_mime(self._profiles[rows[0]].id) if rows else QMimeData()

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction


class MentorCardsModel(_CardsModel):
    """Mentors who can be matched; against a chosen mentee each card shows
    its score, whether the pair is possible, and the best ones stand out."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.pool: Pool | None = None
        self.weights: dict[str, float] | None = None
        self._mentee: Profile | None = None
        self._scores: np.ndarray | None = None
        self._feasible: np.ndarray | None = None
        self._best: set[int] = set()
        self._explained: dict[int, Explanation] = {}
        self._reasons: dict[int, str] = {}

    def set_profiles(self, profiles: list[Profile], today: dt.date) -> None:
        self._scores = self._feasible = None
        self._mentee = None
        self._best = set()
        self._explained = {}
        self._reasons = {}
        super().set_profiles(profiles, today)

    def _forget(self, row: int) -> None:
        super()._forget(row)
        self._explained.pop(row, None)
        self._reasons.pop(row, None)

    def _forget_from(self, row: int) -> None:
        super()._forget_from(row)
        self._explained = {r: v for r, v in self._explained.items() if r < row}
        self._reasons = {r: v for r, v in self._reasons.items() if r < row}
        # the scores are in card order: they no longer fit; the board highlights again
        self._scores = self._feasible = None
        self._best = set()

    def _build_lines(self, p: Profile) -> list[str]:
        places = ngettext("{free} of {count} place free", "{free} of {count} places free", p.capacity).format(
            free=p.free_places, count=p.capacity)
        return [f"{place_of(p)} · {places}", *common_lines(p)]

    def set_mentee(self, mentee: Profile | None, scores: np.ndarray | None, feasible: np.ndarray | None) -> None:
        """Scores of every card against one mentee (arrays in card order);
        one dataChanged for all cards: only the visible ones are repainted."""
        self._mentee = mentee
        self._explained = {}
        self._reasons = {}
        if mentee is None or scores is None or feasible is None:
            self._scores = self._feasible = None
            self._best = set()
        else:
            self._scores, self._feasible = scores, feasible
            candidates = np.flatnonzero(feasible)
            top = candidates[np.argsort(-scores[candidates], kind="stable")[:BEST_COUNT]]
            self._best = set(top.tolist())
        self._emit_all()

    @property
    def mentee(self) -> Profile | None:
        return self._mentee

    def explanation(self, row: int) -> Explanation | None:
        if self._mentee is None or self.pool is None or not 0 <= row < len(self._profiles):
            return None
        if row not in self._explained:
            self._explained[row] = explain_pair(self._mentee, self._profiles[row], self.pool, self.weights)
        return self._explained[row]

    def _reason_line(self, row: int) -> str:
        e = self.explanation(row)
        if e is None:
            return ""
        if e.blockers:
            return describe(e.blockers[0])
        top = sorted(e.reasons, key=lambda r: -(r.points or 0))[:2]
        return " · ".join(describe(r) for r in top)

    def retranslate(self) -> None:
        self._reasons = {}
        super().retranslate()

    def is_feasible(self, row: int) -> bool:
        return self._feasible is not None and bool(self._feasible[row])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._profiles):
            return None
        row = index.row()
        p = self._profiles[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return p.full_name
        if role == ProfileRole:
            return p
        if role == LinesRole:
            return self.lines(row)
        if role == ScoreRole:
            return None if self._scores is None else float(self._scores[row])
        if role == FeasibleRole:
            return None if self._feasible is None else bool(self._feasible[row])
        if role == BestRole:
            return row in self._best
        if role == ReasonRole:
            if row not in self._reasons:
                self._reasons[row] = self._reason_line(row)
            return self._reasons[row]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [p.full_name, *self.data(index, LinesRole)]
            e = self.explanation(row)
            if e is not None:
                parts.append(_("Score {score} / 100").format(score=round(e.score)))
                parts.extend(describe(b) for b in e.blockers)
                parts.extend(describe(r) for r in e.reasons)
            return "\n".join(parts) if role == Qt.ItemDataRole.ToolTipRole else " · ".join(parts)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDropEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MENTEE_MIME]

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction
