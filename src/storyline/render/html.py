"""timeline.html: the offline single-file export, built from the workbench's own page code.

Why: one page code. The workbench's JavaScript modules (`storyline/serve/static/`) are bundled into
one inline script (`bundle`: each module wrapped in a function, its `import` and `export` lines
rewritten), its stylesheet inlined, and the story embedded as JSON, which `static/offline.js` serves
to the pages in place of the server. The embedded data are the API's own answers
(`storyline.serve.queries` over the story written into an in-memory store), so the export shows what
`storyline serve` shows: overview, timeline with legend and filters, events with their evidence in
the article, claims, conflicts, actors, sources and search.

Article text is untrusted. The data block has "<", ">" and "&" written as \\u escapes (no "</script>"
can close it), the page code only ever inserts story text as text, and the Content-Security-Policy
lets only the page's own script and stylesheet apply (by their sha256) and allows no network at all.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import sqlite3
from typing import Any

from storyline import __version__

# The modules the export runs: offline.js first (it answers the pages' requests), then the pages.
ENTRY = ("offline.js", "main.js")
# Article text embedded at most (characters, all articles together); the rest are listed without
# their text (their evidence sentences still show), so a 20,000-article build stays a usable file.
MAX_TEXT_CHARS = 4_000_000
# Inline script and style run only by their sha256 (no 'unsafe-inline'): anything else that got into
# the page cannot run or style. Setting an element's style from the page's own script (the time
# axis) is the CSSOM, which style-src does not govern.
_CSP = ("default-src 'none'; script-src {script}; style-src {style}; img-src data:; connect-src 'none'; "
        "form-action 'none'; base-uri 'none'")  # fmt: skip
_IMPORT = re.compile(r'import\s+(?:\{([^}]*)\}|\*\s+as\s+(\w+))\s+from\s+"\./([\w-]+\.js)";')
_EXPORT = re.compile(r"export\s+((?:async\s+)?function\*?|const|let|class)\s+(\w+)")
_BIG = 10**9  # "all of them", as a page size for the queries
_CHUNK = 5000  # ids per bulk query


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def _static(name: str) -> str:
    from storyline.serve.shell import STATIC

    return (STATIC / name).read_text(encoding="utf-8")


def json_for_script(data: Any) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can end it or start a comment."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))  # fmt: skip


# ------------------------------------------------------------------------------------------ bundle

def _module(name: str) -> tuple[str, list[str]]:
    """One module as a function body returning its exports; the modules it imports, in order."""
    deps: list[str] = []
    names: list[str] = []
    out: list[str] = []
    for line in _static(name).splitlines():
        if line.startswith("import "):
            m = _IMPORT.fullmatch(line.strip())
            if not m:
                raise ValueError(f"{name}: cannot bundle this import: {line.strip()}")
            deps.append(m[3])
            if m[2]:
                out.append(f'const {m[2]} = __m["{m[3]}"];')
            else:
                pairs = [p.strip().replace(" as ", ": ") for p in m[1].split(",") if p.strip()]
                out.append(f'const {{ {", ".join(pairs)} }} = __m["{m[3]}"];')
        elif line.startswith("export "):
            m = _EXPORT.match(line)
            if not m:
                raise ValueError(f"{name}: cannot bundle this export: {line.strip()}")
            names.append(m[2])
            out.append(line[len("export "):])
        else:
            out.append(line)
    body = "\n".join(out)
    return f'__m["{name}"] = (function () {{\n"use strict";\n{body}\nreturn {{ {", ".join(names)} }};\n}})();', deps


def bundle(entries: tuple[str, ...] = ENTRY) -> str:
    """The modules reachable from `entries` as one classic script, each evaluated once, after the
    modules it imports (ES module order)."""
    done: dict[str, str] = {}

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in done:
            return
        if name in path:
            raise ValueError(f"import cycle: {' -> '.join((*path, name))}")
        code, deps = _module(name)
        for dep in deps:
            visit(dep, (*path, name))
        done[name] = code

    for entry in entries:
        visit(entry, ())
    script = "(function () {\nconst __m = {};\n" + "\n".join(done.values()) + "\n})();\n"
    if re.search(r"</script|<!--|<script", script, re.I):
        raise ValueError("the page code cannot be inlined safely (it contains </script, <script or <!--)")
    return script


# ------------------------------------------------------------------------------------------ data

def page_data(story: dict[str, Any]) -> dict[str, Any]:
    """What the pages ask the API, answered once for the whole story (details as the fields they add
    to the list entries, evidence without the article fields the page adds back, so nothing is
    embedded twice). The events are those a reader's timeline shows (`render.common.on_timeline`, as
    in brief.md) and the key events, the actors those the pages name; the rest stay in story.json and
    the workbench."""
    from storyline.render.common import on_timeline
    from storyline.store import Store
    from storyline.tables import story_from_dict, write_story

    keep = {e["id"] for e in story.get("events") or [] if on_timeline(e)}
    keep |= {k["event"] for k in story.get("key_events") or []}
    store = Store(":memory:")
    try:
        shown = {**story, "events": [e for e in story.get("events") or [] if e["id"] in keep]}
        write_story(store, story_from_dict(shown), store.start_run())  # references to the rest are dropped
        store.conn.row_factory = sqlite3.Row
        data = _answers(store.conn, keep)
    finally:
        store.close()
    meta = {"version": __version__, "generated": story.get("generated"), "events": len(data["events"]),
            "events_in_story": len(story.get("events") or [])}  # fmt: skip
    return {"export": meta, **_slim(data)}


_ARTICLE_FIELDS = ("outlet", "published", "title", "url")


def _slim(node: Any) -> Any:
    """Evidence sentences without their article's fields (static/offline.js adds them back)."""
    if isinstance(node, list):
        return [_slim(x) for x in node]
    if isinstance(node, dict):
        evidence = "article_id" in node and "sentence" in node
        return {k: _slim(v) for k, v in node.items() if not (evidence and k in _ARTICLE_FIELDS)}
    return node


def _more(detail: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in detail.items() if k not in item or item[k] != v}


def _chunks(items: list[Any]) -> list[list[Any]]:
    return [items[i:i + _CHUNK] for i in range(0, len(items), _CHUNK)]


def _answers(c: sqlite3.Connection, keep: set[str]) -> dict[str, Any]:
    from storyline.serve import queries as q

    events = [e for e in q.list_events(c, limit=_BIG)[1] if e["id"] in keep]
    _, claims = q.list_claims(c, limit=_BIG)
    overview = q.overview(c)
    named = {a["id"] for e in events for a in e["actors"] + e["recipients"]}
    named |= {x["speaker"]["id"] for x in claims if x["speaker"]} | {a["id"] for a in overview["topic_actors"]}
    named |= {a["id"] for a in overview["main_actors"]}
    entities = [e for e in q.list_entities(c, None, None, _BIG, 0)[1] if e["id"] in named]  # the ones the pages name
    _, articles = q.list_articles(c, limit=_BIG)
    event_more: dict[str, Any] = {}
    for part in _chunks(events):
        rows = c.execute(f"SELECT * FROM events WHERE id IN ({','.join('?' * len(part))})", [e["id"] for e in part])
        details = {d["id"]: d for d in q.event_details(c, rows.fetchall())}
        for e in part:
            d = details[e["id"]]
            d.pop("triggers")  # the pages show the evidence sentences, not the trigger words
            event_more[e["id"]] = _more({**d, "claims": [x["id"] for x in d["claims"]]}, e)
    entity_more: dict[str, Any] = {}
    for part in _chunks([e["id"] for e in entities]):
        for eid, links in q.entity_links(c, part).items():
            entity_more[eid] = {**links, "events": [x for x in links["events"] if x in keep]}
    return {
        "story": overview, "key_events": q.key_events(c), "events": events, "event_more": event_more,
        "claims": claims, "conflicts": q.list_conflicts(c, None, _BIG, 0), "entities": entities,
        "entity_more": entity_more, "articles": articles, "article_more": _article_more(c, articles),
    }  # fmt: skip


def _article_more(c: sqlite3.Connection, articles: list[dict[str, Any]]) -> dict[str, Any]:
    """Each article's text and excluded spans, the most cited first while the text budget lasts."""
    from storyline.serve import queries as q

    cited = dict(c.execute("SELECT article_id, count(*) FROM evidence GROUP BY article_id").fetchall())
    budget = MAX_TEXT_CHARS
    out = {}
    for a in sorted(articles, key=lambda a: (-cited.get(a["id"], 0), a["id"])):
        more = _more(q.article_detail(c, a["id"]), a)
        if len(more["text"]) > budget:
            more["text"], more["excluded"] = "", []
            more["warnings"] = [*more.get("warnings", []), "text left out of this offline export (too large): "
                                "storyline serve shows it"]  # fmt: skip
        budget -= len(more["text"])
        out[a["id"]] = more
    return out


# ------------------------------------------------------------------------------------------ page

def _once(page: str, pattern: str, repl: str) -> str:
    new, n = re.subn(pattern, lambda _: repl, page, flags=re.S)
    if n != 1:
        raise ValueError(f"the workbench shell changed: {pattern!r} found {n} times")
    return new


def render_timeline(story: dict[str, Any]) -> str:
    """timeline.html text for a story dict: the workbench in one file (works with no events)."""
    from storyline.serve.shell import shell

    css, script = _static("workbench.css"), bundle()
    if "</style" in css.lower():
        raise ValueError("workbench.css cannot be inlined safely")
    answers = page_data(story)
    data = json_for_script(answers)
    csp = _CSP.format(script=_csp_hash(script), style=_csp_hash(css))
    page = shell()
    page = _once(page, r'<meta http-equiv="Content-Security-Policy" content="[^"]*">',
                 f'<meta http-equiv="Content-Security-Policy" content="{csp}">')
    page = _once(page, r'<link rel="icon"[^>]*>\n', "")
    page = _once(page, r'<link rel="stylesheet" href="/static/workbench.css">', f"<style>{css}</style>")
    page = _once(page, r'<script type="module" src="/static/main.js"></script>\n', "")
    when = html.escape(str(story.get("generated") or "")[:10])
    meta = answers["export"]
    shown = "" if meta["events"] == meta["events_in_story"] else (
        f" · {meta['events']} of the story's {meta['events_in_story']} events (those on the timeline)")
    page = _once(page, r"<footer[^>]*>.*?</footer>",
                 f'<footer class="muted">storyline {html.escape(__version__)} · offline export'
                 f'{", written " + when if when else ""}{shown} · all of it, live: storyline serve OUT</footer>')
    return _once(page, r"</body>", f'<script type="application/json" id="story-data">{data}</script>\n'
                 f"<script>{script}</script>\n</body>")  # fmt: skip
