"""DUO Desktop: the coordinator's tool for DUO for a JOB mentoring programmes."""

__version__ = "0.1.0"
APP_NAME = "DUO Desktop"
ORG_NAME = "DUO"
