"""The analyst's workbench: the pages `storyline serve` shows at `/`, reading the story from `/api/...`.

Why static files: the pages are one HTML shell, plain JavaScript modules and a stylesheet shipped as
package data, so the workbench needs no build step and no network beyond this server. Every page
response carries a strict Content-Security-Policy (scripts and styles only from this origin, no inline
script, no connection elsewhere): article text is untrusted, and the page code only ever inserts it as
text, but the policy is the second wall should that ever fail.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..modality import MODALITIES

STATIC = Path(str(resources.files("storyline.serve") / "static"))
# Only this origin, nothing inline, nothing framed, nothing posted anywhere.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
       " font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")  # fmt: skip
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
# Paths whose responses are pages or page assets (the API and its /docs keep their own headers).
PAGE_PREFIXES = ("/static/",)


def shell() -> str:
    """The HTML shell with what the script needs to know up front (the version, the modalities)."""
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{version}}", html.escape(__version__))
    return page.replace("{{modalities}}", html.escape(" ".join(MODALITIES)))


def mount_pages(app: FastAPI) -> None:
    """Serve the workbench: `/` is the shell, `/static/` its scripts and stylesheet."""
    page = shell()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(page, headers={**HEADERS, "Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def page_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        if request.url.path.startswith(PAGE_PREFIXES):
            for name, value in HEADERS.items():
                response.headers.setdefault(name, value)
            response.headers.setdefault("Cache-Control", "no-cache")
        return response
