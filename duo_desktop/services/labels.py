"""Labels of the domain's enumerations, marked with N_ and translated at
display time (so a language switch takes effect at once)."""

from __future__ import annotations

import enum

from ..i18n import N_, NP_, Translator, current
from ..models import enums as e
from .errors import Message

# Members of different enums may share a value ("training", "other"...), and
# StrEnum members with the same value are equal: key by (class, member).
_LABELS: list[tuple[enum.Enum, str]] = [
    (e.Role.MENTOR, N_("Mentor")),
    (e.Role.MENTEE, N_("Mentee")),
    (e.ParticipantStatus.APPLICANT, N_("Applicant")),
    (e.ParticipantStatus.INFO_SESSION_ATTENDED, N_("Information session attended")),
    (e.ParticipantStatus.INTAKE_DONE, N_("Intake done")),
    (e.ParticipantStatus.TRAINED, N_("Trained")),
    (e.ParticipantStatus.READY_TO_MATCH, N_("Ready to match")),
    (e.ParticipantStatus.IN_DUO, N_("In a duo")),
    (e.ParticipantStatus.ALUMNI, N_("Alumni")),
    (e.ParticipantStatus.WITHDRAWN, N_("Withdrawn")),
    (e.ParticipantStatus.NOT_ELIGIBLE, N_("Not eligible")),
    (e.Gender.FEMALE, N_("Woman")),
    (e.Gender.MALE, N_("Man")),
    (e.Gender.OTHER, NP_("gender", "Other")),
    (e.Gender.UNSPECIFIED, N_("Not specified")),
    (e.LanguageLevel.BASIC, N_("Basic")),
    (e.LanguageLevel.INTERMEDIATE, N_("Intermediate")),
    (e.LanguageLevel.FLUENT, N_("Fluent")),
    (e.LanguageLevel.NATIVE, N_("Native")),
    (e.DayPart.MORNING, N_("Morning")),
    (e.DayPart.AFTERNOON, N_("Afternoon")),
    (e.DayPart.EVENING, N_("Evening")),
    (e.EventKind.INFO_SESSION, N_("Information session")),
    (e.EventKind.TRAINING, N_("Training")),
    (e.EventKind.INTERVISION, N_("Intervision")),
    (e.AttendanceStatus.INVITED, N_("Invited")),
    (e.AttendanceStatus.REGISTERED, N_("Registered")),
    (e.AttendanceStatus.ATTENDED, N_("Attended")),
    (e.AttendanceStatus.ABSENT, N_("Absent")),
    (e.AttendanceStatus.EXCUSED, N_("Excused")),
    (e.DuoStage.PROPOSED, N_("Proposed")),
    (e.DuoStage.FIRST_MEETING_PLANNED, N_("First meeting planned")),
    (e.DuoStage.AWAITING_AGREEMENT, N_("Awaiting agreement")),
    (e.DuoStage.ACTIVE, N_("Active")),
    (e.DuoStage.ENDED, N_("Ended")),
    (e.DuoStage.REFUSED, N_("Refused")),
    (e.DuoStage.CANCELLED, N_("Cancelled")),
    (e.Decision.PENDING, N_("Pending")),
    (e.Decision.ACCEPTED, N_("Accepted")),
    (e.Decision.REFUSED, N_("Refused")),
    (e.EndReason.COMPLETED, N_("Completed")),
    (e.EndReason.MENTEE_FOUND_JOB, N_("Mentee found a job")),
    (e.EndReason.TRAINING_STARTED, N_("Training started")),
    (e.EndReason.MENTEE_STOPPED, N_("Mentee stopped")),
    (e.EndReason.MENTOR_STOPPED, N_("Mentor stopped")),
    (e.EndReason.MOVED_AWAY, N_("Moved away")),
    (e.EndReason.OTHER, NP_("end reason", "Other")),
    (e.MeetingChannel.IN_PERSON, N_("In person")),
    (e.MeetingChannel.PHONE, N_("Phone")),
    (e.MeetingChannel.VIDEO, N_("Video")),
    (e.MeetingTopic.CV, N_("CV")),
    (e.MeetingTopic.COVER_LETTER, N_("Cover letter")),
    (e.MeetingTopic.INTERVIEW_PRACTICE, N_("Interview practice")),
    (e.MeetingTopic.JOB_SEARCH, N_("Job search")),
    (e.MeetingTopic.NETWORK, N_("Network")),
    (e.MeetingTopic.LANGUAGE_PRACTICE, N_("Language practice")),
    (e.MeetingTopic.ADMINISTRATION, N_("Administration")),
    (e.MeetingTopic.TRAINING_PLAN, N_("Training plan")),
    (e.MeetingTopic.WELLBEING, N_("Wellbeing")),
    (e.CheckInWith.MENTOR, N_("Mentor")),
    (e.CheckInWith.MENTEE, N_("Mentee")),
    (e.CheckInWith.BOTH, N_("Both")),
    (e.Respondent.MENTOR, N_("Mentor")),
    (e.Respondent.MENTEE, N_("Mentee")),
    (e.ObjectivesReached.YES, N_("Yes")),
    (e.ObjectivesReached.PARTLY, N_("Partly")),
    (e.ObjectivesReached.NO, N_("No")),
    (e.Gain.CONFIDENCE, N_("Confidence")),
    (e.Gain.CV_AND_LETTERS, N_("CV and letters")),
    (e.Gain.INTERVIEW_SKILLS, N_("Interview skills")),
    (e.Gain.LANGUAGE, N_("Language")),
    (e.Gain.NETWORK, N_("Network")),
    (e.Gain.CAREER_PLAN, N_("A career plan")),
    (e.OutcomeKind.JOB, N_("Job")),
    (e.OutcomeKind.INTERNSHIP, N_("Internship")),
    (e.OutcomeKind.TRAINING, N_("Training or course")),
    (e.OutcomeKind.STUDIES, N_("Studies")),
    (e.OutcomeKind.VOLUNTEERING, N_("Volunteering")),
    (e.OutcomeKind.STILL_SEARCHING, N_("Still searching")),
    (e.OutcomeKind.UNKNOWN, N_("Unknown")),
    (e.ContractType.PERMANENT, N_("Permanent contract")),
    (e.ContractType.FIXED_TERM, N_("Fixed-term contract")),
    (e.ContractType.TEMPORARY, N_("Temporary work")),
    (e.ContractType.STUDENT, N_("Student job")),
    (e.ContractType.SELF_EMPLOYED, N_("Self-employed")),
    (e.ContractType.SUBSIDISED, N_("Subsidised job")),
    (e.ContractType.OTHER, N_("Other contract")),
    (e.OutcomeMoment.AT_END, N_("At the end")),
    (e.OutcomeMoment.AFTER_3_MONTHS, N_("After 3 months")),
    (e.OutcomeMoment.AFTER_12_MONTHS, N_("After 12 months")),
]
LABELS: dict[tuple[type[enum.Enum], enum.Enum], str] = {(type(m), m): text for m, text in _LABELS}


def label(member: enum.Enum | None, translator: Translator | None = None) -> str:
    """The translated label of an enum member ('' for None)."""
    if member is None:
        return ""
    return (translator or current()).gettext(LABELS[(type(member), member)])


def label_message(member: enum.Enum) -> Message:
    """The label of an enum member, untranslated: a parameter of an error
    message, rendered in the language of whoever shows it."""
    return Message(LABELS[(type(member), member)])
