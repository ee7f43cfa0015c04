"""timeline.html: one self-contained page with a zoomable timeline, filters and expandable evidence.

Article text is untrusted. All story-derived data goes into a <script type="application/json"> block
with "<", ">" and "&" written as \\u escapes (so no "</script>" can close it), and the page builds its
DOM only with textContent and createElement; vis-timeline receives DOM elements, never HTML strings.
The vis-timeline UMD bundle and CSS (npm vis-timeline, see assets/VENDOR.md) are inlined, and a
Content-Security-Policy forbids any network access at view time.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from importlib import resources
from typing import Any

from storyline import dates
from storyline.modality import NOT_ASSERTED
from storyline.render.common import (
    Citations,
    by_id,
    entity_names,
    excluded_items,
    involved,
    main_actors,
    modality_phrase,
    name_of,
    on_timeline,
    one_line,
    sorted_events,
    source_count,
)
from storyline.render.markdown import overview_text

VIS_TIMELINE_VERSION = "8.5.4"
# Inline scripts run only by their sha256 (no 'unsafe-inline' for scripts): a script that got into the
# page any other way cannot run. Styles stay 'unsafe-inline': vis-timeline creates style elements and
# attributes as it draws, CSS cannot run code, and with img/font/connect limited to data: or nothing
# it cannot send anything anywhere either.
_CSP = ("default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def _asset(name: str) -> str:
    text = resources.files("storyline.render").joinpath("assets", name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"asset {name} cannot be inlined safely")
    return text


def json_for_script(data: Any) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can end it or start a comment."""
    return (json.dumps(data, ensure_ascii=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _next_day(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def _placement(date: dict[str, Any] | None) -> dict[str, Any]:
    """Where an entry sits on the time axis: a point, a range (its whole interval) or nowhere."""
    if not date or (not date.get("first_day") and not date.get("last_day")):
        return {"start": None, "end": None, "before": False}
    first, last = date.get("first_day"), date.get("last_day")
    try:
        for day in (first, last):
            if day:
                dt.date.fromisoformat(str(day)[:10])  # a malformed day must not break the page
        if not first or date.get("relation") == "before":  # "on or before X": a point at X, drawn as such
            return {"start": str(last)[:10], "end": None, "before": True}
        last = last or first
        if last[:10] == first[:10]:
            return {"start": first[:10], "end": None, "before": False}
        return {"start": first[:10], "end": _next_day(last[:10]), "before": False}
    except ValueError:
        return {"start": None, "end": None, "before": False}


def page_data(story: dict[str, Any]) -> dict[str, Any]:
    """The JSON the page renders from (strings only as data; the page never parses them as HTML)."""
    names = entity_names(story)
    claims = by_id(story.get("claims"))
    articles = by_id(story.get("articles"))
    cit = Citations(articles)
    events = []
    used_actors: dict[str, str] = {}
    key_rank = {k["event"]: k.get("rank") for k in story.get("key_events") or []}
    for e in filter(on_timeline, sorted_events(story)):
        inv = involved(e, claims)
        for a in inv:
            used_actors[a] = name_of(names, a)
        evid = []
        for ev in e.get("evidence") or []:
            n = cit.cite(ev)
            evid.append(n)
        conflicts = []
        for c in e.get("conflicts") or []:
            vals = []
            for v in c.get("values") or []:
                if isinstance(v, dict) and ("first_day" in v or "last_day" in v):
                    has_days = v.get("first_day") or v.get("last_day")
                    vals.append(dates.format(v) + (f" (\u201c{one_line(v['text'])}\u201d)"
                                                  if v.get("text") and has_days else ""))
                else:
                    vals.append(one_line(str(v)))
            conflicts.append({"field": str(c.get("field") or ""), "values": vals,
                              "cites": [cit.cite(x) for x in c.get("evidence") or []]})
        events.append({
            "id": e["id"],
            "date": dates.format(e.get("date")),
            "date_text": one_line((e.get("date") or {}).get("text") or ""),
            "date_how": (e.get("date") or {}).get("how") or "",
            **_placement(e.get("date")),
            "type": e.get("type") or "",
            "label": (e.get("type") or "") + (f"/{e['mode']}" if e.get("mode") else ""),
            "modality": e.get("modality") or "asserted",
            "asserted": (e.get("modality") or "asserted") not in NOT_ASSERTED,
            "says": one_line(modality_phrase(e, claims, names)),
            "summary": one_line(e.get("summary") or ""),
            "actors": [name_of(names, a) for a in e.get("actors") or []],
            "recipients": [name_of(names, a) for a in e.get("recipients") or []],
            "involved": inv,
            "sources": source_count(e, articles),
            "evidence": evid,
            "conflicts": conflicts,
            "key": e["id"] in key_rank,
            "off_topic": bool(e.get("off_topic")),
        })
    arts = []
    for art in sorted(articles.values(), key=lambda x: (x.get("published") or "9999", x["id"])):
        arts.append({
            "id": art["id"], "title": one_line(art.get("title") or ""), "outlet": art.get("outlet") or "",
            "published": art.get("published") or "", "published_from": art.get("published_from") or "",
            "url": art.get("url") or "", "duplicate_of": art.get("duplicate_of") or "",
            "excluded": [{"reason": reason, "text": snippet} for reason, snippet, _ in excluded_items(art, 160)],
        })
    return {
        "key": _key_events(story, cit),
        "title": ": ".join(x for x in ("Story timeline", ", ".join(
            name_of(names, a) for a in main_actors(story, 3))) if x),
        "overview": overview_text(story),
        "events": events,
        "actors": sorted(({"id": k, "name": v} for k, v in used_actors.items()),
                         key=lambda x: x["name"].casefold()),
        "types": sorted({e["type"] for e in events if e["type"]}),
        "modalities": sorted({e["modality"] for e in events}),
        "sources": cit.entries,
        "articles": arts,
    }


def _key_events(story: dict[str, Any], cit: Citations) -> list[dict[str, Any]]:
    """The key-events timeline, in date order: what the page leads with."""
    out = []
    for k in story.get("key_events") or []:
        out.append({
            "event": k["event"], "rank": k.get("rank"), "date": dates.format(k.get("date")),
            "cites": [cit.cite(ev) for ev in k.get("summary") or []],
            "sources": len(k.get("sources") or []), "outlets": len(k.get("outlets") or []),
        })
    return out


_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;
 padding:1rem 1.5rem;color:#1d2430;background:#fbfbfd;line-height:1.4}
h1{font-size:1.5rem;margin:.2rem 0 .6rem}h2{font-size:1.15rem;margin-top:1.6rem}
#overview{color:#38414f}
#filters{display:flex;flex-wrap:wrap;gap:.6rem 1.2rem;align-items:center;margin:.8rem 0;padding:.6rem .8rem;
 background:#eef1f6;border-radius:6px}
#filters label{font-size:.9rem}#filters fieldset{border:0;padding:0;margin:0;display:flex;gap:.6rem}
#timeline{background:#fff;border:1px solid #d5dae3;border-radius:6px}
.vis-item{border-color:#4a6fa5;background:#dbe6f6;font-size:.8rem}
.vis-item.m-reported{background:#fff1d6;border-color:#c08a1e}
.vis-item.m-denied{background:#f8dcdc;border-color:#b33c3c}
.vis-item.m-planned{background:#e2f2e4;border-color:#3d8a4b}
.vis-item.m-hypothetical,.vis-item.m-negated{background:#f1f1f1;border-style:dashed;color:#666}
.vis-item.before{border-left-width:4px}
#count{font-size:.9rem;color:#555}
ol#entries{list-style:none;padding:0}
li.entry{background:#fff;border:1px solid #d5dae3;border-radius:6px;margin:.4rem 0;padding:.4rem .7rem}
li.entry.not-asserted{border-style:dashed;background:#f7f7f7}
li.entry summary{cursor:pointer}
.date{font-weight:600;font-variant-numeric:tabular-nums;margin-right:.4rem}
.says{font-style:italic;color:#7a4d00;margin-right:.3rem}
.badge{display:inline-block;font-size:.72rem;padding:0 .35rem;border-radius:3px;background:#e4e8ef;
 margin-left:.3rem;color:#333}
.badge.conflict{background:#f8dcdc;color:#8a1f1f}.badge.na{background:#ddd}
.evidence{margin:.4rem 0 .2rem 1rem}.evidence blockquote{margin:.3rem 0;padding-left:.6rem;
 border-left:3px solid #b9c4d6;color:#2b3340}.cite{font-size:.8rem;color:#555}
.who{font-size:.85rem;color:#444;margin:.3rem 0 0 1rem}
ul#sources{list-style:none;padding-left:0}ul#sources li,ul#articles li{margin:.25rem 0;font-size:.9rem}
button{font:inherit;font-size:.85rem}
ol#key{padding-left:1.4rem}ol#key li{margin:.35rem 0}ol#key .sent{display:block;color:#2b3340}
.vis-item.key{border-width:2px;font-weight:600}li.entry.key{border-left:4px solid #4a6fa5}
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("story-data").textContent);
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text !== undefined && text !== null) { n.textContent = String(text); }
    return n;
  }
  document.getElementById("title").textContent = data.title;
  document.title = data.title;
  document.getElementById("overview").textContent = data.overview;

  var byN = {};
  data.sources.forEach(function (s) { byN[s.n] = s; });
  function citeText(s) {
    var parts = [s.title || "(untitled)", s.outlet || "unknown outlet", s.published || "date unknown"];
    return "[" + s.n + "] " + parts.join(", ") + " (article " + s.article + ", chars " + s.start +
      "-" + s.end + ")";
  }

  // Filters
  var fActor = document.getElementById("f-actor");
  data.actors.forEach(function (a) { var o = el("option", null, a.name); o.value = a.id; fActor.appendChild(o); });
  var fType = document.getElementById("f-type");
  data.types.forEach(function (t) { var o = el("option", null, t); o.value = t; fType.appendChild(o); });
  var fMod = document.getElementById("f-modality");
  data.modalities.forEach(function (m) {
    var lab = el("label"); var cb = el("input", "f-mod"); cb.type = "checkbox"; cb.value = m; cb.checked = true;
    lab.appendChild(cb); lab.appendChild(document.createTextNode(" " + m)); fMod.appendChild(lab);
  });

  // Key developments
  var keyList = document.getElementById("key");
  data.key.forEach(function (k) {
    var li = el("li", "key-event"); li.dataset.event = k.event;
    li.appendChild(el("span", "date", k.date));
    k.cites.forEach(function (n) {
      var s = byN[n]; var sp = el("span", "sent", "\u201c" + s.sentence + "\u201d ");
      sp.appendChild(el("span", "cite", "[" + n + "] " + (s.outlet || "outlet not given") + ", " + (s.published || "date unknown")));
      li.appendChild(sp);
    });
    li.appendChild(el("span", "badge", k.sources + (k.sources === 1 ? " source" : " sources")));
    keyList.appendChild(li);
  });
  if (!data.key.length) { keyList.appendChild(el("li", "empty", "No key events: no dated, supported events found.")); }

  // Entry list
  var list = document.getElementById("entries");
  var rows = {};
  data.events.forEach(function (e) {
    var li = el("li", "entry" + (e.asserted ? "" : " not-asserted") + (e.key ? " key" : ""));
    li.dataset.id = e.id;
    var det = el("details"); var sum = el("summary");
    sum.appendChild(el("span", "date", e.date));
    if (e.says) { sum.appendChild(el("span", "says", e.says + ":")); }
    sum.appendChild(el("span", "what", e.summary || e.label));
    sum.appendChild(el("span", "badge", e.label));
    sum.appendChild(el("span", "badge", e.sources + (e.sources === 1 ? " source" : " sources")));
    if (e.modality !== "asserted") { sum.appendChild(el("span", "badge" + (e.asserted ? "" : " na"), e.modality)); }
    if (e.conflicts.length) { sum.appendChild(el("span", "badge conflict", "sources disagree")); }
    if (e.key) { sum.appendChild(el("span", "badge", "key event")); }
    if (e.off_topic) { sum.appendChild(el("span", "badge na", "off-topic")); }
    det.appendChild(sum);
    var who = [];
    if (e.actors.length) { who.push("Actors: " + e.actors.join(", ")); }
    if (e.recipients.length) { who.push("Recipients: " + e.recipients.join(", ")); }
    if (e.date_text) { who.push("Date from \u201c" + e.date_text + "\u201d (" + e.date_how + ")"); }
    else if (e.date_how) { who.push("Date: " + e.date_how); }
    if (who.length) { det.appendChild(el("div", "who", who.join(" \u00b7 "))); }
    var box = el("div", "evidence");
    e.evidence.forEach(function (n) {
      var s = byN[n]; var q = el("blockquote", "ev");
      q.appendChild(el("div", "sentence", s.sentence));
      q.appendChild(el("div", "cite", citeText(s)));
      box.appendChild(q);
    });
    e.conflicts.forEach(function (c) {
      var d = el("div", "conflict", "Sources disagree on " + c.field + ": " + c.values.join(" vs ") +
        " " + c.cites.map(function (n) { return "[" + n + "]"; }).join(""));
      box.appendChild(d);
    });
    det.appendChild(box); li.appendChild(det); list.appendChild(li);
    rows[e.id] = li;
  });
  if (!data.events.length) { list.appendChild(el("li", "empty", "No events extracted.")); }

  // Sources and articles
  var srcs = document.getElementById("sources");
  data.sources.forEach(function (s) {
    var li = el("li", null, citeText(s) + ": \u201c" + s.sentence + "\u201d"); li.id = "src-" + s.n; srcs.appendChild(li);
  });
  var arts = document.getElementById("articles");
  data.articles.forEach(function (a) {
    var txt = a.id + ": \u201c" + (a.title || "(untitled)") + "\u201d, " + (a.outlet || "unknown outlet") + ", " +
      (a.published ? "published " + a.published + " (from " + (a.published_from || "unknown") + ")" : "publication date unknown");
    if (a.duplicate_of) { txt += "; near-duplicate of " + a.duplicate_of; }
    var li = el("li", null, txt);
    if (a.excluded.length) {
      var ul = el("ul");
      a.excluded.forEach(function (x) { ul.appendChild(el("li", null, "excluded " + x.reason + ": \u201c" + x.text + "\u201d")); });
      li.appendChild(ul);
    }
    arts.appendChild(li);
  });

  // Timeline (vis-timeline; content is a DOM element, never an HTML string)
  var timeline = null, items = null;
  function itemFor(e) {
    var label = (e.says ? e.says + ": " : "") + (e.summary || e.label);
    if (label.length > 60) { label = label.slice(0, 57) + "..."; }
    var c = el("span", null, e.date + " " + label);
    var it = {id: e.id, content: c, start: e.start,
      className: "m-" + e.modality + (e.before ? " before" : "") + (e.key ? " key" : "")};
    if (e.end) { it.end = e.end; it.type = "range"; } else { it.type = "point"; }
    return it;
  }
  var dated = data.events.filter(function (e) { return e.start; });
  if (window.vis && dated.length) {
    items = new vis.DataSet(dated.map(itemFor));
    timeline = new vis.Timeline(document.getElementById("timeline"), items,
      {zoomable: true, zoomKey: "ctrlKey", stack: true, maxHeight: 420, margin: {item: 6},
       tooltip: {followMouse: false}, showTooltips: false});
    var t0 = Math.min.apply(null, dated.map(function (e) { return Date.parse(e.start); }));
    var t1 = Math.max.apply(null, dated.map(function (e) { return Date.parse(e.end || e.start); }));
    var pad = Math.max((t1 - t0) * 0.15, 15 * 86400000);
    timeline.setWindow(new Date(t0 - pad), new Date(t1 + 2.5 * pad), {animation: false});
    timeline.on("select", function (p) {
      if (p.items.length) {
        var li = rows[p.items[0]]; li.querySelector("details").open = true;
        li.scrollIntoView({block: "nearest"});
      }
    });
    document.getElementById("zoom-in").onclick = function () { timeline.zoomIn(0.5); };
    document.getElementById("zoom-out").onclick = function () { timeline.zoomOut(0.5); };
    document.getElementById("fit").onclick = function () { timeline.setWindow(new Date(t0 - pad), new Date(t1 + 2.5 * pad)); };
  } else {
    document.getElementById("timeline").appendChild(el("p", null, "No dated events to place on a time axis."));
  }

  function applyFilters() {
    var actor = fActor.value, type = fType.value;
    var keyOnly = document.getElementById("f-key").checked, offTopic = document.getElementById("f-off").checked;
    var mods = {};
    Array.prototype.forEach.call(document.querySelectorAll("input.f-mod"), function (cb) { mods[cb.value] = cb.checked; });
    var shown = 0, keep = [];
    data.events.forEach(function (e) {
      var ok = (!actor || e.involved.indexOf(actor) >= 0) && (!type || e.type === type) && mods[e.modality] &&
        (!keyOnly || e.key) && (offTopic || !e.off_topic);
      rows[e.id].hidden = !ok;
      if (ok) { shown += 1; if (e.start) { keep.push(e); } }
    });
    if (items) { items.clear(); items.add(keep.map(itemFor)); }
    document.getElementById("count").textContent = shown + " of " + data.events.length + " entries shown";
  }
  fActor.onchange = applyFilters; fType.onchange = applyFilters;
  fMod.addEventListener("change", applyFilters);
  document.getElementById("f-key").onchange = applyFilters;
  document.getElementById("f-off").onchange = applyFilters;
  applyFilters();
  document.body.dataset.ready = "1";
})();
"""

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="storyline; vis-timeline {vis_version}">
<title>Story timeline</title>
<style>{vis_css}</style>
<style>{style}</style>
</head>
<body>
<h1 id="title">Story timeline</h1>
<p id="overview"></p>
<h2>Key developments</h2>
<ol id="key"></ol>
<div id="filters">
<label>Actor <select id="f-actor"><option value="">All actors</option></select></label>
<label>Type <select id="f-type"><option value="">All types</option></select></label>
<fieldset id="f-modality"><legend hidden>Modality</legend></fieldset>
<label><input type="checkbox" id="f-key"> key events only</label>
<label><input type="checkbox" id="f-off"> show off-topic</label>
<span id="count"></span>
<span><button id="zoom-in" type="button">Zoom in</button> <button id="zoom-out" type="button">Zoom out</button>
<button id="fit" type="button">Fit</button></span>
</div>
<div id="timeline"></div>
<h2>Entries</h2>
<p class="cite">Click an entry to see its evidence. Dashed entries are hypothetical or negated: not facts.</p>
<ol id="entries"></ol>
<h2>Sources</h2>
<ul id="sources"></ul>
<h2>Articles</h2>
<ul id="articles"></ul>
<script type="application/json" id="story-data">{data}</script>
<script>{vis_js}</script>
<script>{script}</script>
</body>
</html>
"""


def render_timeline(story: dict[str, Any]) -> str:
    """timeline.html text for a story dict (self-contained; works with no events)."""
    vis_css, vis_js = _asset("vis-timeline-graph2d.min.css"), _asset("vis-timeline-graph2d.min.js")
    csp = _CSP.format(scripts=" ".join(map(_csp_hash, (vis_js, _SCRIPT))))
    return _TEMPLATE.format(
        csp=csp, vis_version=VIS_TIMELINE_VERSION, vis_css=vis_css, style=_STYLE,
        data=json_for_script(page_data(story)), vis_js=vis_js, script=_SCRIPT,
    )
