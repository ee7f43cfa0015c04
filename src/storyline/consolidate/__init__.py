"""Cross-article consolidation of per-article records."""
