"""Wheel build step: compile each translation catalogue (.po) to the .mo the app loads,
so an installed app does not compile them at first run."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        out = root / "build" / "locale"
        for po_file in sorted((root / "desktop" / "locale").glob("*/LC_MESSAGES/clcp.po")):
            relative = po_file.relative_to(root).with_suffix(".mo")
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with po_file.open("rb") as source:
                catalogue = read_po(source, locale=po_file.parent.parent.name)
            with target.open("wb") as mo:
                write_mo(mo, catalogue)
            build_data["force_include"][str(target)] = relative.as_posix()
            print(f"compiled {relative}", file=sys.stderr)
