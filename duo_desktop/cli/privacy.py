"""``privacy``: the GDPR rights from the command line (services/privacy).

- ``privacy export --participant ID --out DIR``: everything about one person
  as ``person-ID.json`` and CSV tables;
- ``privacy restrict --participant ID [--lift]``: restrict (or lift);
- ``privacy erase --participant ID --yes``: anonymise (without ``--yes``
  nothing is changed and the command says so);
- ``privacy retention [--json] [--anonymise --yes]``: who is past their
  branch's retention period; with ``--anonymise --yes`` they are anonymised.

``--coordinator ID`` says who acts (for the audit), ``--today YYYY-MM-DD``
fixes the date. Exit 0 when done, 1 when refused or not confirmed, 2 when
the participant or the coordinator does not exist (checked before anything
is done). Every action is one transaction, audited; what it did is printed
once it is saved."""

from __future__ import annotations

import argparse
import datetime as dt

from ..i18n import _, ngettext
from .common import print_json, require_ids, set_language_from_args, store_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("privacy", help="GDPR rights: export, restrict, erase, retention",
                                   description="The GDPR rights of one person, and the retention period.",
                                   epilog="Exit codes: 0 done, 1 refused or not confirmed, 2 no such participant "
                                          "or coordinator (nothing is done).")
    parser.add_argument("--coordinator", type=int, default=None, help="id of the coordinator who acts")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD")
    actions = parser.add_subparsers(dest="privacy_action", required=True)
    export = actions.add_parser("export", help="export everything about one person")
    export.add_argument("--participant", type=int, required=True)
    export.add_argument("--out", required=True, help="folder for the files")
    restrict = actions.add_parser("restrict", help="restrict (or lift) the processing")
    restrict.add_argument("--participant", type=int, required=True)
    restrict.add_argument("--lift", action="store_true")
    erase = actions.add_parser("erase", help="anonymise one person")
    erase.add_argument("--participant", type=int, required=True)
    erase.add_argument("--yes", action="store_true", help="confirm")
    retention = actions.add_parser("retention", help="who is past the retention period")
    retention.add_argument("--json", action="store_true")
    retention.add_argument("--anonymise", action="store_true")
    retention.add_argument("--yes", action="store_true", help="confirm")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """One transaction; what it did is printed only once it is committed."""
    from ..services import audit
    from ..services.clock import FixedClock, SystemClock
    from ..services.errors import NotFound, RuleError

    set_language_from_args(args)
    clock = FixedClock.on(args.today) if args.today else SystemClock()
    today, now, who = clock.today(), clock.now(), args.coordinator
    action = args.privacy_action
    if action == "erase" and not args.yes:
        print(_("Nothing was changed: add --yes to anonymise this person."))
        return 1
    store = store_from_args(args)
    written: list = []
    try:
        with store.transaction() as s:
            require_ids(s, 2, coordinator=("--coordinator", who),
                        participant=("--participant", getattr(args, "participant", None)))
            audit.bind(s, who, now)
            code, lines = _act(s, args, today, now, who, written)
    except NotFound:
        print(_("No participant with this id."))
        return 2
    except RuleError as exc:
        print(exc.message())
        return 1
    except BaseException:
        for path in written:  # an export whose audit row was not saved leaves no file behind
            path.unlink(missing_ok=True)
        raise
    finally:
        store.dispose()
    for line in lines:
        print(line)
    return code


def _act(s, args: argparse.Namespace, today: dt.date, now: dt.datetime, who: int | None,  # noqa: ANN001
         written: list) -> tuple[int, list[str]]:
    """Do the action in session ``s``: (exit code, lines to print after the commit)."""
    from ..services import privacy

    action = args.privacy_action
    if action == "export":
        written.extend(privacy.write_export(s, args.participant, args.out, now, who))
        return 0, [ngettext("{count} file written in {folder}", "{count} files written in {folder}",
                            len(written)).format(count=len(written), folder=args.out)]
    if action == "restrict" and args.lift:
        privacy.lift_restriction(s, args.participant, now, who)
        return 0, [_("The restriction is lifted.")]
    if action == "restrict":
        privacy.restrict(s, args.participant, today, now, who)
        return 0, [_("The processing is restricted: the person is kept but no longer matched or invited.")]
    if action == "erase":
        privacy.anonymise(s, args.participant, today, now, who)
        return 0, [_("The person's data is anonymised; the figures are kept.")]
    return _retention(s, args, today, now, who)


def _retention(s, args: argparse.Namespace, today: dt.date, now: dt.datetime,  # noqa: ANN001
               who: int | None) -> tuple[int, list[str]]:
    from ..services import privacy

    rows = privacy.past_retention(s, today)
    if args.json and not args.anonymise:
        print_json([{"participant_id": r.participant_id, "role": r.role.value, "branch": r.branch,
                     "last_activity": r.last_activity.isoformat(), "keep_until": r.keep_until.isoformat()}
                    for r in rows])  # nothing is written: printed at once
        return 0, []
    lines = [_("{id}  {branch}: last activity {last}, kept until {until}").format(
        id=r.participant_id, branch=r.branch, last=r.last_activity.isoformat(), until=r.keep_until.isoformat())
        for r in rows]
    if not args.anonymise:
        return 0, [*lines, ngettext("{count} person past the retention period",
                                    "{count} people past the retention period", len(rows)).format(count=len(rows))]
    if not args.yes:
        return 1, [*lines, _("Nothing was changed: add --yes to anonymise these people.")]
    done = privacy.apply_retention(s, [r.participant_id for r in rows], today, now, who)
    return 0, [*lines, ngettext("{count} person anonymised", "{count} people anonymised", done).format(count=done)]
