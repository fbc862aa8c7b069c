"""Screens for data in and out: the export dialog."""
