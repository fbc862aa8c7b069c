"""Small pieces the sign-in, password and setup screens share."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget


def password_field(parent: QWidget | None = None) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(240)
    return field


def message_label(parent: QWidget | None = None) -> QLabel:
    """A red line under a form for what went wrong (empty when all is well)."""
    label = QLabel(parent)
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    return label
