"""One community: its profile, partnership, cycles, linkages with formal actors, and files."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop.labels import label
from desktop.services.framework.changes import Changes
from desktop.services.framework.records import Record
from desktop.services.usecases.communities import CommunityData
from desktop.views.communities.attachments import AttachmentsPanel
from desktop.views.communities.cycles import CyclesPanel
from desktop.views.communities.form import add_profile_fields, community_data
from desktop.views.communities.partnership import PartnershipPanel
from desktop.views.communities.widget import CommunityWidget
from desktop.views.forms import Form
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import route_form
from desktop.views.stakeholders.linkage import LinkagesPanel
from desktop.views.widgets.readonly import set_form_read_only


class CommunityPage(CommunityWidget):
    def __init__(
        self, context: AppContext, community_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, community_id, parent)
        self.record: Record[CommunityData] = context.services.communities.get(community_id)

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel()
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.profile = Form(
            context,
            form_key=f"community/{community_id}",
            title=self.tr("Profile of {name}").format(name=self.record.data.name),
            submit=self._save_profile,
            buttons=True,
        )
        route_form(self.profile, context, self)
        add_profile_fields(self.profile)
        self.profile.set_values(dataclasses.asdict(self.record.data))
        self.profile.saved.connect(self._on_profile_saved)
        can_edit = context.services.can("update", "community", community_id)
        if not can_edit:
            set_form_read_only(
                self.profile,
                True,
                self.tr("Read only: your role may see this profile but not change it."),
            )

        self.partnership = PartnershipPanel(context, community_id)
        self.partnership.changed.connect(self._reload_record)
        self.cycles = CyclesPanel(context, community_id)
        self.linkages = LinkagesPanel(context, community_id)
        self.files = AttachmentsPanel(context, "community", community_id)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.profile, self.tr("&Profile"))
        self.tabs.addTab(self.partnership, self.tr("Pa&rtnership"))
        self.tabs.addTab(self.cycles, self.tr("C&ycles"))
        self.tabs.addTab(self.linkages, self.tr("&Linkages"))
        self.tabs.addTab(self.files, self.tr("F&iles"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self._show_heading()
        context.navigator.changes_made.connect(self._on_changes)
        self.profile.offer_draft()

    @property
    def title(self) -> str:
        return self.record.data.name

    def _show_heading(self) -> None:
        data = self.record.data
        self.heading.setText(data.name)
        parts = [label(data.kind)]
        parts += [part for part in (data.locality, data.district, data.region) if part]
        parts.append(self.tr("Partnership: {status}").format(status=label(data.partnership_status)))
        self.summary.setText(" · ".join(parts))

    def _save_profile(self, values: dict[str, Any]) -> Record[CommunityData]:
        data = community_data(values, self.record.data)
        return self.context.services.communities.update(
            self.community_id, data, expected_version=self.record.version
        )

    def _on_profile_saved(self, record: Record[CommunityData]) -> None:
        self.record = record
        self._show_heading()

    def _reload_record(self) -> None:
        self.record = self.context.services.communities.get(self.community_id)
        if not self.profile.dirty:
            self.profile.set_values(dataclasses.asdict(self.record.data))
        self._show_heading()

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches("cycle"):
            self.cycles.reload()
        if changes.touches("linkage"):
            self.linkages.reload()

    def show_tab(self, name: str) -> None:
        """Bring a tab forward by its panel's attribute name ("cycles", "files", ...)."""
        widget = getattr(self, name, None)
        if isinstance(widget, QWidget):
            self.tabs.setCurrentWidget(widget)

    def first_focus(self) -> QWidget:
        """Where the keyboard starts when the page opens: its tabs (arrows change tab)."""
        return self.tabs.tabBar()
