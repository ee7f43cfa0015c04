"""Many stories in one store: pick one (`retrieval`: `storyline build --about/--since/--until/--story`)
and find which stories a store holds (`clustering`: `storyline stories`).

Both work on stored articles only (title and masked text, publication date; stored entities when
analyses exist), so they run before the expensive analysis stage: a build analyses only what it keeps.
"""
