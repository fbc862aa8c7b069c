"""``python -m desktop``: the same as the ``clcp`` command."""

import sys

from desktop.cli.entry import main

sys.exit(main())
