"""The cycle workspace: every record of one planning and action cycle, section by section."""

from __future__ import annotations

from desktop.views.cycle.new_cycle_dialog import NewCycleDialog
from desktop.views.cycle.workspace import CycleWorkspace

__all__ = ["CycleWorkspace", "NewCycleDialog"]
