"""A small mixed corpus: three clearly different stories (a volcano, interest rates, a football
transfer) in one JSONL file, dated months apart, plus an undated article on the volcano."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.records import Article, ArticleAnalysis

STORIES: dict[str, list[tuple[str, str, str]]] = {
    "volcano": [
        ("2024-03-04", "Volcano erupts near Grindavik",
         "A volcano on the Reykjanes peninsula erupted on Monday, sending lava toward Grindavik. "
         "Residents of the fishing town were evacuated as the eruption spread along a fissure."),
        ("2024-03-05", "Lava reaches the edge of Grindavik",
         "Lava from the eruption reached the outskirts of Grindavik on Tuesday. Icelandic scientists said "
         "the volcano could keep erupting for weeks and the fissure was still widening."),
        ("2024-03-07", "Iceland builds walls against the lava",
         "Crews in Iceland raised earth walls to steer the lava away from Grindavik and a power plant, "
         "as the volcano kept erupting and ash drifted over the peninsula."),
        ("2024-03-12", "Eruption slows, Grindavik residents wait",
         "The eruption on the Reykjanes peninsula slowed on Monday, the Icelandic Met Office said, but "
         "residents of Grindavik were told the volcano and its lava could flare again."),
    ],
    "rates": [
        ("2024-06-12", "Central bank raises interest rates",
         "The central bank raised interest rates by half a point on Wednesday, citing stubborn inflation. "
         "The governor said borrowing costs would stay high until prices cooled."),
        ("2024-06-13", "Markets fall after the rate rise",
         "Stock markets fell on Thursday after the central bank raised interest rates. Traders said the "
         "governor's warning on inflation surprised investors and bond yields rose."),
        ("2024-06-15", "Mortgage costs climb after the bank's decision",
         "Lenders raised mortgage rates after the central bank decision, and home buyers face higher "
         "borrowing costs while inflation stays above the bank's target."),
        ("2024-06-20", "Governor defends the rate rise",
         "The central bank governor defended the interest rate rise before parliament, saying inflation "
         "had to come down even if markets and borrowers suffered."),
    ],
    "transfer": [
        ("2024-09-01", "Rovers sign striker Mendes",
         "Rovers signed the striker Tiago Mendes from Porto for a record fee on Sunday. The club said "
         "Mendes agreed a five-year contract and would join the squad this week."),
        ("2024-09-02", "Mendes joins Rovers training",
         "Tiago Mendes trained with Rovers for the first time on Monday after his record transfer. The "
         "manager said the striker would start the next league match."),
        ("2024-09-08", "Mendes scores on Rovers debut",
         "The striker Tiago Mendes scored twice on his Rovers debut, and the manager praised the club's "
         "record transfer after the league win."),
    ],
}
UNDATED_VOLCANO = ("Grindavik evacuated again",
                   "Grindavik was evacuated again as the volcano on the Reykjanes peninsula erupted and lava "
                   "flowed toward the town, Icelandic officials said.")


def write_corpus(folder: Path) -> dict[str, str]:
    """The corpus as one JSONL file in `folder`; returns each record id's story."""
    folder.mkdir(parents=True, exist_ok=True)
    rows, truth = [], {}
    for story, items in STORIES.items():
        for k, (day, title, text) in enumerate(items):
            rid = f"{story}-{k}"
            rows.append({"id": rid, "title": title, "text": text, "published": day})
            truth[rid] = story
    rows.append({"id": "volcano-undated", "title": UNDATED_VOLCANO[0], "text": UNDATED_VOLCANO[1]})
    truth["volcano-undated"] = "volcano"
    (folder / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return truth


def story_of(article: Article) -> str:
    """The story an article was written for, told by its title."""
    titles = {title: s for s, items in STORIES.items() for _, title, _ in items}
    titles[UNDATED_VOLCANO[0]] = "volcano"
    return titles[article.title or ""]


def light_analyser(article: Article, doc: object, stage: object) -> ArticleAnalysis:
    """An empty analysis: these tests are about which articles are analysed, not what is extracted."""
    return ArticleAnalysis(article=article.id)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stories") / "in"
    write_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def stored(corpus, tmp_path_factory) -> Path:
    """The corpus read and stored, not analysed (an output folder holding storyline.db)."""
    from storyline.pipeline import store_inputs

    out = tmp_path_factory.mktemp("stored") / "out"
    store_inputs([corpus], out)
    return out
