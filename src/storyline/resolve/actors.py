"""Actor mentions and stable entity keys: who is acting, however the article names them.

Per article (`resolve_article`): gazetteer matches (countries, capitals and seats of power used as
actors, demonyms, international organisations), spaCy PERSON/ORG/GPE/NORP entities, person-name
variants ("John F. Kirby" = "John Kirby" = "Kirby"), and role descriptions bound to a named person
("the agency's spokesperson" after "X, agency spokesman"). Across articles (`canonicalize`):
surname-only keys join the one compatible full name of the story; two first names never merge.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline.records import Article, ArticleAnalysis, Entity, Mention
from storyline.resolve.gazetteer import CAPITAL, COUNTRY, DEMONYM, GazEntry, load_gazetteer, norm_surface

# Titles dropped from the front of person names: they describe, they do not name.
TITLES = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "vice",
    "prime",
    "minister",
    "secretary",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "gen",
    "general",
    "col",
    "colonel",
    "lt",
    "maj",
    "capt",
    "adm",
    "admiral",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "chancellor",
    "premier",
    "mayor",
    "judge",
    "justice",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "leader",
    "chief",
    "director",
    "commander",
    "sheikh",
    "rev",
    "reverend",
    "father",
    "sister",
    "brother",
    "former",
    "the",
    "defense",
    "defence",
    "foreign",
    "deputy",
    "state",
    "press",
}
# Generic heads of role descriptions ("spokesperson", "foreign minister", "campaign manager").
ROLE_NOUNS = {
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "minister",
    "president",
    "leader",
    "chief",
    "director",
    "adviser",
    "advisor",
    "official",
    "ambassador",
    "envoy",
    "commander",
    "general",
    "chairman",
    "chairwoman",
    "chair",
    "governor",
    "senator",
    "representative",
    "mayor",
    "premier",
    "chancellor",
    "king",
    "queen",
    "head",
    "coordinator",
    "administrator",
    "aide",
    "analyst",
    "professor",
    "researcher",
    "candidate",
    "nominee",
    "prosecutor",
    "judge",
    "attorney",
    "lawyer",
    "ceo",
    "executive",
    "manager",
    "founder",
    "economist",
    "expert",
    "strategist",
    "pollster",
    "lawmaker",
    "congressman",
    "congresswoman",
    "diplomat",
    "negotiator",
    "monarch",
    "prince",
    "princess",
    "emir",
    "ayatollah",
    "cleric",
    "admiral",
    "colonel",
    "officer",
    "inspector",
    "commissioner",
    "counsel",
    "deputy",
    "vice",
    "speaker",
    "whip",
    "treasurer",
    "president-elect",
    "emissary",
    "correspondent",
    "editor",
    "reporter",
    "author",
    "scientist",
    "physician",
    "doctor",
    "activist",
    "organizer",
    "organiser",
    "campaigner",
}
SPOKES = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen"}
# Prepositions and verbs after which a capital is a place, not an actor ("flew to Moscow").
LOC_PREPS = {
    "in",
    "to",
    "at",
    "from",
    "into",
    "near",
    "outside",
    "around",
    "across",
    "toward",
    "towards",
    "via",
    "through",
    "inside",
    "within",
    "between",
    "over",
    "visit",
    "visited",
}
LOC_VERBS = {"visit", "travel", "arrive", "fly", "reach", "leave", "enter", "tour"}

# "the Biden administration", "Netanyahu's government": a leader's name before one of these nouns
# names the government the person leads, an organisation, not the person.
GOVERNMENT_NOUNS = ("administration", "government", "regime", "cabinet")
_GOV_AFTER = re.compile(r"(?:['’]s)?\s+(" + "|".join(GOVERNMENT_NOUNS) + r")\b")

_INITIAL = re.compile(r"^[A-Za-z]\.?$")
_SPLIT = re.compile(r"[\s\-‐–]+")


def _clean_person(text: str) -> list[str]:
    """Name tokens, lowercased, without titles, possessive or middle initials."""
    t = norm_surface(text)
    t = re.sub(r"'s?$", "", t)
    toks = [x.strip(".,") for x in _SPLIT.split(t) if x.strip(".,")]
    while len(toks) > 1 and toks[0].lower().rstrip(".") in TITLES:
        toks = toks[1:]
    if len(toks) > 2:
        toks = [toks[0]] + [x for x in toks[1:-1] if not _INITIAL.match(x)] + [toks[-1]]
    return [x.lower() for x in toks]


def _display_person(text: str) -> str:
    t = re.sub(r"['’]s?$", "", norm_surface(text))
    toks = t.split()
    while len(toks) > 1 and toks[0].lower().rstrip(".") in TITLES:
        toks = toks[1:]
    return " ".join(toks)


def person_key(text: str) -> str:
    """Stable key of a person name: "John F. Kirby" and "john kirby" give "person:john kirby"."""
    return "person:" + " ".join(_clean_person(text))


def _slug(text: str) -> str:
    t = norm_surface(text).lower()
    t = re.sub(r"^the\s+", "", t)
    t = re.sub(r"'s$", "", t)
    return re.sub(r"[^\w\s&.-]", "", t).strip()


def _is_location_use(span: Span) -> bool:
    """True when a capital is used as a place ("in Moscow", "visited Pyongyang"), not an actor."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOC_PREPS:
        return True
    return root.dep_ == "dobj" and root.head.lemma_.lower() in LOC_VERBS


class _Builder:
    """Accumulates mentions and entity info for one article."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.mentions: list[Mention] = []
        self.info: dict[str, dict[str, Any]] = {}
        self.taken = bytearray(len(article.text) + 1)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def add(self, start: int, end: int, key: str, name: str, type_: str, alias: str | None = None) -> None:
        text = self.article.text[start:end]
        self.mentions.append(Mention(self.article.id, start, end, text, key))
        for i in range(start, end):
            self.taken[i] = 1
        inf = self.info.setdefault(key, {"name": name, "type": type_, "aliases": []})
        if len(name) > len(inf["name"]) and type_ == "PERSON":
            inf["name"] = name
        a = _clean_alias(alias if alias is not None else text)
        if a and a != inf["name"] and a not in inf["aliases"] and len(a) <= 80:
            inf["aliases"].append(a)


def _clean_alias(text: str) -> str:
    """An alias as a name: one apostrophe style, no leading article, no possessive."""
    t = norm_surface(text)
    t = re.sub(r"^(?:the|The)\s+", "", t)
    return re.sub(r"'s?$", "", t).strip()


def _gazetteer_matches(doc: Doc) -> list[tuple[Span, GazEntry]]:
    """Longest token-aligned gazetteer matches, left to right, without overlaps.

    Works on plain offsets (spaCy Token objects are costly to create) and tries only tokens whose
    first three characters begin some gazetteer entry.
    """
    gaz = load_gazetteer()
    text = doc.text
    starts = [t.idx for t in doc]
    ends = [t.idx + len(t) for t in doc]
    out: list[tuple[Span, GazEntry]] = []
    i, n = 0, len(starts)
    while i < n:
        maxw = gaz.prefixes.get(text[starts[i] : starts[i] + 3], 0)
        if not maxw:
            i += 1
            continue
        found = 0
        for k in range(min(maxw, n - i), 0, -1):
            surface = text[starts[i] : ends[i + k - 1]]
            if "\n" in surface:
                continue
            hit = gaz.entries.get(norm_surface(surface))
            if hit is not None:
                out.append((doc[i : i + k], hit))
                found = k
                break
        i += found or 1
    return out


def _role_tokens(tokens: list[Token]) -> tuple[str, frozenset[str]] | None:
    """(head noun, modifier words) of a role phrase, or None when it has no role-like head."""
    words = [t for t in tokens if t.is_alpha or "-" in t.text]
    words = [
        t for t in words if t.lower_ not in {"the", "a", "an", "his", "her", "their", "its", "former", "then"}
    ]
    if not words:
        return None
    head = words[-1]
    h = head.lower_
    if h in SPOKES:
        h = "spokesperson"
    if h not in ROLE_NOUNS and not (head.pos_ == "NOUN" and head.is_lower):
        return None
    mods = frozenset(t.lower_ for t in words[:-1])
    return h, mods


def _bind_roles(doc: Doc, persons: list[tuple[Span, str]]) -> list[tuple[str, frozenset[str], str]]:
    """Role descriptions bound to a named person: "Agency spokesman Jo Doe", "Jo Doe, agency spokesman"."""
    binds: list[tuple[str, frozenset[str], str]] = []
    for ent, key in persons:
        # Pre-modifier: contiguous tokens left of the name attached inside the same noun phrase.
        j = ent.start
        while j > ent.sent.start:
            t = doc[j - 1]
            if t.is_punct or t.pos_ in {"DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "NUM"}:
                break
            if not (ent.start <= t.head.i < ent.end or j <= t.head.i < ent.end):
                break
            j -= 1
        pre = list(doc[j : ent.start])
        # Titles swallowed into the PERSON span ("Spokesperson John Kirby").
        inner = [t for t in ent if t.lower_.rstrip(".") in TITLES and t.i < ent.end - 1]
        if inner and inner[-1].i == ent.start + len(inner) - 1:
            pre = pre + inner
        role = _role_tokens(pre) if pre else None
        if role:
            binds.append((role[0], role[1], key))
        # Appositive: "Jo Doe, agency spokesman, said".
        for child in ent.root.children:
            if child.dep_ == "appos" and child.i >= ent.end:
                toks = [t for t in child.subtree if ent.end <= t.i <= child.i and not t.is_punct]
                r = _role_tokens(toks)
                if r:
                    binds.append((r[0], r[1], key))
    return binds


def _pick_role(mods: frozenset[str], binds: list[tuple[frozenset[str], str]]) -> str | None:
    """The person a definite role description refers to, when the article makes it unambiguous.

    "the spokesperson" needs a single bound spokesperson; with modifiers, the binding sharing most
    of them wins, if it shares at least half and no other person ties.
    """
    keys = {k for _, k in binds}
    if not mods:
        return next(iter(keys)) if len(keys) == 1 else None
    score: dict[str, float] = {}
    for m, k in binds:
        score[k] = max(score.get(k, 0.0), len(mods & m) / len(mods))
    best = max(score.values())
    winners = [k for k, v in score.items() if v == best]
    return winners[0] if best >= 0.5 and len(winners) == 1 else None


def resolve_article(article: Article, doc: Doc) -> tuple[list[Mention], dict[str, dict[str, Any]]]:
    """Actor mentions of one article and entity info {key: {name, type, aliases}}."""
    b = _Builder(article)
    gaz = load_gazetteer()
    person_ents: list[Span] = [e for e in doc.ents if e.label_ == "PERSON"]
    gaz_hits = _gazetteer_matches(doc)

    # A gazetteer word inside a longer person name ("George Washington") is part of the name.
    def inside_person(span: Span) -> bool:
        return any(p.start <= span.start and span.end <= p.end and len(p) > len(span) for p in person_ents)

    long_ents = [e for e in doc.ents if e.label_ in {"ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"}]

    def inside_other_name(span: Span) -> bool:
        return any(e.start <= span.start and span.end <= e.end and len(e) > len(span) for e in long_ents)

    for span, hit in gaz_hits:
        if inside_person(span) or (hit.kind in ("org", "seat") and inside_other_name(span)):
            continue
        start, end = span.start_char, span.end_char
        if hit.kind == CAPITAL and _is_location_use(span):
            city = norm_surface(span.text)
            city = re.sub(r"^[Tt]he ", "", city)
            b.add(start, end, "loc:" + city.lower(), city, "GPE")
            continue
        b.add(start, end, hit.key, hit.name, hit.type)

    # Persons: full names first so that single names can join them.
    full: dict[str, str] = {}
    singles: list[Span] = []
    persons: list[tuple[Span, str]] = []
    for ent in person_ents:
        toks = _clean_person(ent.text)
        if not toks or not b.free(ent.start_char, ent.end_char):
            continue
        if len(toks) == 1:
            singles.append(ent)
            continue
        key = "person:" + " ".join(toks)
        full[key] = _display_person(ent.text)
        b.add(ent.start_char, ent.end_char, key, _display_person(ent.text), "PERSON")
        persons.append((ent, key))
    by_last: dict[str, set[str]] = defaultdict(set)
    by_first: dict[str, set[str]] = defaultdict(set)
    for key in full:
        parts = key[len("person:") :].split()
        by_last[parts[-1]].add(key)
        by_first[parts[0]].add(key)
    for ent in singles:
        tok = _clean_person(ent.text)[0]
        cands = by_last.get(tok) or by_first.get(tok) or set()
        if len(cands) == 1:
            key = next(iter(cands))
            b.add(ent.start_char, ent.end_char, key, full[key], "PERSON")
        else:
            key = "person:" + tok
            b.add(ent.start_char, ent.end_char, key, _display_person(ent.text), "PERSON")
        persons.append((ent, key))

    # Other named entities not covered by the gazetteer.
    orgs: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ not in {"ORG", "GPE", "NORP", "LOC", "FAC"}:
            continue
        if not b.free(ent.start_char, ent.end_char):
            continue
        ghit = gaz.get(ent.text)
        if ghit is not None:
            b.add(ent.start_char, ent.end_char, ghit.key, ghit.name, ghit.type)
            continue
        # A lone surname the tagger took for an organisation ("Kirby said") after the full name.
        if len(ent) == 1 and ent.label_ in {"ORG", "NORP"} and ent[0].is_title:
            cands = by_last.get(ent[0].lower_, set())
            if len(cands) == 1:
                key = next(iter(cands))
                b.add(ent.start_char, ent.end_char, key, full[key], "PERSON")
                persons.append((ent, key))
                continue
        name = re.sub(r"^[Tt]he\s+", "", norm_surface(ent.text))
        name = re.sub(r"'s$", "", name)
        if not name:
            continue
        prefix = {"ORG": "org", "GPE": "gpe", "NORP": "norp", "LOC": "loc", "FAC": "loc"}[ent.label_]
        key = f"{prefix}:{_slug(name)}"
        if ent.label_ == "ORG":
            orgs[key] = name
        b.add(ent.start_char, ent.end_char, key, name, ent.label_)

    # Acronyms of organisations named in full in the same article ("National Security Council (NSC)").
    initials = {
        "".join(w[0] for w in name.split() if w[0].isupper()): key
        for key, name in orgs.items()
        if len(name.split()) > 1
    }
    for m in b.mentions:
        if m.key.startswith("org:") and m.text.isupper() and m.text in initials and initials[m.text] != m.key:
            old = m.key
            m.key = initials[m.text]
            b.info[m.key]["aliases"].append(m.text)
            if not any(x.key == old for x in b.mentions):
                b.info.pop(old, None)

    # Definite role descriptions bound to a named person in this article ("the spokesperson").
    binds = _bind_roles(doc, persons)
    if binds:
        by_head: dict[str, list[tuple[frozenset[str], str]]] = defaultdict(list)
        for head, mods, key in binds:
            by_head[head].append((mods, key))
        for chunk in doc.noun_chunks:
            if chunk[0].lower_ != "the" or any(t.ent_type_ == "PERSON" for t in chunk):
                continue
            r = _role_tokens(list(chunk))
            if r is None or r[0] not in by_head:
                continue
            head_tok = chunk.root
            if not b.free(head_tok.idx, head_tok.idx + len(head_tok)):
                continue
            head, mods = r
            picked = _pick_role(mods, by_head[head])
            if picked is None:
                continue
            key = picked
            b.add(chunk.start_char, chunk.end_char, key, b.info[key]["name"], "PERSON")

    _leader_governments(b)
    countries = [
        (sp.start_char, sp.end_char, hit.key) for sp, hit in gaz_hits if hit.kind in (COUNTRY, DEMONYM)
    ]
    for key, country in _affiliations(doc, persons, countries).items():
        if key in b.info:
            b.info[key]["affiliation"] = country
    b.mentions.sort(key=lambda m: (m.start, m.end))
    return b.mentions, b.info


def _title_phrase(doc: Doc, ent: Span) -> list[Token]:
    """Tokens of the title in front of a name, in the same phrase ("Russia's defense minister",
    "US Secretary of State"): left until a verb, punctuation other than a possessive, or a determiner."""
    j = ent.start
    while j > ent.sent.start:
        t = doc[j - 1]
        if t.tag_ == "POS" or t.lower_ in ("'s", "’s"):
            j -= 1
            continue
        if t.lower_ == "of" and j < ent.start and doc[j].is_title:
            j -= 1  # "Secretary of State"
            continue
        if t.is_punct or t.pos_ in {"DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "NUM"}:
            break
        j -= 1
    return list(doc[j : ent.end])


def _affiliations(
    doc: Doc, persons: list[tuple[Span, str]], countries: list[tuple[int, int, str]]
) -> dict[str, str]:
    """Person key -> country key, when a country name or demonym is part of the person's title
    ("Russian Defense Minister Sergei Shoigu", "North Korea's leader Kim Jong Un") or of an
    appositive role ("Sergei Shoigu, Russia's defense minister"). A title word is required, so a
    country merely standing next to a name ("in Russia Putin ...") does not count. A person given
    two different countries in one article gets none."""
    found: dict[str, set[str]] = defaultdict(set)
    for ent, key in persons:
        if not key.startswith("person:"):
            continue
        phrases = [_title_phrase(doc, ent)]
        for child in ent.root.children:
            if child.dep_ == "appos" and child.i >= ent.end:
                phrases.append([t for t in child.subtree if t.i >= ent.end])
        for toks in phrases:
            if not toks or not any(t.lower_ in ROLE_NOUNS or t.lower_.rstrip(".") in TITLES for t in toks):
                continue
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
            for cs, ce, ckey in countries:
                if s <= cs and ce <= e and not (ent.start_char <= cs < ent.end_char):
                    found[key].add(ckey)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


def _leader_governments(b: _Builder) -> None:
    """Turn "<Person> administration/government/regime/cabinet" into an organisation mention.

    The key is built from the name as written ("org:biden administration"), not from the person's
    country: administrations change while the country stays, and a leader's country is often not
    stated. A capitalised single-word ORG right before the noun is taken as a name too ("Trump" tagged
    ORG). The person keeps the mentions of the name outside this construction.
    """
    text = b.article.text
    for m in b.mentions:
        if not (m.key.startswith("person:") or (m.key.startswith("org:") and " " not in m.text.strip())):
            continue
        g = _GOV_AFTER.match(text, m.end - (2 if text[m.end - 2 : m.end] in ("'s", "’s") else 0))
        if g is None or not m.text[:1].isupper():
            continue
        name = " ".join(_display_person(m.text).split())
        noun = g.group(1)
        key = f"org:{name.lower()} {noun}"
        m.end = g.end()
        m.text = text[m.start : m.end]
        m.key = key
        inf = b.info.setdefault(key, {"name": f"{name} {noun}", "type": "ORG", "aliases": []})
        alias = _clean_alias(m.text)
        if alias != inf["name"] and alias not in inf["aliases"]:
            inf["aliases"].append(alias)
    used = {m.key for m in b.mentions}
    for k in [k for k in b.info if k not in used]:
        del b.info[k]


def canonicalize(infos: list[dict[str, dict[str, Any]]]) -> dict[str, str]:
    """Map every key of every article to a final entity id (a slug of the canonical key).

    Surname-only (or first-name-only) person keys join the unique full-name key of the story that
    ends (or starts) with that name; ambiguous ones stay apart. Linear in the number of keys.
    """
    keys: set[str] = set()
    for info in infos:
        keys.update(info)
    full_by_last: dict[str, set[str]] = defaultdict(set)
    full_by_first: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        if k.startswith("person:"):
            parts = k[7:].split()
            if len(parts) > 1:
                full_by_last[parts[-1]].add(k)
                full_by_first[parts[0]].add(k)
    out: dict[str, str] = {}
    for k in sorted(keys):
        target = k
        if k.startswith("person:") and len(k[7:].split()) == 1:
            name = k[7:]
            cands = full_by_last.get(name) or full_by_first.get(name) or set()
            if len(cands) == 1:
                target = next(iter(cands))
        out[k] = entity_id(target)
    return out


def entity_id(key: str) -> str:
    """Deterministic, readable id of an entity key ("person:john kirby" -> "person-john-kirby")."""
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def build_entities(analyses: list[ArticleAnalysis], key_to_id: dict[str, str]) -> list[Entity]:
    """One Entity per final id, with a display name, majority type, aliases and all mentions."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for an in analyses:
        for key, inf in an.entity_info.items():
            eid = key_to_id.get(key, entity_id(key))
            names[eid][inf.get("name", key)] += 1
            types[eid][inf.get("type", "")] += 1
            aliases[eid].update(inf.get("aliases", []))
        for m in an.mentions:
            eid = key_to_id.get(m.key, entity_id(m.key))
            mentions[eid].append(Mention(m.article, m.start, m.end, m.text, eid))
    out = []
    for eid in sorted(set(names) | set(mentions)):
        # Longest of the most frequent names: "John Kirby" beats "Kirby".
        cands = names.get(eid) or Counter({eid: 1})
        name = max(cands, key=lambda n: (len(n.split()) > 1, cands[n], len(n)))
        type_ = types[eid].most_common(1)[0][0] if types.get(eid) else ""
        al = sorted(a for a in aliases[eid] | set(cands) if a != name)
        out.append(
            Entity(eid, name, type_, al, sorted(mentions.get(eid, []), key=lambda m: (m.article, m.start)))
        )
    return out
