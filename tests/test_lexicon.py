"""Language knowledge as data: every lexicon file loads, documents itself, and is the one home of its list."""

import ast
from pathlib import Path

import pytest

from storyline import lexicon

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"
FOLDER = SRC / "lexicon"


def test_every_file_loads_and_says_what_it_is_for():
    names = lexicon.names()
    assert len(names) > 20
    for name in names:
        path = FOLDER / (name + (".txt" if (FOLDER / f"{name}.txt").exists() else ".json"))
        if path.suffix == ".txt":
            assert path.read_text(encoding="utf-8").startswith("#"), f"{path.name} has no header comment"
            assert lexicon.words(name), f"{path.name} is empty"
        else:
            raw = path.read_text(encoding="utf-8")
            assert '"_doc"' in raw, f"{path.name} has no _doc"
            assert lexicon.table(name), f"{path.name} is empty"


def test_no_entry_is_listed_twice_in_one_file():
    for path in FOLDER.glob("*.txt"):
        entries = [ln.split("#", 1)[0].strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        entries = [e for e in entries if e and not e.startswith("@")]
        dupes = {e for e in entries if entries.count(e) > 1}
        assert not dupes, f"{path.name} repeats {sorted(dupes)}"


def test_includes_build_broader_lists_from_narrower_ones():
    assert lexicon.words("intent_verbs") <= lexicon.words("plan_verbs")
    assert lexicon.words("future_in_past_auxiliaries") <= lexicon.words("conditional_auxiliaries")
    assert "would" in lexicon.words("conditional_auxiliaries") and "will" not in lexicon.words("conditional_auxiliaries")


def test_merged_lists_hold_what_both_old_copies_held():
    # the event lexicon's deny verbs and report verbs were merged into the claim extractor's lists
    assert {"deny", "refute", "dispute", "rebut", "disavow", "reject", "dismiss"} <= lexicon.words("deny_verbs")
    assert {"say", "tell", "claim", "warn", "testify", "accuse"} <= lexicon.words("speech_verbs")
    assert {"believe", "think", "suspect", "estimate"} <= lexicon.words("belief_verbs")


def test_missing_file_is_a_clear_error():
    with pytest.raises(lexicon.LexiconError, match="no_such_list.txt"):
        lexicon.words("no_such_list")


def test_fingerprint_is_stable_and_short():
    assert lexicon.fingerprint() == lexicon.fingerprint()
    assert len(lexicon.fingerprint()) == 16


def _string_collections(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            items = node.elts
        elif isinstance(node, ast.Dict):
            if not all(isinstance(v, ast.Constant) for v in node.values):
                continue  # a dispatch table (names to functions) or a record being built, not a vocabulary
            items = [k for k in node.keys if k is not None]
        else:
            continue
        words = [e.value for e in items if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(words) == len(items) and len(words) > MAX_INLINE_WORDS:
            yield node.lineno, words


# A literal of more words than this in a module is a word list that belongs in lexicon/, unless it is
# grammar or code: dependency labels, POS tags, record field or column names (recognised by a member).
MAX_INLINE_WORDS = 12
GRAMMAR = {"dobj", "nsubj", "pobj", "prep", "VERB", "NOUN", "JJ", "ADJ", "DATE", "AGREE", "asserted", "first_day"}
CODE = {"render/export.py": "the exported tables' column names", "tables.py": "the story tables' column names",
        "ingest/readers_html.py": "HTML block tags"}


def test_no_word_lists_left_in_python_modules():
    found = []
    for path in SRC.rglob("*.py"):
        for line, words in _string_collections(ast.parse(path.read_text(encoding="utf-8"))):
            if not set(words) & GRAMMAR and str(path.relative_to(SRC)) not in CODE:
                found.append(f"{path.relative_to(SRC)}:{line} ({len(words)} words: {', '.join(words[:4])} ...)")
    assert not found, "word lists in code:\n" + "\n".join(found)
