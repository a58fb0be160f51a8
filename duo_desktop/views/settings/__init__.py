"""The settings dialog (issue 10): one page per concern, each save one
Operation announcing Changes.SETTINGS, errors beside their field."""

from .dialog import SettingsDialog, open_settings

__all__ = ["SettingsDialog", "open_settings"]
