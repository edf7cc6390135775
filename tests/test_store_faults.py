"""Store safety under faults: a full disk, a read-only file system, a second process.

The disk and the read-only file system are real: a small tmpfs mounted for the test (root
only; skipped where mounting is not allowed).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from newsevents import store

STORY = ("Government troops withdrew from the border town of {town} on Monday, officials said. "
         "Interior Minister Ahmed Salih said {n} soldiers had left the area after talks in Geneva.\n\n")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsevents", *args], capture_output=True, timeout=600)


def _mount_tmpfs(mount_point, size_bytes: int) -> None:
    size_kb = size_bytes // 1024 + 1
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mount_point)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")


@pytest.fixture
def mounts():
    mounted = []
    yield mounted
    for mount_point in mounted:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def _summary(db: str) -> dict[str, int]:
    con = store.connect(db, read_only=True)
    try:
        return store.summary(con)
    finally:
        con.close()


def test_disk_full_and_read_only_keep_what_was_stored(mounts, tmp_path):
    first = tmp_path / "first.txt"
    first.write_text(STORY.format(town="Kassala", n=300))
    # A disk with room for the first article and a little more: measured, not guessed.
    probe = tmp_path / "probe.duckdb"
    assert cli("process", str(first), "--db", str(probe)).returncode == 0
    disk = tmp_path / "disk"
    disk.mkdir()
    _mount_tmpfs(disk, probe.stat().st_size + 2_000_000)
    mounts.append(disk)
    db = str(disk / "n.duckdb")
    proc = cli("process", str(first), "--db", db)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    before = _summary(db)
    assert before["articles"] == 1

    big = tmp_path / "big.jsonl"
    with big.open("w") as out:
        for i in range(3000):
            text = "".join(STORY.format(town=f"Town{i}x{j}", n=i + j) for j in range(6))
            out.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")
    proc = cli("process", str(big), "--db", db)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err[-2000:]
    assert "No space left on device" in err and "Traceback" not in err
    after = _summary(db)
    assert after["articles"] >= before["articles"] and after["entities"] >= before["entities"]

    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    proc = cli("process", str(first), "--db", db, "--force")
    assert proc.returncode == 2
    assert "Read-only file system" in proc.stderr.decode()
    assert _summary(db) == after


def test_a_second_writer_gets_a_clear_error(tmp_path):
    db = str(tmp_path / "locked.duckdb")
    store.connect(db).close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from newsevents import store
        con = store.connect({db!r})
        print("open", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"open"
        with pytest.raises(store.StoreError, match="in use by another process"):
            store.connect(db)
        with pytest.raises(store.StoreError, match="in use by another process"):
            store.connect(db, read_only=True)
    finally:
        holder.kill()
        holder.wait()
    assert store.connect(db, read_only=True).execute("SELECT count(*) FROM articles").fetchone() == (0,)
