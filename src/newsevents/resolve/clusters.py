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
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

import duckdb
import numpy as np

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
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations  # drawn once, not per article


def signature(text: str) -> tuple[int, np.ndarray]:
    """(number of shingles, MinHash signature as uint32) of one article body."""
    from datasketch import MinHash

    items = shingles(text)
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    if items:
        minhash.update_batch(list(items))
    # datasketch keeps 32-bit values in uint64 slots: half the bytes in the store
    return len(items), minhash.hashvalues.astype(np.uint32)


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
    con.execute("DELETE FROM article_minhash WHERE article_id NOT IN (SELECT id FROM articles)")
    con.execute("DELETE FROM article_lsh WHERE article_id NOT IN (SELECT id FROM articles)")
    cursor = con.cursor()
    cursor.execute("SELECT id, text FROM articles WHERE id NOT IN (SELECT article_id FROM article_minhash)")
    added = 0
    while rows := cursor.fetchmany(fetch):
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
    cursor.close()
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
    pairs = candidate_pairs(con)
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
    pairs = similar_pairs(con)
    articles = con.execute("SELECT id, published, length(text) FROM articles").fetchall()
    info = {i: (published, length or 0) for i, published, length in articles}
    rows = []
    for members in components(info, pairs):
        # canonical: earliest published (undated last), then the longest text, then the smallest id
        members.sort(key=lambda i: (info[i][0] is None, info[i][0] or "", -info[i][1], i))
        canonical = members[0]
        rows.append((canonical, canonical, len(members), info[canonical][0], sorted(members)))
    import pyarrow as pa

    table = pa.table({"cluster_id": [r[0] for r in rows], "canonical_id": [r[1] for r in rows],
                      "size": pa.array([r[2] for r in rows], pa.int32()),
                      "first_published": [r[3] for r in rows], "article_ids": [r[4] for r in rows]})
    con.register("_clusters", table)
    try:
        with transaction(con):
            con.execute("DELETE FROM clusters")
            con.execute("INSERT INTO clusters SELECT * FROM _clusters")
            con.execute("""
                UPDATE articles SET cluster_id = m.cluster_id
                FROM (SELECT cluster_id, unnest(article_ids) AS id FROM _clusters) m
                WHERE articles.id = m.id AND articles.cluster_id IS DISTINCT FROM m.cluster_id""")
    finally:
        con.unregister("_clusters")
    return {"signed": hashed, "clusters": len(rows), "duplicates": sum(r[2] - 1 for r in rows)}


# An event's actor as a key: the corpus actor id when resolved, else its name and country.
_ACTOR_KEY = ("coalesce(e.{p}_actor_id, lower(coalesce(e.{p}_canonical, e.{p}_text)) || '|' "
              "|| coalesce(e.{p}_country, ''), '')")

MERGE_EVENTS_SQL = f"""
WITH ev AS (
    SELECT e.*, coalesce(a.cluster_id, a.id) AS story, a.source AS outlet,
           {_ACTOR_KEY.format(p="source")} AS src, {_ACTOR_KEY.format(p="target")} AS tgt,
           coalesce(e.date, substr(a.published, 1, 10)) AS day,
           lower(coalesce(e.place_name, e.place_text, '')) AS place_key,
           coalesce(a.published, '9999') || ' ' || e.article_id || ' ' || lpad(CAST(e.seq AS VARCHAR), 6, '0')
               AS first
    FROM events e JOIN articles a ON a.id = e.article_id
),
-- one story's reports of one event: same cluster, type, actors and polarity
story_events AS (
    SELECT story, type, src, tgt, negated, min(day) AS story_day,
           coalesce(arg_min(place_key, first) FILTER (WHERE place_key <> ''), '') AS story_place
    FROM ev GROUP BY ALL
),
-- stories reporting the same event: same full date, type, actors and place (two of actors/place known)
keyed AS (
    SELECT ev.*, s.story_day,
           CASE WHEN length(s.story_day) = 10
                     AND (ev.src <> '')::INT + (ev.tgt <> '')::INT + (s.story_place <> '')::INT >= 2
                THEN md5(concat_ws('|', 'day', ev.type, ev.src, ev.tgt, ev.negated, s.story_day, s.story_place))
                ELSE md5(concat_ws('|', 'story', ev.story, ev.type, ev.src, ev.tgt, ev.negated)) END AS event_key
    FROM ev JOIN story_events s USING (story, type, src, tgt, negated)
)
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
FROM keyed GROUP BY event_key
"""


def merge_events(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rebuild corpus_events from the events table: one row per real-world event."""
    with transaction(con):
        con.execute("DELETE FROM corpus_events")
        con.execute("INSERT INTO corpus_events " + MERGE_EVENTS_SQL)
    merged = con.execute("SELECT count(*), coalesce(sum(mentions), 0) FROM corpus_events").fetchone()
    return {"corpus_events": merged[0], "event_mentions": int(merged[1])}
