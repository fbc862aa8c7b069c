"""Qt widgets and item models. Views call services only, never the ORM session."""
