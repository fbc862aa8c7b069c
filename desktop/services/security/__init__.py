"""Who may do what, and proof of it: permissions, accounts, passwords, sign-in, encryption and
the audit trail's integrity.
"""
