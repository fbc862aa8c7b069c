"""The window's side of syncing with the office server: Sync now, the sync status, the
changes waiting to be sent, and the conflicts screen."""
