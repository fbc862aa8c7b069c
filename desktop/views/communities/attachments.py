"""Files attached to a record (scanned paper forms, flip-chart photos): add, view, save, remove.

The files live inside the encrypted database. Pictures are shown inside the app;
any other file is written out only where the person chooses ("Save a copy…"), never
to a temporary folder, so no readable copy is left behind without their knowing.
"""

from __future__ import annotations

import mimetypes
import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_size
from desktop.services.usecases.attachments import AttachmentData
from desktop.views.forms.tables import fill_table, record_table, selected_id
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import run_write

IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp"})


def _size_text(size: int) -> str:
    return format_size(max(size, 1024), step=1024)  # at least "1 kB": never "0"


class AttachmentsPanel(QWidget):
    """The files attached to one record (``entity_type`` as the services name it)."""

    def __init__(
        self,
        context: AppContext,
        entity_type: str,
        entity_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.entity_type = entity_type
        self.entity_id = entity_id
        self.table = record_table(
            [self.tr("File"), self.tr("Size"), self.tr("Added"), self.tr("By")],
            self.tr("Attached files"),
        )
        self.table.doubleClicked.connect(lambda _index: self.view_selected())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.add_button = QPushButton(self.tr("&Attach a file…"))
        self.view_button = QPushButton(self.tr("&View"))
        self.save_button = QPushButton(self.tr("Save a &copy…"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.add_button.clicked.connect(self.choose_and_add)
        self.view_button.clicked.connect(self.view_selected)
        self.save_button.clicked.connect(self.choose_and_save)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        for button in (self.view_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        files = self.context.services.attachments.list(
            where={"entity_type": self.entity_type, "entity_id": self.entity_id}
        ).items
        self._types = {record.id: record.data.media_type for record in files}
        self._names = {record.id: record.data.file_name for record in files}
        fill_table(
            self.table,
            [
                (
                    record.id,
                    (
                        record.data.file_name
                        + (f" — {record.data.caption}" if record.data.caption else ""),
                        _size_text(record.data.size),
                        record.created_at.astimezone().strftime("%Y-%m-%d"),
                        record.updated_by,
                    ),
                )
                for record in files
            ],
        )
        for button in (self.view_button, self.save_button, self.remove_button):
            button.setEnabled(bool(files))

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- adding -------------------------------------------------------------------------

    def choose_and_add(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Attach a file"),
            "",
            self.tr(
                "Pictures and documents (*.png *.jpg *.jpeg *.gif *.pdf *.doc *.docx *.xlsx);;"
                "All files (*)"
            ),
        )
        if name:
            self.add_file(Path(name))

    def add_file(self, path: Path, caption: str = "") -> bool:
        """Attach the file at ``path``; True when stored."""
        try:
            content = path.read_bytes()
        except OSError as error:
            self._show_message(
                self.tr("Could not read the file: {reason}").format(
                    reason=error.strerror or str(error)
                )
            )
            return False
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = AttachmentData(
            entity_type=self.entity_type,
            entity_id=self.entity_id,
            file_name=path.name,
            content=content,
            media_type=media_type,
            caption=caption,
        )
        outcome = run_write(
            self,
            self.context,
            lambda services: services.attachments.create(data),
            failed=self.tr("“{name}” was not attached.").format(name=path.name),
        )
        if not outcome.ok:
            return False
        self._show_message("")
        self.reload()
        return True

    # --- looking at it ------------------------------------------------------------------

    def view_selected(self) -> None:
        attachment_id = selected_id(self.table)
        if attachment_id is None:
            return
        if self._types.get(attachment_id) not in IMAGE_TYPES:
            self._show_message(
                self.tr(
                    "Only pictures can be shown here. Use “Save a copy…” to open this file "
                    "with another program."
                )
            )
            return
        content = self.context.services.attachments.content(attachment_id)
        viewer = ImageViewer(self._names.get(attachment_id, ""), content, self)
        viewer.setObjectName("image_viewer")
        viewer.exec()

    def choose_and_save(self) -> None:
        attachment_id = selected_id(self.table)
        if attachment_id is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy"), self._names.get(attachment_id, "")
        )
        if name:
            self.save_copy(attachment_id, Path(name))

    def save_copy(self, attachment_id: uuid.UUID, path: Path) -> bool:
        try:
            path.write_bytes(self.context.services.attachments.content(attachment_id))
        except OSError as error:
            self._show_message(
                self.tr("Could not save the copy: {reason}").format(
                    reason=error.strerror or str(error)
                )
            )
            return False
        self._show_message(
            self.tr("Saved a copy as {path}. It is not encrypted.").format(path=path)
        )
        return True

    def remove_selected(self) -> None:
        attachment_id = selected_id(self.table)
        if attachment_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove file"),
            self.tr("Remove “{name}” from this record?").format(
                name=self._names.get(attachment_id, "")
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(attachment_id)

    def remove(self, attachment_id: uuid.UUID) -> None:
        outcome = run_write(
            self,
            self.context,
            lambda services: services.attachments.delete(attachment_id),
            failed=self.tr("“{name}” was not removed.").format(
                name=self._names.get(attachment_id, "")
            ),
            reload=self.reload,
        )
        if outcome.ok:
            self.reload()


class ImageViewer(QDialog):
    """A picture shown at a size that fits the screen, scrollable when larger."""

    def __init__(self, title: str, content: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        image = QImage.fromData(content)
        picture = QLabel()
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if image.isNull():
            picture.setText(self.tr("This picture cannot be shown."))
        else:
            picture.setPixmap(QPixmap.fromImage(image))
        self.picture = picture
        scroll = QScrollArea()
        scroll.setWidget(picture)
        scroll.setWidgetResizable(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(close)
        self.resize(
            min(image.width() + 40, 1000) if not image.isNull() else 400,
            min(image.height() + 80, 700) if not image.isNull() else 200,
        )
