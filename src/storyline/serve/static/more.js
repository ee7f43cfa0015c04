// The reference views: claims, conflicts, actors, one actor, sources, one article, search.

import { el, link, badge, section, dl, highlighted, snippet, outLink, plural, quote } from "./dom.js";
import { get, article as getArticle } from "./api.js";
import { eventIndex, claimIndex, claimCard, conflictCard, eventList, actorLink, articleRoute } from "./parts.js";

const PAGE = 200;
const MAX = 500;

function form(fields, ctx, names) {
  const f = el("form", "filters");
  f.setAttribute("role", "search");
  f.append(...fields);
  const go = el("button", null, "Apply"); go.type = "submit";
  f.appendChild(el("div", "actions", go));
  f.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const patch = {};
    for (const n of names) patch[n] = f.elements[n].value.trim();
    ctx.setParams(patch);
  });
  return f;
}

function text(name, value, label, placeholder) {
  const i = el("input"); i.name = name; i.value = value || ""; i.placeholder = placeholder || ""; i.autocomplete = "off";
  return el("label", "field", el("span", null, label), i);
}

function choice(name, value, label, options, ctx) {
  const s = el("select"); s.name = name;
  for (const [v, t] of options) { const o = el("option", null, t); o.value = v; s.appendChild(o); }
  s.value = value || "";
  s.addEventListener("change", () => ctx.setParams({ [name]: s.value }));
  return el("label", "field", el("span", null, label), s);
}

export async function claims(out, _arg, params, ctx) {
  out.appendChild(el("h1", null, "Claims: who says what"));
  out.appendChild(form([
    text("speaker", params.get("speaker"), "Speaker", "name or id"),
    choice("stance", params.get("stance"), "Stance", [["", "any"], ["assert", "asserts"], ["deny", "denies"], ["hedge", "hedges"]], ctx),
    text("q", params.get("q"), "Words", "words in the claim"),
  ], ctx, ["speaker", "stance", "q"]));
  const filter = { speaker: params.get("speaker"), stance: params.get("stance"), q: params.get("q") };
  let page;
  try { page = await get("/api/claims", { ...filter, limit: MAX }); } catch (err) {
    out.appendChild(el("p", "error", err.message));
    return "Claims";
  }
  const index = await eventIndex(page.items.flatMap((c) => c.events));
  const known = await claimIndex();
  const ul = el("ul", "claims");
  page.items.forEach((c) => ul.appendChild(claimCard(c, index, known)));
  out.appendChild(el("p", "count", plural(page.total, "claim") + (page.total > page.items.length ? " (the first " + page.items.length + " shown)" : "")));
  out.appendChild(page.items.length ? ul : el("p", "empty", "No claims match."));
  return "Claims";
}

export async function conflicts(out, _arg, params, ctx) {
  out.appendChild(el("h1", null, "Conflicts: reports that disagree"));
  out.appendChild(form([choice("kind", params.get("kind"), "Kind", [["", "all"], ["event", "an event's facts"], ["claims", "claims"]], ctx)], ctx, ["kind"]));
  const items = await get("/api/conflicts", { kind: params.get("kind"), limit: MAX });
  const index = await eventIndex(items.map((c) => c.event_id).filter(Boolean));
  const known = await claimIndex();
  const ul = el("ul", "conflicts");
  items.forEach((c) => ul.appendChild(conflictCard(c, index, known)));
  out.appendChild(el("p", "count", plural(items.length, "conflict")));
  out.appendChild(items.length ? ul : el("p", "empty", "No conflicting reports."));
  return "Conflicts";
}

export async function actors(out, _arg, params, ctx) {
  out.appendChild(el("h1", null, "Actors"));
  out.appendChild(form([text("name", params.get("name"), "Name", "part of a name")], ctx, ["name"]));
  const page = await get("/api/entities", { name: params.get("name"), limit: MAX });
  const ul = el("ul", "actors");
  for (const a of page.items) {
    ul.appendChild(el("li", null, actorLink(a), " ", badge(a.type, "type"),
      el("span", "muted", " " + plural(a.n_events, "event") + ", " + plural(a.n_mentions, "mention")),
      a.aliases.length ? el("div", "muted aliases", "also: " + a.aliases.join(", ")) : null));
  }
  out.appendChild(el("p", "count", plural(page.total, "actor")));
  out.appendChild(page.items.length ? ul : el("p", "empty", "No actors match."));
  return "Actors";
}

export async function actor(out, id) {
  const a = await get("/api/entities/" + encodeURIComponent(id));
  const index = await eventIndex(a.claims.flatMap((c) => c.events));
  const known = await claimIndex();
  out.appendChild(el("h1", null, a.name));
  out.appendChild(dl([["Type", a.type], ["Also called", a.aliases.join(", ")],
    ["Involved in", link("/events?actor=" + encodeURIComponent(a.id), plural(a.n_events, "event") + " (on the timeline)")],
    ["Mentions", String(a.n_mentions)]]));
  out.appendChild(section("Events", a.events.length ? eventList(a.events) : el("p", "empty", "No events.")));
  const ul = el("ul", "claims");
  a.claims.forEach((c) => ul.appendChild(claimCard(c, index, known)));
  out.appendChild(section("Claims " + a.name + " makes", a.claims.length ? ul : el("p", "empty", "No claims.")));
  const arts = el("ul", "articles");
  a.articles.forEach((m) => arts.appendChild(el("li", null, link(articleRoute(m.article_id), m.title || m.article_id),
    el("span", "muted", " " + plural(m.mentions, "mention")))));
  out.appendChild(section("Articles that mention it", a.articles.length ? arts : el("p", "empty", "None.")));
  return a.name;
}

export async function sources(out, _arg, params, ctx) {
  out.appendChild(el("h1", null, "Sources: who reported what, and when first"));
  const [page, index] = await Promise.all([get("/api/articles", { limit: MAX }), eventIndex()]);
  const outlets = new Map();
  for (const a of page.items) {
    const key = a.outlet || "unknown outlet";
    if (!outlets.has(key)) outlets.set(key, { name: key, articles: [], events: new Set(), first: 0 });
    outlets.get(key).articles.push(a);
  }
  const published = new Map(page.items.map((a) => [a.id, a]));
  for (const e of index.values()) {
    const srcs = e.sources.map((s) => published.get(s)).filter(Boolean);
    srcs.forEach((a) => outlets.get(a.outlet || "unknown outlet").events.add(e.id));
    const dated = srcs.filter((a) => a.published).sort((x, y) => x.published.localeCompare(y.published));
    if (dated.length) outlets.get(dated[0].outlet || "unknown outlet").first += 1;
  }
  const want = params.get("outlet") || "";
  const words = (params.get("q") || "").toLowerCase();
  out.appendChild(form([
    choice("outlet", want, "Outlet", [["", "all outlets"], ...[...outlets.keys()].sort().map((o) => [o, o])], ctx),
    text("q", params.get("q"), "Title", "words in the title"),
  ], ctx, ["outlet", "q"]));
  const list = el("div", "outlets");
  let shown = 0;
  for (const o of [...outlets.values()].sort((x, y) => y.articles.length - x.articles.length || x.name.localeCompare(y.name))) {
    if (want && o.name !== want) continue;
    const arts = o.articles.filter((a) => !words || (a.title || "").toLowerCase().includes(words));
    if (!arts.length) continue;
    shown += arts.length;
    const dates = arts.map((a) => a.published).filter(Boolean).sort();
    const ul = el("ul", "articles");
    for (const a of arts) {
      const li = ul.appendChild(el("li", null, el("span", "when", a.published || "undated"), " ", link(articleRoute(a.id), a.title || "(untitled) " + a.id),
        a.url ? [" ", outLink(a.url, "\u2197")] : null, a.duplicate_of ? badge("near-duplicate", "na") : null, a.off_topic ? badge("off topic", "na") : null));
      li.dataset.article = a.id;
    }
    list.appendChild(el("section", "outlet", el("h2", null, o.name),
      el("p", "muted", plural(arts.length, "article") + (dates.length ? ", first on " + dates[0] : "") +
        "; reports " + plural(o.events.size, "event") + ", first to report " + o.first), ul));
  }
  out.appendChild(el("p", "count", plural(shown, "article") + " shown of " + page.total));
  out.appendChild(list);
  return "Sources";
}

export async function article(out, id, params, ctx) {
  const a = await getArticle(id);
  out.appendChild(el("h1", null, a.title || "(untitled article)"));
  out.appendChild(dl([["Outlet", a.outlet], ["Published", a.published ? a.published + (a.published_from ? " (from " + a.published_from + ")" : "") : null],
    ["Authors", a.authors.join(", ")], ["Address", a.url ? outLink(a.url) : null],
    ["Near-duplicate of", a.duplicate_of ? link(articleRoute(a.duplicate_of), a.duplicate_of) : null],
    ["Warnings", a.warnings.join("; ")], ["Excluded", a.excluded.length ? plural(a.excluded.length, "span") + " (dimmed in the text)" : null]]));
  const start = parseInt(params.get("start"), 10), end = parseInt(params.get("end"), 10);
  const marks = Number.isFinite(start) && Number.isFinite(end) && end > start ? [{ start, end, cls: "ev" }] : [];
  const body = el("div", "article-text full", highlighted(a.text, marks, a.excluded));
  out.appendChild(body);
  ctx.mounted(() => { const m = body.querySelector("mark"); if (m) m.scrollIntoView({ block: "center" }); });
  return a.title || "Article";
}

export async function search(out, _arg, params, ctx) {
  const q = params.get("q") || "";
  out.appendChild(el("h1", null, "Search"));
  out.appendChild(form([text("q", q, "Words", "e.g. missile test"),
    choice("kind", params.get("kind"), "In", [["", "everything"], ["event", "events"], ["claim", "claims"], ["article", "articles"]], ctx)],
  ctx, ["q", "kind"]));
  if (!q) return "Search";
  let res;
  try { res = await get("/api/search", { q, kind: params.get("kind"), limit: 50 }); } catch (err) {
    out.appendChild(el("p", "error", err.message));
    return "Search";
  }
  const ol = el("ol", "hits");
  for (const h of res.items) {
    const route = h.kind === "event" ? "/event/" + encodeURIComponent(h.id)
      : h.kind === "article" ? articleRoute(h.id) : "/claims?q=" + encodeURIComponent(q);
    ol.appendChild(el("li", "hit", badge(h.kind, "kind"), " ", link(route, h.title || h.id), el("p", "snippet", snippet(h.snippet, h.marks))));
  }
  out.appendChild(el("p", "count", plural(res.items.length, "match", "matches") + " for " + quote(q)));
  out.appendChild(res.items.length ? ol : el("p", "empty", "Nothing matches."));
  return "Search: " + q;
}
