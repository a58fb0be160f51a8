"""What the ``screenshot`` command renders besides the main screens, one
module per group of windows. A subpackage, so that discovering the commands
(cli/__init__.py) does not import them, nor Qt with them: the headless
commands start without PySide6."""
