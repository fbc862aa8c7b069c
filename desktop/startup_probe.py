"""How a smoke test of a packaged build asks the app to start, say so, and close by itself.

With ``CLCP_EXIT_AFTER_START=1`` in its environment the GUI prints ``STARTED_LINE`` once
its first window is on screen, then closes every window and exits normally. The build
script checks for that line and a zero exit status. Kept free of Qt so the build script
can read the names without loading it.
"""

from __future__ import annotations

EXIT_AFTER_START_ENV = "CLCP_EXIT_AFTER_START"
STARTED_LINE = "clcp: window shown"
