"""Shows the inclusion check: which groups were in the deciding meetings and which were not.

Missing groups are named in words with a warning sign, not by colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop.labels import label
from desktop.services.queries.inclusion import InclusionCheck
from desktop.views.cycle.section import CycleRef, date_text
from desktop.views.forms.form import error_palette


class InclusionPanel(QFrame):
    def __init__(self, cycle: CycleRef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cycle = cycle
        self.check: InclusionCheck | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel(self.tr("<b>Inclusion check</b>"))
        self.meetings_label = QLabel()
        self.present_label = QLabel()
        self.missing_label = QLabel()
        error_palette(self.missing_label)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        for text in (self.meetings_label, self.present_label, self.missing_label):
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(text)
        self.setAccessibleName(self.tr("Inclusion check"))

    def refresh(self) -> None:
        check = self.cycle.context.services.reads.inclusion_check(self.cycle.cycle_id)
        self.check = check
        if not check.meetings:
            self.meetings_label.setText(
                self.tr(
                    "No deciding meeting is recorded yet. Open a considered harm and say at "
                    "which meeting the community decided, to see who took part."
                )
            )
            self.present_label.hide()
            self.missing_label.hide()
            return
        meetings = "; ".join(
            self.tr("{date} {kind}: {n} people").format(
                date=date_text(m.held_on), kind=label(m.kind).lower(), n=m.people
            )
            for m in check.meetings
        )
        self.meetings_label.setText(self.tr("Deciding meetings: {list}.").format(list=meetings))
        present = ", ".join(
            self.tr("{group} ({n})").format(group=g.name, n=g.people) for g in check.present
        )
        self.present_label.setText(
            self.tr("✔ Took part: {groups}.").format(groups=present or self.tr("nobody counted"))
        )
        self.present_label.show()
        if check.missing:
            missing = ", ".join(g.name for g in check.missing)
            self.missing_label.setText(
                self.tr(
                    "⚠ Missing: {groups}. Consider hearing them in small groups or home "
                    "visits before the decision is final."
                ).format(groups=missing)
            )
        else:
            self.missing_label.setText("")
        self.missing_label.setVisible(bool(check.missing))
        self.accessible_summary()

    def accessible_summary(self) -> None:
        parts = [self.meetings_label.text(), self.present_label.text()]
        if self.missing_label.isVisibleTo(self):
            parts.append(self.missing_label.text())
        self.setAccessibleDescription(" ".join(parts))
