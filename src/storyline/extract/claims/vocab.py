"""The claim extractor's vocabularies, read once from `storyline.lexicon`; derived sets built here.

Every word list the claim rules consult is named here, so what the extractor knows is visible in one
place and each list has its one home in a lexicon file.
"""

from __future__ import annotations

from storyline import lexicon
from storyline.resolve.actors import ROLE_NOUNS

words = lexicon.words

# ---------------------------------------------------------------- cue verbs
SPEECH = words("speech_verbs")
DENY = words("deny_verbs")
# Deny verbs that also name an act ("rejected the offer"): a denial only of a clause or a statement.
ACT_DENY = words("act_deny_verbs")
DENIABLE = words("deniable_nouns")
BELIEF = words("belief_verbs")
# Wants, plans and knowledge of an actor ("Iran wants to ...", "he knows that ..."): `hedge` claims,
# only with a clause and only when the source is an actor, so "voters want" is not a claim.
INTENT = words("intent_verbs") | words("mental_state_verbs")
# Pursuit verbs are wants only with a bare infinitive ("is seeking to contrast"), not with an object
# ("are seeking strategic advantages to secure ...": an action with its purpose).
PURSUIT = words("pursuit_verbs")
HEDGE_CUES = words("hedge_cue_verbs")
PREP_CUES: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in lexicon.table("prep_cue_verbs").items()}
EVALUATIVE = words("evaluative_verbs")
STATEMENT_NOUNS = words("statement_nouns")
# Light verbs whose object noun is the speech act ("made the case that", "offered his view of").
LIGHT_VERBS = frozenset({"make", "offer"})
HEARSAY_PASSIVE = words("hearsay_passive_verbs")
_VIEWS: dict[str, dict] = lexicon.table("view_predicate_verbs")
VIEW_PREDS = {k: frozenset(v["preds"]) for k, v in _VIEWS.items()}
VIEW_STANCE = {k: v["stance"] for k, v in _VIEWS.items()}
CUES_ACTIVE = SPEECH | DENY | BELIEF | INTENT | set(PREP_CUES) | EVALUATIVE | LIGHT_VERBS | set(VIEW_PREDS)
CUES = CUES_ACTIVE | HEARSAY_PASSIVE
OBJECT_CONTENT = words("object_content_cues")
OBJECT_CUES = words("object_cue_verbs")
NEEDS_CLAUSE = words("clause_only_cues")
PREDICATE_OBJECT = words("predicate_object_cues")
FINDING_VERBS = words("finding_verbs")
FINDING_SOURCES = words("finding_sources")
DISCLOSURE = words("disclosure_verbs")
# Nouns that hold information rather than state it ("the new intelligence", "the report").
INFO_NOUNS = words("information_nouns") | words("report_nouns") | STATEMENT_NOUNS
_ACCUSE: dict[str, dict[str, list[str]]] = lexicon.table("accusation_verbs")
ACCUSE_CONTENT = {k: frozenset(v["content"]) for k, v in _ACCUSE.items()}
ACCUSE_TARGET = {k: frozenset(v["target"]) for k, v in _ACCUSE.items()}
# Cues with an addressee object ("told reporters"): an addressee alone is no content.
ADDRESSEE_CUES = frozenset({"tell", "inform", "ask", "brief"})

# ---------------------------------------------------------------- cue nouns and adverbs
_NOUNS: dict[str, dict] = lexicon.table("claim_nouns")
NOMINAL = {k: v["stance"] for k, v in _NOUNS.items()}
COMMITMENTS = frozenset(k for k, v in _NOUNS.items() if v.get("commitment"))
NOMINAL_PREPS = {k: frozenset(v["content_preps"]) for k, v in _NOUNS.items() if v.get("content_preps")}
HEARSAY_ADVERBS = words("hearsay_adverbs")
CHANNELS = words("speech_channels")
DOCUMENTS = words("source_documents")

# ---------------------------------------------------------------- stance
HEDGE_WORDS = words("hedge_words")
REFUSAL = words("refusal_verbs")
REFUSAL_AUX = words("refusal_auxiliaries")
OBLIGATION_AUX = words("obligation_auxiliaries")
REALISING_HEADS = words("realising_heads")
UNREALISED_HEADS = words("unrealised_speech_heads")

# ---------------------------------------------------------------- content boundaries
ANAPHORIC_CONTENTS = words("anaphoric_contents")
SETTING_PREPS = words("setting_prepositions")
EXTENSION_STOPS = words("extension_stop_prepositions")

# ---------------------------------------------------------------- speakers
INDEFINITE = words("indefinite_determiners")
INSTITUTION_NOUNS = words("institution_nouns")
SPEAKER_NOUNS = words("speaker_nouns")
ACTOR_NOUNS = frozenset(ROLE_NOUNS) | INSTITUTION_NOUNS
GENDER_WORDS: dict[str, frozenset[str]] = {
    g: frozenset(ws) for g, ws in lexicon.table("gender_words").items()
}
_PRONOUNS: dict[str, dict] = lexicon.table("pronouns")
_SOURCES = {p: v for p, v in _PRONOUNS.items() if v["source"]}
PRONOUNS_PERSON = frozenset(p for p, v in _SOURCES.items() if v["refers"] == "person")
PRONOUNS_GROUP = frozenset(p for p, v in _SOURCES.items() if v["refers"] == "group")
SOURCE_PRONOUNS = PRONOUNS_PERSON | PRONOUNS_GROUP
# Personal pronouns in subject position name an actor ("he wants", "they plan"); "it" may be impersonal.
ACTOR_PRONOUNS = frozenset(p for p, v in _SOURCES.items() if v["personal"] and "subject" in v["cases"])
# A content subject that is the speaker itself ("said it would not", "said he did not").
SELF_PRONOUNS = PRONOUNS_GROUP | {p for p in PRONOUNS_PERSON if "subject" in _SOURCES[p]["cases"]}
PRONOUN_GENDER = {p: v["gender"] for p, v in _PRONOUNS.items() if v["gender"]}
FIRST_PERSON = frozenset(
    p for p, v in _PRONOUNS.items() if v["first_person"] and {"subject", "object"} & set(v["cases"])
)
FIRST_POSS = frozenset(p for p, v in _PRONOUNS.items() if v["first_person"] and "possessive" in v["cases"])
