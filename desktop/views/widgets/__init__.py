"""Small widgets and app-wide rules every screen shares: colours, keyboard rules, read-only
fields, drawn icons.
"""
