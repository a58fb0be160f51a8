"""Documents in the app: a duo's agreement (preview, print, save as PDF) and
all agreements due this week in one go."""

from .agreement_dialog import AgreementDialog, open_agreement_dialog
from .batch_dialog import AgreementBatchDialog, open_agreement_batch

__all__ = ["AgreementBatchDialog", "AgreementDialog", "open_agreement_batch", "open_agreement_dialog"]
