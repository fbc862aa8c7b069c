"""The built bundle runs headless (slow: needs a bundle made by installer/build.py).

Skipped unless CLCP_BUNDLE_DIR names the bundle folder, e.g.
    CLCP_BUNDLE_DIR=dist/clcp-desktop uv run pytest tests/installer -m bundle
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from smoke import smoke_test

BUNDLE_ENV = "CLCP_BUNDLE_DIR"


@pytest.mark.bundle
@pytest.mark.skipif(not os.environ.get(BUNDLE_ENV), reason=f"set {BUNDLE_ENV} to a built bundle")
def test_built_bundle_passes_the_smoke_test() -> None:
    lines: list[str] = []
    smoke_test(Path(os.environ[BUNDLE_ENV]), log=lines.append)
    assert len(lines) == 6
    assert all(line.lstrip().startswith("ok") for line in lines)
