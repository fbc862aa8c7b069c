"""The inclusion check of a cycle, shown beside the "inclusive participation" benchmark.

The figures come from the meetings where the community decided about its harms (see
``desktop.services.queries.inclusion``), so the mentor rates participation on what was recorded
rather than typing it again.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from desktop.services.framework.errors import ServiceError
from desktop.services.queries.inclusion import InclusionCheck
from desktop.views.shell.context import AppContext


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class InclusionNote(QLabel):
    """Who took part in the deciding meetings, and which groups were missing."""

    def __init__(self, context: AppContext, cycle_id: uuid.UUID, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setContentsMargins(8, 6, 8, 6)
        self.setAccessibleName(self.tr("Inclusion check"))
        try:
            self.check: InclusionCheck | None = context.services.reads.inclusion_check(cycle_id)
        except ServiceError:
            self.check = None
        self.setText(self.describe())

    def describe(self) -> str:
        check = self.check
        heading = self.tr("From the meeting records (inclusion check)")
        if check is None or not check.meetings:
            return f"<i>{heading}</i><br>" + self.tr(
                "No meeting is recorded yet as the one where the community decided about its"
                " harms, so participation cannot be checked."
            )
        people = sum(m.people for m in check.meetings)
        lines = [
            f"<i>{heading}</i>",
            self.tr("Deciding meetings: {count}, {people} people counted.").format(
                count=len(check.meetings), people=people
            ),
        ]
        present = ", ".join(
            self.tr("{group} {people}").format(group=_escape(g.name), people=g.people)
            for g in check.present
        )
        if present:
            lines.append(self.tr("Took part: {groups}.").format(groups=present))
        if check.missing:
            missing = ", ".join(_escape(g.name) for g in check.missing)
            lines.append("<b>" + self.tr("⚠ Missing: {groups}.").format(groups=missing) + "</b>")
        else:
            lines.append(self.tr("✔ Every group took part."))
        not_ranked = [_escape(g.name) for g in check.groups if g.present and not g.ranked]
        if not_ranked:
            lines.append(
                self.tr("Took part but gave no ranking: {groups}.").format(
                    groups=", ".join(not_ranked)
                )
            )
        return "<br>".join(lines)
