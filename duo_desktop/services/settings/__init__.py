"""Settings of the programme, one module per concern; every function takes
a Session (the caller's Operation owns the transaction), checks everything
before it changes anything, writes one audit row per change (field names,
never values) and raises ``RuleError`` with ``field`` naming the input at
fault (``exc.field``), its message untranslated until shown::

    from duo_desktop.services.settings import branches, rules, coordinators
    try:
        bid = branches.create_branch(session, {"code": "GNT", "name": "DUO Gent", "city": "Gent",
                                               "country": "BE", "employment_office": "vdab"}, now)
        rules.update_rules(session, bid, {"mentee_max_age": 33}, now)
    except RuleError as exc:
        form.show_error(exc.field, exc.message())

Modules:
    programme     organisation name, demo flag, is_empty / holds_real_data
    branches      code, name, city, country, office, contact, logo, document language, active
    rules         eligibility rules per branch (ages, requirements, duo length, meetings per week)
    coordinators  create / update / deactivate; never deleted while referred to
    weights       matching weights per branch (same setting as the board's panel)
    followup      months after the end when outcomes are asked
    templates     letterhead and extra clauses per branch and language
    setup_file    one TOML file -> branches, rules and coordinators (the ``setup`` command)

Each module has ``*_problems(...) -> list[RuleError]`` that returns every
problem without raising, for a form or a file that reports them all at once.
Reference data: reference.BRANCH_COUNTRIES / employment_offices(country);
languages and countries in services/locales.py.
"""
