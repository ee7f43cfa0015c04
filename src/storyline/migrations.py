"""The store's schema history: SQL migrations, applied in order by `storyline.store.Store`.

Kept apart from the store's code so that the schema reads as one document and the store's methods stay
short; `storyline.store` re-exports both names.
"""

# Each entry migrates the schema from version i to i+1; never edit a released entry, append one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        source TEXT NOT NULL,
        published TEXT,
        duplicate_of TEXT,
        record TEXT NOT NULL,
        added_at REAL NOT NULL
    );
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE TABLE analyses (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        version TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE TABLE signatures (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        minhash BLOB NOT NULL
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started REAL NOT NULL,
        finished REAL,
        status TEXT NOT NULL,
        stats TEXT
    );
    CREATE TABLE failures (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        path TEXT NOT NULL,
        line INTEGER,
        problem TEXT NOT NULL
    );
    """,
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    """
    CREATE TABLE analysis_failures (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        error TEXT NOT NULL,
        message TEXT NOT NULL
    );
    CREATE INDEX analysis_failures_article ON analysis_failures(article_id);
    CREATE INDEX articles_source ON articles(source);
    """,
    # The consolidated story as browsable tables (written by `storyline.tables`, read by `storyline serve`
    # and datasette); the stored story key is dropped so the next build writes them.
    """
    CREATE TABLE story_info (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        run_id INTEGER REFERENCES runs(id),
        written_at REAL NOT NULL,
        topic_actors TEXT NOT NULL,
        topic_terms TEXT NOT NULL,
        about TEXT
    );
    CREATE TABLE story_articles (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        title TEXT,
        authors TEXT NOT NULL,
        published TEXT,
        published_from TEXT,
        language TEXT,
        duplicate_of TEXT REFERENCES story_articles(id) DEFERRABLE INITIALLY DEFERRED,
        off_topic INTEGER NOT NULL,
        warnings TEXT NOT NULL,
        length INTEGER NOT NULL,
        text TEXT NOT NULL,
        added_run INTEGER REFERENCES runs(id)
    );
    CREATE INDEX story_articles_published ON story_articles(published);
    CREATE INDEX story_articles_outlet ON story_articles(outlet);
    CREATE TABLE article_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        article_id TEXT NOT NULL,
        change TEXT NOT NULL CHECK (change IN ('added', 'removed'))
    );
    CREATE INDEX article_changes_run ON article_changes(run_id);
    CREATE INDEX article_changes_article ON article_changes(article_id, run_id);
    CREATE TABLE excluded_spans (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES story_articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE INDEX excluded_spans_article ON excluded_spans(article_id);
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        aliases TEXT NOT NULL,
        n_mentions INTEGER NOT NULL,
        n_events INTEGER NOT NULL
    );
    CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
    CREATE INDEX entities_type ON entities(type);
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES story_articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        key TEXT NOT NULL
    );
    CREATE INDEX mentions_entity ON mentions(entity_id);
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        mode TEXT,
        location TEXT,
        modality TEXT NOT NULL,
        summary TEXT NOT NULL,
        date_first TEXT,
        date_last TEXT,
        date_precision TEXT,
        date_relation TEXT,
        date_how TEXT,
        date_text TEXT,
        date_label TEXT NOT NULL,
        date_start TEXT,
        date_end TEXT,
        date_sort TEXT NOT NULL,
        timeml_class TEXT,
        predicate TEXT NOT NULL,
        tense TEXT,
        aspect TEXT,
        polarity TEXT NOT NULL,
        salience REAL NOT NULL,
        independent_sources INTEGER NOT NULL,
        off_topic INTEGER NOT NULL,
        part_of TEXT REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED,
        objects TEXT NOT NULL,
        sources TEXT NOT NULL,
        outlets TEXT NOT NULL,
        n_evidence INTEGER NOT NULL
    );
    CREATE INDEX events_sort ON events(date_sort, id);
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_modality ON events(modality);
    CREATE INDEX events_range ON events(date_start, date_end);
    CREATE TABLE event_entities (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
        PRIMARY KEY (event_id, entity_id, role)
    );
    CREATE INDEX event_entities_entity ON event_entities(entity_id, event_id);
    CREATE TABLE claims (
        id TEXT PRIMARY KEY,
        speaker_id TEXT REFERENCES entities(id) ON DELETE SET NULL,
        speaker_text TEXT NOT NULL,
        cue TEXT NOT NULL,
        stance TEXT NOT NULL,
        kind TEXT NOT NULL,
        content TEXT NOT NULL,
        said_first TEXT,
        said_last TEXT,
        said_precision TEXT,
        said_relation TEXT,
        said_label TEXT NOT NULL,
        reported_by TEXT REFERENCES claims(id) DEFERRABLE INITIALLY DEFERRED,
        target TEXT,
        target_claims TEXT NOT NULL,
        related TEXT NOT NULL
    );
    CREATE INDEX claims_speaker ON claims(speaker_id);
    CREATE INDEX claims_stance ON claims(stance);
    CREATE TABLE claim_events (
        claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        PRIMARY KEY (claim_id, event_id)
    );
    CREATE INDEX claim_events_event ON claim_events(event_id);
    CREATE TABLE conflicts (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('event', 'claims')),
        event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
        claim_id TEXT REFERENCES claims(id) ON DELETE CASCADE,
        other_claim_id TEXT REFERENCES claims(id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        "values" TEXT NOT NULL
    );
    CREATE INDEX conflicts_event ON conflicts(event_id);
    CREATE INDEX conflicts_claim ON conflicts(claim_id);
    CREATE TABLE key_events (
        event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        rank INTEGER NOT NULL,
        score REAL NOT NULL,
        date_label TEXT NOT NULL,
        sources TEXT NOT NULL,
        outlets TEXT NOT NULL,
        claims TEXT NOT NULL
    );
    CREATE INDEX key_events_rank ON key_events(rank);
    CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('event', 'trigger', 'claim', 'conflict', 'key_event')),
        event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
        claim_id TEXT REFERENCES claims(id) ON DELETE CASCADE,
        conflict_id INTEGER REFERENCES conflicts(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES story_articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        sentence TEXT NOT NULL,
        source_span TEXT,
        cue_span TEXT,
        content_span TEXT
    );
    CREATE INDEX evidence_event ON evidence(event_id, role);
    CREATE INDEX evidence_claim ON evidence(claim_id);
    CREATE INDEX evidence_conflict ON evidence(conflict_id);
    CREATE INDEX evidence_article ON evidence(article_id);
    CREATE VIRTUAL TABLE search_index USING fts5(
        kind UNINDEXED, ref UNINDEXED, title, body, tokenize = 'porter unicode61'
    );
    DELETE FROM meta WHERE key = 'story'
    """,
    # The API's indexes: events by type/modality in date order, an R*Tree of their dates, the kind of a
    # search row indexed. Written with IF [NOT] EXISTS because working copies of version 4 already had
    # some of them; the story is written again by the next build.
    """
    DROP INDEX IF EXISTS events_type;
    DROP INDEX IF EXISTS events_modality;
    DROP INDEX IF EXISTS events_range;
    CREATE INDEX events_type ON events(type, date_sort, id);
    CREATE INDEX events_modality ON events(modality, date_sort, id);
    CREATE INDEX IF NOT EXISTS events_start ON events(date_start, date_end);
    CREATE INDEX IF NOT EXISTS events_end ON events(date_end, date_start);
    CREATE VIRTUAL TABLE IF NOT EXISTS events_dates USING rtree_i32(id, first, last);
    DROP TABLE IF EXISTS search_index;
    CREATE VIRTUAL TABLE search_index USING fts5(
        kind, ref UNINDEXED, title, body, tokenize = 'porter unicode61'
    );
    DELETE FROM meta WHERE key = 'story'
    """,
    # Sentence embeddings of event reports, by `storyline.embed.key` (text + model weights): a rebuild
    # after adding articles embeds only the new reports.
    """
    CREATE TABLE IF NOT EXISTS embeddings (
        key TEXT PRIMARY KEY,
        vec BLOB NOT NULL
    );
    """,
    # Retrieval over every stored article (`storyline build --about`, `storyline stories`): an FTS5 index
    # of each article's title and masked text (rowid = article_search_rows.n, written at ingest; a store
    # made before this is indexed when it is opened), the stories `storyline stories` found, and which
    # articles the last build kept.
    """
    CREATE TABLE article_search_rows (
        n INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE
    );
    CREATE VIRTUAL TABLE article_search USING fts5(title, body, tokenize = 'porter unicode61');
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL,
        size INTEGER NOT NULL,
        first_day TEXT,
        last_day TEXT,
        actors TEXT NOT NULL,
        terms TEXT NOT NULL
    );
    CREATE TABLE story_members (
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (story_id, article_id)
    );
    CREATE INDEX story_members_article ON story_members(article_id);
    CREATE TABLE selection (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        kept INTEGER NOT NULL,
        score REAL
    );
    """,
    # The article search index keeps no copy of the text (contentless FTS5: the articles table has it),
    # which halves what it costs on disk; it is rebuilt when the store is opened.
    """
    DROP TABLE article_search;
    DELETE FROM article_search_rows;
    CREATE VIRTUAL TABLE article_search USING fts5(title, body, content = '', tokenize = 'porter unicode61');
    """,
]
SEARCH_VERSION = 8  # the migration that made `article_search` as it is (an older store is indexed on open)
