"""Sync between laptops and the office server (issue 16): the server applies laptops'
changes through the same services and permissions as the app, and laptops download what
changed, up to consistent checkpoints. No Qt here, and nothing here is reached from below
(the services know nothing of sync beyond recording their changes)."""
