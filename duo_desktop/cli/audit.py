"""``audit``: the audit trail, newest first, filtered by person
(``--participant ID``), coordinator (``--coordinator ID``), period
(``--since``/``--until`` YYYY-MM-DD) and kind of action (``--action``, e.g.
create, update, delete, merge, export, erase). ``--json`` prints a list of
objects (id, at, coordinator, action, entity, entity_id, fields). The trail
holds ids and field names only, never a personal value. Exit 2 when
``--coordinator`` names no coordinator."""

from __future__ import annotations

import argparse
import datetime as dt

from ..i18n import _
from .common import print_json, read_from_args, require_ids


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="show the audit trail",
                                   description="The audit trail: who changed which record, and when.")
    parser.add_argument("--participant", type=int, default=None)
    parser.add_argument("--coordinator", type=int, default=None)
    parser.add_argument("--since", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD")
    parser.add_argument("--until", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD")
    parser.add_argument("--action", default=None)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..services import audit

    def read(session):  # noqa: ANN001, ANN202
        # a coordinator is never deleted once named in the trail; a person's rows outlive their record
        require_ids(session, 2, coordinator=("--coordinator", args.coordinator))
        return audit.entries(session, args.participant, args.coordinator, args.since, args.until, args.action,
                             args.limit)

    rows = read_from_args(args, read)
    if args.json:
        print_json([{"id": r.id, "at": r.at.isoformat(), "coordinator": r.coordinator, "action": r.action,
                     "entity": r.entity, "entity_id": r.entity_id, "fields": list(r.fields)} for r in rows])
        return 0
    for r in rows:
        print(_("{at}  {who}  {action} {entity} #{id}  {fields}").format(
            at=r.at.isoformat(sep=" "), who=r.coordinator or "-", action=r.action, entity=r.entity,
            id=r.entity_id if r.entity_id is not None else "-", fields=", ".join(r.fields)))
    return 0
