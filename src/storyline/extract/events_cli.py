"""`storyline events --anchor YYYY-MM-DD FILE|-`: print every event mention of a text as JSON.

The counterpart of `storyline timex` for the event layer: the text goes through the same cleaning,
parse and per-article analysis as in a build (`storyline.analyse.extract_all`), so what it prints is
what a build would store for that article. One object per mention (a consolidated-per-article event
holds one or more trigger mentions).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from storyline.time.cli import anchor_date, read_text_arg


def configure(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("file", help="text file to read, or - for standard input")
    p.add_argument("--anchor", type=anchor_date, default=None,
                   help="publication date YYYY-MM-DD; without it dates relative to publication stay unknown")
    p.add_argument("--json", action="store_true", help="print one JSON array instead of one object per line")
    p.set_defaults(func=run)
    return p


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the `events` subcommand on the main CLI's subparsers."""
    p = subparsers.add_parser("events", help="extract the event mentions of a text (TimeML layer and PLOVER)",
                              description=__doc__)
    return configure(p)


def mentions(text: str, anchor: str | None) -> list[dict[str, Any]]:
    """The event mentions of `text` as plain dicts, in text order."""
    from storyline import nlp
    from storyline.analyse import extract_all
    from storyline.ingest.article import make_article
    from storyline.ingest.clean import masked_text

    article = make_article("-", text, published=anchor, published_from="manifest" if anchor else None)
    doc = nlp.load()(masked_text(article))
    analysis = extract_all(article, doc, lambda _stage: None)
    out = []
    for ev in analysis.events:
        for trig in ev.triggers or ev.evidence[:1]:
            out.append(_mention(ev, trig, article.text, doc))
    out.sort(key=lambda m: (m["start"], m["end"]))
    return out


def _mention(ev: Any, trig: Any, text: str, doc: Any) -> dict[str, Any]:
    from storyline.extract.mentions import modal_word
    from storyline.records import to_dict

    span = doc.char_span(trig.start, trig.end, alignment_mode="expand")
    modal = modal_word(span.root) if span is not None and len(span) else None
    return {
        "start": trig.start, "end": trig.end, "text": text[trig.start:trig.end],
        "class": ev.timeml_class, "tense": ev.tense, "aspect": ev.aspect, "polarity": ev.polarity,
        "modality": modal, "factuality": ev.modality,
        "date": to_dict(ev.date) if ev.date else None,
        "participants": {"actors": ev.actors, "recipients": ev.recipients, "objects": ev.objects,
                         "location": ev.location},
        "plover": None if ev.type == "OTHER" else {"type": ev.type, "mode": ev.mode},
        "predicate": ev.predicate, "summary": ev.summary, "event": ev.id,
        "sentence": trig.sentence or (ev.evidence[0].sentence if ev.evidence else ""),
    }


def run(args: argparse.Namespace) -> int:
    try:
        text = read_text_arg(args.file)
    except (OSError, UnicodeDecodeError) as e:
        print(f"storyline events: {args.file}: {e}", file=sys.stderr)
        return 2
    found = mentions(text, args.anchor.isoformat() if args.anchor else None)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        for m in found:
            print(json.dumps(m, ensure_ascii=False))
    return 0
