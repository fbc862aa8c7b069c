"""One way for a screen to run a write: ``run_write(self, context, lambda s: s.harms.delete(...))``.

The runner calls the write on the services, shows a refusal the same way on every screen (a
message box saying what was not done and why; for a record someone else changed meanwhile,
it says so and offers to reload), and on success announces what changed as typed
:class:`~desktop.services.framework.changes.Changes` on ``navigator.changes_made``, taken from what
the services wrote, so no screen names its changes by hand.

A long write (``long=True``) runs on a worker thread with a progress window and its result
comes back on the GUI thread. It is safe because the services open a new session for every
call (``db.sessions`` is a session factory, and the file's connection pool hands a thread
its own connection); the write must not take ORM objects or a session from the screen,
only plain values such as ids, versions and input dataclasses.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from shiboken6 import isValid

from desktop.services.facade import Services
from desktop.services.framework.changes import Changes, collect
from desktop.services.framework.errors import (
    ConflictError,
    NotFoundError,
    ServiceError,
    ValidationError,
)
from desktop.views.forms.form import Form
from desktop.views.shell.context import AppContext

T = TypeVar("T")
Op = Callable[[Services], T]

#: Object names of the two message boxes, for tests and screenshots.
REFUSAL_BOX = "write_refusal"
CONFLICT_BOX = "write_conflict"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Operations", text)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """How a write went: ``ok`` with its ``value`` and ``changes``, or ``refused`` and why."""

    ok: bool
    value: T | None = None
    changes: Changes = field(default_factory=Changes)
    refused: ServiceError | None = None
    #: A long write that has not finished yet; its outcome goes to ``done`` later.
    pending: bool = False


def announce(context: AppContext, changes: Changes) -> None:
    """Tell every open screen what changed; each decides whether to refresh."""
    if changes:
        context.navigator.changes_made.emit(changes)


def _sentence(text: str) -> str:
    """A service's one-line reason as a sentence: capital first, full stop last."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def show_refusal(
    parent: QWidget,
    error: ServiceError,
    failed: str,
    reload: Callable[[], None] | None = None,
) -> QMessageBox:
    """The one way a refused write is shown: what was not done (``failed``) and why.

    A record changed or deleted by someone else since it was shown is a conflict: the box
    says so and, when the screen can, offers to reload it. The box is window-modal but does
    not block the caller, so the screen is already back as it was behind it.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setText(failed)
    if isinstance(error, ConflictError | NotFoundError):
        box.setObjectName(CONFLICT_BOX)
        box.setWindowTitle(_tr("Changed by someone else"))
        if isinstance(error, ConflictError):  # the service names the record and who changed it
            reason = _sentence(str(error))
        else:
            reason = _tr("Someone else may have deleted it since you opened it.")
        box.setInformativeText(
            reason + "\n" + _tr("Reload it to see their version, then make your change again.")
        )
        if reload is not None:
            again = box.addButton(_tr("&Reload"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(again)
            again.clicked.connect(reload)
        else:
            box.addButton(QMessageBox.StandardButton.Ok)
    else:
        box.setObjectName(REFUSAL_BOX)
        box.setWindowTitle(_tr("Not done"))
        if isinstance(error, ValidationError):
            box.setInformativeText("\n".join(error.errors.values()))
        else:  # a one-line reason (the office server's too) reads as a sentence
            box.setInformativeText(_sentence(str(error)))
        box.addButton(QMessageBox.StandardButton.Ok)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def run_write(
    parent: QWidget,
    context: AppContext,
    op: Op[T],
    *,
    failed: str | None = None,
    done: Callable[[Outcome[T]], None] | None = None,
    reload: Callable[[], None] | None = None,
    long: bool = False,
    progress: str | None = None,
    initiator: object | None = None,
) -> Outcome[T]:
    """Run ``op(services)``; refusals are shown, successes announced, ``done`` called.

    ``failed`` names what could not be done ("The harm was not deleted."); ``reload`` is
    offered when the record changed meanwhile; ``initiator`` (default ``parent``) travels
    with the changes. With ``long`` the write runs on a worker thread behind a progress
    window (``progress`` says what is happening) and the returned outcome is ``pending``;
    ``done`` gets the real one on the GUI thread.
    """
    job = _Job(parent, context, op, failed, done, reload, initiator)
    if long and context.db.path is not None:  # an in-memory database lives in one thread
        job.start(progress or _tr("Working…"))
        return Outcome(ok=False, pending=True)
    return job.finish(_attempt(context, op, job.initiator))


def _attempt(context: AppContext, op: Op[T], initiator: object) -> Outcome[T] | BaseException:
    """Run the write, collecting what it commits; a refusal is an outcome, a bug is returned."""
    with collect() as box:
        try:
            value = op(context.services)
        except ServiceError as refused:
            return Outcome(ok=False, refused=refused, changes=box.changes(initiator))
        except Exception as bug:  # handed back to the GUI thread, raised there
            return bug
    return Outcome(ok=True, value=value, changes=box.changes(initiator))


class _Relay(QObject):
    """Lives on the GUI thread; a worker's signal reaches it queued, so the GUI thread acts."""

    finished = Signal(object)


class _Worker(QRunnable):
    def __init__(self, run: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._run = run
        self._relay = relay

    def run(self) -> None:
        self._relay.finished.emit(self._run())


_RUNNING: set[_Job[object]] = set()  # kept alive until their outcome is delivered


class _Job(Generic[T]):
    """One write and what to do with its outcome."""

    def __init__(
        self,
        parent: QWidget,
        context: AppContext,
        op: Op[T],
        failed: str | None,
        done: Callable[[Outcome[T]], None] | None,
        reload: Callable[[], None] | None,
        initiator: object | None,
    ) -> None:
        self.parent = parent
        self.context = context
        self.op = op
        self.failed = failed or _tr("Your change was not saved.")
        self.done = done
        self.reload = reload
        self.initiator = initiator if initiator is not None else parent
        self.progress: QProgressDialog | None = None
        self.relay: _Relay | None = None
        #: The thread the write ran on (tests check a long one left the GUI thread).
        self.thread_id: int | None = None

    def start(self, text: str) -> None:
        progress = QProgressDialog(text, "", 0, 0, self.parent)
        progress.setObjectName("write_progress")
        progress.setWindowTitle(_tr("Please wait"))
        progress.setCancelButton(None)  # a write half-way cannot be taken back
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.show()
        self.progress = progress
        self.relay = _Relay()
        self.relay.finished.connect(self._delivered, Qt.ConnectionType.QueuedConnection)
        _RUNNING.add(self)  # type: ignore[arg-type]

        def work() -> Outcome[T] | BaseException:
            self.thread_id = threading.get_ident()
            return _attempt(self.context, self.op, self.initiator)

        QThreadPool.globalInstance().start(_Worker(work, self.relay))

    def _delivered(self, result: object) -> None:
        _RUNNING.discard(self)
        if self.progress is not None and isValid(self.progress):
            self.progress.close()
            self.progress.deleteLater()
        self.progress = None
        self.finish(result)  # type: ignore[arg-type]

    def finish(self, result: Outcome[T] | BaseException) -> Outcome[T]:
        if isinstance(result, BaseException):
            raise result
        if result.ok:
            announce(self.context, result.changes)
        elif result.refused is not None and isValid(self.parent):
            show_refusal(self.parent, result.refused, self.failed, self.reload)
        if self.done is not None:
            self.done(result)
        return result


@contextmanager
def announced(context: AppContext, initiator: object | None = None) -> Iterator[None]:
    """Announce what the writes inside the block committed, once it ends without an error.

    For a write whose refusal belongs beside a field (a form, the office logo) or that may
    quietly fail (read markers); every other write goes through :func:`run_write`.
    """
    with collect() as box:
        yield
    announce(context, box.changes(initiator))


def route_form(form: Form, context: AppContext, initiator: object | None = None) -> Form:
    """Let ``form``'s own ``submit`` be announced like any other write.

    A form keeps showing its refusals beside its fields (that is where they are mended);
    what it saves is collected from the services and announced, so the screen holding the
    form need not name it. Call after ``form.submit`` is set.
    """
    submit = form.submit
    if submit is None:
        return form
    who = initiator if initiator is not None else form

    def submit_announced(values: dict[str, object]) -> object:
        with announced(context, who):
            return submit(values)

    form.submit = submit_announced
    return form
