"""The Settings page: the office, its catalogues and the person's own preferences."""
