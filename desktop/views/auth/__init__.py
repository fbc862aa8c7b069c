"""Signing in and out, the idle lock, changing one's password, the first-day setup wizard and
encrypting a plain database.
"""
