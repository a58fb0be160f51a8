"""Four coordinators' processes proposing and taking back duos from the same
small pool at the same instant (duo_desktop/tools/race.py), on SQLite and on
PostgreSQL: no mentee in two open duos, no mentor over capacity, no duo lost
or left behind, no error and no process left hanging. The full figure
(4 x 500 transactions) is measured by benchmarks/bench_race.py; here 4 x 50
keeps the suite short on a loaded 2-core machine."""

from __future__ import annotations

import os

from duo_desktop.tools.race import race

TRANSACTIONS = int(os.environ.get("DUO_RACE_TRANSACTIONS", "50"))


def test_four_processes_proposing_from_the_same_pool_break_no_rule(store_any, capsys):
    url = store_any.engine.url.render_as_string(hide_password=False)
    figures = race(url, processes=4, transactions=TRANSACTIONS, seed=7, timeout=300)
    with capsys.disabled():
        print(f"\nrace on {figures['engine']}: {figures['runs']} runs, {figures['saved']} saved, "
              f"{figures['withdrawn']} withdrawn, {figures['refusals']} refusals, {figures['errors']} errors, "
              f"{figures['violations']} violations, {figures['seconds']} s")
    assert figures["runs"] == 4 * TRANSACTIONS
    assert figures["violation_kinds"] == {"mentee_in_two_open_duos": 0, "mentor_over_capacity": 0,
                                          "duos_lost_or_left_behind": 0}
    assert figures["errors"] == 0, figures["error_kinds"]
    assert figures["saved"] > 0 and figures["refusals"] > 0  # the processes really competed for places
