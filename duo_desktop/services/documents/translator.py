"""The translator documents use: the interface's catalogs and Babel formats,
with every narrow no-break space (U+202F, which French typography puts
before : ; ? ! and inside « », and CLDR puts in French numbers) turned into a
no-break space (U+00A0). ReportLab breaks lines at U+202F (it is in its
whitespace set, reportlab.platypus.paragraph._wsc) but not at U+00A0, so a
colon or a closing guillemet would otherwise wrap alone onto the next line.

    document_translator(lang, region=None) -> Translator
"""

from __future__ import annotations

from ...i18n import Translator

NNBSP, NBSP = "\u202f", "\u00a0"


def _safe(method):
    def wrapped(self, *args, **kwargs):
        value = method(self, *args, **kwargs)
        return value.replace(NNBSP, NBSP) if isinstance(value, str) else value

    wrapped.__name__ = method.__name__
    wrapped.__doc__ = method.__doc__
    return wrapped


class DocumentTranslator(Translator):
    """A Translator whose texts never hold U+202F."""


for _name in ("gettext", "ngettext", "pgettext", "format_date", "format_datetime", "format_time",
              "format_number", "format_percent", "format_list", "format_timedelta", "weekday_name"):
    setattr(DocumentTranslator, _name, _safe(getattr(Translator, _name)))


def document_translator(lang: str, region: str | None = None) -> Translator:
    """The translator of a document in ``lang`` for a branch in ``region`` (BE, FR, NL)."""
    return DocumentTranslator(lang, region=region)
