"""Import of a web form export and the intake draft autosave.

Builds its own database in ctx.workdir: one branch and ctx.participants
registered people (bulk insert), so duplicate detection works at scale;
then a synthetic export of 2,000 applications (CSV, `;`, UTF-8 with BOM).

Figures:
- preview of the 2,000 rows (read, check every field, duplicates against
  everyone registered), against reading the same file with csv.reader;
- importing them in one transaction, against a Core bulk insert of the
  same number of rows;
- one draft autosave (what the intake window does 0.5 s after typing),
  against an empty transaction on the same store.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

import shutil

from sqlalchemy import insert, select

from benchmarks.harness import BENCH_TODAY, BenchContext, Figure, timed
from duo_desktop.models import Branch, IntakeDraft, Participant
from duo_desktop.services import importer, intake
from duo_desktop.services.clock import FixedClock
from duo_desktop.store import Store, open_store

ROWS = 2_000
FIRST = ["Joëlle", "محمد", "ሰላም", "Фатима", "Amina", "Yusuf", "Léa", "Omar", "Samira", "Ivan"]
LAST = ["Dubois", "العلي", "ተስፋይ", "Иванова", "Diallo", "Yilmaz", "Peeters", "Haddad", "Janssens", "Kovač"]


def _export(path, rng: random.Random) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Prénom", "Nom", "Rôle", "Date de naissance", "Courriel", "Téléphone", "Code postal",
                     "Langues", "Secteurs", "Projet professionnel"])
    for n in range(ROWS):
        writer.writerow([rng.choice(FIRST), f"{rng.choice(LAST)}-{n}", rng.choice(["mentor", "mentoré"]),
                         f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1960, 2006)}",
                         f"applicant{n}@example.org", f"0470 {n // 10000:02d} {n // 100 % 100:02d} {n % 100:02d}",
                         rng.choice(["1000", "1030", "1050", "1080", "1210"]), "fr:native; ar:B1", "logistics; it",
                         "Travailler dans la logistique,\npuis se former"])
    path.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))


def run(ctx: BenchContext) -> list[Figure]:
    rng = random.Random(7)
    base = ctx.workdir / "bench-import.sqlite3"
    work = ctx.workdir / "bench-import-run.sqlite3"
    store = open_store(f"sqlite:///{base}")
    clock = FixedClock.on(BENCH_TODAY)
    with store.transaction() as s:
        branch = Branch(code="BXL", name="DUO for a JOB Bruxelles", city="Bruxelles", country="BE",
                        employment_office="actiris")
        s.add(branch)
        s.flush()
        branch_id = branch.id
        people = [dict(branch_id=branch_id, role="mentee", status="applicant", first_name=f"P{n}", last_name="Reg",
                       search_name=f"p{n} reg", birth_date=dt.date(1990, 1, 1) + dt.timedelta(days=n % 5000),
                       email=f"registered{n}@example.org", phone_key=f"48{n:07d}", consent_scope=[],
                       eligibility_overrides={}) for n in range(ctx.participants)]
        for start in range(0, len(people), 10_000):
            s.execute(insert(Participant), people[start:start + 10_000])
    path = ctx.workdir / "export.csv"
    _export(path, rng)
    registered = ctx.participants
    store.dispose()
    store = open_store(f"sqlite:///{base}", migrate=False)
    current: dict[str, Store] = {}

    def reset() -> None:
        """A fresh copy of the registered people for each run (deleting rows would cost more than importing)."""
        if "store" in current:
            current.pop("store").dispose()
        shutil.copyfile(base, work)
        current["store"] = open_store(f"sqlite:///{work}", migrate=False)

    def check() -> importer.Preview:
        with store.session() as s:
            return importer.preview(s, clock, path)

    def write_rows(result: importer.Preview) -> None:
        with current["store"].transaction() as s:
            importer.import_rows(s, clock, result)

    def save_draft(draft: int | None) -> int:
        with store.transaction() as s:
            return intake.save_draft(s, clock, form, draft, branch_id=branch_id)

    preview = timed(check, ctx.repeat)

    def read_only() -> None:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            list(csv.reader(fh, delimiter=";"))

    read = timed(read_only, ctx.repeat)
    checked = check()
    assert len(checked.valid) == ROWS, [p.message for r in checked.rejected for p in r.problems][:3]
    write = timed(lambda: write_rows(checked), ctx.repeat, setup=reset)

    def bulk() -> None:
        rows = [dict(branch_id=branch_id, role="mentee", status="applicant", first_name="X", last_name=str(n),
                     search_name=f"x {n}", consent_scope=[], eligibility_overrides={}) for n in range(ROWS)]
        with current["store"].transaction() as s:
            s.execute(insert(Participant), rows)

    baseline_write = timed(bulk, ctx.repeat, setup=reset)
    current.pop("store").dispose()

    form = intake.empty_form(today=BENCH_TODAY)
    form.update(first_name="محمد", last_name="العلي", birth_date="23/04/2001", email="m@example.org",
                languages=[["ar", "native"]], sectors=["it"], professional_project="x" * 2000)
    draft_id = save_draft(None)
    save = timed(lambda: save_draft(draft_id), ctx.repeat * 20)

    def empty() -> None:
        with store.transaction() as s:
            s.execute(select(IntakeDraft.id).where(IntakeDraft.id == draft_id))

    baseline_save = timed(empty, ctx.repeat * 20)
    store.dispose()
    note = f"{ROWS} rows against {registered} registered people"
    return [
        Figure("import: preview (check every row)", preview, "csv.reader of the same file", read, note=note),
        Figure("import: write valid rows (1 transaction)", write, "Core bulk insert, same rows", baseline_write,
               note=note),
        Figure("intake: draft autosave", save, "empty transaction", baseline_save, latency=True,
               target="unnoticeable while typing (< 50 ms)"),
    ]
