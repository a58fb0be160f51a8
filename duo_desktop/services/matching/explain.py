"""Reasons in words, in the reader's language (translated at display time,
never stored translated)."""

from __future__ import annotations

from ...i18n import N_, Translator, current
from ...models import DayPart, Gender, ParticipantStatus
from ..errors import Message
from ..labels import label
from ..place_names import city_name
from ..reference import language_label, sector_label
from .reasons import Reason

CRITERION_LABELS = {
    "sector": N_("Sector"),
    "languages": N_("Languages"),
    "availability": N_("Availability"),
    "distance": N_("Distance"),
    "interests": N_("Personality and interests"),
    "preferences": N_("Mentee's preferences"),
    "waiting": N_("Waiting time"),
}


def criterion_label(key: str, t: Translator | None = None) -> str:
    return (t or current()).gettext(CRITERION_LABELS[key])


def _gender_wish(gender: str, t: Translator) -> str:
    if gender == Gender.FEMALE.value:
        return t.gettext("mentee asked for a woman mentor")
    return t.gettext("mentee asked for a man mentor")


def _wish(kind: str, values: list[str], t: Translator) -> str:
    if kind == "gender":
        return _gender_wish(values[0], t)
    if kind == "languages":
        return t.gettext("mentee asked for a mentor who speaks {languages}").format(
            languages=t.format_list([language_label(x, t, in_text=True) for x in values], "or"))
    return t.gettext("mentee asked for a mentor from {sector}").format(sector=sector_label(values[0], t))


def _wishes(p: dict, t: Translator) -> str:
    parts = [_wish(k, v, t) for k, v in p["met"]]
    parts += [t.gettext("{wish}, not met").format(wish=_wish(k, v, t)) for k, v in p["not_met"]]
    parts += [t.gettext("{wish}; the mentor's gender is not recorded").format(wish=_wish(k, v, t))
              for k, v in p["unknown"]]
    return "; ".join(parts)


def describe(reason: Reason, t: Translator | None = None) -> str:
    """One reason as a short sentence."""
    t = t or current()
    p = reason.params
    code = reason.code
    langs = lambda codes, style="standard": t.format_list([language_label(x, t, in_text=True) for x in codes], style)  # noqa: E731
    if code == "same_sector":
        return t.gettext("same sector ({sectors})").format(sectors=t.format_list(
            [sector_label(s, t) for s in p["sectors"]]))
    if code == "different_sector":
        return t.gettext("different sectors")
    if code == "common_languages":
        n = len(p["languages"])
        return t.ngettext("{count} common language: {languages}", "{count} common languages: {languages}",
                          n).format(count=n, languages=langs(p["languages"]))
    if code == "no_common_language":
        return t.gettext("no common language")
    if code == "common_slots":
        n = p["count"]
        return t.ngettext("{count} common time slot", "{count} common time slots", n).format(count=n)
    if code == "no_common_slot":
        return t.gettext("no common time slot")
    if code == "distance":
        km = p["km"]
        if p.get("same_place"):
            return t.gettext("same municipality")
        if km < 1:
            return t.gettext("less than 1 km apart")
        return t.gettext("{km} km apart").format(km=t.format_number(round(km)))
    if code == "distance_unknown":
        return t.gettext("distance unknown (municipality not in the list)")
    if code == "shared_interests":
        return t.gettext("shared interests: {words}").format(words=t.format_list(p["words"]))
    if code == "no_shared_interest":
        return t.gettext("no shared interest found")
    if code == "no_preference":
        return t.gettext("no preference about the mentor")
    if code == "preference_met":
        return _gender_wish(p["gender"], t)
    if code == "preference_not_met":
        return t.gettext("{wish}, not met").format(wish=_gender_wish(p["gender"], t))
    if code == "wishes":
        return _wishes(p, t)
    if code == "preference_unknown":
        return t.gettext("{wish}; the mentor's gender is not recorded").format(wish=_gender_wish(p["gender"], t))
    if code == "waiting":
        d = p["days"]
        return t.ngettext("waiting for {count} day", "waiting for {count} days", d).format(count=d)
    # hard rules
    if code == "wrong_roles":
        return t.gettext("a duo is one mentor and one mentee")
    if code == "different_branch":
        return t.gettext("they belong to different branches")
    if code == "mentor_not_trained":
        return t.gettext("{name} has not finished the mentor training ({status})").format(
            name=p["name"], status=label(ParticipantStatus(p["status"]), t))
    if code == "mentee_not_ready":
        return t.gettext("{name} is not ready to be matched ({status})").format(
            name=p["name"], status=label(ParticipantStatus(p["status"]), t))
    if code == "mentee_busy":
        return t.gettext("{name} already has a proposal or a duo").format(name=p["name"])
    if code == "mentor_full":
        return t.ngettext("{name} already has {count} mentee (the most allowed)",
                          "{name} already has {count} mentees (the most allowed)", p["capacity"]).format(
            name=p["name"], count=p["capacity"])
    if code == "refused_before":
        return t.gettext("{mentor} and {mentee} refused each other before").format(
            mentor=p["mentor"], mentee=p["mentee"])
    # why a mentee could not be matched in "propose for all"
    if code == "no_mentor_language":
        return t.gettext("no trained mentor speaks {languages} in {city}").format(
            languages=langs(p["languages"], "or"), city=city_name(p["city"], t.lang))  # Anvers in French
    if code == "no_free_mentor":
        return t.gettext("no trained mentor has a free place in {city}").format(city=city_name(p["city"], t.lang))
    if code == "only_refused":
        return t.gettext("the only mentors who speak {languages} were refused before").format(
            languages=langs(p["languages"], "or"))
    if code == "mentors_taken":
        n = p["count"]
        return t.ngettext("the {count} mentor who would fit is proposed to another mentee",
                          "the {count} mentors who would fit are proposed to other mentees", n).format(count=n)
    return code


def slot_text(weekday: int, part: str, t: Translator | None = None) -> str:
    t = t or current()
    return t.gettext("{day} {part}").format(day=t.weekday_name(weekday, "abbreviated"),
                                            part=label(DayPart(part), t).lower())


def describe_all(reasons, t: Translator | None = None) -> list[str]:  # noqa: ANN001
    return [describe(r, t) for r in reasons]


class ReasonMessage(Message):
    """A reason as a :class:`Message` parameter: rendered by :func:`describe`
    in the language of whoever shows the error, e.g.
    ``RuleError(N_("This duo cannot be proposed: {reason}."), code, reason=ReasonMessage(r))``."""

    __slots__ = ("reason",)

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.code)
        self.reason = reason

    def render(self, translator: Translator | None = None) -> str:
        return describe(self.reason, translator)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ReasonMessage) and self.reason == other.reason

    def __hash__(self) -> int:
        return hash(self.reason.code)
