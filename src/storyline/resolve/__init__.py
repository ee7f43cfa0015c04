"""Actor resolution: gazetteer and per-article entity keys, merged across the story."""
