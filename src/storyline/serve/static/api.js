// Reading the story from the JSON API of the same server (the only place the pages connect to).

const cache = new Map();
// Answers kept until the story changes (live.js resets them when the reader asks to see a new run):
// going back to a page should not ask again. Bounded so a long session does not grow without end.
const CACHE_MAX = 200;

// The single-file export (timeline.html) answers from the story embedded in the page instead.
let answer = null;

export class ApiError extends Error {}

// Answer every request with `fn(path, params)` (a body, or a thrown ApiError): no network at all.
export function answerFrom(fn) { answer = fn; }

export function offline() { return answer !== null; }

// Forget the answers kept (the story changed: live.js).
export function reset() { cache.clear(); }

export async function get(path, params) {
  if (answer) return answer(path, params || {});
  const url = path + query(params);
  if (cache.has(url)) return cache.get(url);
  const body = await fresh(path, params);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value);
  cache.set(url, body);
  return body;
}

// Asked of the server every time (what live.js polls), never kept.
export async function fresh(path, params) {
  if (answer) return answer(path, params || {});
  const res = await fetch(path + query(params), { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" });
  let body = null;
  try { body = await res.json(); } catch (_) { body = null; }
  if (!res.ok) throw new ApiError(message(res.status, body));
  return body;
}

function message(status, body) {
  const detail = body && body.detail;
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    return detail.map((d) => ((d.loc || []).slice(1).join(".") || "request") + ": " + d.msg).join("; ");
  }
  return "the server answered " + status;
}

export function query(params) {
  if (!params) return "";
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "" && v !== false) q.set(k, String(v));
  }
  const s = q.toString();
  return s ? "?" + s : "";
}

// One article, fetched once however many evidence sentences point into it.
export function article(id) {
  return get("/api/articles/" + encodeURIComponent(id));
}
