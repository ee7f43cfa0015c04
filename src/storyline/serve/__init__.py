"""`storyline serve`: the JSON API over a build\x27s story tables (see docs/api.md)."""
