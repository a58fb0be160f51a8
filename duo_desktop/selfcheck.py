"""``duo-desktop --self-check``: proves an installed copy (wheel, bundle) has
everything it needs at run time, without a screen and without touching the
user's data. Run by the packaging tests on a freshly installed wheel and on
the built bundle copied to another folder.

Each check prints one line, ``ok`` or ``FAIL`` with the reason; the command
exits 0 only when every check passed:

- catalogs: fr, nl and en load from compiled .mo files (never the source .po,
  never an empty fallback) and a known message really is translated
  (Babel and gettext fall back to English silently when a catalog is missing);
- locale data: Babel formats a date in fr_BE, nl_BE and en_GB (the month
  names come from its CLDR data, which a trimmed bundle might lack);
- resources: fonts, agreement templates per language, postal codes;
- database: a temporary SQLite file is created at head by the app's own path
  (open_store) and a second one is upgraded from empty by every migration
  script, both ending at the head revision;
- encryption: the database key is derived as SQLCipher 4 does (a known
  PBKDF2-HMAC-SHA512 value: the bundle may have no OpenSSL for hashlib) and a
  file encrypted with it is written and read back;
- matching: numpy and lap compute an optimal assignment (their compiled
  libraries load), and rapidfuzz compares names with its compiled module;
- documents: a one-page agreement in each language, whose mentee has an
  Arabic name and mentor a Tigrinya name, renders to a PDF, one of them with
  a PNG logo (ReportLab draws it with Pillow);
- Qt (only when PySide6 imports): Qt's own translations for fr and nl load.

Nothing is written outside a temporary folder, which is removed; the names
are synthetic.
"""

from __future__ import annotations

import datetime as dt
import gettext
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .i18n import COMPILED_DIR, DOMAIN, LANGUAGES, FORMAT_LOCALES

# A message of the interface and what it must read as: proof that the catalog
# is the real one, not a fallback to the English source.
KNOWN = {"fr": ("Language", "Langue"), "nl": ("Language", "Taal"), "en": ("Language", "Language")}
MIN_MESSAGES = 100  # an en catalog maps each message to itself: an empty one is a broken build
MONTH = {"fr": "janvier", "nl": "januari", "en": "January"}
ARABIC_NAME = "\u0633\u0644\u0645\u0649 \u0627\u0644\u062d\u0633\u0646"  # synthetic
TIGRINYA_NAME = "\u1230\u120b\u121d \u1270\u12cb\u1208\u12f0"  # synthetic
# PBKDF2-HMAC-SHA512("self-check", salt 00..0f, 256,000 iterations, 32 bytes), computed with OpenSSL
KNOWN_KEY = "9eff97906afe07f7b9550a055eb17869f7b63c97f5e455f1e0f64c54c6dd183d"


def check_catalogs() -> str:
    from .i18n import Translator, load_catalog

    load_catalog.cache_clear()
    for lang in LANGUAGES:
        mo = COMPILED_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if not mo.is_file():
            raise AssertionError(f"{lang}: no compiled catalog at {mo} "
                                 "(in a source tree: python -m duo_desktop.tools.catalogs compile)")
        catalog = load_catalog(lang)
        if type(catalog) is not gettext.GNUTranslations or len(catalog._catalog) < MIN_MESSAGES:
            raise AssertionError(f"{lang}: the catalog is empty or a fallback")
        msgid, expected = KNOWN[lang]
        got = Translator(lang).gettext(msgid)
        if got != expected:
            raise AssertionError(f"{lang}: {msgid!r} reads {got!r}, expected {expected!r}")
    return ", ".join(LANGUAGES)


def check_locale_data() -> str:
    from babel.dates import format_date

    for lang, month in MONTH.items():
        text = format_date(dt.date(2026, 1, 15), format="long", locale=FORMAT_LOCALES[lang])
        if month not in text:
            raise AssertionError(f"{FORMAT_LOCALES[lang]}: {text!r} lacks {month!r}")
    return ", ".join(FORMAT_LOCALES.values())


def check_resources() -> str:
    from .config import resources_dir
    from .services.documents.fonts import FAMILIES, fonts_dir, register_fonts

    for files in FAMILIES.values():
        for file in files:
            if not (fonts_dir() / file).is_file():
                raise AssertionError(f"font missing: {file}")
    register_fonts()
    for lang in LANGUAGES:
        if not (resources_dir() / "templates" / lang / "agreement.toml").is_file():
            raise AssertionError(f"{lang}: agreement template missing")
    from .services import geo

    empty = [country for country in geo.COUNTRIES if not geo.places(country)]
    if empty:
        raise AssertionError(f"places: no postal codes for {empty}")
    return f"{resources_dir()}"


def check_database(folder: Path) -> str:
    from alembic import command

    from .store import make_engine, open_store
    from .store.migrate import HEAD_REVISION, alembic_config, current_revision

    store = open_store(f"sqlite:///{folder / 'created.sqlite3'}")
    try:
        created = current_revision(store.engine)
    finally:
        store.dispose()
    engine = make_engine(f"sqlite:///{folder / 'migrated.sqlite3'}")
    try:
        command.upgrade(alembic_config(engine), "head")
        migrated = current_revision(engine)
    finally:
        engine.dispose()
    if not created == migrated == HEAD_REVISION:
        raise AssertionError(f"created at {created}, migrated to {migrated}, head is {HEAD_REVISION}")
    return f"created and migrated to {HEAD_REVISION}"


def check_encryption(folder: Path) -> str:
    from .store import crypto

    raw = crypto.Key("self-check").for_salt(bytes(range(16)))
    if raw != f"x'{KNOWN_KEY}{bytes(range(16)).hex()}'":
        raise AssertionError("the derived database key is wrong")
    path = folder / "encrypted.sqlite3"
    connection = crypto.connect(path, raw)
    try:
        connection.execute("CREATE TABLE t (name TEXT)")
        connection.execute("INSERT INTO t VALUES ('ok')")
        connection.commit()
    finally:
        connection.close()
    if not crypto.is_encrypted(path):
        raise AssertionError("the file was written in plain text")
    connection = crypto.connect(path, raw)
    try:
        rows = connection.execute("SELECT name FROM t").fetchall()
    finally:
        connection.close()
    if rows != [("ok",)]:
        raise AssertionError(f"read back {rows}")
    return "key derived, encrypted file written and read"


def _logo() -> str:
    from .config import resources_dir

    return str(resources_dir() / "icons" / "duo-desktop.png")


def _duo(lang: str, logo: str | None = None):  # noqa: ANN202
    from .services.documents.data import DocumentBranch, DuoInfo, PersonInfo

    def person(pid: int, name: str) -> PersonInfo:
        return PersonInfo(pid, name, "Rue de l'Exemple 1", "1000", "Bruxelles", "", "", None, lang, (lang,))

    branch = DocumentBranch(1, "DUO for a JOB", "Bruxelles", "", "", "", "actiris", 6, 2, lang, logo, None)
    return DuoInfo(1, person(1, TIGRINYA_NAME), person(2, ARABIC_NAME), "Coordinator", "", "", branch,
                   dt.date(2026, 1, 15), dt.date(2026, 7, 15))


def check_documents(folder: Path) -> str:
    from .services.documents.agreement import AgreementOptions, agreement_pdf
    from .services.documents.fonts import coverage

    missing = [c for c in ARABIC_NAME + TIGRINYA_NAME if not c.isspace() and coverage().family_for(c) is None]
    if missing:
        raise AssertionError(f"no bundled font draws {''.join(missing)!r}")
    sizes = []
    for lang in LANGUAGES:
        logo = _logo() if lang == LANGUAGES[0] else None  # a PNG with transparency: Pillow decodes it
        pdf = agreement_pdf(_duo(lang, logo), AgreementOptions(lang), dt.date(2026, 1, 15))
        if not pdf.startswith(b"%PDF") or len(pdf) < 1000:
            raise AssertionError(f"{lang}: the agreement is not a PDF")
        if logo and b"/SMask" not in pdf:
            raise AssertionError(f"{lang}: the logo is not in the agreement")
        (folder / f"agreement-{lang}.pdf").write_bytes(pdf)
        sizes.append(len(pdf))
    return "agreements in " + ", ".join(f"{lang} ({size // 1024} KiB)" for lang, size in zip(LANGUAGES, sizes))


def check_matching() -> str:
    """numpy and lap load with their compiled libraries (a bundle whose
    OpenBLAS was damaged fails here, not on the first matching board)."""
    import numpy as np

    from .services.matching.assignment import optimal_pairs

    scores = np.array([[3.0, 1.0], [2.0, 4.0]])
    feasible = np.ones((2, 2), dtype=bool)
    pairs = sorted(map(tuple, optimal_pairs(scores, feasible)))
    # one mentee, three mentors: the best feasible one (the middle one is not feasible)
    wide = sorted(map(tuple, optimal_pairs(np.array([[1.0, 5.0, 2.0]]), np.array([[True, False, True]]))))
    if not pairs == [(0, 0), (1, 1)] or wide != [(0, 2)] or int(np.bitwise_count(np.uint8(7))) != 3:
        raise AssertionError(f"optimal pairs {pairs} / {wide}")
    # a float product goes through OpenBLAS (the bundle rewrites its file: tools/elf_strip.py); integers do not
    whole = np.arange(64 * 64, dtype=np.int64).reshape(64, 64) % 97
    product = whole.astype(np.float64) @ whole.T.astype(np.float64)
    if not np.array_equal(product, (whole @ whole.T).astype(np.float64)):
        raise AssertionError("OpenBLAS computes a wrong matrix product")
    from rapidfuzz import fuzz

    from .services.duplicates import similar_names

    # the compiled comparison, not rapidfuzz's pure-Python fallback (a trimmed bundle lacking it runs slow)
    compiled = fuzz.token_sort_ratio.__module__.startswith("rapidfuzz.fuzz_cpp")
    if not compiled or not similar_names("jean dupont", "dupont jan"):
        raise AssertionError(f"rapidfuzz: {fuzz.token_sort_ratio.__module__}")
    return f"numpy {np.__version__}, optimal pairs found; similar names found"


def check_qt() -> str:
    try:
        from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
    except ImportError:
        return "skipped (PySide6 not installed)"
    app = QCoreApplication.instance() or QCoreApplication([])
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for lang in ("fr", "nl"):
        if not QTranslator(app).load(f"qtbase_{lang}", path):
            raise AssertionError(f"qtbase_{lang}.qm not found in {path}")
    return "qtbase fr, nl"


def run(out=sys.stdout) -> int:  # noqa: ANN001
    """Run every check, print one line each; 0 when all passed, else 1."""
    failed = 0
    with tempfile.TemporaryDirectory(prefix="duo-self-check-") as tmp:
        folder = Path(tmp)
        checks: list[tuple[str, Callable[[], str]]] = [
            ("catalogs", check_catalogs),
            ("locale data", check_locale_data),
            ("resources", check_resources),
            ("database", lambda: check_database(folder)),
            ("encryption", lambda: check_encryption(folder)),
            ("documents", lambda: check_documents(folder)),
            ("matching", check_matching),
            ("Qt", check_qt),
        ]
        for name, check in checks:
            try:
                detail = check()
            except Exception as exc:  # noqa: BLE001 - every failure is reported, then the exit code says it
                failed += 1
                print(f"FAIL {name}: {type(exc).__name__}: {exc}", file=out, flush=True)
            else:
                print(f"ok   {name}: {detail}", file=out, flush=True)
    print("OK" if not failed else f"FAILED ({failed} checks)", file=out, flush=True)
    return 1 if failed else 0
