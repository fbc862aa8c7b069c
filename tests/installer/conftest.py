"""The build scripts in installer/ are plain scripts, not a package: make them importable."""

from __future__ import annotations

import sys
from pathlib import Path

INSTALLER_DIR = Path(__file__).resolve().parents[2] / "installer"
if str(INSTALLER_DIR) not in sys.path:
    sys.path.insert(0, str(INSTALLER_DIR))
