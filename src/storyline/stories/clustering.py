"""`storyline stories`: which stories a store holds (topic detection and tracking over stored articles).

Two articles are on the same story when they share content and actors and appeared close in time:
- content: cosine of TF-IDF vectors (scikit-learn, sublinear tf, English stop words dropped) over the
  title and masked text, plus the names of the article's stored entities when it has been analysed
  (each name one token, weighed like a word; without analyses the words alone);
- meaning: cosine of all-MiniLM-L6-v2 embeddings of the title and lead (`retrieval.article_vectors`);
- similarity = TFIDF_WEIGHT * content + (1 - TFIDF_WEIGHT) * meaning, times a time decay for two dated
  articles: TIME_FLOOR + (1 - TIME_FLOOR) * exp(-days apart / TIME_SCALE_DAYS), so a story can run for
  months but articles weeks apart need more in common.
Average-linkage agglomerative clustering (scikit-learn) over 1 - similarity merges groups while their
mean similarity is at least LINK_THRESHOLD, CHUNK articles at a time (see CHUNK for larger stores).
Copies (dedup) join their original's story.
The stories are stored (tables `stories`, `story_members`) with ids 1, 2, ... by size, so
`storyline build --story ID` can build one.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from ..records import Article
    from ..store import Store

TFIDF_WEIGHT = 0.5  # share of TF-IDF cosine in the pair similarity; the rest is embedding cosine
TIME_SCALE_DAYS = 90.0  # days over which the time decay falls by 1/e of its range
TIME_FLOOR = 0.9  # what is left of a similarity between articles far apart in time
LINK_THRESHOLD = 0.14  # mean pair similarity at which two groups are still one story
# Articles clustered at once: the pair matrices are dense (n^2 float32, and the linkage n^2/2 float64,
# 190 MB at this n). More are clustered in chunks of this size in date order, whose groups are then
# merged by average linkage over their mean pair similarity (exact for the first merges; later ones
# weigh each group alike, not by its size).
CHUNK = 4000
TOP_TERMS, TOP_ACTORS = 6, 5
# a capitalised name inside a sentence (after a lower-case word or a comma), so sentence-initial words
# are not taken for names
_NAME = re.compile(r"(?<=[a-z0-9,;:] )[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*\b")


@dataclass
class StoryCluster:
    id: int
    size: int
    first_day: str | None
    last_day: str | None
    actors: list[str]
    terms: list[str]
    label: str
    articles: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _entity_names(store: Store, ids: set[str]) -> dict[str, list[str]]:
    """Names of each analysed article's entities, one per mention (any analysis version will do)."""
    out: dict[str, list[str]] = {}
    for aid, rec in store.conn.execute("SELECT article_id, record FROM analyses"):
        if aid not in ids:
            continue
        d = json.loads(rec)
        info = d.get("entity_info", {})
        out[aid] = [info.get(m.get("key"), {}).get("name") or m.get("text", "") for m in d.get("mentions", [])]
    return out


def _documents(articles: Sequence[Article], names: dict[str, list[str]]) -> list[str]:
    from ..ingest.clean import masked_text

    docs = []
    for a in articles:
        ents = " ".join("ent_" + re.sub(r"\W+", "_", n.lower()).strip("_") for n in names.get(a.id, []) if n)
        docs.append(f"{a.title or ''}\n{masked_text(a)}\n{ents}")
    return docs


def _days(a: Article) -> float | None:
    import datetime as dt

    try:
        return float(dt.date.fromisoformat((a.published or "")[:10]).toordinal())
    except ValueError:
        return None


def similarity(tfidf: Any, vecs: np.ndarray, days: Sequence[float | None]) -> np.ndarray:
    """The pair similarity matrix (see the module docstring), float32."""
    import numpy as np

    content = (tfidf @ tfidf.T).toarray().astype(np.float32)
    sim = TFIDF_WEIGHT * content + (1 - TFIDF_WEIGHT) * (vecs @ vecs.T).astype(np.float32)
    d = np.array([x if x is not None else np.nan for x in days], dtype=np.float64)
    gap = np.abs(d[:, None] - d[None, :])
    decay = TIME_FLOOR + (1 - TIME_FLOOR) * np.exp(-gap / TIME_SCALE_DAYS)
    sim *= np.where(np.isnan(decay), 1.0, decay).astype(np.float32)
    return np.asarray(sim, dtype=np.float32)


def _labels(sim: np.ndarray) -> np.ndarray:
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering

    if len(sim) < 2:
        return np.zeros(len(sim), dtype=int)
    dist = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=1.0 - LINK_THRESHOLD)
    return np.asarray(model.fit_predict(dist))


def _tfidf(docs: list[str]) -> tuple[Any, Any]:
    """TF-IDF rows and vocabulary; words in one article only or in over half of them are dropped,
    unless that leaves no word (a handful of short articles), and no word at all gives zero rows."""
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    for min_df, max_df in ((2, 0.5), (1, 1.0)):
        vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=min_df if len(docs) > 2 else 1,
                              max_df=max_df if len(docs) > 4 else 1.0, token_pattern=r"(?u)\b[^\W\d_][\w]+\b")
        try:
            return vec.fit_transform(docs), vec.get_feature_names_out()
        except ValueError:  # no word left
            continue
    return sparse.csr_matrix((len(docs), 1)), np.array(["-"])


def chunked_labels(tfidf: Any, vecs: np.ndarray, days: Sequence[float | None]) -> np.ndarray:
    """Cluster labels, CHUNK articles at a time in date order, the chunks' groups then merged."""
    import numpy as np

    order = sorted(range(len(days)), key=lambda i: (days[i] is None, days[i] or 0.0))
    labels = np.zeros(len(days), dtype=int)
    top = 0
    for start in range(0, len(order), CHUNK):
        idx = np.array(order[start : start + CHUNK])
        part = _labels(similarity(tfidf[idx], vecs[idx], [days[i] for i in idx]))
        labels[idx] = part + top
        top += int(part.max()) + 1
    if len(order) <= CHUNK or top == len(order):  # one chunk, or nothing merged that merging could shrink
        return labels
    return _merge_groups(labels, tfidf, vecs, days)


def _merge_groups(labels: np.ndarray, tfidf: Any, vecs: np.ndarray, days: Sequence[float | None]) -> np.ndarray:
    """Merge groups by average linkage over their mean pair similarity: for the two cosine parts, the
    mean over the pairs across two groups is the dot product of the groups' mean vectors; the time
    decay is taken between the groups' mean dates. Groups are clustered like articles, so more groups
    than a chunk are chunked in turn."""
    import numpy as np
    from scipy import sparse

    k = int(labels.max()) + 1
    member = sparse.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels)))
    size = np.asarray(member.sum(axis=1)).ravel()
    mean_t = sparse.diags(1 / size) @ member @ tfidf
    mean_v = (sparse.diags(1 / size) @ member @ vecs).astype(np.float32)
    n_dated = member @ np.array([x is not None for x in days], dtype=float)
    day_sum = member @ np.array([x or 0.0 for x in days])
    group_day = [float(day_sum[g] / n_dated[g]) if n_dated[g] else None for g in range(k)]
    return chunked_labels(mean_t, np.asarray(mean_v), group_day)[labels]  # more groups than a chunk: again


def cluster(store: Store, articles: Sequence[Article]) -> list[StoryCluster]:
    """The stories of `articles` (copies follow their originals), largest first, ids from 1."""
    from .retrieval import article_vectors

    present = {a.id for a in articles}
    originals = [a for a in articles if a.duplicate_of not in present]  # (a copy of an absent one counts)
    if not originals:
        return []
    names = _entity_names(store, {a.id for a in originals})
    docs = _documents(originals, names)
    tfidf, vocab = _tfidf(docs)
    vecs = article_vectors(store, originals)
    labels = chunked_labels(tfidf, vecs, [_days(a) for a in originals])
    copies: dict[str, list[str]] = {}
    for a in articles:
        if a.duplicate_of in present:
            copies.setdefault(a.duplicate_of, []).append(a.id)
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(int(lab), []).append(i)
    stories = [_describe(originals, members, tfidf, vecs, vocab, names, docs, copies)
               for members in groups.values()]
    stories.sort(key=lambda s: (-s.size, s.first_day or "9999", s.label))
    for k, s in enumerate(stories, 1):
        s.id = k
    return stories


def _describe(originals: Sequence[Article], members: list[int], tfidf: Any, vecs: np.ndarray, vocab: Any,
              names: dict[str, list[str]], docs: list[str], copies: dict[str, list[str]]) -> StoryCluster:
    import numpy as np

    arts = [originals[i] for i in members]
    weights = np.asarray(tfidf[members].mean(axis=0)).ravel()
    terms = [str(vocab[j]) for j in np.argsort(-weights) if not str(vocab[j]).startswith("ent_")][:TOP_TERMS]
    centroid = vecs[members].mean(axis=0)
    central = arts[int(np.argmax(vecs[members] @ centroid))]
    days = sorted(a.published[:10] for a in arts if a.published)
    ids = [a.id for a in arts]
    ids += [c for a in arts for c in copies.get(a.id, [])]
    return StoryCluster(0, len(ids), days[0] if days else None, days[-1] if days else None,
                        _actors(arts, names, [docs[i] for i in members]), terms, _label(central, terms), ids)


def _actors(arts: Sequence[Article], names: dict[str, list[str]], docs: list[str]) -> list[str]:
    """The most mentioned stored entities, or (no analyses) the names most articles share."""
    import calendar

    calendar_words = {*calendar.day_name, *calendar.month_name}
    counts: Counter[str] = Counter()
    for a, doc in zip(arts, docs, strict=True):
        found = names.get(a.id)
        if not found:
            words = set(re.findall(r"\b[a-z]+\b", doc))
            found = [n for n in _NAME.findall(doc) if n not in calendar_words and n.lower() not in words]
        counts.update(set(found))
    return [n for n, _ in counts.most_common(TOP_ACTORS)]


def _label(central: Article, terms: list[str]) -> str:
    """The most central article's title, else its first line, else the top terms."""
    from ..ingest.clean import masked_text

    first = next((ln.strip() for ln in masked_text(central).splitlines() if ln.strip()), "")
    text = central.title or first or ", ".join(terms[:3])
    return text if len(text) <= 90 else text[:87].rsplit(" ", 1)[0] + "..."


def save(store: Store, stories: Sequence[StoryCluster], n_articles: int) -> None:
    """Replace the stored stories with these (and note when and over how many articles)."""
    with store.transaction() as c:
        c.execute("DELETE FROM story_members")
        c.execute("DELETE FROM stories")
        for s in stories:
            c.execute("INSERT INTO stories VALUES (?,?,?,?,?,?,?)", (s.id, s.label, s.size, s.first_day, s.last_day,
                                                                   json.dumps(s.actors), json.dumps(s.terms)))
            c.executemany("INSERT INTO story_members VALUES (?,?)", [(s.id, a) for a in s.articles])
        c.execute("INSERT OR REPLACE INTO meta VALUES ('stories', ?)",
                  (json.dumps({"made_at": time.time(), "articles": n_articles}),))


def load(store: Store) -> list[StoryCluster]:
    """The stories stored by the last `storyline stories`, by id."""
    members: dict[int, list[str]] = {}
    for sid, aid in store.conn.execute("SELECT story_id, article_id FROM story_members ORDER BY rowid"):
        members.setdefault(sid, []).append(aid)
    rows = store.conn.execute("SELECT id, size, first_day, last_day, actors, terms, label FROM stories ORDER BY id")
    return [StoryCluster(i, len(members.get(i, [])), f, la, json.loads(ac), json.loads(te), lab, members.get(i, []))
            for i, _size, f, la, ac, te, lab in rows]


def time_decay(days_apart: float) -> float:
    """The factor a similarity keeps between two articles `days_apart` days apart."""
    return TIME_FLOOR + (1 - TIME_FLOOR) * math.exp(-abs(days_apart) / TIME_SCALE_DAYS)
