"""One service per kind of record: validate, write and audit in one transaction."""
