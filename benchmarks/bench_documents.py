"""Agreements in a batch of 500: the time per agreement (a duo's one-page
agreement with names in Arabic, Ge'ez, Cyrillic and Latin scripts, fonts
embedded), against a bare one-page ReportLab platypus document (a title and
ten paragraphs in a standard font) made in the same run. Target: under 2x.

The duos are built here, in the benchmark's own folder, with bulk inserts."""

from __future__ import annotations

import datetime as dt
import io
import time

from sqlalchemy import insert

from duo_desktop.models import (Branch, Coordinator, Duo, DuoStage, LanguageLevel, Participant,
                                ParticipantLanguage, ParticipantStatus, Role)

from .harness import BENCH_TODAY, BenchContext, Figure

BATCH = 500
NAMES = [("محمد", "عبد الله"), ("ሰላም", "ተስፋይ"), ("Фатима", "Иванова"), ("Joëlle", "Dubois"), ("Ahmed", "Benali"),
         ("Amina", "El Idrissi"), ("Даниил", "Петров"), ("Yonas", "Haile")]


def build(url: str) -> None:
    from duo_desktop.store import open_store

    store = open_store(url)
    now = dt.datetime.combine(BENCH_TODAY, dt.time(9))
    with store.transaction() as s:
        s.execute(insert(Branch), [dict(id=1, code="BXL", name="DUO for a JOB Bruxelles", city="Bruxelles",
                                        country="BE", employment_office="actiris",
                                        address="Rue de la Loi 16, 1000 Bruxelles", phone="+32 2 000 00 00",
                                        email="bxl@example.org", settings={}, matching_weights={})])
        s.execute(insert(Coordinator), [dict(id=1, branch_id=1, first_name="Camille", last_name="Lefèvre")])
        people, languages, duos = [], [], []
        for i in range(BATCH):
            for role, offset in ((Role.MENTEE, 0), (Role.MENTOR, 1)):
                pid = 2 * i + 1 + offset
                first, last = NAMES[(i + offset * 3) % len(NAMES)]
                people.append(dict(id=pid, branch_id=1, role=role, status=ParticipantStatus.IN_DUO,
                                   first_name=first, last_name=f"{last} {i}", search_name=f"p{pid}",
                                   preferred_language=("fr", "nl", "en")[i % 3]))
                languages.append(dict(participant_id=pid, language=("fr", "nl", "en")[i % 3],
                                      level=LanguageLevel.FLUENT))
            duos.append(dict(id=i + 1, branch_id=1, mentee_id=2 * i + 1, mentor_id=2 * i + 2, coordinator_id=1,
                             stage=DuoStage.AWAITING_AGREEMENT, proposed_on=BENCH_TODAY - dt.timedelta(days=10),
                             mentee_decided_on=BENCH_TODAY - dt.timedelta(days=3)))
        s.execute(insert(Participant), people)
        s.execute(insert(ParticipantLanguage), languages)
        s.execute(insert(Duo), duos)
    store.dispose()
    del now


def bare_document(font: str | None = None) -> bytes:
    """A title and ten paragraphs on one page, SimpleDocTemplate's defaults;
    in a standard font (nothing embedded) unless ``font`` is given."""
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    title, body = styles["Title"], styles["BodyText"]
    if font:
        title = ParagraphStyle("t", parent=title, fontName=f"{font}-Bold")
        body = ParagraphStyle("b", parent=body, fontName=font)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, invariant=1)
    text = ("The mentee agrees to meet the mentor every week for two hours, to be on time and to say in "
            "advance when a meeting cannot take place. ") * 2
    doc.build([Paragraph("Mentoring agreement", title)] + [Paragraph(text, body) for _ in range(10)])
    return buffer.getvalue()


def _timed_each(fn, count: int) -> list[float]:  # noqa: ANN001
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def run(ctx: BenchContext) -> list[Figure]:
    from duo_desktop.services.documents.batch import agreements_due, render_each
    from duo_desktop.store import open_store

    url = f"sqlite:///{ctx.workdir / 'documents.sqlite3'}"
    build(url)
    store = open_store(url)
    with store.session() as s:
        due = agreements_due(s, BENCH_TODAY)
    assert len(due) == BATCH, len(due)

    # warm-up: fonts registered, templates read, both kinds of document made once
    with store.session() as s:
        render_each(s, due[:3], BENCH_TODAY, lambda d, t: True)
    for _ in range(3):
        bare_document()

    stamps: list[float] = []

    def progress(done: int, total: int) -> bool:
        stamps.append(time.perf_counter())
        return True

    with store.session() as s:  # as the batch dialog's query reads it
        results = render_each(s, due, BENCH_TODAY, progress)
    samples = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    assert len(results) == BATCH and all(data.startswith(b"%PDF") for _item, data in results)

    from duo_desktop.services.documents.fonts import BASE

    count = max(100, ctx.repeat * 20)
    baseline = _timed_each(bare_document, count)
    embedded = _timed_each(lambda: bare_document(BASE), count)
    store.dispose()
    note = "one page each with signature boxes, fr/nl/en, names in four scripts, fonts embedded"
    return [Figure(name=f"agreement in a batch of {BATCH}", samples=samples,
                   baseline_name="bare one-page platypus document", baseline_samples=baseline, latency=True,
                   target="< 2x baseline", note=note),
            Figure(name=f"agreement in a batch of {BATCH}", samples=samples,
                   # ReportLab maps a face registered twice to the first font object: this page
                   # embeds through the service's fonts, so it shares their subset caches
                   baseline_name="same bare page, bundled font (service's cached subsets)",
                   baseline_samples=embedded,
                   latency=True, target="(context)", note=note)]
