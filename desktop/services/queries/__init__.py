"""Read-only questions the screens and reports ask: lists, overviews, timelines, report figures."""
