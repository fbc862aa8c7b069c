"""Use cases over the database: validate, write, audit, in one transaction. No Qt here."""
