"""An encrypted office for the accounts dialog tests: an administrator signed in, and
three communities to assign people to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.setup import OfficeSetup, create_office
from desktop.storage import Database

ADMIN_PASSWORD = "admin password 1"
COMMUNITIES = (("Kéréwé", "Lira"), ("Amuru", "Gulu"), ("Pader", "Kitgum"))


@dataclass
class AccountsOffice:
    path: Path
    db: Database


def make_accounts_office(path: Path) -> AccountsOffice:
    signed_in, _recovery = create_office(
        path,
        OfficeSetup(
            office_name="Lira office", admin_username="admin", admin_password=ADMIN_PASSWORD
        ),
    )
    system = Services(signed_in.db, SYSTEM)
    for name, district in COMMUNITIES:
        system.communities.create(CommunityData(name=name, district=district))
    return AccountsOffice(path, signed_in.db)
