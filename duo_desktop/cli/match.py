"""``match scores|propose --branch B [--json]``: the matching service without
a screen, for checking and for scripts.

    match scores  --branch BXL --json [--top 5]   every pair's score with its reasons
    match propose --branch BXL --json [--save]    the optimal proposals and their total score
    match pair --mentee 12 --mentor 34 [--json]   propose one duo, as a drop on the board does
                                                  (exit 0 saved, 1 refused by a rule, 2 no such person
                                                  or coordinator: nothing is saved)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from .common import print_json, require_ids, set_language_from_args, store_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("match", help="matching scores and proposals of a branch")
    sub = parser.add_subparsers(dest="match_command", metavar="ACTION", required=True)
    for name, help_text in (("scores", "score matrix with the reasons of each score"),
                            ("propose", "optimal proposals for every waiting mentee")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--branch", required=True, help="branch code (or id)")
        p.add_argument("--json", action="store_true", help="print JSON")
        p.add_argument("--date", type=dt.date.fromisoformat, help="day the waiting times count to (default: today)")
        if name == "scores":
            p.add_argument("--top", type=int, default=0, help="only the N best mentors of each mentee (0: all)")
            p.add_argument("--feasible-only", action="store_true", help="leave out pairs that break a rule")
        else:
            p.add_argument("--save", action="store_true", help="save the proposals (one transaction)")
        p.set_defaults(func=run)
    p = sub.add_parser("pair", help="propose one duo (what a drop on the matching board does)",
                       epilog="Exit codes: 0 saved, 1 refused by a rule (with the reason), 2 no such mentee, "
                              "mentor or coordinator (nothing is saved).")
    p.add_argument("--mentee", type=int, required=True, help="the mentee's id")
    p.add_argument("--mentor", type=int, required=True, help="the mentor's id")
    p.add_argument("--coordinator", type=int, help="the coordinator who proposes (id)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run_pair)


def run_pair(args: argparse.Namespace) -> int:
    """One proposal in one transaction; a refusal prints the rule, in the
    chosen language, and saves nothing."""
    from ..services.errors import NotFound, RuleError
    from ..services.matching import proposals

    set_language_from_args(args)
    store = store_from_args(args)
    try:
        with store.transaction() as s:
            require_ids(s, 2, participant=("--mentee", args.mentee))
            require_ids(s, 2, participant=("--mentor", args.mentor), coordinator=("--coordinator", args.coordinator))
            duo_id = proposals.propose_pair(s, args.mentee, args.mentor, dt.datetime.now().replace(microsecond=0),
                                            args.coordinator)
    except RuleError as exc:
        if args.json:
            print_json({"saved": False, "code": exc.code, "message": exc.message()})
        else:
            print(exc.message(), file=sys.stderr)
        return 1
    except NotFound as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        store.dispose()
    if args.json:
        print_json({"saved": True, "duo_id": duo_id})
    else:
        print(duo_id)
    return 0


def _reason(r, t) -> dict:  # noqa: ANN001
    from ..services.matching.explain import describe

    data = r.as_dict()
    data["text"] = describe(r, t)
    return data


def run(args: argparse.Namespace) -> int:
    from .. import i18n
    from ..services.errors import NotFound, RuleError
    from ..services.matching import proposals
    from ..services.matching.assignment import propose_for_all
    from ..services.matching.pool import find_branch

    set_language_from_args(args)
    t = i18n.current()
    store = store_from_args(args)
    today = args.date or dt.date.today()
    try:
        with store.session() as s:
            branch = find_branch(s, args.branch)
            matrix = proposals.board(s, branch.id, today)
    except NotFound as exc:
        print(str(exc), file=sys.stderr)
        store.dispose()
        return 2
    mentees, mentors = matrix.mentees, matrix.mentors
    header = {"branch": matrix.pool.branch.code, "date": today.isoformat(),
              "weights": matrix.pool.branch.weights}
    if args.match_command == "scores":
        import numpy as np

        pairs = []
        for i, mentee in enumerate(mentees):
            cols = np.argsort(-matrix.scores[i], kind="stable")
            if args.feasible_only:
                cols = cols[matrix.feasible[i, cols]]
            if args.top:
                cols = cols[: args.top]
            for j in cols:
                e = matrix.explain(mentee.id, mentors[int(j)].id)
                pairs.append({"mentee_id": mentee.id, "mentor_id": e.mentor_id, "score": round(e.score, 1),
                              "feasible": e.feasible, "reasons": [_reason(r, t) for r in e.reasons],
                              "blockers": [_reason(r, t) for r in e.blockers]})
        data = {**header, "mentees": [{"id": p.id, "name": p.full_name} for p in mentees],
                "mentors": [{"id": p.id, "name": p.full_name, "free_places": p.free_places} for p in mentors],
                "pairs": pairs}
        if args.json:
            print_json(data)
        else:
            names = {p.id: p.full_name for p in mentees + mentors}
            for pair in pairs:
                texts = "; ".join(r["text"] for r in pair["blockers"] or pair["reasons"])
                mark = "" if pair["feasible"] else " [x]"
                print(f"{pair['score']:5.1f}{mark}  {names[pair['mentee_id']]} - {names[pair['mentor_id']]}: {texts}")
        store.dispose()
        return 0

    result = propose_for_all(matrix)
    names = {p.id: p.full_name for p in mentees + mentors}
    saved = []
    if args.save and result.drafts:
        try:
            now = dt.datetime.combine(today, dt.datetime.now().time().replace(microsecond=0))
            with store.transaction() as s:
                for d in result.drafts:
                    saved.append(proposals.propose_pair(s, d.mentee_id, d.mentor_id, now))
        except (RuleError, NotFound) as exc:
            print(str(exc), file=sys.stderr)
            store.dispose()
            return 1
    data = {**header, "total_score": round(result.total_score, 1),
            "pairs": [{"mentee_id": d.mentee_id, "mentee": names[d.mentee_id], "mentor_id": d.mentor_id,
                       "mentor": names[d.mentor_id], "score": round(d.score, 1)} for d in result.drafts],
            "unmatched": [{"mentee_id": u.mentee_id, "mentee": names[u.mentee_id], "reason": _reason(u.reason, t)}
                          for u in result.unmatched],
            "saved_duo_ids": saved}
    if args.json:
        print_json(data)
    else:
        for p in data["pairs"]:
            print(f"{p['score']:5.1f}  {p['mentee']} - {p['mentor']}")
        for u in data["unmatched"]:
            print(f"   --  {u['mentee']}: {u['reason']['text']}")
        print(t.gettext("Total score: {total}").format(total=t.format_number(data["total_score"])))
    store.dispose()
    return 0
