// Reading the story from the JSON API of the same server (the only place the pages connect to).

const cache = new Map();
// Answers kept for the session: the story does not change while it is read, and going back to a
// page should not ask again. Bounded so a long session does not grow without end.
const CACHE_MAX = 200;

export class ApiError extends Error {}

export async function get(path, params) {
  const url = path + query(params);
  if (cache.has(url)) return cache.get(url);
  const res = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  let body = null;
  try { body = await res.json(); } catch (_) { body = null; }
  if (!res.ok) throw new ApiError(message(res.status, body));
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value);
  cache.set(url, body);
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
