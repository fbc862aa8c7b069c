"""The administrator's screens: accounts, assignments to communities, and the audit trail."""
