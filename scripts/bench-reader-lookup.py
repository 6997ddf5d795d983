#!/usr/bin/env python3
# Times the session lookup (one row, every request) on a reader connection while a writer
# commits 10 rows at a time in a loop, with and without SQLite's memory map, on copies of
# a demo database (BENCHMARKS.md, e-Khidmat, "No memory map"). Usage:
#   daftar demo --data-dir /tmp/d   (log in once, e.g. run scripts/bench-khidmat, then stop it)
#   python3 scripts/bench-reader-lookup.py /tmp/d/daftar.db
import sqlite3, time, multiprocessing as mp, shutil, sys, os, tempfile
if len(sys.argv) != 2:
    sys.exit('usage: bench-reader-lookup.py DEMO/daftar.db')
SRC = sys.argv[1]
WORK = tempfile.mkdtemp()
Q = """SELECT t.id, t.slug, t.code, t.name, t.name_ur, t.government, t.government_ur, t.accent_colour,
  COALESCE((SELECT c.stamp FROM config_stamps c WHERE c.tenant_id = t.id), 0) AS config_stamp,
  u.id AS user_id, u.username, u.display_name, u.disabled, u.created_at,
  (SELECT group_concat(g.id || '|' || g.role, ';') FROM grants g WHERE g.tenant_id = s.tenant_id AND g.user_id = s.user_id) AS grants
  FROM sessions s JOIN users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id
  JOIN tenants t ON t.id = s.tenant_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0"""

def writer(db, stop):
    c = sqlite3.connect(db, isolation_level=None)
    c.execute('PRAGMA journal_mode=WAL'); c.execute('PRAGMA synchronous=FULL')
    c.execute('CREATE TABLE IF NOT EXISTS scratch (id INTEGER PRIMARY KEY, body TEXT)')
    c.execute('CREATE INDEX IF NOT EXISTS scratch_body ON scratch (body)')
    i = 0
    while not stop.is_set():
        c.execute('BEGIN IMMEDIATE')
        for _ in range(10):
            c.execute('INSERT INTO scratch (body) VALUES (?)', (os.urandom(200).hex(),))
        c.execute('COMMIT'); i += 1

def run(mmap, label):
    db = os.path.join(WORK, f'{label}.db')
    for ext in ('', '-wal', '-shm'):
        if os.path.exists(db + ext): os.unlink(db + ext)
    shutil.copy(SRC, db)
    r = sqlite3.connect(db, isolation_level=None)
    r.execute('PRAGMA journal_mode=WAL'); r.execute('PRAGMA cache_size=-16384'); r.execute(f'PRAGMA mmap_size={mmap}')
    token = r.execute('SELECT token_hash FROM sessions LIMIT 1').fetchone()[0]
    stop = mp.Event(); w = mp.Process(target=writer, args=(db, stop)); w.start(); time.sleep(1)
    lat = []
    end = time.time() + 6
    while time.time() < end:
        t = time.perf_counter(); r.execute(Q, (token, '2000-01-01')).fetchall(); lat.append((time.perf_counter() - t) * 1e6)
        time.sleep(0.002)
    stop.set(); w.join()
    lat.sort(); q = lambda p: lat[int(p * len(lat)) - 1]
    print(f'{label}: n={len(lat)} p50={q(.5):.0f} µs p90={q(.9):.0f} p99={q(.99):.0f} max={lat[-1]:.0f}')

if __name__ == '__main__':
    for rep in range(2):
        run(0, 'no-mmap'); run(17179869184, 'mmap-16GiB')
    shutil.rmtree(WORK)
