"""Which stored articles a build keeps: `--about TEXT`, `--since/--until`, `--story ID`.

`--about` scores every stored article (in the date window and the story, when given) with two signals:
- BM25 of the query's words (any of them) over the article's title and masked text, from the store's
  SQLite FTS5 index (`Store.search_articles`), divided by the best score so it lies in [0, 1];
- cosine similarity of the query's embedding to the article's (all-MiniLM-L6-v2 over the title and
  the lead, `article_vectors`; vectors cached in the store's `embeddings` table).
First score = BM25_WEIGHT * bm25 + (1 - BM25_WEIGHT) * cosine. A short query names a story but does
not describe it, so one round of relevance feedback follows: the FEEDBACK_SEEDS best first-scored
articles make a centroid, and the final score is the mean of the first score and the article's cosine
to that centroid. Articles scoring at least KEEP_THRESHOLD are kept. Copies (dedup) go with their
original: a group is kept when any member is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from ..records import Article
    from ..store import Store

BM25_WEIGHT = 0.5  # share of BM25 in the first score; the rest is query-article cosine
FEEDBACK_SEEDS = 10  # best first-scored articles whose centroid describes the story
KEEP_THRESHOLD = 0.40  # final score an article needs to be kept
EMBED_CHARS = 1200  # of the masked text embedded after the title (the model reads 256 word pieces)


class SelectionError(ValueError):
    """A selection that cannot be made (unknown story id, bad date): a usage error."""


@dataclass(frozen=True)
class Selection:
    """What a build keeps; all None keeps every stored article (the whole store is the story)."""

    about: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    story: int | None = None  # id from `storyline stories`

    @property
    def active(self) -> bool:
        return any(v is not None for v in asdict(self).values())

    def key(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    def describe(self) -> str:
        parts = [f'about "{self.about}"'] if self.about else []
        parts += [f"story {self.story}"] if self.story is not None else []
        parts += [f"since {self.since}"] if self.since else []
        parts += [f"until {self.until}"] if self.until else []
        return ", ".join(parts) or "every stored article"


def parse_day(text: str, end: bool = False) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD as one day: the first of the period, or its last when `end`."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
    try:
        if not m:
            raise ValueError
        y, mo, d = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
        if d is not None:
            return dt.date(y, mo, int(d)).isoformat()
        first = dt.date(y, mo, 1)
        if not end:
            return first.isoformat()
        nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
        return (nxt - dt.timedelta(days=1)).isoformat()
    except ValueError:
        raise SelectionError(f"not a date (YYYY-MM-DD, YYYY-MM or YYYY): {text!r}") from None


def query_terms(text: str) -> list[str]:
    """The query's words, without English function words (scikit-learn's list)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = re.findall(r"\w+", text.lower())
    return list(dict.fromkeys(w for w in words if w not in ENGLISH_STOP_WORDS)) or list(dict.fromkeys(words))


def lead_text(a: Article) -> str:
    """What represents an article to the embedding model: its title and the start of its masked text."""
    from ..ingest.clean import masked_text

    body = " ".join(masked_text(a)[:EMBED_CHARS].split())
    return f"{a.title}\n{body}" if a.title else body


def article_vectors(store: Store, articles: Sequence[Article]) -> np.ndarray:
    """Embeddings of the articles' leads, (n, 384), L2-normalised; cached in the store."""
    from ..embed import embed, persistent

    with persistent(store.get_embeddings, store.put_embeddings):
        return embed([lead_text(a) for a in articles])


def _bm25(store: Store, about: str, ids: Sequence[str]) -> np.ndarray:
    import numpy as np

    terms = query_terms(about)
    store.index_missing()
    found = store.search_articles(" OR ".join('"' + t.replace('"', "") + '"' for t in terms)) if terms else {}
    raw = np.array([found.get(i, 0.0) for i in ids], dtype=np.float64)
    top = raw.max() if len(raw) else 0.0
    return raw / top if top > 0 else raw


def about_scores(store: Store, articles: Sequence[Article], about: str) -> dict[str, float]:
    """The final retrieval score of each article for `about` (see the module docstring)."""
    import numpy as np

    from ..embed import embed, persistent

    if not articles:
        return {}
    ids = [a.id for a in articles]
    vecs = article_vectors(store, articles)
    with persistent(store.get_embeddings, store.put_embeddings):  # a query asked before loads no model
        query = embed([about])[0]
    first = BM25_WEIGHT * _bm25(store, about, ids) + (1 - BM25_WEIGHT) * (vecs @ query)
    seeds = np.argsort(-first)[:FEEDBACK_SEEDS]
    centroid = vecs[seeds].mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    final = (first + vecs @ centroid) / 2
    return {i: round(float(s), 4) for i, s in zip(ids, final, strict=True)}


def stored_story(store: Store, story: int) -> set[str]:
    """The article ids of story `story` from the last `storyline stories`; SelectionError if none."""
    rows = store.conn.execute("SELECT article_id FROM story_members WHERE story_id=?", (story,)).fetchall()
    if not rows:
        known = store.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
        hint = f"it lists {known} stories" if known else "run `storyline stories OUT` first"
        raise SelectionError(f"{store.path}: no story {story} ({hint})")
    return {r[0] for r in rows}


def unplaced(store: Store) -> int:
    """Stored articles in no story because they came after the last `storyline stories` (0 without one)."""
    meta = store.get_meta("stories")
    if not meta:
        return 0
    made = float(json.loads(meta)["made_at"])
    row = store.conn.execute("SELECT count(*) FROM articles WHERE added_at > ?", (made,)).fetchone()
    return int(row[0])


def check(store: Store, sel: Selection) -> None:
    """Raise SelectionError before anything is read when the selection cannot be made."""
    if sel.story is not None:
        stored_story(store, sel.story)
    if sel.since and sel.until and sel.since > sel.until:
        raise SelectionError(f"--since {sel.since} is after --until {sel.until}")
    if sel.about is not None and not sel.about.strip():
        raise SelectionError("--about is empty")


def in_window(a: Article, sel: Selection) -> bool:
    """Whether `a` was published inside the window of `sel` (always, without one; never, undated)."""
    if not (sel.since or sel.until):
        return True
    day = (a.published or "")[:10]
    return bool(day) and (not sel.since or day >= sel.since) and (not sel.until or day <= sel.until)


def select(store: Store, articles: Sequence[Article], sel: Selection) -> tuple[list[Article], dict[str, float]]:
    """The articles `sel` keeps (in stored order) and the retrieval score of each scored article.
    The choice is written to the store's `selection` table (`storyline list OUT --left-out`)."""
    if not sel.active:
        _record(store, articles, {a.id for a in articles}, {})
        return list(articles), {}
    check(store, sel)
    pool = [a for a in articles if in_window(a, sel)]
    if sel.story is not None:
        members = stored_story(store, sel.story)
        pool = [a for a in pool if a.id in members]
    scores: dict[str, float] = {}
    if sel.about:
        scores = about_scores(store, pool, sel.about)
        pool = [a for a in pool if scores[a.id] >= KEEP_THRESHOLD]
    kept_groups = {a.duplicate_of or a.id for a in pool}
    kept = [a for a in articles if (a.duplicate_of or a.id) in kept_groups]
    _record(store, articles, {a.id for a in kept}, scores)
    return kept, scores


def _record(store: Store, articles: Sequence[Article], kept: set[str], scores: dict[str, float]) -> None:
    with store.transaction() as c:
        c.execute("DELETE FROM selection")
        c.executemany("INSERT INTO selection VALUES (?,?,?)",
                      [(a.id, int(a.id in kept), scores.get(a.id)) for a in articles])


def selection_key(sel: Selection, kept: Sequence[Article]) -> str:
    """What the selection contributes to the story key: the options and the kept ids."""
    h = hashlib.sha256(sel.key().encode())
    for i in sorted(a.id for a in kept):
        h.update(i.encode())
    return h.hexdigest()[:16]


def left_out(store: Store) -> list[dict[str, Any]]:
    """Stored articles the last build left out, best-scored first."""
    rows = store.conn.execute(
        "SELECT a.id, a.source, a.published, s.score FROM selection s JOIN articles a ON a.id = s.article_id"
        " WHERE s.kept = 0 ORDER BY s.score IS NULL, s.score DESC, a.added_at, a.id").fetchall()
    return [{"id": i, "source": src, "published": pub, "score": sc} for i, src, pub, sc in rows]
