"""The corpus step: story clusters, cross-article actors and merged events for a store, either
recomputed over every article (`full_step`) or updated for the articles written or removed since the
last step (`incremental_step`), with the same result.

The store keeps what the last step was computed from (store.CORPUS_SQL): each article's version
(`corpus_articles`: id and processed_at), the LSH buckets too full to count (`lsh_crowded`), the
name rows of the actors (`actor_names`) and of each article (`article_actor_names`), and the merged
event key of each article's events (`event_keys`). An article whose version is not the one recorded,
or whose cluster_id is empty (its rows were written again), is changed; a recorded one no longer in
the store is deleted.
"""

from __future__ import annotations

import duckdb

from newsevents.resolve.clusters import (
    add_signatures,
    cluster_articles,
    merge_events,
    update_clusters,
    update_merged_events,
)
from newsevents.resolve.corpus_actors import resolve_actors, update_actors
from newsevents.store import transaction

# Bumped when the state tables change meaning: a store marked otherwise gets a full step first.
STATE_VERSION = "1"


def corpus_step(con: duckdb.DuckDBPyConnection, full: bool = False) -> dict[str, int]:
    """The incremental step when the store holds the state of a previous one, else the full step."""
    mark = con.execute("SELECT value FROM meta WHERE key = 'corpus_state'").fetchone()
    if full or mark is None or mark[0] != STATE_VERSION:
        return full_step(con)
    return incremental_step(con)


def full_step(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Clusters, actors and merged events recomputed over the whole store."""
    con.execute("DELETE FROM meta WHERE key = 'corpus_state'")  # an interrupted full step is redone whole
    counts = cluster_articles(con)
    counts.update(resolve_actors(con))
    counts.update(merge_events(con))
    with transaction(con):
        con.execute("DELETE FROM corpus_articles")
        con.execute("INSERT INTO corpus_articles SELECT id, processed_at FROM articles")
        con.execute("INSERT OR REPLACE INTO meta VALUES ('corpus_state', ?)", [STATE_VERSION])
    return counts


def changes(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[str]]:
    """(articles written since the last step, articles removed since)."""
    changed = [r[0] for r in con.execute("""
        SELECT id FROM articles a WHERE a.cluster_id IS NULL OR NOT EXISTS (
            SELECT 1 FROM corpus_articles c WHERE c.article_id = a.id
                                              AND c.processed_at IS NOT DISTINCT FROM a.processed_at)
        ORDER BY id""").fetchall()]
    deleted = [r[0] for r in con.execute(
        "SELECT article_id FROM corpus_articles WHERE article_id NOT IN (SELECT id FROM articles) "
        "ORDER BY article_id").fetchall()]
    return changed, deleted


def incremental_step(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Clusters, actors and merged events updated for the changed and deleted articles only, in one
    transaction (an interrupted step leaves the store as the previous step left it)."""
    counts = {"signed": add_signatures(con)}  # its own transactions: a signature is right whenever it is kept
    changed, deleted = changes(con)
    counts.update(changed=len(changed), deleted=len(deleted))
    if not changed and not deleted:
        return counts
    with transaction(con):
        cluster_counts, moved = update_clusters(con, changed, deleted)
        actor_counts, recoded = update_actors(con, changed, deleted)
        counts.update(cluster_counts, **actor_counts)
        counts.update(update_merged_events(con, moved | recoded | set(changed) | set(deleted)))
        con.execute("DELETE FROM corpus_articles WHERE article_id IN (SELECT unnest(?))", [changed + deleted])
        con.execute("INSERT INTO corpus_articles SELECT id, processed_at FROM articles WHERE id IN (SELECT unnest(?))",
                    [changed])
    size = con.execute("SELECT count(*), coalesce(sum(size - 1), 0) FROM clusters").fetchone()
    counts.update(clusters=size[0], duplicates=int(size[1]))
    return counts
