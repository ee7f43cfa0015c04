"""Per-article extraction: attributed claims (claims.py) and events (events.py)."""
