"""SGML, XML and HTML markup left in plain text: tags, entities, comments and metadata elements.

Wire archives and scraped pages often arrive as text with their markup still in it (Reuters SGML's
``<BODY>``, ``&lt;Siemens A.G.>``, ``&#3;``). The text is never changed: `markup_spans` returns the
character spans of the markup so that `clean.find_exclusions` can exclude them (reason "markup") and
entities never carry a bracket. Content between tags stays, except inside elements that hold data
rather than prose (``<script>``, ``<TOPICS>``, ``<DOCID>``: lexicon/markup_data_elements.txt).

A ``<...>`` that is neither a known element nor closed anywhere in the text and has no attributes is a
bracketed name (Reuters marks companies as ``<Siemens A.G.>``): only its brackets are markup.
"""

from __future__ import annotations

import re
from html.entities import html5

from storyline import lexicon

# Element names of HTML and the common news markups (NITF, NewsML, TimeML); any other name counts as
# a tag only when the text closes it somewhere or gives it attributes.
KNOWN_ELEMENTS = lexicon.words("markup_elements")
DATA_ELEMENTS = lexicon.words("markup_data_elements")

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_DECLARATION = re.compile(r"<![A-Za-z\[][^<>]*>|<\?[^<>]*\?>")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]{0,40})((?:\s+[^<>]{0,500}?)?)\s*(/?)>")
_ATTRIBUTE = re.compile(r"""[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A "<" written as an entity opens a bracketed name whose ">" stays literal: "&lt;Siemens A.G.>".
# Hard-wrapped copy may break the name across one line end ("<Crowley Maritime\nCorp>").
_ESCAPED_NAME = re.compile(r"&lt;([^<>&\n]{1,80}(?:\n[^<>&\n]{1,60})?)(>|&gt;)")
_BRACKETED_NAME = re.compile(r"<([A-Z][^<>\n]{0,80}(?:\n[^<>\n]{1,60})?)>")

Span = tuple[int, int]


def has_markup(text: str) -> bool:
    """Cheap test before the full scan: a tag, an entity or a comment opener somewhere."""
    return "<" in text or ("&" in text and bool(_ENTITY.search(text)))


def markup_spans(text: str) -> list[Span]:
    """Sorted, disjoint spans of `text` that are markup (tags, entities, comments, data elements)."""
    if not has_markup(text):
        return []
    spans: list[Span] = [m.span() for m in _COMMENT.finditer(text)]
    spans += [m.span() for m in _DECLARATION.finditer(text)]
    spans += _tags(text)
    spans += _bracketed_names(text)
    spans += [m.span() for m in _ENTITY.finditer(text) if _is_entity(m.group(0))]
    return _union(spans)


def _is_entity(ref: str) -> bool:
    """Numeric references always; named ones only when HTML5 defines them ("&amp;", not "&Cx1f;")."""
    return ref.startswith("&#") or ref[1:] in html5


def _tags(text: str) -> list[Span]:
    """Tag spans, with the whole element for data elements (content included)."""
    closed = {m.group(2).lower() for m in _TAG.finditer(text) if m.group(1)}
    spans: list[Span] = []
    open_data: dict[str, int] = {}
    for m in _TAG.finditer(text):
        closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if not (name in KNOWN_ELEMENTS or name in closed or _ATTRIBUTE.search(attrs)):
            continue  # "<Siemens A.G.>": a bracketed name, handled apart
        spans.append(m.span())
        if name in DATA_ELEMENTS:
            if not closing and not m.group(4):
                open_data.setdefault(name, m.start())
            elif closing and name in open_data:
                spans.append((open_data.pop(name), m.end()))
    return spans


def _bracketed_names(text: str) -> list[Span]:
    """The brackets around names such as "<Siemens A.G.>" and "&lt;Siemens A.G.>", not the names."""
    spans: list[Span] = []
    for m in _ESCAPED_NAME.finditer(text):
        spans += [(m.start(), m.start(1)), m.span(2)]
    closed = {n.lower() for n in re.findall(r"</([A-Za-z][\w:.-]*)", text)}
    for m in _BRACKETED_NAME.finditer(text):
        head = m.group(1).split()[0].lower() if m.group(1).split() else ""
        if head in KNOWN_ELEMENTS or head in closed or _ATTRIBUTE.search(m.group(1)):
            continue
        spans += [(m.start(), m.start() + 1), (m.end() - 1, m.end())]
    return spans


def _union(spans: list[Span]) -> list[Span]:
    """Sorted, merged spans (nested and overlapping spans become one)."""
    out: list[Span] = []
    for a, b in sorted(s for s in spans if s[1] > s[0]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
