"""Actor resolution: gazetteer and per-article entity keys (actors.py, with names.py, roles.py and
places.py), merged across the story (entities.py)."""
