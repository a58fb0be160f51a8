"""``branches [--json]``: lists the branches with their country, employment
office, document language, whether they are active and how many active
coordinators and participants they have. ``--json`` prints a list of
objects (id, code, name, city, country, employment_office,
default_language, active, coordinators, participants, rules,
followup_months, coordinators_list)."""

from __future__ import annotations

import argparse

from ..i18n import _, ngettext
from .common import print_json, read_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("branches", help="list the branches",
                                   description="List the branches, their settings and coordinators.")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..services.settings import branches, coordinators, followup, rules

    def read(session):  # noqa: ANN001, ANN202
        people = coordinators.list_coordinators(session)
        return [{**row.as_dict(), "rules": rules.rule_values(session, row.id),
                 "followup_months": followup.followup_months(session, row.id),
                 "coordinators_list": [{"name": p.name, "email": p.email, "phone": p.phone, "active": p.active}
                                       for p in people if p.branch_id == row.id]}
                for row in branches.list_branches(session)]

    data = read_from_args(args, read)
    if args.json:
        print_json(data)
        return 0
    if not data:
        print(_("No branch yet."))
    for row in data:
        state = _("active") if row["active"] else _("closed")
        people = ngettext("{count} coordinator", "{count} coordinators", row["coordinators"]).format(
            count=row["coordinators"])
        print(_("{code}  {name} ({city}, {country}), {state}: {coordinators}, {participants}").format(
            state=state, coordinators=people, participants=ngettext(
                "{count} participant", "{count} participants", row["participants"]).format(count=row["participants"]),
            **{k: row[k] for k in ("code", "name", "city", "country")}))
    return 0
