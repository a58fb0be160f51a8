"""``screenshot --what fixes``: the screens and dialogs of issue 17's
"nothing typed is lost" and "smaller things": the participant's dated
notes and the merge dialog, a duo page with its correction buttons and the
meeting correction dialog, the events' calendar, the board's name search.
Renders from the database given (the demo's, usually); saves nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select


def _grab(widget, path: Path) -> Path:  # noqa: ANN001
    widget.grab().save(str(path))
    return path


def render_fixes(app, window, out: Path, lang: str) -> Iterator[Path]:  # noqa: ANN001
    from ...models import Duo, DuoStage, Meeting, Participant, Role
    from ...services.duo_corrections import meeting_entry
    from ...services.participant_profile import load_profile
    from ...views.duo_corrections import MeetingDialog
    from ...views.ops import wait_for_tasks
    from ...views.participant_dialogs import MergeDialog
    from ...views.person_notes_panel import NoteDialog

    def settle() -> None:
        app.processEvents()
        wait_for_tasks()
        app.processEvents()

    store, today = window.context.store, window.context.clock.today()
    with store.session() as s:
        mentees = s.scalars(select(Participant.id).where(Participant.role == Role.MENTEE,
                                                        Participant.merged_into_id.is_(None)).limit(2)).all()
        ended = s.scalar(select(Duo.id).where(Duo.stage == DuoStage.ENDED).limit(1))
        meeting = s.scalar(select(Meeting.id).where(Meeting.duo_id == ended).limit(1)) if ended else None
        left, right = (load_profile(s, pid) for pid in mentees[:2])
        entry = meeting_entry(s, meeting) if meeting else None

    participants = window.show_screen("participants")
    settle()
    participants.select(left.id)
    settle()
    yield _grab(window, out / f"participants-notes-{lang}.png")
    for name, dialog in (("merge-dialog", MergeDialog(left, right, window)),
                         ("note-dialog", NoteDialog(today, lambda _v: None, None, window))):
        dialog.show()
        settle()
        yield _grab(dialog, out / f"{name}-{lang}.png")
        dialog.discard_silently = True
        dialog.close()
    if ended is not None:
        duos = window.show_screen("duos")
        duos.open_duo(ended)
        settle()
        yield _grab(window, out / f"duo-corrections-{lang}.png")
        if entry is not None:
            dialog = MeetingDialog(entry, today, lambda _v: None, window)
            dialog.show()
            settle()
            yield _grab(dialog, out / f"meeting-correction-{lang}.png")
            dialog.discard_silently = True
            dialog.close()
        duos.show_list()
    events = window.show_screen("events")
    settle()
    yield _grab(window, out / f"events-calendar-{lang}.png")
    board = window.show_screen("matching")
    settle()
    board.toolbar.search.setText("an")
    settle()
    yield _grab(window, out / f"matching-search-{lang}.png")
    board.toolbar.search.clear()
    del events
