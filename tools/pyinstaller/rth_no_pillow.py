"""PyInstaller run-time hook of the DUO Desktop bundle: Pillow is left out
(build_installer.spec). ReportLab 4 imports it as it is imported itself
(reportlab/lib/utils.py: ``from PIL import Image``), only to read pictures;
the app hands ReportLab its logo decoded already (duo_desktop/services/
documents/png.py). An empty PIL package whose Image is None is what
ReportLab, openpyxl and pypdfium2 take for "Pillow is not installed"."""

import sys
import types

if "PIL" not in sys.modules:
    _pil = types.ModuleType("PIL", "Pillow is not in this bundle")
    _pil.Image = None
    _pil.__path__ = []  # import PIL.Image: ModuleNotFoundError
    sys.modules["PIL"] = _pil
