"""The PostgreSQL password is never stored (issue 16): a server URL saved
without one takes it from the system keyring; without a usable keyring the
URL is left as it is (the caller asks)."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from sqlalchemy import make_url

from duo_desktop.store.password import SERVICE, asks_for_password, fill_password, keyring_user

URL = "postgresql+psycopg://coordinator@server.branch.example:5433/duo"


class MemoryKeyring(KeyringBackend):
    """An in-memory backend: the tests never touch the machine's keyring."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        self.entries.pop((service, username), None)


@pytest.fixture
def use_keyring():
    before = keyring.get_keyring()

    def use(backend):
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(before)


def test_the_keyring_password_fills_the_url(use_keyring):
    ring = use_keyring(MemoryKeyring())
    ring.set_password(SERVICE, "coordinator@server.branch.example:5433/duo", "s3cret/é")
    filled = make_url(fill_password(URL))
    assert filled.password == "s3cret/é" and filled.username == "coordinator" and filled.database == "duo"
    assert keyring_user(URL) == "coordinator@server.branch.example:5433/duo"


def test_no_entry_no_backend_or_a_failing_backend_leave_the_url_as_given(use_keyring):
    use_keyring(MemoryKeyring())
    assert fill_password(URL) == URL  # no entry for this server
    use_keyring(null.Keyring())
    assert fill_password(URL) == URL
    use_keyring(fail.Keyring())  # raises NoKeyringError: not a crash
    assert fill_password(URL) == URL


def test_a_given_password_and_a_sqlite_file_are_not_touched(use_keyring):
    ring = use_keyring(MemoryKeyring())
    ring.set_password(SERVICE, keyring_user(URL), "from-the-keyring")
    typed = "postgresql+psycopg://coordinator:typed@server.branch.example:5433/duo"
    assert make_url(fill_password(typed)).password == "typed"
    assert fill_password("sqlite:////tmp/duo.sqlite3") == "sqlite:////tmp/duo.sqlite3"


def test_the_server_asking_for_a_password_is_recognised():
    assert asks_for_password(Exception('connection failed: FATAL:  password authentication failed for user "x"'))
    assert asks_for_password(Exception("fe_sendauth: no password supplied"))
    assert not asks_for_password(Exception('database "duo" does not exist'))


def test_the_command_line_opens_the_server_with_the_keyring_password(use_keyring, pg_url):
    from duo_desktop.cli.common import open_url

    ring = use_keyring(MemoryKeyring())
    ring.set_password(SERVICE, keyring_user(pg_url), "from-the-keyring")
    store = open_url(pg_url)  # the test server trusts loopback: any password is accepted
    try:
        assert store.engine.url.password == "from-the-keyring"
        assert "from-the-keyring" not in store.url  # what is shown or logged has no password
    finally:
        store.dispose()


def test_without_a_terminal_the_command_says_how_to_give_the_password(use_keyring, monkeypatch, capsys):
    from sqlalchemy.exc import OperationalError

    from duo_desktop.cli import common

    use_keyring(null.Keyring())

    def refused(url, **options):
        raise OperationalError("connect", {}, Exception("fe_sendauth: no password supplied"))

    monkeypatch.setattr(common, "open_store", refused)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    with pytest.raises(SystemExit) as exited:
        common.open_url(URL)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert SERVICE in err and keyring_user(URL) in err
