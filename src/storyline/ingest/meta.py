"""Article metadata from what pages and feeds state: the outlet's name and the authors.

The outlet is the site's own name: og:site_name or the JSON-LD publisher (both read by trafilatura),
else the site part of the page's <title> ("Cairo Daily :: ...", "... | Cairo Daily"), else the host
name. A feed's channel title is often a section ("Nile Herald - Africa"): its part that names the
site of the channel's link is kept, else the link's host. Authors are metadata, never actors.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Separators between a headline and a site name in <title>; the first three never occur in headlines.
_STRONG_SEPARATORS = (" :: ", " | ", " » ", " // ")
_WEAK_SEPARATORS = (" - ", " – ", " — ", " · ", " • ")
_GENERIC_LABELS = frozenset(
    "www www1 www2 m amp mobile edition news feeds feed rss home online com org net gov edu int info co ac "
    "example localhost".split()
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\||\band\b|&|\n)\s*", re.I)
_BY = re.compile(r"^(?:by|von|par|por)\s+", re.I)


def host_of(url: str | None) -> str | None:
    """The host name without 'www.'; None for no URL or one that does not parse."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # "http://[bad": an unclosed IPv6 bracket
        return None
    return host.removeprefix("www.") or None


def _compact(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.lower().removeprefix("the "))


def names_host(name: str, host: str | None) -> bool:
    """True when a site name fits the host: "Nile Herald" and nileherald.example, "BBC News" and bbc.co.uk."""
    if not host or not name:
        return False
    compact = _compact(name)
    if len(compact) < 3:
        return False
    labels = [lab for lab in re.split(r"[.-]", host.lower()) if len(lab) >= 3 and lab not in _GENERIC_LABELS]
    whole = re.sub(r"[^a-z0-9]", "", ".".join(labels))
    return any(lab in compact or compact in lab for lab in labels) or (len(whole) >= 3 and whole in compact)


def _split_once(title: str) -> tuple[str, str, bool] | None:
    """(first part, last part, strong) around the first and the last separator of `title`."""
    for group, strong in ((_STRONG_SEPARATORS, True), (_WEAK_SEPARATORS, False)):
        for sep in group:
            if sep in title:
                first, last = title.split(sep, 1)[0].strip(), title.rsplit(sep, 1)[1].strip()
                if first and last:
                    return first, last, strong
    return None


def site_from_title(title: str | None, headline: str | None, host: str | None) -> tuple[str | None, str | None]:
    """(site name, headline without it) from a page or channel <title>, on evidence only.

    Evidence: the headline stated elsewhere (h1, og:title) is one side; or one side names the host;
    or a separator that headlines never use ("::", "|") with a short side.
    """
    if not title:
        return None, headline
    parts = _split_once(title)
    if parts is None:
        return None, headline
    first, last, strong = parts
    head = (headline or "").strip()
    head = "" if head == title.strip() else head
    if head:
        if title.startswith(head) and last != head:
            return last, head
        if title.endswith(head) and first != head:
            return first, head
    for site in (last, first):
        if names_host(site, host):
            return site, head or _without(title, site)
    if strong:
        site = first if len(first.split()) < len(last.split()) else last
        if len(site.split()) <= 5:
            return site, head or _without(title, site)
    return None, head or None


def _without(title: str, site: str) -> str:
    """The title with the site name and its separator taken off either end."""
    rest = title.removeprefix(site) if title.startswith(site) else title.removesuffix(site)
    return rest.strip(" :|»/-–—·•")


def feed_outlet(channel_title: str | None, channel_link: str | None, entry_link: str | None) -> str | None:
    """The outlet of a feed: the part of its title that names the link's site, else the link's host."""
    host = host_of(channel_link) or host_of(entry_link)
    title = (channel_title or "").strip()
    if title and names_host(title, host):
        site, _ = site_from_title(title, None, host)
        return site or title
    if title:
        site, _ = site_from_title(title, None, host)
        if site and names_host(site, host):
            return site
    return host or title or None


def split_authors(value: object) -> list[str]:
    """Author names from a metadata value: "Jane Roe; John Doe", "By Jane Roe and John Doe", a list."""
    items = value if isinstance(value, list | tuple) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if not isinstance(item, str):
            continue
        for part in _AUTHOR_SPLIT.split(item):
            part = _BY.sub("", _EMAIL.sub("", part).strip(" ()[],.")).strip(" ()[],.")
            if "," in part and all(len(p.split()) >= 2 for p in part.split(",")):
                out.extend(p.strip() for p in part.split(","))
            elif part and any(c.isalpha() for c in part):
                out.append(part)
    unique: dict[str, str] = {}
    for name in out:
        unique.setdefault(name.lower(), name)
    return list(unique.values())
