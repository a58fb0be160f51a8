"""All agreements due this week in one go: the duos awaiting their
agreement (both said yes at the first meeting, by the end of the clock's
week), rendered one by one with progress and cancel, saved to a folder the
user chose or returned in memory for one print job. Nothing goes through a
temporary folder. The functions read through the caller's session (the
screen's operation owns it, on its worker thread)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ...models import Duo, DuoStage, Participant
from ..errors import Cancelled
from . import templates
from .agreement import AgreementOptions, agreement_pdf
from ...i18n import N_, Translator
from ..errors import NotFound
from .data import DuoInfo, duo_infos, suggested_languages
from .output import write_pdf

Progress = Callable[[int, int], bool]  # (done, total) -> False once the user cancelled


@dataclass(frozen=True)
class DueAgreement:
    duo_id: int
    mentee_name: str
    mentor_name: str
    lang: str
    second_lang: str | None

    @property
    def file_name(self) -> str:
        """The file name in English (the message id)."""
        return self.file_name_in(None)

    def file_name_in(self, t: Translator | None) -> str:
        """The file name in ``t``'s language: "convention-duo-12-fr.pdf"."""
        langs = self.lang + (f"-{self.second_lang}" if self.second_lang else "")
        pattern = t.gettext(AGREEMENT_FILE) if t is not None else AGREEMENT_FILE
        return pattern.format(number=self.duo_id, languages=langs).replace("/", "-").replace("\\", "-")


#: the file name of a duo's agreement, translated by whoever saves it
AGREEMENT_FILE = N_("agreement-duo-{number}-{languages}.pdf")


def week_end(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=6 - today.weekday())


def agreements_due(session: Session, today: dt.date, branch_id: int | None = None) -> list[DueAgreement]:
    """The duos whose agreement is due this week, with the languages
    suggested for each."""
    mentee, mentor = aliased(Participant), aliased(Participant)
    decided = func.coalesce(Duo.mentee_decided_on, Duo.proposed_on)
    query = (select(Duo.id).join(mentee, Duo.mentee_id == mentee.id).join(mentor, Duo.mentor_id == mentor.id)
             .where(Duo.stage == DuoStage.AWAITING_AGREEMENT, decided <= week_end(today),
                    # a person on hold (restricted, GDPR art. 18) gets no letter
                    mentee.restricted_since.is_(None), mentor.restricted_since.is_(None))
             .order_by(mentee.last_name, mentee.first_name, Duo.id))
    if branch_id is not None:
        query = query.where(Duo.branch_id == branch_id)
    ids = list(session.scalars(query))
    infos = duo_infos(session, ids)
    due = []
    for duo_id in ids:
        info = infos[duo_id]
        lang, second = suggested_languages(info)
        due.append(DueAgreement(duo_id, info.mentee.name, info.mentor.name, lang, second))
    return due


CHUNK = 50  # duos read from the database at a time


def _infos(session: Session, due: list[DueAgreement]) -> Iterator[tuple[DueAgreement, DuoInfo]]:
    """Each due agreement with its duo, read CHUNK at a time (plain
    dataclasses; the ORM objects of a chunk are let go before the next)."""
    for start in range(0, len(due), CHUNK):
        chunk = due[start:start + CHUNK]
        infos = duo_infos(session, [item.duo_id for item in chunk])
        session.expunge_all()
        for item in chunk:
            if item.duo_id not in infos:
                raise NotFound(N_("Duo {id} does not exist."), id=item.duo_id)
            yield item, infos[item.duo_id]


def render_each(session: Session, due: list[DueAgreement], today: dt.date, progress: Progress,
                with_charter: bool = False, lang: str | None = None) -> list[tuple[DueAgreement, bytes]]:
    """Every agreement in memory (for one print job); ``lang`` forces one
    language for all, else each duo gets its suggested languages."""
    out: list[tuple[DueAgreement, bytes]] = []
    total = len(due)
    if not progress(0, total):
        raise Cancelled()
    with templates.batch():  # the same texts for the whole batch, read and checked once
        for i, (item, info) in enumerate(_infos(session, due), start=1):
            options = AgreementOptions(lang or item.lang, None if lang else item.second_lang, True, with_charter)
            out.append((item, agreement_pdf(info, options, today)))
            if not progress(i, total):
                raise Cancelled()
    return out


def _free_name(path: Path) -> Path:
    """Never overwrite a file already there (an earlier batch)."""
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


def save_each(session: Session, due: list[DueAgreement], folder: Path, today: dt.date, progress: Progress,
              with_charter: bool = False, lang: str | None = None,
              created: dt.datetime | None = None, names: Translator | None = None) -> list[Path]:
    """Every agreement as its own PDF in ``folder``, dated ``created`` (the
    clock's now), named in ``names``' language (the user's). On cancel or error the files of this batch are removed
    again: the batch is saved whole or not at all."""
    written: list[Path] = []
    total = len(due)
    try:
        if not progress(0, total):
            raise Cancelled()
        with templates.batch():  # the same texts for the whole batch, read and checked once
            for i, (item, info) in enumerate(_infos(session, due), start=1):
                options = AgreementOptions(lang or item.lang, None if lang else item.second_lang, True,
                                           with_charter)
                data = agreement_pdf(info, options, today)
                path = _free_name(folder / item.file_name_in(names))
                write_pdf(path, data, created)
                written.append(path)
                if not progress(i, total):
                    raise Cancelled()
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
