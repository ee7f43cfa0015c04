// The story views: overview, timeline (events with filters) and one event with its evidence.

import { el, link, badge, section, dl, joinNodes, highlighted, outLink, plural, quote } from "./dom.js";
import { get, article } from "./api.js";
import { timeline, legend } from "./timeline.js";
import { actorLink, eventList, evidenceQuote, claimCard, conflictCard, eventLink, eventIndex, claimIndex } from "./parts.js";

// Events fetched for the axis (the API's largest page); the list pages on beyond it.
const AXIS_EVENTS = 500;
const LIST_PAGE = 100;
// Actors offered in the actor filter.
const ACTOR_CHOICES = 200;
const PHONE_QUERY = "(max-width: 600px)";

export async function overview(out) {
  const [story, keys] = await Promise.all([get("/api/story"), get("/api/key-events")]);
  const names = story.topic_actors.map((a) => a.name);
  out.appendChild(el("h1", null, names.length ? "Story: " + names.join(", ") : "Story"));
  if (story.about) out.appendChild(el("p", "about", story.about));
  const c = story.counts;
  out.appendChild(dl([
    ["Articles", c.articles + " from " + plural(c.outlets, "outlet")],
    ["Published", story.first_day ? (story.first_day === story.last_day ? story.first_day : story.first_day + " to " + story.last_day) : "dates unknown"],
    ["Events", link("/events", String(c.events))], ["Claims", link("/claims", String(c.claims))],
    ["Actors", link("/actors", String(c.entities))], ["Conflicts", link("/conflicts", String(c.conflicts))],
    ["Topic actors", story.topic_actors.length ? joinNodes(story.topic_actors.map(actorLink)) : null],
    ["Topic terms", story.topic_terms.length ? story.topic_terms.join(", ") : null],
  ]));
  const ol = el("ol", "key-events");
  // In date order, so they read as the story; the rank stays on each (key #n).
  const day = (k) => k.event.date.first_day || k.event.date.last_day || "9999";
  for (const k of [...keys].sort((a, b) => day(a).localeCompare(day(b)) || a.rank - b.rank)) {
    const e = k.event;
    const li = el("li", "key-event m-" + e.modality);
    li.dataset.id = e.id;
    li.append(el("div", "when", k.date_label),
      el("div", "what", link("/event/" + encodeURIComponent(e.id), e.summary), " ", badge(e.type, "type"), badge("key #" + k.rank, "key"),
        e.modality !== "asserted" ? badge(e.modality, "mod m-" + e.modality) : null,
        el("div", "src muted", plural(k.sources.length, "article") + (k.outlets.length ? " · " + k.outlets.join(", ") : ""))));
    k.summary.forEach((v) => li.appendChild(evidenceQuote(v)));
    ol.appendChild(li);
  }
  out.appendChild(section("Key developments", keys.length ? ol : el("p", "empty", "No key developments in this story.")));
  if (story.main_actors.length) {
    const ul = el("ul", "chips");
    story.main_actors.forEach((a) => ul.appendChild(el("li", null, actorLink(a), el("span", "muted", " " + plural(a.n_events, "event")))));
    out.appendChild(section("Main actors", ul));
  }
  return names.length ? names.join(", ") : "Overview";
}

function field(label, input) {
  return el("label", "field", el("span", null, label), input);
}

function input(name, value, placeholder) {
  const i = el("input");
  i.name = name; i.value = value || ""; i.placeholder = placeholder || ""; i.autocomplete = "off";
  return i;
}

function select(name, value, options, anyLabel) {
  const s = el("select");
  s.name = name;
  const any = el("option", null, anyLabel); any.value = ""; s.appendChild(any);
  for (const [v, t] of options) { const o = el("option", null, t); o.value = v; s.appendChild(o); }
  if (value && !options.some(([v]) => v === value)) { const o = el("option", null, value); o.value = value; s.appendChild(o); }
  s.value = value || "";
  return s;
}

const FILTERS = ["actor", "type", "modality", "since", "until", "q"];

async function filterForm(params, ctx) {
  const [all, ents] = await Promise.all([eventIndex(), get("/api/entities", { limit: ACTOR_CHOICES })]);
  const types = [...new Set([...all.values()].map((e) => e.type))].sort();
  const mods = document.body.dataset.modalities.split(" ");
  const form = el("form", "filters");
  form.setAttribute("role", "search");
  const actor = input("actor", params.get("actor"), "name or id");
  const list = el("datalist"); list.id = "actor-list";
  ents.items.forEach((e) => { const o = el("option"); o.value = e.name; list.appendChild(o); });
  actor.setAttribute("list", "actor-list");
  const byId = ents.items.find((e) => e.id === params.get("actor"));
  form.append(
    field("Actor", actor), list,
    field("Type", select("type", params.get("type"), types.map((t) => [t, t]), "any type")),
    field("Modality", select("modality", params.get("modality"), mods.map((m) => [m, m]), "any")),
    field("From", input("since", params.get("since"), "2023-07")),
    field("To", input("until", params.get("until"), "2023-09-30")),
    field("Words", input("q", params.get("q"), "words in the summary")),
  );
  const go = el("button", null, "Apply"); go.type = "submit";
  form.append(el("div", "actions", go, link("/events", "clear")));
  if (byId) form.appendChild(el("p", "muted hint", "actor: ", actorLink(byId)));
  const apply = () => {
    const patch = {};
    for (const f of FILTERS) patch[f] = form.elements[f].value.trim();
    ctx.setParams(patch);
  };
  form.addEventListener("submit", (ev) => { ev.preventDefault(); apply(); });
  for (const name of ["type", "modality"]) form.elements[name].addEventListener("change", apply);
  return form;
}

export async function events(out, _arg, params, ctx) {
  out.appendChild(el("h1", null, "Timeline"));
  const form = await filterForm(params, ctx);
  const filter = {};
  for (const f of FILTERS) filter[f] = params.get(f);
  // On a phone the filters fold away unless some are set (the axis is what the screen is for).
  const box = el("details", "filters-box", el("summary", null, "Filters"), form);
  box.open = FILTERS.some((f) => filter[f]) || !window.matchMedia(PHONE_QUERY).matches;
  out.appendChild(box);
  let page;
  try {
    page = await get("/api/events", { ...filter, limit: AXIS_EVENTS });
  } catch (err) {
    out.appendChild(el("p", "error", "These filters cannot be answered: " + err.message));
    return "Timeline";
  }
  const active = FILTERS.filter((f) => filter[f]).map((f) => f + " " + quote(filter[f]));
  out.appendChild(el("p", "count", plural(page.total, "event") + (active.length ? " match " + active.join(", ") : " in the story") +
    (page.total > page.items.length ? "; the axis shows the first " + page.items.length + " by date" : "")));
  const tl = timeline(page.items, { lanes: params.get("lanes"), all: params.get("all") === "1", onChange: (p) => ctx.setParams(p) });
  out.append(legend(document.body.dataset.modalities.split(" ")), tl);
  ctx.mounted(() => tl.start());
  const list = eventList(page.items.slice(0, LIST_PAGE));
  out.appendChild(section("Events", page.items.length ? list : el("p", "empty", "No events match these filters.")));
  let shown = Math.min(LIST_PAGE, page.items.length);
  if (page.total > shown) {
    const more = el("button", "more", "Show more");
    more.type = "button";
    more.onclick = async () => {
      let next = page.items.slice(shown, shown + LIST_PAGE);
      if (!next.length) next = (await get("/api/events", { ...filter, limit: LIST_PAGE, offset: shown })).items;
      next.forEach((e) => list.appendChild(eventList([e]).firstChild));
      shown += next.length;
      if (shown >= page.total || !next.length) more.remove();
    };
    out.appendChild(more);
  }
  return "Timeline";
}

// Evidence spans of one article as marks, in its own text (excluded spans dimmed).
async function articleCard(id, spans, ctx) {
  let a;
  try { a = await article(id); } catch (err) {
    return el("div", "article-card", el("p", "error", "Article " + id + ": " + err.message), spans.map(evidenceQuote));
  }
  const card = el("article", "article-card");
  card.dataset.article = id;
  card.append(el("h3", null, link("/article/" + encodeURIComponent(id), a.title || "(untitled article)")),
    el("p", "meta", [a.outlet || "unknown outlet", a.published || "date unknown"].join(" · "),
      a.url ? [" · ", outLink(a.url, "open the article \u2197")] : null,
      a.duplicate_of ? [" · near-duplicate of ", link("/article/" + encodeURIComponent(a.duplicate_of), a.duplicate_of)] : null));
  if (!a.text) { // a text not at hand (left out of a large offline export): the sentences themselves
    card.append(...(a.warnings || []).map((w) => el("p", "muted", w)), ...spans.map(evidenceQuote));
    return card;
  }
  const marks = spans.map((v, i) => ({ start: v.start, end: v.end, cls: "ev", title: "evidence " + (i + 1) }));
  const text = el("div", "article-text", highlighted(a.text, marks, a.excluded));
  card.appendChild(text);
  ctx.mounted(() => { const m = text.querySelector("mark"); if (m) text.scrollTop = m.offsetTop - text.offsetTop - 24; });
  return card;
}

export async function event(out, id, _params, ctx) {
  const e = await get("/api/events/" + encodeURIComponent(id));
  const index = await eventIndex([e.part_of, ...e.sub_events].filter(Boolean));
  out.appendChild(el("h1", null, e.summary || e.type));
  out.appendChild(el("p", "badges", badge(e.type + (e.mode ? " / " + e.mode : ""), "type"), " ", badge(e.modality, "mod m-" + e.modality),
    e.key_rank ? [" ", badge("key #" + e.key_rank, "key")] : null, e.off_topic ? [" ", badge("off topic", "na")] : null));
  out.appendChild(dl([
    ["When", e.date.label + (e.date.text ? " (" + quote(e.date.text) + (e.date.how ? ", " + e.date.how : "") + ")" : e.date.how ? " (" + e.date.how + ")" : "")],
    ["Who", e.actors.length ? joinNodes(e.actors.map(actorLink)) : null],
    ["To whom", e.recipients.length ? joinNodes(e.recipients.map(actorLink)) : null],
    ["What", e.objects.length ? e.objects.join(", ") : null], ["Where", e.location],
    ["Reported by", e.outlets.length ? e.outlets.join(", ") + (e.independent_sources ? " (" + plural(e.independent_sources, "independent source") + ")" : "") : null],
    ["Part of", e.part_of ? eventLink(e.part_of, index) : null],
    ["Parts", e.sub_events.length ? joinNodes(e.sub_events.map((s) => eventLink(s, index)), "; ") : null],
    ["Predicate", [e.predicate, ...[e.tense, e.aspect].filter((x) => x && x !== "NONE").map((x) => x.toLowerCase()), e.polarity === "NEG" ? "negative" : null].filter(Boolean).join(", ")],
  ]));
  const byArticle = new Map();
  for (const v of e.evidence) {
    if (!byArticle.has(v.article_id)) byArticle.set(v.article_id, []);
    byArticle.get(v.article_id).push(v);
  }
  const cards = await Promise.all([...byArticle].map(([aid, spans]) => articleCard(aid, spans, ctx)));
  out.appendChild(section("Evidence: " + plural(e.evidence.length, "sentence") + " in " + plural(byArticle.size, "article"),
    cards.length ? cards : el("p", "empty", "No evidence sentences stored.")));
  if (e.claims.length) {
    const known = await claimIndex();
    const ul = el("ul", "claims");
    e.claims.forEach((c) => ul.appendChild(claimCard(c, index, known)));
    out.appendChild(section("Claims about it", ul));
  }
  if (e.conflicts.length) {
    const ul = el("ul", "conflicts");
    e.conflicts.forEach((c) => ul.appendChild(conflictCard(c, index)));
    out.appendChild(section("Conflicting reports", ul));
  }
  return e.summary || "Event";
}
