// A zoomable time axis with lanes (by event type or by actor). Each event is drawn at its own
// precision: a day as a short bar, a week, month or year as a bar over its whole span, and an
// "on or before" date as a bound (a bar fading towards the past, closed at the bound). Labels are
// the full summary, wrapped, and never overlap: items stack within their lane.

import { el, clear, plural } from "./dom.js";

const DAY = 86400000;
// Length of the fading bar that draws an open bound ("on or before"), in pixels.
const BOUND_PX = 36;
// Narrowest bar, so a day stays visible when zoomed out.
const MIN_BAR_PX = 8;
// Space kept between items side by side and between stacked rows.
const GAP_PX = 8;
const ROW_GAP_PX = 4;
// Room kept right of the last day at "Fit", so labels starting there are not cut by the edge.
const LABEL_ROOM_PX = 220;
// Ticks at least this far apart.
const MIN_TICK_PX = 84;
// Closest zoom: pixels per day.
const MAX_PX_PER_DAY = 400;
// Zoom step of the buttons and of ctrl+wheel.
const ZOOM = 1.6;
// An item is off the main span (a mis-dated mention, a treaty year) when its date lies beyond the
// quartiles by this many interquartile ranges plus a margin; the axis leaves such items out unless asked.
const FENCE_IQR = 3;
const FENCE_PAD_DAYS = 60;
// Lanes drawn at most; the rest share one lane.
const LANE_MAX = 12;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function dayMs(iso) {
  const m = typeof iso === "string" && /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  return Number.isNaN(t) ? null : t;
}

// Where an event sits on the axis, or null when it has no usable date.
export function placeOf(e) {
  const d = e.date || {};
  const first = dayMs(d.first_day), last = dayMs(d.last_day);
  if (last !== null && (d.relation === "before" || first === null)) return { kind: "before", start: last + DAY, end: last + DAY };
  if (first !== null && (d.relation === "after" || last === null)) return { kind: "after", start: first, end: first };
  if (first !== null && last !== null && last >= first) return { kind: last > first ? "span" : "day", start: first, end: last + DAY };
  return null;
}

function fences(places) {
  const mids = places.map((p) => (p.start + p.end) / 2).sort((a, b) => a - b);
  if (mids.length < 4) return [-Infinity, Infinity];
  const q = (f) => mids[Math.floor(f * (mids.length - 1))];
  const q1 = q(0.25), q3 = q(0.75), iqr = q3 - q1;
  return [q1 - FENCE_IQR * iqr - FENCE_PAD_DAYS * DAY, q3 + FENCE_IQR * iqr + FENCE_PAD_DAYS * DAY];
}

function laneKeys(e, by) {
  if (by === "actor") return [(e.actors[0] && e.actors[0].name) || "(no actor)"];
  return [e.type || "OTHER"];
}

function lanesOf(items, by) {
  const groups = new Map();
  for (const it of items) {
    for (const key of laneKeys(it.e, by)) {
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(it);
    }
  }
  // Biggest lanes first; the catch-all ones ("OTHER", "(no actor)") last, they say least.
  const last = (k) => (k === "OTHER" || k === "(no actor)" ? 1 : 0);
  const sorted = [...groups.entries()].sort((a, b) => last(a[0]) - last(b[0]) || b[1].length - a[1].length || a[0].localeCompare(b[0]));
  if (sorted.length <= LANE_MAX) return sorted;
  const rest = sorted.slice(LANE_MAX - 1).flatMap(([, v]) => v);
  return [...sorted.slice(0, LANE_MAX - 1), [by === "actor" ? "other actors" : "other types", rest]];
}

function itemNode(it, when) {
  const a = el("a", "item m-" + it.e.modality + " k-" + it.p.kind + (it.e.key_rank ? " key" : ""),
    el("span", "bar"), el("span", "lbl", el("span", "when", when), " ", it.e.summary || it.e.type));
  a.href = "#/event/" + encodeURIComponent(it.e.id);
  a.dataset.id = it.e.id;
  a.title = it.e.date.label + " · " + it.e.modality + " · " + it.e.type;
  return a;
}

// Build the axis for `events`; `opts` = {lanes: "type"|"actor", all: bool, onChange(patch)}.
export function timeline(events, opts) {
  const placed = [], undated = [];
  for (const e of events) {
    const p = placeOf(e);
    if (p) placed.push({ e, p }); else undated.push(e);
  }
  const [lo, hi] = fences(placed.map((x) => x.p));
  const outside = placed.filter((x) => (x.p.start + x.p.end) / 2 < lo || (x.p.start + x.p.end) / 2 > hi);
  const shown = opts.all ? placed : placed.filter((x) => !outside.includes(x));
  const root = el("div", "tl");
  const tools = el("div", "tl-tools");
  const scroll = el("div", "tl-scroll");
  const canvas = el("div", "tl-canvas");
  scroll.appendChild(canvas);
  root.append(tools, scroll);
  const note = el("p", "tl-note muted");
  root.appendChild(note);
  if (!shown.length) {
    scroll.replaceWith(el("p", "empty", "No dated events to place on the time axis."));
  }
  const state = { scale: 1, minScale: 1, t0: 0, t1: 0 };
  const btn = (label, title, fn) => { const b = el("button", null, label); b.type = "button"; b.title = title; b.onclick = fn; return b; };
  const lanesSel = el("select", null);
  for (const [v, t] of [["type", "lanes by type"], ["actor", "lanes by actor"]]) {
    const o = el("option", null, t); o.value = v; lanesSel.appendChild(o);
  }
  lanesSel.value = opts.lanes === "actor" ? "actor" : "type";
  lanesSel.setAttribute("aria-label", "lanes");
  lanesSel.onchange = () => opts.onChange({ lanes: lanesSel.value === "type" ? "" : lanesSel.value });
  tools.append(btn("\u2212", "zoom out", () => zoom(1 / ZOOM)), btn("+", "zoom in", () => zoom(ZOOM)),
    btn("Fit", "fit the events to the width", () => fit()), lanesSel);
  if (outside.length) {
    const all = el("label", "check", el("input"), " all dates");
    all.firstChild.type = "checkbox";
    all.firstChild.checked = !!opts.all;
    all.firstChild.onchange = () => opts.onChange({ all: all.firstChild.checked ? "1" : "" });
    tools.appendChild(all);
  }
  tools.appendChild(el("span", "muted", plural(shown.length, "event") + " on the axis"));

  const notes = [];
  if (outside.length && !opts.all) {
    notes.push(plural(outside.length, "event") + " dated far from the rest, left off the axis: ");
    outside.slice(0, 5).forEach((x, i) => {
      const a = el("a", null, x.e.date.label + " " + x.e.summary);
      a.href = "#/event/" + encodeURIComponent(x.e.id);
      notes.push(i ? "; " : "", a);
    });
    if (outside.length > 5) notes.push("; …");
    notes.push(". ");
  }
  if (undated.length) notes.push(plural(undated.length, "event") + " without a date (in the list below only).");
  note.append(...notes);

  const lanes = lanesOf(shown, opts.lanes).map(([name, items]) => {
    const lane = el("div", "tl-lane", el("div", "lane-name", name + " (" + items.length + ")"));
    const mine = items.map((x) => ({ ...x, node: itemNode(x, x.e.date.label) }));
    mine.forEach((x) => lane.appendChild(x.node));
    return { lane, items: mine };
  });
  const ticks = el("div", "tl-ticks");
  canvas.appendChild(ticks);
  lanes.forEach((l) => canvas.appendChild(l.lane));

  if (shown.length) {
    state.t0 = Math.min(...shown.map((x) => x.p.start));
    state.t1 = Math.max(...shown.map((x) => x.p.end));
    const pad = Math.max(3 * DAY, (state.t1 - state.t0) * 0.04);
    state.t0 -= pad;
    state.t1 += pad;
  }

  function measure() {
    for (const l of lanes) {
      for (const x of l.items) {
        const lbl = x.node.lastChild;
        x.lw = Math.ceil(lbl.getBoundingClientRect().width) + 1;
        lbl.style.width = x.lw + "px";
        x.h = x.node.getBoundingClientRect().height;
      }
    }
  }

  // The axis starts BOUND_PX in, so a bound at its very start still shows its fading bar.
  function xOf(t) { return BOUND_PX + ((t - state.t0) / DAY) * state.scale; }

  function layout() {
    let width = xOf(state.t1);
    for (const l of lanes) {
      const items = l.items.map((x) => {
        let left, bar;
        if (x.p.kind === "before") { bar = BOUND_PX; left = xOf(x.p.start) - BOUND_PX; }
        else if (x.p.kind === "after") { bar = BOUND_PX; left = xOf(x.p.start); }
        else { bar = Math.max(MIN_BAR_PX, xOf(x.p.end) - xOf(x.p.start)); left = xOf(x.p.start); }
        x.node.style.left = left + "px";
        x.node.firstChild.style.width = bar + "px";
        return { x, x0: left, x1: left + Math.max(bar, x.lw) };
      }).sort((a, b) => a.x0 - b.x0);
      let bottom = 0;
      const active = [];
      for (const it of items) {
        for (let i = active.length - 1; i >= 0; i--) if (active[i].x1 + GAP_PX <= it.x0) active.splice(i, 1);
        let y = 0, moved = true;
        while (moved) {
          moved = false;
          for (const o of active) {
            if (o.y < y + it.x.h + ROW_GAP_PX && y < o.y + o.x.h + ROW_GAP_PX) { y = o.y + o.x.h + ROW_GAP_PX; moved = true; }
          }
        }
        it.y = y;
        active.push(it);
        it.x.node.style.top = y + "px";
        bottom = Math.max(bottom, y + it.x.h);
        width = Math.max(width, it.x1 + GAP_PX);
      }
      l.lane.style.height = "calc(" + Math.ceil(bottom + ROW_GAP_PX) + "px + 1.6rem)";
    }
    canvas.style.width = Math.ceil(width) + "px";
    drawTicks();
  }

  function drawTicks() {
    clear(ticks);
    const days = MIN_TICK_PX / state.scale;
    const steps = [["day", 1, 1], ["day", 2, 2], ["week", 7, 7], ["month", 1, 30.4], ["month", 3, 91.3],
      ["month", 6, 182.6], ["year", 1, 365.25], ["year", 2, 730.5], ["year", 5, 1826], ["year", 10, 3652], ["year", 50, 18262]];
    const [unit, n] = steps.find((s) => s[2] >= days) || steps[steps.length - 1];
    const d = new Date(state.t0);
    let t;
    if (unit === "day" || unit === "week") {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      if (unit === "week") while (new Date(t).getUTCDay() !== 1) t += DAY;
    } else if (unit === "month") {
      let m = d.getUTCMonth(); while (m % n) m++;
      t = Date.UTC(d.getUTCFullYear(), m, 1);
    } else {
      let y = d.getUTCFullYear(); while (y % n) y++;
      t = Date.UTC(y, 0, 1);
    }
    while (t <= state.t1) {
      if (t >= state.t0) {
        const dt = new Date(t);
        const label = unit === "year" ? String(dt.getUTCFullYear())
          : unit === "month" ? MONTHS[dt.getUTCMonth()] + " " + dt.getUTCFullYear()
            : dt.getUTCDate() + " " + MONTHS[dt.getUTCMonth()] + (dt.getUTCMonth() === 0 && dt.getUTCDate() <= n ? " " + dt.getUTCFullYear() : "");
        const tick = el("span", "tick", label);
        tick.style.left = xOf(t) + "px";
        ticks.appendChild(tick);
      }
      const dt = new Date(t);
      if (unit === "day" || unit === "week") t += n * DAY;
      else if (unit === "month") t = Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + n, 1);
      else t = Date.UTC(dt.getUTCFullYear() + n, 0, 1);
    }
  }

  function fitScale() {
    // Leave room after the last day for the labels that start there.
    const w = Math.max(160, scroll.clientWidth - BOUND_PX - Math.min(LABEL_ROOM_PX, scroll.clientWidth / 2));
    return Math.min(MAX_PX_PER_DAY, w / Math.max(1, (state.t1 - state.t0) / DAY));
  }

  function fit() {
    state.scale = state.minScale = fitScale();
    layout();
    scroll.scrollLeft = 0;
  }

  function zoom(factor, atPx) {
    const at = atPx === undefined ? scroll.clientWidth / 2 : atPx;
    const t = state.t0 + ((scroll.scrollLeft + at - BOUND_PX) / state.scale) * DAY;
    state.scale = Math.min(MAX_PX_PER_DAY, Math.max(state.minScale, state.scale * factor));
    layout();
    scroll.scrollLeft = xOf(t) - at;
  }

  scroll.addEventListener("wheel", (ev) => {
    if (!ev.ctrlKey) return;
    ev.preventDefault();
    zoom(ev.deltaY < 0 ? ZOOM : 1 / ZOOM, ev.clientX - scroll.getBoundingClientRect().left);
  }, { passive: false });

  // Call once the root is in the document (sizes are measured from the page).
  root.start = () => { if (shown.length) { measure(); fit(); } };
  root.zoom = zoom;
  return root;
}

export function legend(modalities) {
  const box = el("div", "legend");
  box.appendChild(el("span", "legend-title", "Colour: how the text presents it"));
  for (const m of modalities) box.appendChild(el("span", "key m-" + m, el("span", "swatch"), m));
  box.appendChild(el("span", "legend-title", "Shape: the date's precision"));
  box.append(el("span", "key k-day", el("span", "shape"), "a day"),
    el("span", "key k-span", el("span", "shape"), "a week, month or year (its whole span)"),
    el("span", "key k-before", el("span", "shape"), "on or before a day (a bound)"),
    el("span", "key k-after", el("span", "shape"), "on or after a day"));
  return box;
}
