"""Domain logic with no Qt widgets: every service can be used from the
command line and tested without a screen."""
