// The single-file export (OUT/timeline.html): the workbench's own pages, answered from the story
// embedded in the file (a JSON block that storyline.render.html writes from the same queries the
// server runs) instead of the server. Only the export loads this module; it answers every
// request the pages make, with the API's filters and paging, so the pages cannot tell the
// difference (text queries match word beginnings after a light stemming, where the server uses
// SQLite FTS5 with porter stemming). Nothing here touches the network.

import { ApiError, answerFrom } from "./api.js";

const MAX_LIMIT = 500;
const MAX_INT = 2 ** 31;
const MAX_WORDS = 16;
// Characters of context a search snippet keeps before and after its first match.
const SNIP_BEFORE = 60;
const SNIP_AFTER = 140;

const data = JSON.parse(document.getElementById("story-data").textContent);
const byId = (items) => new Map(items.map((x) => [x.id, x]));
const events = byId(data.events), claims = byId(data.claims), entities = byId(data.entities), articles = byId(data.articles);
const ARTICLE_FIELDS = ["outlet", "published", "title", "url"];

// Evidence sentences are embedded without their article's outlet, date, title and address: add them back.
function fill(node) {
  if (Array.isArray(node)) { node.forEach(fill); return; }
  if (!node || typeof node !== "object") return;
  if (typeof node.article_id === "string" && typeof node.sentence === "string") {
    const a = articles.get(node.article_id) || {};
    for (const k of ARTICLE_FIELDS) if (!(k in node)) node[k] = a[k] === undefined ? null : a[k];
  }
  Object.values(node).forEach(fill);
}
fill(data);

function int(params, name, dflt, lo) {
  const v = params[name];
  if (v === undefined || v === null || v === "") return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < lo || n > (name === "limit" ? MAX_LIMIT : MAX_INT)) throw new ApiError(name + ": not a valid number: " + v);
  return n;
}

function paged(items, params, dflt = 50) {
  const limit = int(params, "limit", dflt, 1), offset = int(params, "offset", 0, 0);
  return { total: items.length, limit, offset, items: items.slice(offset, offset + limit) };
}

// The first or last day of a day, month or year ("2023-07-26", "2023-07", "2023"); null when none given.
function bound(value, name, end) {
  if (value === undefined || value === null || value === "") return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(value).trim());
  const bad = () => new ApiError(name + " must be a date such as 2023-07-26, 2023-07 or 2023, not '" + value + "'");
  if (!m) throw bad();
  const y = +m[1], mo = m[2] ? +m[2] : end ? 12 : 1;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  const d = m[3] ? +m[3] : end ? last : 1;
  if (mo < 1 || mo > 12 || d < 1 || d > last) throw bad();
  return String(y).padStart(4, "0") + "-" + String(mo).padStart(2, "0") + "-" + String(d).padStart(2, "0");
}

// Words of a text query, lower case, with a light stemming (visits, visited -> visit).
function words(q) {
  const found = (String(q).toLowerCase().match(/[\p{L}\p{N}_]+/gu) || []).slice(0, MAX_WORDS);
  if (!found.length) throw new ApiError("q has no words to search for");
  return found.map(stem);
}

function stem(w) {
  for (const end of ["ing", "ies", "es", "ed", "ly", "s"]) {
    if (w.length > end.length + 2 && w.endsWith(end)) return w.slice(0, -end.length);
  }
  return w;
}

// Where each query word begins a word of `text` ([start, end) in UTF-16 units, the whole word).
function hits(text, stems) {
  const out = [];
  const re = /[\p{L}\p{N}_]+/gu;
  let m;
  const found = new Set();
  while ((m = re.exec(text)) !== null) {
    const w = m[0].toLowerCase();
    const s = stems.find((x) => w.startsWith(x));
    if (s !== undefined) { out.push([m.index, m.index + m[0].length]); found.add(s); }
  }
  return found.size === new Set(stems).size ? out : null;
}

function entityIds(key) {
  const k = String(key).toLowerCase();
  return new Set(data.entities.filter((e) => e.id === key || e.name.toLowerCase() === k).map((e) => e.id));
}

// An event's days as the R*Tree of the server has them: from where it sorts to its last day.
function span(e) {
  const d = e.date;
  const a = d.relation === "before" || !d.first_day ? d.last_day : d.first_day;
  const b = d.last_day || d.first_day;
  if (!a || !b) return null;
  return a <= b ? [a, b] : [b, a];
}

function listEvents(p) {
  const since = bound(p.since, "since", false), until = bound(p.until, "until", true);
  const ids = p.actor ? entityIds(p.actor) : null;
  const stems = p.q ? words(p.q) : null;
  const key = p.key === true || p.key === "true";
  const keep = data.events.filter((e) => (!p.type || e.type === p.type) && (!p.modality || e.modality === p.modality) &&
    (!ids || [...e.actors, ...e.recipients].some((a) => ids.has(a.id))) && (!key || e.key_rank) &&
    (!stems || hits(e.summary, stems)) && inRange(e, since, until));
  return paged(keep, p);
}

function inRange(e, since, until) {
  if (since === null && until === null) return true;
  const s = span(e);
  return s !== null && s[0] <= (until || "9999-12-31") && s[1] >= (since || "0001-01-01");
}

function listClaims(p) {
  const ids = p.speaker ? entityIds(p.speaker) : null;
  const who = p.speaker ? String(p.speaker).toLowerCase() : null;
  const stems = p.q ? words(p.q) : null;
  const keep = data.claims.filter((c) => (!p.stance || c.stance === p.stance) && (!p.event || c.events.includes(p.event)) &&
    (!ids || (c.speaker && ids.has(c.speaker.id)) || c.speaker_text.toLowerCase() === who) && (!stems || hits(c.content, stems)));
  return paged(keep, p);
}

function listEntities(p) {
  const name = p.name ? String(p.name).toLowerCase() : null;
  return paged(data.entities.filter((e) => (!p.type || e.type === p.type) && (!name || e.name.toLowerCase().includes(name))), p);
}

function listArticles(p) {
  const since = bound(p.since, "since", false), until = bound(p.until, "until", true);
  return paged(data.articles.filter((a) => (!p.outlet || a.outlet === p.outlet) &&
    (since === null || (a.published && a.published >= since)) && (until === null || (a.published && a.published <= until))), p);
}

function one(map, more, kind, id) {
  const item = map.get(id);
  if (!item) throw new ApiError("no " + kind + " '" + id + "'");
  return { ...item, ...(more[id] || {}) };
}

function eventDetail(id) {
  if (!events.has(id)) {
    throw new ApiError("no event '" + id + "' in this offline export (it has the " + data.export.events + " events on the timeline of the story's " +
      data.export.events_in_story + "; storyline serve shows them all)");
  }
  const e = one(events, data.event_more, "event", id);
  return { ...e, claims: (e.claims || []).map((c) => claims.get(c)).filter(Boolean) };
}

function entityDetail(id) {
  const e = one(entities, data.entity_more, "entity", id);
  return { ...e, events: (e.events || []).map((x) => events.get(x)).filter(Boolean),
    claims: (e.claims || []).map((x) => claims.get(x)).filter(Boolean), articles: e.articles || [] };
}

function search(p) {
  if (!p.q) throw new ApiError("q: a search needs words");
  const stems = words(p.q);
  const limit = int(p, "limit", 20, 1);
  const found = [];
  const look = (kind, id, title, body) => {
    const at = body ? hits(body, stems) : null;
    if (at) found.push({ kind, id, title, ...snip(body, at), rank: -at.length });
  };
  if (!p.kind || p.kind === "article") for (const a of data.articles) look("article", a.id, a.title || "", (data.article_more[a.id] || {}).text);
  if (!p.kind || p.kind === "event") for (const e of data.events) look("event", e.id, (data.event_more[e.id] || {}).predicate || e.type, e.summary);
  if (!p.kind || p.kind === "claim") for (const c of data.claims) look("claim", c.id, c.speaker_text, c.content);
  found.sort((x, y) => x.rank - y.rank);
  return { q: p.q, items: found.slice(0, limit) };
}

// A snippet around the first match, its marks as code-point offsets (as the API counts them).
function snip(text, at) {
  let a = Math.max(0, at[0][0] - SNIP_BEFORE), b = Math.min(text.length, at[0][1] + SNIP_AFTER);
  while (a > 0 && !/\s/.test(text[a - 1])) a--;
  while (b < text.length && !/\s/.test(text[b])) b++;
  const pre = a > 0 ? "\u2026" : "", post = b < text.length ? "\u2026" : "";
  const body = text.slice(a, b);
  const cp = (i) => [...body.slice(0, i)].length + pre.length;
  const marks = at.filter(([s, e]) => s >= a && e <= b).map(([s, e]) => [cp(s - a), cp(e - a)]);
  return { snippet: pre + body + post, marks };
}

const ROUTES = [
  [/^\/api\/story$/, () => data.story],
  [/^\/api\/key-events$/, () => data.key_events],
  [/^\/api\/events$/, (p) => listEvents(p)],
  [/^\/api\/events\/(.+)$/, (p, id) => eventDetail(id)],
  [/^\/api\/claims$/, (p) => listClaims(p)],
  [/^\/api\/conflicts$/, (p) => paged(data.conflicts.filter((c) => !p.kind || c.kind === p.kind), p, MAX_LIMIT).items],
  [/^\/api\/entities$/, (p) => listEntities(p)],
  [/^\/api\/entities\/(.+)$/, (p, id) => entityDetail(id)],
  [/^\/api\/articles$/, (p) => listArticles(p)],
  [/^\/api\/articles\/(.+)$/, (p, id) => one(articles, data.article_more, "article", id)],
  [/^\/api\/search$/, (p) => search(p)],
];

function answer(path, params) {
  for (const [re, fn] of ROUTES) {
    const m = re.exec(path);
    if (!m) continue;
    let id = m[1];
    if (id !== undefined) { try { id = decodeURIComponent(id); } catch (_) { /* as written */ } }
    return fn(params, id);
  }
  throw new ApiError("this offline export cannot answer " + path + " (storyline serve can)");
}

answerFrom(answer);
