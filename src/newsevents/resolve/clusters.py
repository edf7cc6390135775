"""Near-duplicate articles and story clusters (MinHash/LSH on word shingles), and events merged
across the articles that report them.

- Every article gets a MinHash signature of its body's word 3-shingles (the title is left out:
  wire copies often carry another headline). Signatures and their LSH band keys are stored, so
  re-clustering after new articles only hashes the new ones and reads no text again.
- Candidate pairs share an LSH band (a low threshold, to catch updated and cut versions); a pair
  is kept when its estimated Jaccard similarity is high, or when most of the shorter article's
  shingles are in the longer one (a cut wire copy, an updated version with added paragraphs).
- Clusters are the connected components of kept pairs. The canonical article is the earliest
  published, then the longest; its id is the cluster id (a lone article is its own cluster).
- `merge_events` folds events: first within a cluster (same type, actors and polarity), then
  across clusters (same full date, type, actors and place), keeping a mentions count and every
  article id: one kidnapping reported by 366 articles is one event with 366 mentions.
- Both have an incremental form for the corpus step (resolve/corpus_step.py) with the same result:
  `update_clusters` looks up only the new articles' band keys in the stored buckets and rebuilds
  only the clusters they touch (a cluster id is a function of its members, so it comes out the
  same); `update_merged_events` merges again only the event keys of the stories that changed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

import duckdb
import numpy as np

from newsevents.resolve.rowscope import rows_of
from newsevents.store import insert_rows, transaction

NUM_PERM = 128
SHINGLE_WORDS = 3
SEED = 1
SCHEME = "affine32"  # 32-bit values: stored as uint32
BANDS, ROWS = 32, 4  # datasketch's optimal split of 128 permutations for a Jaccard threshold of ~0.35
MIN_JACCARD = 0.5  # a copy with some sentences edited, or another version of the same story
MIN_CONTAINMENT = 0.8  # the shorter article's shingles found in the longer one (cut or extended copies)
MIN_SHINGLES_FOR_CONTAINMENT = 30  # a short brief is not "contained" in every long article on its topic
MAX_BUCKET = 500  # a band bucket this full is boilerplate, not a story
_WORD = re.compile(r"[^\W_]+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """(a, b) of the NUM_PERM affine permutations h -> a * h + b (mod 2^32, `a` odd, so a bijection),
    drawn as datasketch 2.0 draws them for SCHEME and SEED: the signatures stored by earlier versions,
    which called datasketch (and, through it, imported scipy for seconds), stay valid."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer, a bijection that spreads the input hashes before the permutations."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signature(text: str) -> tuple[int, np.ndarray]:
    """(number of shingles, MinHash signature as uint32) of one article body: per permutation, the
    least permuted hash (the first 4 bytes of SHA-1, little-endian) of its shingles."""
    items = shingles(text)
    if not items:
        return 0, np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    hashes = np.frombuffer(b"".join(hashlib.sha1(item).digest()[:4] for item in items), dtype="<u4")
    a, b = _permutations()
    with np.errstate(over="ignore"):  # uint32 arithmetic wraps: that is the mod 2^32
        permuted = _fmix32(hashes.astype(np.uint32)).reshape(-1, 1) * a + b
    return len(items), permuted.min(axis=0)


def band_keys(sig: np.ndarray) -> list[int]:
    return [int.from_bytes(hashlib.blake2b(sig[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).digest(),
                           "little") for b in range(BANDS)]


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def same_story(sig_a: np.ndarray, n_a: int, sig_b: np.ndarray, n_b: int) -> bool:
    if not n_a or not n_b:
        return False
    j = jaccard(sig_a, sig_b)
    if j >= MIN_JACCARD:
        return True
    shorter = min(n_a, n_b)
    if shorter < MIN_SHINGLES_FOR_CONTAINMENT:
        return False
    shared = j * (n_a + n_b) / (1 + j)  # |A ∩ B| from the Jaccard estimate and the set sizes
    return shared / shorter >= MIN_CONTAINMENT


def add_signatures(con: duckdb.DuckDBPyConnection, fetch: int = 500) -> int:
    """Hash the articles that have no signature yet (new ones); returns how many."""
    # signatures of removed articles (their LSH rows are written and removed with them)
    stale = [r[0] for r in con.execute(
        "SELECT article_id FROM article_minhash WHERE article_id NOT IN (SELECT id FROM articles)").fetchall()]
    if stale:
        with transaction(con):
            con.execute("DELETE FROM article_minhash WHERE article_id = ANY(?::VARCHAR[])", [stale])
            con.execute("DELETE FROM article_lsh WHERE article_id = ANY(?::VARCHAR[])", [stale])
    # in the order they were written, so that each batch's texts sit together (rowscope)
    unsigned = [r[0] for r in con.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM article_minhash) ORDER BY rowid").fetchall()]
    added = 0
    for start in range(0, len(unsigned), fetch):
        condition, params = rows_of(con, "articles", "id", unsigned[start:start + fetch])
        rows = con.execute(f"SELECT id, text FROM articles WHERE {condition}", params).fetchall()
        signatures, bands = [], []
        for article_id, text in rows:
            count, sig = signature(text or "")
            signatures.append({"article_id": article_id, "shingles": count, "signature": sig.tobytes()})
            if count:  # an empty text is nobody's copy
                bands += [{"article_id": article_id, "band": band, "bucket": key}
                          for band, key in enumerate(band_keys(sig))]
        with transaction(con):
            insert_rows(con, "article_minhash", MINHASH_COLUMNS, signatures)
            insert_rows(con, "article_lsh", LSH_COLUMNS, bands)
        added += len(rows)
    return added


# Column types of the MinHash tables (see store.CORPUS_SQL), for store.insert_rows.
MINHASH_COLUMNS = [("article_id", "VARCHAR"), ("shingles", "INTEGER"), ("signature", "BLOB")]
LSH_COLUMNS = [("article_id", "VARCHAR"), ("band", "INTEGER"), ("bucket", "UBIGINT")]


def candidate_pairs(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    return con.execute(f"""
        WITH buckets AS (
            SELECT band, bucket FROM article_lsh GROUP BY band, bucket
            HAVING count(*) BETWEEN 2 AND {MAX_BUCKET})
        SELECT DISTINCT a.article_id, b.article_id
        FROM article_lsh a JOIN buckets USING (band, bucket) JOIN article_lsh b USING (band, bucket)
        WHERE a.article_id < b.article_id""").fetchall()


def _find(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def components(ids: Iterable[str], pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    parent = {i: i for i in ids}
    for a, b in pairs:
        if a in parent and b in parent:
            ra, rb = _find(parent, a), _find(parent, b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for i in parent:
        groups.setdefault(_find(parent, i), []).append(i)
    return list(groups.values())


def similar_pairs(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    return _similar(con, candidate_pairs(con))


def _similar(con: duckdb.DuckDBPyConnection, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The candidate pairs whose signatures say they tell the same story."""
    if not pairs:
        return []
    involved = sorted({i for pair in pairs for i in pair})
    rows = con.execute("SELECT article_id, shingles, signature FROM article_minhash "
                       "WHERE article_id IN (SELECT unnest(?))", [involved]).fetchall()
    sigs = {i: (np.frombuffer(s, dtype=np.uint32), n) for i, n, s in rows}
    return [(a, b) for a, b in pairs if a in sigs and b in sigs
            and same_story(sigs[a][0], sigs[a][1], sigs[b][0], sigs[b][1])]


def cluster_articles(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Sign new articles, cluster the whole corpus, set articles.cluster_id and the clusters table."""
    hashed = add_signatures(con)
    # LSH rows whose signature went (a store left by an interrupted clean-up): the full step checks all
    con.execute("DELETE FROM article_lsh WHERE article_id NOT IN (SELECT article_id FROM article_minhash)")
    pairs = similar_pairs(con)
    articles = con.execute("SELECT id, published, length(text) FROM articles").fetchall()
    info = {i: (published, length or 0) for i, published, length in articles}
    rows = [cluster_row(members, info) for members in components(info, pairs)]
    with transaction(con):
        _write_clusters(con, rows, None)
        con.execute("DELETE FROM lsh_crowded")
        con.execute(f"INSERT INTO lsh_crowded SELECT band, bucket FROM article_lsh GROUP BY ALL "
                    f"HAVING count(*) > {MAX_BUCKET}")
    return {"signed": hashed, "clusters": len(rows), "duplicates": sum(r[2] - 1 for r in rows)}


def cluster_row(members: list[str], info: dict[str, tuple[str | None, int]]) -> tuple:
    """(cluster_id, canonical_id, size, first_published, article_ids) of one component."""
    # canonical: earliest published (undated last), then the longest text, then the smallest id
    members = sorted(members, key=lambda i: (info[i][0] is None, info[i][0] or "", -info[i][1], i))
    canonical = members[0]
    return (canonical, canonical, len(members), info[canonical][0], sorted(members))


def _write_clusters(con: duckdb.DuckDBPyConnection, rows: list[tuple], removed: list[str] | None,
                    assign: list[tuple] | None = None) -> None:
    """Write cluster rows (inside the caller's transaction), replacing the whole table (`removed`
    None) or the rows of the `removed` cluster ids; set articles.cluster_id from the `assign` rows
    (default: the rows written)."""
    con.register("_clusters", _cluster_table(rows))
    con.register("_assigned", _cluster_table(rows if assign is None else assign))
    try:
        if removed is None:
            con.execute("DELETE FROM clusters")
        elif removed:
            con.execute("DELETE FROM clusters WHERE cluster_id IN (SELECT unnest(?))", [removed])
        con.execute("INSERT INTO clusters SELECT * FROM _clusters")
        con.execute("""
            UPDATE articles SET cluster_id = m.cluster_id
            FROM (SELECT cluster_id, unnest(article_ids) AS id FROM _assigned) m
            WHERE articles.id = m.id AND articles.cluster_id IS DISTINCT FROM m.cluster_id""")
    finally:
        con.unregister("_clusters")
        con.unregister("_assigned")


def _cluster_table(rows: list[tuple]):
    import pyarrow as pa

    return pa.table({"cluster_id": pa.array([r[0] for r in rows], pa.string()),
                      "canonical_id": pa.array([r[1] for r in rows], pa.string()),
                      "size": pa.array([r[2] for r in rows], pa.int32()),
                      "first_published": pa.array([r[3] for r in rows], pa.string()),
                      "article_ids": pa.array([r[4] for r in rows], pa.list_(pa.string()))})


def update_clusters(con: duckdb.DuckDBPyConnection, changed: list[str], deleted: list[str]
                    ) -> tuple[dict[str, int], set[str]]:
    """The clusters after `changed` articles were written (new or replaced, already signed) and
    `deleted` ones removed, equal to those of `cluster_articles` on the whole store, computed from
    the clusters they touch only (inside the caller's transaction). Returns the counts and the
    articles whose cluster changed (their merged events must be redone).

    Only some pairs can have changed: pairs with a changed or deleted article, and pairs sharing a
    bucket that crossed MAX_BUCKET (it stops or starts counting). The old clusters holding one of
    those articles are taken apart and rebuilt from their members' pairs; every other cluster keeps
    all its pairs, so it stays whole and joins a rebuilt one as a block when a pair links them.
    """
    # buckets that crossed MAX_BUCKET: only those a changed article joined can have grown, and
    # only those crowded before can have shrunk below it
    counts = con.execute("""
        WITH touched AS (SELECT band, bucket FROM article_lsh WHERE article_id IN (SELECT unnest(?))
                         UNION SELECT band, bucket FROM lsh_crowded)
        SELECT band, bucket, count(*) FROM touched JOIN article_lsh USING (band, bucket) GROUP BY ALL""",
                         [changed]).fetchall()
    crowded_before = set(con.execute("SELECT band, bucket FROM lsh_crowded").fetchall())
    crowded_now = {(band, bucket) for band, bucket, n in counts if n > MAX_BUCKET}
    crossed = sorted(crowded_before ^ crowded_now)
    # articles that may sit in an old cluster: re-written and deleted ones (a new article is in none yet)
    seeds = set(deleted) | {r[0] for r in con.execute(
        "SELECT article_id FROM corpus_articles WHERE article_id IN (SELECT unnest(?))", [changed]).fetchall()}
    if crossed:
        seeds |= {row[0] for row in con.execute(
            f"SELECT article_id FROM article_lsh JOIN {_BUCKETS} USING (band, bucket)", _columns(crossed)).fetchall()}
    con.execute("DELETE FROM lsh_crowded")
    if crowded_now:
        con.execute(f"INSERT INTO lsh_crowded SELECT * FROM {_BUCKETS}", _columns(sorted(crowded_now)))
    old = {r[0]: r for r in con.execute(
        "SELECT * FROM clusters WHERE list_has_any(article_ids, ?)", [sorted(seeds)]).fetchall()} if seeds else {}
    gone = set(deleted)
    rebuilt = sorted(({i for r in old.values() for i in r[4]} | set(changed)) - gone)
    pairs = _pairs_of(con, rebuilt)
    # an article outside the rebuilt ones stands for its whole (unchanged) cluster
    outside = sorted({i for pair in pairs for i in pair} - set(rebuilt))
    block = dict(con.execute("SELECT id, cluster_id FROM articles WHERE id IN (SELECT unnest(?))",
                             [outside]).fetchall()) if outside else {}
    blocks = sorted(set(block.values()))
    joined = {r[0]: r for r in con.execute(
        "SELECT * FROM clusters WHERE cluster_id IN (SELECT unnest(?))", [blocks]).fetchall()} if blocks else {}
    nodes = rebuilt + blocks
    groups = components(nodes, [(block.get(a, a), block.get(b, b)) for a, b in pairs])
    members = [[i for node in group for i in (joined[node][4] if node in joined else [node])] for group in groups]
    ids = sorted({i for group in members for i in group})
    info = {i: (published, 0) for i, published in con.execute(
        "SELECT id, published FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()}
    # the length breaks ties between members only: a lone article's text is not read
    shared = sorted({i for group in members if len(group) > 1 for i in group})
    info |= {i: (published, length or 0) for i, published, length in con.execute(
        "SELECT id, published, length(text) FROM articles WHERE id = ANY(?::VARCHAR[])", [shared]).fetchall()
             } if shared else {}
    rows = [cluster_row(group, info) for group in members]
    before = {**old, **joined}
    added = [r for r in rows if before.get(r[0]) != r]
    now = {r[0]: r for r in rows}
    removed = sorted(c for c, row in before.items() if now.get(c) != row)
    _write_clusters(con, added, removed, assign=rows)  # a replaced article in an unchanged cluster gets its id back
    moved = {i for r in added for i in r[4]} | {i for c in removed for i in before[c][4]} | set(changed) | gone
    return {"clusters": len(rows)}, moved


# (band, bucket) pairs passed as two lists, as a table to join
_BUCKETS = "(SELECT unnest(?::INTEGER[]) AS band, unnest(?::UBIGINT[]) AS bucket)"


def _columns(buckets: list[tuple[int, int]]) -> list[list[int]]:
    return [[b[0] for b in buckets], [b[1] for b in buckets]]


def _pairs_of(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[tuple[str, str]]:
    """The similar pairs (as `similar_pairs` finds them) that have at least one article of `ids`."""
    if not ids:
        return []
    pairs = con.execute(f"""
        WITH mine AS (SELECT article_id, band, bucket FROM article_lsh WHERE article_id IN (SELECT unnest(?))),
        buckets AS (SELECT band, bucket FROM article_lsh JOIN (SELECT DISTINCT band, bucket FROM mine)
                    USING (band, bucket) GROUP BY ALL HAVING count(*) BETWEEN 2 AND {MAX_BUCKET})
        SELECT DISTINCT least(a.article_id, b.article_id), greatest(a.article_id, b.article_id)
        FROM mine a JOIN buckets USING (band, bucket) JOIN article_lsh b USING (band, bucket)
        WHERE a.article_id <> b.article_id""", [ids]).fetchall()
    return _similar(con, sorted(pairs))
# An event's actor as a key: the corpus actor id when resolved, else its name and country.
_ACTOR_KEY = ("coalesce(e.{p}_actor_id, lower(coalesce(e.{p}_canonical, e.{p}_text)) || '|' "
              "|| coalesce(e.{p}_country, ''), '')")

# Every event row with its key: the real-world event it reports. Story-level values (the first day and
# place a story gives the event) come from the story's own rows, so a key changes only with its story.
KEYED_EVENTS_SQL = f"""
WITH ev AS (
    SELECT e.*, coalesce(a.cluster_id, a.id) AS story, a.source AS outlet,
           {_ACTOR_KEY.format(p="source")} AS src, {_ACTOR_KEY.format(p="target")} AS tgt,
           coalesce(e.date, substr(a.published, 1, 10)) AS day,
           lower(coalesce(e.place_name, e.place_text, '')) AS place_key,
           coalesce(a.published, '9999') || ' ' || e.article_id || ' ' || lpad(CAST(e.seq AS VARCHAR), 6, '0')
               AS first
    FROM events e JOIN articles a ON a.id = e.article_id {{scope}}
),
-- one story's reports of one event: same cluster, type, actors and polarity
story_events AS (
    SELECT story, type, src, tgt, negated, min(day) AS story_day,
           coalesce(arg_min(place_key, first) FILTER (WHERE place_key <> ''), '') AS story_place
    FROM ev GROUP BY ALL
)
-- stories reporting the same event: same full date, type, actors and place (two of actors/place known)
SELECT ev.*, s.story_day,
       CASE WHEN length(s.story_day) = 10
                 AND (ev.src <> '')::INT + (ev.tgt <> '')::INT + (s.story_place <> '')::INT >= 2
            THEN md5(concat_ws('|', 'day', ev.type, ev.src, ev.tgt, ev.negated, s.story_day, s.story_place))
            ELSE md5(concat_ws('|', 'story', ev.story, ev.type, ev.src, ev.tgt, ev.negated)) END AS event_key
FROM ev JOIN story_events s USING (story, type, src, tgt, negated)
"""

# One corpus event per key, from the keyed rows in `_keyed`.
MERGE_KEYED_SQL = """
SELECT event_key, any_value(type), arg_min(mode, first) FILTER (WHERE mode IS NOT NULL),
       arg_min(cameo, first) FILTER (WHERE cameo IS NOT NULL), any_value(negated),
       arg_min(coalesce(source_canonical, source_text), first), arg_min(source_country, first),
       arg_min(source_actor_id, first),
       arg_min(coalesce(target_canonical, target_text), first), arg_min(target_country, first),
       arg_min(target_actor_id, first),
       min(story_day), arg_min(coalesce(place_name, place_text), first),
       arg_min(place_country, first), arg_min(place_lat, first), arg_min(place_lon, first),
       count(*), count(DISTINCT article_id), count(DISTINCT story), count(DISTINCT outlet),
       list(DISTINCT article_id ORDER BY article_id), arg_min(article_id, first), arg_min(sentence, first)
FROM _keyed {where} GROUP BY event_key
"""
MERGE_EVENTS_SQL = "WITH _keyed AS (" + KEYED_EVENTS_SQL.format(scope="") + ")" + MERGE_KEYED_SQL.format(where="")


def merge_events(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rebuild corpus_events from the events table: one row per real-world event."""
    with transaction(con):
        con.execute("CREATE OR REPLACE TEMP TABLE _keyed AS " + KEYED_EVENTS_SQL.format(scope=""))
        try:
            con.execute("DELETE FROM corpus_events")
            con.execute("INSERT INTO corpus_events " + MERGE_KEYED_SQL.format(where=""))
            con.execute("DELETE FROM event_keys")
            con.execute("INSERT INTO event_keys SELECT DISTINCT article_id, event_key FROM _keyed")
        finally:
            con.execute("DROP TABLE _keyed")
    return _merged_counts(con)


def _merged_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    merged = con.execute("SELECT count(*), coalesce(sum(mentions), 0) FROM corpus_events").fetchone()
    return {"corpus_events": merged[0], "event_mentions": int(merged[1])}


def update_merged_events(con: duckdb.DuckDBPyConnection, touched: set[str]) -> dict[str, int]:
    """corpus_events after the `touched` articles changed (written, deleted, moved to another cluster,
    or given other actor ids), equal to `merge_events` on the whole store (inside the caller's
    transaction): the keys of their stories' rows, old and new, are merged again from all their rows."""

    def _story_rows(clusters_sql: str) -> tuple[str, list]:
        """The scope of KEYED_EVENTS_SQL for the stories `clusters_sql` lists: their articles' events only."""
        ids = [r[0] for r in con.execute(
            f"SELECT id FROM articles WHERE cluster_id IN ({clusters_sql}) ORDER BY id").fetchall()]
        events, params = rows_of(con, "events", "article_id", ids, alias="e.")
        return f"WHERE {events}", params

    con.execute("CREATE OR REPLACE TEMP TABLE _touched AS SELECT unnest(?::VARCHAR[]) AS id", [sorted(touched)])
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _stories AS "
                    "SELECT DISTINCT cluster_id FROM articles WHERE id IN (SELECT id FROM _touched)")
        scope, params = _story_rows("SELECT cluster_id FROM _stories")
        con.execute("CREATE OR REPLACE TEMP TABLE _keyed AS " + KEYED_EVENTS_SQL.format(scope=scope), params)
        con.execute("CREATE OR REPLACE TEMP TABLE _rekeyed AS SELECT DISTINCT article_id FROM _keyed")
        # keys to merge again: the touched stories' keys now, and the keys their rows had before
        con.execute("""CREATE OR REPLACE TEMP TABLE _keys AS
            SELECT event_key FROM _keyed UNION
            SELECT event_key FROM event_keys WHERE article_id IN (SELECT id FROM _touched)
                OR article_id IN (SELECT article_id FROM _rekeyed)""")
        # the other stories with rows of those keys: their rows keep their keys, and are merged again
        scope, params = _story_rows("""
            SELECT a2.cluster_id FROM event_keys k JOIN articles a2 ON a2.id = k.article_id
            WHERE k.event_key IN (SELECT event_key FROM _keys) AND a2.cluster_id NOT IN (SELECT cluster_id FROM _stories)""")
        con.execute("INSERT INTO _keyed " + KEYED_EVENTS_SQL.format(scope=scope), params)
        con.execute("DELETE FROM corpus_events WHERE event_key IN (SELECT event_key FROM _keys)")
        con.execute("INSERT INTO corpus_events " + MERGE_KEYED_SQL.format(
            where="WHERE event_key IN (SELECT event_key FROM _keys)"))
        con.execute("""DELETE FROM event_keys WHERE article_id IN (SELECT id FROM _touched)
                       OR article_id IN (SELECT article_id FROM _rekeyed)""")
        con.execute("INSERT INTO event_keys SELECT DISTINCT article_id, event_key FROM _keyed "
                    "WHERE article_id IN (SELECT article_id FROM _rekeyed)")
    finally:
        for table in ("_touched", "_stories", "_keyed", "_keys", "_rekeyed"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
    return _merged_counts(con)
