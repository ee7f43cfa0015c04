"""The workbench's HTML shell and static files, without the web framework: the server (`pages.py`)
serves them, and the offline export (`storyline.render.html`) inlines the same files into one page."""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

from .. import __version__
from ..modality import MODALITIES

STATIC = Path(str(resources.files("storyline.serve") / "static"))


def shell() -> str:
    """The HTML shell with what the script needs to know up front (the version, the modalities)."""
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{version}}", html.escape(__version__))
    return page.replace("{{modalities}}", html.escape(" ".join(MODALITIES)))
