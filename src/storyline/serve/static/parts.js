// Pieces several views share: an event row, a claim card, a conflict card, a citation.

import { el, link, badge, joinNodes, quote, outLink } from "./dom.js";
import { get } from "./api.js";

// Events the pages name by id (claims, conflicts) are looked up in the first page of all events;
// the few not on it are fetched one by one.
const INDEX_PAGE = 500;
let indexed = null;

// The story changed (live.js): look the events up again.
export function resetIndex() { indexed = null; }

export async function eventIndex(ids = []) {
  if (!indexed) {
    const page = await get("/api/events", { limit: INDEX_PAGE });
    indexed = new Map(page.items.map((e) => [e.id, e]));
  }
  const missing = [...new Set(ids)].filter((id) => !indexed.has(id)).slice(0, 20);
  await Promise.all(missing.map(async (id) => {
    try { indexed.set(id, await get("/api/events/" + encodeURIComponent(id))); } catch (_) { /* gone */ }
  }));
  return indexed;
}

export function eventLink(id, index) {
  const e = index && index.get(id);
  return link("/event/" + encodeURIComponent(id), e ? e.summary : "event " + id);
}

export function actorLink(ref) {
  return link("/actor/" + encodeURIComponent(ref.id), ref.name);
}

export function articleRoute(id, start, end) {
  const q = start !== undefined && start !== null ? "?start=" + start + "&end=" + end : "";
  return "/article/" + encodeURIComponent(id) + q;
}

// Where a sentence comes from: outlet, date, title (to the sentence in its article) and the address.
export function cite(v) {
  const where = [v.outlet || "unknown outlet", v.published || "date unknown"].join(", ");
  const parts = [link(articleRoute(v.article_id, v.start, v.end), where + (v.title ? ": " + v.title : ""))];
  if (v.url) parts.push(" ", outLink(v.url, "\u2197 source"));
  return el("span", "cite", parts);
}

export function evidenceQuote(v) {
  return el("blockquote", "ev", el("span", "sentence", v.sentence), el("br"), cite(v));
}

export function eventRow(e) {
  const li = el("li", "event-row m-" + e.modality);
  li.dataset.id = e.id;
  const badges = [badge(e.type, "type")];
  if (e.modality !== "asserted") badges.push(badge(e.modality, "mod m-" + e.modality));
  if (e.key_rank) badges.push(badge("key #" + e.key_rank, "key"));
  if (e.off_topic) badges.push(badge("off topic", "na"));
  const who = [];
  if (e.actors.length) who.push(joinNodes(e.actors.map(actorLink)));
  if (e.recipients.length) who.push(" \u2192 ", joinNodes(e.recipients.map(actorLink)));
  li.append(
    el("div", "when", e.date.label),
    el("div", "what", link("/event/" + encodeURIComponent(e.id), e.summary || e.type), " ", badges,
      who.length ? el("div", "who", who) : null,
      e.outlets.length ? el("div", "src muted", "reported by " + e.outlets.join(", ")) : null),
  );
  return li;
}

export function eventList(events) {
  const ol = el("ol", "events");
  events.forEach((e) => ol.appendChild(eventRow(e)));
  return ol;
}

export function claimCard(c, index, known) {
  const speaker = c.speaker ? actorLink(c.speaker) : el("span", "speaker", c.speaker_text || "someone");
  const li = el("li", "claim s-" + c.stance);
  li.dataset.id = c.id;
  li.append(el("div", "claim-head", speaker, " ", el("span", "cue", c.cue), " ", badge(c.stance, "stance s-" + c.stance),
    c.said_on && c.said_on.label ? el("span", "muted", " " + c.said_on.label) : null));
  li.appendChild(el("p", "content", quote(c.content)));
  if (c.events.length) li.appendChild(el("div", "about", "about: ", joinNodes(c.events.map((id) => eventLink(id, index)), "; ")));
  if (c.conflicts_with.length) {
    const other = c.conflicts_with.map((id) => {
      const o = known && known.get(id);
      return el("span", "other", o ? (o.speaker_text || "someone") + " " + o.cue + " " + quote(o.content) : "claim " + id);
    });
    li.appendChild(el("div", "conflict-with", badge("conflicts with", "conflict"), " ", joinNodes(other, "; ")));
  }
  c.evidence.forEach((v) => li.appendChild(evidenceQuote(v)));
  return li;
}

// One of the values reports disagree on: a date (with the words and the article it came from) or
// any other value, as text.
function valueNode(v) {
  if (v === null || v === undefined) return "none";
  if (typeof v !== "object") return String(v);
  if (v.label) return v.label;
  if ("first_day" in v || "last_day" in v) {
    const span = v.first_day === v.last_day ? v.first_day : [v.first_day || "…", v.last_day || "…"].join(" to ");
    return [span, v.precision ? " (" + v.precision + ")" : "", v.text ? " from " + quote(v.text) : "",
      v.how ? ", " + v.how : "", v.article ? [" in ", link(articleRoute(v.article), "article " + v.article)] : null];
  }
  return JSON.stringify(v);
}

export function conflictCard(c, index, claims) {
  const li = el("li", "conflict-card");
  if (c.kind === "event") {
    li.appendChild(el("div", "claim-head", badge("conflict", "conflict"), " reports differ on the ", el("strong", null, c.field),
      c.event_id ? [" of ", eventLink(c.event_id, index)] : null));
    li.appendChild(el("ul", "values", c.values.map((v) => el("li", null, valueNode(v)))));
  } else {
    const named = c.claim_ids.map((id) => {
      const o = claims && claims.get(id);
      return el("span", "other", o ? (o.speaker_text || "someone") + " " + o.cue + " " + quote(o.content) : "claim " + id);
    });
    li.appendChild(el("div", "claim-head", badge("conflict", "conflict"), " claims that disagree: ", joinNodes(named, " \u2194 ")));
  }
  c.evidence.forEach((v) => li.appendChild(evidenceQuote(v)));
  return li;
}

export async function claimIndex() {
  const page = await get("/api/claims", { limit: INDEX_PAGE });
  return new Map(page.items.map((c) => [c.id, c]));
}
