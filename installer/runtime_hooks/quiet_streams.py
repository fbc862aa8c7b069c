"""Runs first in the windowed program of the packaged build.

A Windows program built without a console has no standard output or error (they are
None), so any ``print`` or ``flush`` would fail. Pointing them at the null device keeps
the app's messages harmless there; the console program ``clcp`` is unaffected.
"""

import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
