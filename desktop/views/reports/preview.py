"""Showing and printing a finished PDF: page images for the preview, pages for a printer.

PDF pages are rasterised with PDFium (``pypdfium2``); Qt's own PDF module is not part of
the Qt packages the app depends on.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

PREVIEW_DPI = 72
PRINT_DPI = 200


def page_count(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def page_images(
    data: bytes, *, dpi: int = PREVIEW_DPI, first: int = 0, count: int = 10
) -> list[QImage]:
    """Pages ``first`` .. ``first + count - 1`` as images."""
    document = pdfium.PdfDocument(data)
    try:
        images = []
        for index in range(first, min(len(document), first + count)):
            images.append(_page_image(document, index, dpi))
        return images
    finally:
        document.close()


def _page_image(document: pdfium.PdfDocument, index: int, dpi: int) -> QImage:
    """One page as an image that owns its pixels. PDFium's page and bitmap are closed here,
    not left to the garbage collector, so none outlives its document or Qt at exit."""
    page = document[index]
    try:
        bitmap = page.render(scale=dpi / 72)
        try:
            picture = bitmap.to_pil().convert("RGB")
        finally:
            bitmap.close()
    finally:
        page.close()
    raw = picture.tobytes()
    image = QImage(
        raw, picture.width, picture.height, 3 * picture.width, QImage.Format.Format_RGB888
    )
    return image.copy()


def print_pdf(data: bytes, printer: QPrinter) -> None:
    """Paint every page (or the range chosen in the print dialog) onto ``printer``."""
    total = page_count(data)
    first = max(1, printer.fromPage()) - 1 if printer.fromPage() else 0
    last = min(total, printer.toPage()) if printer.toPage() else total
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        for index in range(first, last):
            if index > first:
                printer.newPage()
            image = page_images(data, dpi=PRINT_DPI, first=index, count=1)[0]
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), size.width(), size.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
    finally:
        painter.end()


class PreviewPane(QScrollArea):
    """The first pages of a PDF, one under the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._inner)
        self.pages: list[QLabel] = []

    def clear(self) -> None:
        for label in self.pages:
            label.deleteLater()
        self.pages = []

    def show_pdf(self, data: bytes, limit: int = 12) -> None:
        self.clear()
        for image in page_images(data, count=limit):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #9aa5b1; background: white;")
            self._layout.addWidget(label)
            self.pages.append(label)
        self.verticalScrollBar().setValue(0)
