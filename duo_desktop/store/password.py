"""The PostgreSQL password, never stored by the application (issue 16).

A server URL is saved without its password; the password comes from the
system keyring (the optional ``keyring`` package: GNOME Keyring / KWallet,
macOS Keychain, Windows Credential Manager) or is typed at start.

    fill_password(url: str) -> str         the URL with the keyring's password, when it has one
    with_password(url: str, password) -> str
    asks_for_password(exc) -> bool          the server refused a connection for want of a password
    keyring_user(url) -> str                the entry's user name, "role@host:port/database"

Where ``keyring`` is not installed, or has no usable backend (its ``fail``
backend raises, its ``null`` backend answers None), the URL is returned
unchanged: the caller then asks on the terminal or on the screen.
"""

from __future__ import annotations

import logging

from sqlalchemy import URL, make_url

SERVICE = "duo-desktop"  # the keyring's service name for every DUO Desktop server password
log = logging.getLogger(__name__)


def keyring_user(url: str | URL) -> str:
    u = make_url(url)
    return f"{u.username}@{u.host or 'localhost'}:{u.port or 5432}/{u.database or ''}"


def _needs_one(u: URL) -> bool:
    return u.get_backend_name() == "postgresql" and u.password is None and bool(u.username)


def password_from_keyring(url: str | URL) -> str | None:
    """The keyring's password for this server and role, or None (no keyring
    package, no backend, no entry, or the backend failed: never raises)."""
    try:
        import keyring
    except ImportError:
        return None
    try:
        return keyring.get_password(SERVICE, keyring_user(url))
    except Exception as exc:  # noqa: BLE001  (fail backend: NoKeyringError; a locked wallet: KeyringError...)
        log.info("no password from the keyring (%s)", type(exc).__name__)
        return None


def with_password(url: str, password: str) -> str:
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def fill_password(url: str) -> str:
    """``url`` with the keyring's password when it is a PostgreSQL URL with a
    role and no password, and the keyring holds one; else ``url`` as given."""
    u = make_url(url)
    if not _needs_one(u):
        return url
    password = password_from_keyring(u)
    return with_password(url, password) if password else url


def asks_for_password(exc: BaseException) -> bool:
    """True when a connection failed because the server wants a password
    (libpq: "no password supplied" / "password authentication failed")."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    return "no password supplied" in text or "password authentication failed" in text
