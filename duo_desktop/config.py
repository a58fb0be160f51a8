"""Where data lives and which database to open.

The database URL comes, in order, from `--database URL_OR_PATH`, the
`DUO_DATABASE_URL` environment variable, or the default SQLite file in the
platform's user data folder. QSettings (in views) holds preferences only,
never personal data.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from platformdirs import user_data_path

from . import APP_NAME, ORG_NAME

ENV_DATABASE_URL = "DUO_DATABASE_URL"
ENV_DATA_DIR = "DUO_DATA_DIR"


def data_dir() -> Path:
    """The folder for the default database and its backups (created on demand)."""
    override = os.environ.get(ENV_DATA_DIR)
    path = Path(override) if override else user_data_path(APP_NAME, ORG_NAME)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not override:  # owner-only (issue 12); a folder given by $DUO_DATA_DIR is the user's to set
        with contextlib.suppress(OSError):
            os.chmod(path, 0o700)
    return path


def default_database_path() -> Path:
    return data_dir() / "duo.sqlite3"


def demo_database_path() -> Path:
    """The demo's own SQLite file, beside the default database: demo data
    never goes into a database that holds real data (issue 10)."""
    return data_dir() / "demo.sqlite3"


def backup_dir() -> Path:
    """The backups' folder, owner-only (0700); see store/backup.py."""
    from .store.backup import owner_only_dir

    return owner_only_dir(data_dir() / "backups")


def to_url(url_or_path: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path."""
    if "://" in url_or_path:
        return url_or_path
    return f"sqlite:///{Path(url_or_path).expanduser().resolve()}"


def database_url(cli_value: str | None = None) -> str:
    if cli_value:
        return to_url(cli_value)
    env = os.environ.get(ENV_DATABASE_URL)
    if env:
        return to_url(env)
    return to_url(str(default_database_path()))


def package_data(name: str) -> Path:
    """A folder of data inside the installed package (``duo_desktop/<name>``),
    found through importlib.resources: the same call works in a wheel install
    and in a PyInstaller bundle (whose reader answers from ``sys._MEIPASS``).
    The package must sit on the file system (no zip import): the readers of
    fonts and templates need real paths."""
    from importlib.resources import files

    found = files(__package__) / name
    return Path(str(found))


def resources_dir() -> Path:
    """The folder holding fonts/, templates/, places/ and postal_codes/.

    Installed (wheel, bundle): ``duo_desktop/resources`` inside the package,
    copied there by setup.py's build step. Source tree and editable install:
    the top-level ``resources/`` beside the package, where the files are kept.
    Raises FileNotFoundError naming both places when neither exists, so a
    broken install fails at once rather than on the first font."""
    packaged = package_data("resources")
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parent.parent / "resources"
    if source.is_dir():
        return source
    raise FileNotFoundError(f"no resources folder: neither {packaged} nor {source}")
