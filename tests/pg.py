"""A throw-away PostgreSQL server for the tests.

``PgServer.start()`` runs Debian's ``initdb`` and ``pg_ctl`` (the
``postgresql`` package, installed by tools/install_system_deps.sh) on a data
folder in a fresh temporary directory, listening on a free loopback port with
its unix socket in that directory, no password (``trust``, loopback only).
PostgreSQL refuses to run as root: as root the server runs as the
unprivileged ``nobody`` user (``setpriv``), which owns the temporary directory.

``create_database()`` gives each test its own database, cloned from a template
created at the schema's head once per session (a clone takes ~30 ms; the
migrations take a second). ``stop()`` stops the server (immediate mode: the
data is thrown away) and removes the directory.

Raises ``PgUnavailable`` with the reason when the server cannot be started.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "duo"  # the cluster's superuser role (not a system user)
TEMPLATE = "duo_template"


class PgUnavailable(RuntimeError):
    pass


def _bindir() -> Path | None:
    """The newest installed server's programs (Debian keeps them out of PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self) -> None:
        self.dir: Path | None = None
        self.port = 0
        self._bin: Path | None = None
        self._as: list[str] = []
        self._counter = itertools.count(1)

    # --- life -------------------------------------------------------------------
    def start(self) -> PgServer:
        self._bin = _bindir()
        if self._bin is None:
            raise PgUnavailable("PostgreSQL's initdb was not found (install the 'postgresql' package: "
                                "bash tools/install_system_deps.sh)")
        self.dir = Path(tempfile.mkdtemp(prefix="duo-pg-"))
        if os.geteuid() == 0:  # initdb and postgres refuse root: run them as nobody
            try:
                nobody = pwd.getpwnam("nobody")
            except KeyError as exc:
                raise PgUnavailable("running as root and there is no 'nobody' user to run PostgreSQL") from exc
            os.chown(self.dir, nobody.pw_uid, nobody.pw_gid)
            self._as = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups", "--"]
        os.chmod(self.dir, 0o700)
        self._run("initdb", "-D", str(self.dir / "data"), "-U", USER, "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync", "--no-instructions")
        last_error = ""
        for _attempt in range(3):  # a free port may be taken between the probe and the start
            self.port = _free_port()
            options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60 "
                       "-c shared_buffers=32MB")
            try:
                self._run("pg_ctl", "start", "-D", str(self.dir / "data"), "-o", options,
                          "-l", str(self.dir / "server.log"), "-w", "-t", "60")
                break
            except PgUnavailable as exc:
                last_error = str(exc)
        else:
            raise PgUnavailable(last_error)
        self._build_template()
        return self

    def stop(self) -> None:
        if self.dir is None:
            return
        if (self.dir / "data" / "postmaster.pid").exists():
            with contextlib.suppress(PgUnavailable):
                self._run("pg_ctl", "stop", "-D", str(self.dir / "data"), "-m", "immediate", "-w", "-t", "30")
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None

    def _run(self, program: str, *args: str) -> None:
        assert self._bin is not None
        command = [*self._as, str(self._bin / program), *args]
        env = {**os.environ, "LC_ALL": "C.UTF-8", "TZ": "UTC"}
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd=self.dir)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PgUnavailable(f"{program} could not run: {exc}") from exc
        if done.returncode != 0:
            log = ""
            if self.dir is not None and (self.dir / "server.log").exists():
                log = (self.dir / "server.log").read_text(errors="replace")[-1500:]
            raise PgUnavailable(f"{program} failed ({done.returncode}): {done.stderr.strip()[-1500:]} {log}")

    # --- databases --------------------------------------------------------------
    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def _admin(self, *statements: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=USER, dbname="postgres",
                             autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def _build_template(self) -> None:
        from duo_desktop.store import open_store

        self._admin(f"CREATE DATABASE {TEMPLATE}")
        store = open_store(self.url(TEMPLATE))
        store.dispose()

    def create_database(self, *, empty: bool = False) -> str:
        """A new database: at the schema's head (or ``empty``); returns its URL."""
        name = f"test_{os.getpid()}_{next(self._counter)}"
        template = "template0" if empty else TEMPLATE
        self._admin(f"CREATE DATABASE {name} TEMPLATE {template}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with contextlib.suppress(Exception):
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
