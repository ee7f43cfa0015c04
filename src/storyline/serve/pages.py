"""The analyst's workbench: the pages `storyline serve` shows at `/`, reading the story from `/api/...`.

Why static files: the pages are one HTML shell, plain JavaScript modules and a stylesheet shipped as
package data, so the workbench needs no build step and no network beyond this server. Every page
response carries a strict Content-Security-Policy (scripts and styles only from this origin, no inline
script, no connection elsewhere): article text is untrusted, and the page code only ever inserts it as
text, but the policy is the second wall should that ever fail.
"""

from __future__ import annotations

from fastapi import FastAPI, Response
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import Scope

from .shell import STATIC, shell

# Only this origin, nothing inline, nothing framed, nothing posted anywhere.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
       " font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")  # fmt: skip
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class _PageFiles(StaticFiles):
    """The static files, each with the page headers (a subclass, not a middleware: API requests pay nothing)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers.update({**HEADERS, "Cache-Control": "no-cache"})
        return response


def mount_pages(app: FastAPI) -> None:
    """Serve the workbench: `/` is the shell, `/static/` its scripts and stylesheet."""
    page = shell()

    @app.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(page, headers={**HEADERS, "Cache-Control": "no-cache"})

    app.mount("/static", _PageFiles(directory=STATIC), name="static")
