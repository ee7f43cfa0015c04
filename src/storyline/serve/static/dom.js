// DOM helpers of the workbench. Every piece of story text (article text, titles, sentences, names)
// is untrusted: it only ever becomes a text node or an attribute value set through the DOM, never markup.

export function el(tag, cls, ...kids) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  for (const kid of kids) add(node, kid);
  return node;
}

export function add(node, kid) {
  if (kid === null || kid === undefined || kid === false) return node;
  if (Array.isArray(kid)) { kid.forEach((k) => add(node, k)); return node; }
  node.appendChild(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// An in-page link (a route of the workbench).
export function link(route, ...kids) {
  const a = el("a", null, ...kids);
  a.href = "#" + route;
  return a;
}

// Only web addresses become links to the outside; anything else (javascript:, data:) stays text.
export function safeUrl(url) {
  if (typeof url !== "string") return null;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (_) {
    return null;
  }
}

export function outLink(url, label) {
  const href = safeUrl(url);
  if (!href) return el("span", "url unsafe", url || ""); // shown as written, not followable
  const a = el("a", "url", label || href);
  a.href = href;
  a.rel = "noopener noreferrer";
  a.target = "_blank";
  return a;
}

export function badge(text, cls) {
  return el("span", "badge" + (cls ? " " + cls : ""), text);
}

export function section(title, ...kids) {
  return el("section", null, el("h2", null, title), ...kids);
}

export function dl(pairs) {
  const list = el("dl", "facts");
  for (const [k, v] of pairs) {
    if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) continue;
    list.appendChild(el("div", null, el("dt", null, k), el("dd", null, v)));
  }
  return list;
}

export function joinNodes(nodes, sep = ", ") {
  const out = [];
  nodes.forEach((n, i) => { if (i) out.push(sep); out.push(n); });
  return out;
}

// The API counts offsets in Unicode code points (Python strings); JavaScript strings count UTF-16
// units. This maps one to the other (identity unless the text has characters beyond the BMP).
export function unitOffsets(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => Math.max(0, Math.min(i, text.length));
  const map = [0];
  for (const ch of text) map.push(map[map.length - 1] + ch.length);
  return (i) => map[Math.max(0, Math.min(i, map.length - 1))];
}

// `text` as text nodes, with each of `marks` ({start, end, cls, title, id}: code-point offsets,
// non-overlapping after merging) as a <mark> and each of `dim` (excluded spans) as a dimmed span
// inside whatever it falls in.
export function highlighted(text, marks = [], dim = []) {
  const unit = unitOffsets(text);
  const norm = (s) => ({ ...s, a: unit(s.start), b: unit(s.end) });
  const ms = merge(marks.map(norm).map((s) => trim(text, s)).filter((s) => s.b > s.a));
  const ds = dim.map(norm).filter((s) => s.b > s.a).sort((x, y) => x.a - y.a);
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const m of ms) {
    plain(frag, text, at, m.a, ds);
    const mark = el("mark", m.cls || null);
    if (m.title) mark.title = m.title;
    if (m.id) mark.id = m.id;
    plain(mark, text, m.a, m.b, ds);
    frag.appendChild(mark);
    at = m.b;
  }
  plain(frag, text, at, text.length, ds);
  return frag;
}

// A mark stops at the words: whitespace at its edges (a sentence's trailing newlines) stays unmarked.
function trim(text, s) {
  let { a, b } = s;
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  return { ...s, a, b };
}

function merge(spans) {
  const out = [];
  for (const s of spans.sort((x, y) => x.a - y.a || y.b - x.b)) {
    const last = out[out.length - 1];
    if (last && s.a < last.b) last.b = Math.max(last.b, s.b);
    else out.push({ ...s });
  }
  return out;
}

function plain(parent, text, a, b, dims) {
  let at = a;
  for (const d of dims) {
    if (d.b <= at || d.a >= b) continue;
    const s = Math.max(d.a, at), e = Math.min(d.b, b);
    if (s > at) parent.appendChild(document.createTextNode(text.slice(at, s)));
    const span = el("span", "excluded", text.slice(s, e));
    span.title = "excluded: " + d.reason;
    parent.appendChild(span);
    at = e;
  }
  if (b > at) parent.appendChild(document.createTextNode(text.slice(at, b)));
}

// A search snippet with its matched words marked.
export function snippet(text, marks) {
  return highlighted(text, (marks || []).map(([start, end]) => ({ start, end })));
}

export function plural(n, one, many) {
  return n + " " + (n === 1 ? one : many || one + "s");
}

export function quote(text) {
  return "\u201c" + text + "\u201d";
}
