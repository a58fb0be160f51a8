"""Import applications from a CSV or XLSX export of a web form.
The expected columns and their header variants are in ``columns.py``."""

from .columns import ALIASES, REQUIRED
from .rows import Problem, RowResult
from .run import ImportResult, Preview, default_rejected_path, import_rows, preview, problems_text, write_rejected

__all__ = ["ALIASES", "REQUIRED", "ImportResult", "Preview", "Problem", "RowResult", "default_rejected_path",
           "import_rows", "preview", "problems_text", "write_rejected"]
