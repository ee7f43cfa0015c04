// The workbench's router: every view is a hash route (#/events?actor=...), so a filter, an event or a
// search is a permalink that survives a reload and can be sent to a colleague.

import { el, clear } from "./dom.js";
import * as views from "./views.js";
import * as more from "./more.js";
import * as live from "./live.js";

const ROUTES = {
  "": views.overview, events: views.events, event: views.event, claims: more.claims, conflicts: more.conflicts,
  actors: more.actors, actor: more.actor, sources: more.sources, article: more.article, search: more.search,
};
// Which nav entry a route belongs to.
const NAV = { event: "events", actor: "actors", article: "sources", "": "overview" };

export function parse(hash) {
  const raw = hash.replace(/^#\/?/, "");
  const qi = raw.indexOf("?");
  const path = qi < 0 ? raw : raw.slice(0, qi);
  const params = new URLSearchParams(qi < 0 ? "" : raw.slice(qi + 1));
  const [name, ...rest] = path.split("/");
  let arg = rest.join("/");
  try { arg = decodeURIComponent(arg); } catch (_) { /* keep it as written */ }
  return { name, arg, params };
}

function hashOf(name, arg, params) {
  const q = params.toString();
  return "#/" + name + (arg ? "/" + encodeURIComponent(arg) : "") + (q ? "?" + q : "");
}

let seq = 0;
let lastPath = null;

async function route() {
  const my = ++seq;
  const { name, arg, params } = parse(location.hash);
  const body = document.body;
  body.dataset.ready = "0";
  body.dataset.view = name || "overview";
  for (const a of document.querySelectorAll("#nav a")) {
    if (a.dataset.view === (NAV[name] || name)) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  const out = el("div", "view");
  const hooks = [];
  const ctx = {
    mounted: (fn) => hooks.push(fn),
    setParams: (patch) => {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(patch)) { if (v) next.set(k, v); else next.delete(k); }
      body.dataset.ready = "0"; // until the page for the new address is drawn
      location.hash = hashOf(name, arg, next);
    },
  };
  let title = "storyline";
  try {
    const view = ROUTES[name];
    if (!view) throw new Error("no such page: " + location.hash);
    title = (await view(out, arg, params, ctx)) || title;
  } catch (err) {
    out.appendChild(el("p", "error", "Could not show this page: " + (err && err.message ? err.message : String(err))));
    out.appendChild(el("p", null, "Back to the ", Object.assign(el("a", null, "overview"), { href: "#/" }), "."));
  }
  if (my !== seq) return; // a newer route has started: its page wins
  const main = document.getElementById("main");
  clear(main).appendChild(out);
  document.title = title + " \u00b7 storyline";
  const path = name + "/" + arg;
  if (path !== lastPath) { window.scrollTo(0, 0); lastPath = path; }
  hooks.forEach((fn) => fn());
  live.decorate(main);
  body.dataset.ready = "1";
}

// A followed in-page link is not drawn yet: say so at once (tests and scripts wait for data-ready).
document.addEventListener("click", (ev) => {
  const a = ev.target instanceof Element && ev.target.closest("a[href^='#']");
  if (a && a.getAttribute("href") !== location.hash) document.body.dataset.ready = "0";
});
window.addEventListener("hashchange", route);
route();
live.start(route);
