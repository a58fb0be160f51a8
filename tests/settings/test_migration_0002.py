"""Migration 0002 on a database that holds data: the new settings get the
programme's defaults (issue 10), read back through the models."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text
from sqlalchemy.orm import Session

from duo_desktop.models import Branch, Participant
from duo_desktop.services.settings import programme
from duo_desktop.store import make_engine
from duo_desktop.store.migrate import alembic_config


def test_an_old_database_with_data_upgrades_to_the_defaults(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = alembic_config(engine)
    command.upgrade(config, "0001")
    with engine.begin() as c:
        c.execute(text("INSERT INTO branch (id, code, name, city, country, employment_office, address, phone, email, "
                       "default_language, mentee_min_age, mentee_max_age, mentor_min_age, require_non_eu_background, "
                       "require_work_permit, require_employment_office, min_weekly_hours, duo_months, "
                       "max_mentees_per_mentor, matching_weights, settings) VALUES (1, 'BXL', 'DUO Bruxelles', "
                       "'Bruxelles', 'BE', 'actiris', '', '', '', 'fr', 18, 30, 50, 1, 1, 1, 2, 6, 1, '{}', '{}')"))
        c.execute(text("INSERT INTO participant (id, branch_id, role, status, first_name, last_name, search_name, "
                       "gender, email, phone, phone_key, street, postal_code, municipality, preferred_language, "
                       "education_level, education, experience, professional_project, career, to_pass_on, "
                       "country_of_birth, nationality, residence_permit, employment_office, referral_source, "
                       "personality_notes, interests, weekly_hours_available, max_mentees, consent_given, "
                       "consent_version, consent_scope, eligibility_overrides, notes) VALUES (1, 1, 'mentee', "
                       "'applicant', 'A', 'B', 'a b', 'female', '', '', '', '', '', '', 'fr', '', '', '', '', '', '', "
                       "'', '', '', '', '', '', '', 2, 1, 0, '', '[]', '{}', '')"))
    command.upgrade(config, "head")
    with Session(engine) as s:
        b = s.get(Branch, 1)
        assert (b.active, b.logo_path, b.meetings_per_week, b.followup_months) == (True, "", 1, [0, 3, 12])
        p = s.get(Participant, 1)
        assert (p.preferred_mentor_languages, p.preferred_mentor_sector, p.mentor_wishes_other) == ([], "", "")
        assert programme.holds_real_data(s)  # an upgraded database is real data: no demo goes into it
    engine.dispose()
