"""Errors a service raises; each carries text meant for the person using the app."""

from __future__ import annotations

from collections.abc import Mapping

from desktop.refusal import Refusal


class ServiceError(Refusal):
    """Base class: ``str(error)`` is a one-line, translatable message."""


class ValidationError(ServiceError):
    """Input was refused; ``errors`` maps a field name to what is wrong with it."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))


class NotFoundError(ServiceError):
    """The record does not exist (or was deleted and deleted records were not asked for)."""


class ConflictError(ServiceError):
    """Someone changed the record since the caller read it (stale ``expected_version``)."""


class PermissionDenied(ServiceError):
    """The acting user's role does not allow this (see ``services.security.permissions``)."""
