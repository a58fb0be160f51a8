"""Participants screen: time per keystroke while typing a name, at 100,000
participants.

One keystroke = what the screen does after its debounce: the service search
(the words through the FTS5 trigram index of participant.search_text, words
under 3 characters with LIKE, the filters and counts per status in SQL, the
order from the list's id array), the model reset, and fetching the first
visible block of rows (40 rows, every column, read from SQLite by id).

Issue 15 asks the search per query against LIKE in the same run: "search
only" times the service's search alone for every word typed whole, with the
same words through ``LIKE '%…%'`` as its baseline (the ratio is index / LIKE).

Baseline, same run: one ``SELECT id FROM participant WHERE merged_into_id IS
NULL ORDER BY last_name, first_name, id`` with no filter at all, the least any
list of all participants has to do per refresh if it asked the database. A
ratio under 1 means a keystroke costs less than that unfiltered query.

Two more figures put the design in context: the same keystrokes through SQL
``LIKE '%…%'`` (the search before the index, kept as the reference), and the
one-off cost of building the index when the screen opens (or after another
screen changed participants).

The database is built here in ``ctx.workdir`` with Core bulk inserts, names
in Latin (with accents), Arabic, Ge'ez, Cyrillic and Turkish scripts, so the
figure does not depend on the demo data.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from sqlalchemy import insert, or_, select

from .harness import BENCH_TODAY, BenchContext, Figure, timed

FIRST = ["Joëlle", "Mohamed", "Fatima", "Aïcha", "Jan", "Sofie", "Youssef", "Léa", "Amadou", "Hélène",
         "محمد", "فاطمة", "يوسف", "عائشة", "ሰላም", "ሳባ", "ዮናስ", "Фатима", "Иван", "Ольга", "Çağrı", "Şeyma",
         "Zoë", "François", "Noémie", "Bilal", "Mariam", "Dawit", "Selam", "Nour"]
LAST = ["Dubois", "Peeters", "El Amrani", "Janssens", "Diallo", "Lefèvre", "Öztürk", "Müller", "Nguyen",
        "Van den Broeck", "العلي", "الحسن", "بن علي", "ተስፋይ", "ገብረ", "Иванова", "Петров", "Yılmaz",
        "Bakker", "De Smet", "Mertens", "Benali", "Haile", "Tesfaye", "Kowalski", "Ndiaye", "Ferreira",
        "Martin", "Willems", "Claes"]
CITIES = ["Bruxelles", "Schaerbeek", "Ixelles", "Anderlecht", "Antwerpen", "Gent", "Liège", "Lille",
          "Paris", "Rotterdam", "Mechelen", "Molenbeek-Saint-Jean"]
SECTORS = ["care", "it", "logistics", "retail", "hospitality", "construction", "finance", "education"]
LANGS = ["fr", "nl", "en", "ar", "ti", "ru", "tr", "am"]
STATUSES = ["applicant", "info_session_attended", "intake_done", "ready_to_match", "in_duo", "alumni",
            "withdrawn"]
#: What is typed, character by character
TYPED = ["joelle dubois", "محمد العلي", "ሰላም ተስፋይ", "фатима", "0470 12", "yilmaz", "van den"]


def build(url: str, n: int, key=None) -> None:  # noqa: ANN001  (key: an encrypted store)
    from duo_desktop.models import Branch, Coordinator, Participant, ParticipantLanguage, ParticipantSector
    from duo_desktop.services.duplicates import normalise_phone
    from duo_desktop.text import search_name
    from duo_desktop.store import open_store

    rnd = random.Random(42)
    store = open_store(url, key=key)
    with store.transaction() as s:
        s.execute(insert(Branch), [
            {"id": i + 1, "code": f"B{i}", "name": f"DUO for a JOB {c}", "city": c, "country": "BE",
             "employment_office": "actiris"} for i, c in enumerate(["Bruxelles", "Antwerpen", "Liège", "Gent",
                                                                     "Paris", "Rotterdam"])])
        s.execute(insert(Coordinator), [{"id": i + 1, "branch_id": i % 6 + 1, "first_name": f"Coord{i}",
                                          "last_name": "Test"} for i in range(24)])
        rows, langs, sectors = [], [], []
        for pid in range(1, n + 1):
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            phone = f"+32 4{rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)}"
            mentor = rnd.random() < 0.35
            rows.append({
                "id": pid, "branch_id": rnd.randint(1, 6), "coordinator_id": rnd.randint(1, 24),
                "role": "mentor" if mentor else "mentee", "status": rnd.choice(STATUSES),
                "applied_on": BENCH_TODAY - dt.timedelta(days=rnd.randint(0, 3000)),
                "first_name": first, "last_name": last, "search_name": search_name(first, last),
                "birth_date": dt.date(1960 if mentor else 1998, 1, 1) + dt.timedelta(days=rnd.randint(0, 3650)),
                "gender": "unspecified", "email": f"p{pid}@example.org", "phone": phone,
                "phone_key": normalise_phone(phone), "municipality": rnd.choice(CITIES),
            })
            for code in rnd.sample(LANGS, 2):
                langs.append({"participant_id": pid, "language": code, "level": "fluent"})
            sectors.append({"participant_id": pid, "sector": rnd.choice(SECTORS)})
        for start in range(0, n, 10_000):
            s.execute(insert(Participant), rows[start:start + 10_000])
        s.execute(insert(ParticipantLanguage), langs)
        s.execute(insert(ParticipantSector), sectors)
    store.dispose()


def _prefixes() -> list[str]:
    return [word[:k] for word in TYPED for k in range(1, len(word) + 1)]


def run(ctx: BenchContext) -> list[Figure]:
    from PySide6.QtCore import QCoreApplication, Qt

    from duo_desktop.models import Participant
    from duo_desktop.services import participants as service
    from duo_desktop.text import digits, fold
    from duo_desktop.store import open_store
    from duo_desktop.views.participants_model import COLUMNS, ParticipantTableModel

    QCoreApplication.instance() or QCoreApplication([])
    n = ctx.participants
    url = f"sqlite:///{ctx.workdir / 'participants-bench.sqlite3'}"
    build(url, n)
    store = open_store(url)

    index = service.ParticipantIndex()

    def load(ids):  # noqa: ANN001, ANN202
        with store.session() as session:
            return service.fetch_rows(session, ids, index)

    model = ParticipantTableModel(load)

    def reload_index() -> None:
        with store.session() as session:
            index.reload(session)

    build_samples = timed(reload_index, repeat=max(3, ctx.repeat))

    def keystroke(text: str) -> None:
        result = index.search(service.ParticipantFilter(text=text), session_factory=store.session)
        model.set_ids(result.ids)
        for row in range(min(40, model.rowCount())):
            for col in range(len(COLUMNS)):
                model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole)

    samples: list[float] = []
    for _round in range(max(1, ctx.repeat)):
        for text in _prefixes():
            start = time.perf_counter()
            keystroke(text)
            samples.append(time.perf_counter() - start)

    def sql_like(text: str) -> list[int]:
        query = select(Participant.id).where(Participant.merged_into_id.is_(None))
        for word in fold(text).split():
            like = f"%{word}%"
            conditions = [Participant.search_name.like(like), Participant.email.ilike(like),
                          Participant.municipality.ilike(like)]
            if len(digits(word)) >= 3:
                conditions.append(Participant.phone_key.like(f"%{digits(word).lstrip('0')}%"))
            query = query.where(or_(*conditions))
        query = query.order_by(Participant.last_name, Participant.first_name, Participant.id)
        with store.session() as session:
            return list(session.scalars(query))

    whole = [word for word in TYPED]
    search_samples, search_cpu, like_only, like_cpu = [], [], [], []
    for _round in range(max(1, ctx.repeat)):
        for text in whole:
            cpu, start = time.process_time(), time.perf_counter()
            index.search(service.ParticipantFilter(text=text), session_factory=store.session)
            search_samples.append(time.perf_counter() - start)
            search_cpu.append(time.process_time() - cpu)
            cpu, start = time.process_time(), time.perf_counter()
            sql_like(text)
            like_only.append(time.perf_counter() - start)
            like_cpu.append(time.process_time() - cpu)

    like_samples = []
    for text in _prefixes():
        start = time.perf_counter()
        ids = sql_like(text)
        model.set_ids(ids)
        like_samples.append(time.perf_counter() - start)

    def baseline() -> None:
        with store.session() as session:
            list(session.scalars(select(Participant.id).where(Participant.merged_into_id.is_(None))
                                 .order_by(Participant.last_name, Participant.first_name, Participant.id)))

    base = timed(baseline, repeat=max(5, ctx.repeat * 3))
    store.dispose()
    note = f"{len(_prefixes())} keystrokes x {max(1, ctx.repeat)} rounds over {n:,} participants"
    return [
        Figure("participants: keystroke (index search + model reset + first 40 rows)", samples,
               "SELECT id ORDER BY last_name, no filter", base, latency=True, target="p95 < 50 ms", note=note),
        Figure("participants: keystroke through SQL LIKE (reference, not used)", like_samples,
               "SELECT id ORDER BY last_name, no filter", base, latency=True,
               note="the search before the index: LIKE '%word%' on name, email, municipality, phone"),
        Figure("participants: search only, whole words (FTS5 trigram index)", search_samples,
               "the same words through SQL LIKE '%word%'", like_only, latency=True,
               note=f"{len(whole)} words x {max(1, ctx.repeat)} rounds; CPU time {sum(search_cpu):.3f} s "
                    f"against {sum(like_cpu):.3f} s for LIKE"),
        Figure("participants: build the search index (screen opens)", build_samples,
               "SELECT id ORDER BY last_name, no filter", base, note="once, and after another screen's change"),
    ]
