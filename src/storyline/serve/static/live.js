// Live updates: while `storyline watch` (or any build) adds articles, an open page polls the cheap
// /api/version, and when another run has written the story it says what is new in a small banner.
// The page never redraws by itself: "show" reads the story again and redraws the current view in
// place, with the new events and articles marked. Polling backs off while nothing changes (and on
// errors) and stops while the tab is hidden. "Since your last visit" compares with the run this
// browser last saw (localStorage).

import { el, badge, plural } from "./dom.js";
import { fresh, reset, offline } from "./api.js";
import { resetIndex } from "./parts.js";

// Poll interval: first, most while nothing changes, most after errors (ms).
const BASE_MS = 5000;
const IDLE_MAX_MS = 10000;
const ERROR_MAX_MS = 60000;
const SEEN_KEY = "storyline.seen";
// Tests and impatient users may poll faster (localStorage "storyline.poll_ms").
const POLL_KEY = "storyline.poll_ms";

const state = {
  run: null, // the story run the page shows
  pending: null, // {run, changes} of a newer story not shown yet
  events: new Map(), // event id -> "new" | "updated", marked wherever the event is drawn
  articles: new Set(),
  delay: BASE_MS,
  timer: null,
  redraw: null,
};

function stored(key) {
  try { return window.localStorage.getItem(key); } catch (_) { return null; }
}

function store(key, value) {
  try { window.localStorage.setItem(key, String(value)); } catch (_) { /* private mode: no memory */ }
}

function baseMs() {
  const v = parseInt(stored(POLL_KEY), 10);
  return Number.isFinite(v) && v > 0 ? v : BASE_MS;
}

function banner() {
  let box = document.getElementById("news");
  if (!box) {
    box = el("div", "news");
    box.id = "news";
    box.setAttribute("role", "status");
    box.hidden = true;
    document.getElementById("top").after(box);
  }
  return box;
}

function summary(ch) {
  if (!ch) return "The story has changed";
  const parts = [];
  if (ch.added.length) parts.push(plural(ch.added.length, "new article"));
  if (ch.new_events.length) parts.push(plural(ch.new_events.length, "new event"));
  if (ch.updated_events.length) parts.push(plural(ch.updated_events.length, "event") + " with new reports");
  if (ch.removed.length) parts.push(plural(ch.removed.length, "article") + " removed");
  return parts.length ? parts.join(", ") : "The story was updated";
}

function say(text, onShow) {
  const box = banner();
  box.replaceChildren();
  const show = el("button", "show", "show");
  show.type = "button";
  show.onclick = onShow;
  const close = el("button", "close", "\u00d7");
  close.type = "button";
  close.title = "dismiss";
  close.onclick = () => { box.hidden = true; };
  box.append(el("span", "what", text), " ", show, " ", close);
  box.hidden = false;
}

function remember(ch) {
  if (!ch) return;
  ch.new_events.forEach((id) => state.events.set(id, "new"));
  ch.updated_events.forEach((id) => { if (!state.events.has(id)) state.events.set(id, "updated"); });
  ch.added.forEach((a) => state.articles.add(a.id));
}

async function changesSince(run) {
  try { return await fresh("/api/changes", { since_run: run }); } catch (_) { return null; }
}

// Mark what is new in a drawn view (called after every route).
export function decorate(root) {
  if (!state.events.size && !state.articles.size) return;
  for (const node of root.querySelectorAll(".event-row[data-id], .key-event[data-id], .tl .item[data-id]")) {
    const how = state.events.get(node.dataset.id);
    if (!how || node.classList.contains("is-new")) continue;
    node.classList.add("is-new");
    if (!node.classList.contains("item")) node.querySelector(".what").prepend(badge(how === "new" ? "new" : "new report", "new"), " ");
  }
  for (const node of root.querySelectorAll("[data-article]")) {
    if (state.articles.has(node.dataset.article)) node.classList.add("is-new");
  }
}

function apply() {
  const p = state.pending;
  state.pending = null;
  banner().hidden = true;
  if (!p) return;
  remember(p.changes);
  state.run = p.run;
  document.body.dataset.storyRun = String(p.run);
  store(SEEN_KEY, p.run);
  reset();
  resetIndex();
  state.redraw();
}

async function poll() {
  state.timer = null;
  if (document.hidden) return; // resumed when the tab is shown again
  try {
    const v = await fresh("/api/version");
    const known = state.pending ? state.pending.run : state.run;
    if (v.story_run !== null && v.story_run !== known) {
      const changes = await changesSince(state.run === null || v.story_run < state.run ? 0 : state.run);
      state.pending = { run: v.story_run, changes };
      say(summary(changes) + " since this page was loaded.", apply);
      document.body.dataset.news = String((Number(document.body.dataset.news) || 0) + 1);
      state.delay = baseMs();
    } else {
      state.delay = Math.min(state.delay * 1.5, Math.max(IDLE_MAX_MS, baseMs()));
    }
  } catch (_) {
    state.delay = Math.min(state.delay * 2, ERROR_MAX_MS);
  }
  schedule();
}

function schedule() {
  if (state.timer === null && !document.hidden) state.timer = setTimeout(poll, state.delay);
}

// Start watching for new runs; `redraw` draws the current view again (no page reload).
export async function start(redraw) {
  if (offline()) return; // the single-file export has no server to ask
  state.redraw = redraw;
  state.delay = baseMs();
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) { clearTimeout(state.timer); state.timer = null; } else { state.delay = baseMs(); schedule(); }
  });
  let v = null;
  try { v = await fresh("/api/version"); } catch (_) { /* the server is away: polling retries */ }
  if (v && v.story_run !== null) {
    state.run = v.story_run;
    document.body.dataset.storyRun = String(v.story_run);
    const seen = parseInt(stored(SEEN_KEY), 10);
    if (Number.isFinite(seen) && seen < v.story_run) {
      const changes = await changesSince(seen);
      if (changes) {
        remember(changes);
        decorate(document.getElementById("main"));
        say(summary(changes) + " since your last visit.", () => {
          banner().hidden = true;
          location.hash = changes.new_events.length || changes.updated_events.length ? "#/events" : "#/sources";
        });
      }
    }
    store(SEEN_KEY, v.story_run);
  }
  document.body.dataset.live = "1";
  schedule();
}
