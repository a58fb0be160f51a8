"""Enumerations of the domain. Values are stored in the database; labels are
translated in the views (see services/labels.py)."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


class ParticipantStatus(enum.StrEnum):
    """The pipeline of a participant (steps 1 to 3, then matching)."""

    APPLICANT = "applicant"
    INFO_SESSION_ATTENDED = "info_session_attended"
    INTAKE_DONE = "intake_done"
    TRAINED = "trained"  # mentors only
    READY_TO_MATCH = "ready_to_match"
    IN_DUO = "in_duo"
    ALUMNI = "alumni"
    WITHDRAWN = "withdrawn"
    NOT_ELIGIBLE = "not_eligible"


class Gender(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNSPECIFIED = "unspecified"


class LanguageLevel(enum.StrEnum):
    BASIC = "basic"  # A1-A2
    INTERMEDIATE = "intermediate"  # B1-B2
    FLUENT = "fluent"  # C1-C2
    NATIVE = "native"


class DayPart(enum.StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


class EventKind(enum.StrEnum):
    INFO_SESSION = "info_session"
    TRAINING = "training"
    INTERVISION = "intervision"


class AttendanceStatus(enum.StrEnum):
    INVITED = "invited"
    REGISTERED = "registered"
    ATTENDED = "attended"
    ABSENT = "absent"
    EXCUSED = "excused"


class DuoStage(enum.StrEnum):
    """The lifecycle of a duo (steps 4 to 8); allowed moves live in
    services/duo_lifecycle.py."""

    PROPOSED = "proposed"
    FIRST_MEETING_PLANNED = "first_meeting_planned"
    AWAITING_AGREEMENT = "awaiting_agreement"  # both said yes
    ACTIVE = "active"  # agreement signed
    ENDED = "ended"
    REFUSED = "refused"  # after the first meeting, by either side
    CANCELLED = "cancelled"  # a proposal withdrawn before the first meeting


class Decision(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REFUSED = "refused"


class EndReason(enum.StrEnum):
    COMPLETED = "completed"
    MENTEE_FOUND_JOB = "mentee_found_job"
    TRAINING_STARTED = "training_started"
    MENTEE_STOPPED = "mentee_stopped"
    MENTOR_STOPPED = "mentor_stopped"
    MOVED_AWAY = "moved_away"
    OTHER = "other"


class MeetingChannel(enum.StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"


class MeetingTopic(enum.StrEnum):
    CV = "cv"
    COVER_LETTER = "cover_letter"
    INTERVIEW_PRACTICE = "interview_practice"
    JOB_SEARCH = "job_search"
    NETWORK = "network"
    LANGUAGE_PRACTICE = "language_practice"
    ADMINISTRATION = "administration"
    TRAINING_PLAN = "training_plan"
    WELLBEING = "wellbeing"


class CheckInWith(enum.StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"
    BOTH = "both"


class Respondent(enum.StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


class ObjectivesReached(enum.StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class Gain(enum.StrEnum):
    CONFIDENCE = "confidence"
    CV_AND_LETTERS = "cv_and_letters"
    INTERVIEW_SKILLS = "interview_skills"
    LANGUAGE = "language"
    NETWORK = "network"
    CAREER_PLAN = "career_plan"


class OutcomeKind(enum.StrEnum):
    JOB = "job"
    INTERNSHIP = "internship"
    TRAINING = "training"
    STUDIES = "studies"
    VOLUNTEERING = "volunteering"
    STILL_SEARCHING = "still_searching"
    UNKNOWN = "unknown"

    @property
    def is_positive(self) -> bool:
        """Job, internship or training count as a positive outcome (published
        results: 71%)."""
        return self in (OutcomeKind.JOB, OutcomeKind.INTERNSHIP, OutcomeKind.TRAINING, OutcomeKind.STUDIES)


class ContractType(enum.StrEnum):
    PERMANENT = "permanent"
    FIXED_TERM = "fixed_term"
    TEMPORARY = "temporary"  # interim
    STUDENT = "student"
    SELF_EMPLOYED = "self_employed"
    SUBSIDISED = "subsidised"
    OTHER = "other"


class OutcomeMoment(enum.StrEnum):
    AT_END = "at_end"
    AFTER_3_MONTHS = "after_3_months"
    AFTER_12_MONTHS = "after_12_months"
