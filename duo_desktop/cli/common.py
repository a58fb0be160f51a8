"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .. import config, i18n
from ..store import Store, open_store


def store_from_args(args: argparse.Namespace) -> Store:
    return open_store(config.database_url(args.database), backup_dir=config.backup_dir())


def set_language_from_args(args: argparse.Namespace) -> None:
    i18n.set_language(getattr(args, "lang", None) or i18n.DEFAULT_LANGUAGE)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
