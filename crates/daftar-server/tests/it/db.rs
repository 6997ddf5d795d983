//! Write transactions under concurrency: on SQLite they commit in groups, on PostgreSQL
//! one by one. Either way a transaction that commits is durable when `commit` returns
//! (another connection sees it), one that fails or is dropped leaves nothing and does
//! not take others with it, and no transaction leaves the database locked.

use std::time::Duration;

use daftar_platform::Db;

use crate::harness::{Backend, TestApp, backends};

pub(crate) async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(db.pool())
        .await
        .expect("count")
}

/// An empty app with a `probe (k, v)` table to write to; with `sqlite_only`, `None` on
/// other engines (for tests of SQLite's commit groups).
pub(crate) async fn probe_app(backend: &Backend, sqlite_only: bool) -> Option<TestApp> {
    let app = TestApp::empty(backend).await;
    if sqlite_only && app.state.db.backend() != daftar_platform::db::Backend::Sqlite {
        return None;
    }
    app.tamper("CREATE TABLE probe (k TEXT PRIMARY KEY, v BIGINT NOT NULL)")
        .await;
    Some(app)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_transactions_commit_durably_and_roll_back_alone() {
    for backend in backends() {
        let Some(app) = probe_app(&backend, false).await else {
            continue;
        };
        // Another connection to the same database, as another process would have.
        let url = app.state.settings.database_url().expose().to_owned();
        let other = Db::connect(&url, 2).await.expect("second connection");
        let mut tasks = Vec::new();
        for i in 0..60_i64 {
            let db = app.state.db.clone();
            let other = other.clone();
            tasks.push(tokio::spawn(async move {
                let mut tx = db.begin().await.expect("begin");
                sqlx::query("INSERT INTO probe (k, v) VALUES ($1, $2)")
                    .bind(format!("k{i}"))
                    .bind(i)
                    .execute(&mut *tx)
                    .await
                    .expect("insert");
                tokio::task::yield_now().await;
                match i % 4 {
                    // Dropped: rolled back.
                    0 => drop(tx),
                    // A statement fails (a key taken in this very transaction); the
                    // caller gives up.
                    1 => {
                        let dup = sqlx::query("INSERT INTO probe (k, v) VALUES ($1, 0)")
                            .bind(format!("k{i}"))
                            .execute(&mut *tx)
                            .await;
                        assert!(dup.is_err(), "a duplicate key must fail");
                        tx.rollback().await.expect("rollback");
                    }
                    _ => {
                        tx.commit().await.expect("commit");
                        let seen = sqlx::query_scalar::<_, i64>("SELECT v FROM probe WHERE k = $1")
                            .bind(format!("k{i}"))
                            .fetch_optional(other.pool())
                            .await
                            .expect("read");
                        assert_eq!(seen, Some(i), "k{i} committed but not visible elsewhere");
                    }
                }
            }));
        }
        for t in tasks {
            t.await.expect("task");
        }
        assert_eq!(count(&app.state.db, "SELECT COUNT(*) FROM probe").await, 30);
        assert_eq!(
            count(
                &app.state.db,
                "SELECT COUNT(*) FROM probe WHERE v % 4 IN (0, 1)"
            )
            .await,
            0
        );
        // A transaction dropped with nobody after it leaves no lock behind: the other
        // connection writes at once (not after its busy timeout).
        let tx = app.state.db.begin().await.expect("begin");
        drop(tx);
        tokio::time::sleep(Duration::from_millis(50)).await;
        let write = async {
            let mut tx = other.begin().await.expect("begin elsewhere");
            sqlx::query("INSERT INTO probe (k, v) VALUES ('elsewhere', 2)")
                .execute(&mut *tx)
                .await
                .expect("insert elsewhere");
            tx.commit().await.expect("commit elsewhere");
        };
        tokio::time::timeout(Duration::from_secs(3), write)
            .await
            .expect("the database was left locked");
        assert_eq!(count(&app.state.db, "SELECT COUNT(*) FROM probe").await, 31);
        other.pool().close().await;
    }
}

/// On SQLite a group is committed by the last transaction that was waiting for the
/// writer when its first member was released. Should that one be abandoned while it
/// waits (its request dropped), the group is still committed and its members answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_commits_when_the_transaction_to_end_it_is_abandoned() {
    for backend in backends() {
        let Some(app) = probe_app(&backend, true).await else {
            continue;
        };
        let db = &app.state.db;
        let mut first = db.begin().await.expect("begin");
        sqlx::query("INSERT INTO probe (k, v) VALUES ('first', 1)")
            .execute(&mut *first)
            .await
            .expect("insert");
        // Another transaction waits for the writer, and is given up.
        let abandoned = tokio::time::timeout(Duration::from_millis(50), db.begin()).await;
        assert!(abandoned.is_err(), "the writer is held by the first");
        // The first is released while the abandoned one was still counted as waiting.
        tokio::time::timeout(Duration::from_secs(3), first.commit())
            .await
            .expect("the group was left uncommitted")
            .expect("commit");
        assert_eq!(count(db, "SELECT COUNT(*) FROM probe").await, 1);
        // And the writer goes on.
        let mut next = db.begin().await.expect("begin");
        sqlx::query("INSERT INTO probe (k, v) VALUES ('next', 2)")
            .execute(&mut *next)
            .await
            .expect("insert");
        next.commit().await.expect("commit");
        assert_eq!(count(db, "SELECT COUNT(*) FROM probe").await, 2);
    }
}

/// On SQLite the transaction that opens a group runs without a savepoint of its own: a
/// member that fails after it leaves its writes in the group, and when it fails itself
/// the group it was goes with it, while a transaction waiting for the writer starts a
/// new group.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_transaction_that_opens_a_group_and_a_member_roll_back_alone() {
    for backend in backends() {
        let Some(app) = probe_app(&backend, false).await else {
            continue;
        };
        let db = app.state.db.clone();
        let insert =
            |k: &'static str| sqlx::query("INSERT INTO probe (k, v) VALUES ($1, 1)").bind(k);

        // The opener commits while a member waits; the member then fails and is dropped:
        // the opener's write is committed, the member's is not.
        let mut opener = db.begin().await.expect("begin");
        opener.run(insert("opener")).await.expect("insert");
        let member = {
            let db = db.clone();
            tokio::spawn(async move {
                let mut tx = db.begin().await.expect("begin");
                tx.run(insert("member")).await.expect("insert");
                // A key taken in this very transaction: the statement fails.
                assert!(tx.run(insert("member")).await.is_err());
                drop(tx);
            })
        };
        // Let the member draw its ticket before the opener releases.
        tokio::time::sleep(Duration::from_millis(50)).await;
        tokio::time::timeout(Duration::from_secs(3), opener.commit())
            .await
            .expect("the group was left uncommitted")
            .expect("commit");
        member.await.expect("member task");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM probe WHERE k = 'opener'").await,
            1
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM probe WHERE k = 'member'").await,
            0
        );

        // The opener fails (a key already stored) and is rolled back while another waits:
        // nothing of it stays, and the one waiting commits on its own.
        let mut opener = db.begin().await.expect("begin");
        opener.run(insert("second")).await.expect("insert");
        let waiting = {
            let db = db.clone();
            tokio::spawn(async move {
                let mut tx = db.begin().await?;
                tx.run(insert("waiting")).await?;
                tx.commit().await
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(opener.run(insert("opener")).await.is_err());
        opener.rollback().await.expect("rollback");
        tokio::time::timeout(Duration::from_secs(3), waiting)
            .await
            .expect("the waiting transaction was stuck")
            .expect("task")
            .expect("commit");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM probe WHERE k = 'second'").await,
            0
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM probe WHERE k = 'waiting'").await,
            1
        );
        assert_eq!(count(&db, "SELECT COUNT(*) FROM probe").await, 2);
    }
}

/// On SQLite a transaction abandoned while its release and the group's COMMIT are on
/// their way (its request dropped) leaves the writer knowing where the group stands: the
/// members released before it are answered as their data was stored, and the writer
/// goes on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transaction_abandoned_during_its_commit_leaves_the_group_answered() {
    for backend in backends() {
        let Some(app) = probe_app(&backend, true).await else {
            continue;
        };
        let db = app.state.db.clone();
        let insert = |k: String| sqlx::query("INSERT INTO probe (k, v) VALUES ($1, 1)").bind(k);
        for round in 0..20 {
            // A member released into the group, then the one to commit it, abandoned
            // with its commit sent (polled once, then dropped).
            let mut first = db.begin().await.expect("begin");
            first
                .run(insert(format!("first{round}")))
                .await
                .expect("insert");
            let last = {
                let db = db.clone();
                tokio::spawn(async move {
                    let mut tx = db.begin().await.expect("begin");
                    tx.run(insert(format!("last{round}")))
                        .await
                        .expect("insert");
                    let _ = tokio::time::timeout(Duration::ZERO, tx.commit()).await;
                })
            };
            tokio::time::sleep(Duration::from_millis(20)).await;
            let answered = tokio::time::timeout(Duration::from_secs(3), first.commit())
                .await
                .expect("the first member was never answered");
            last.await.expect("task");
            answered.expect("the first member's commit");
            let stored = format!("SELECT COUNT(*) FROM probe WHERE k = 'first{round}'");
            assert_eq!(count(&db, &stored).await, 1, "round {round}");
            // A lone transaction abandoned the same way.
            let mut alone = db.begin().await.expect("begin");
            alone
                .run(insert(format!("alone{round}")))
                .await
                .expect("insert");
            let _ = tokio::time::timeout(Duration::ZERO, alone.commit()).await;
            // And the writer goes on.
            let mut next = db.begin().await.expect("begin");
            next.run(insert(format!("next{round}")))
                .await
                .expect("insert");
            next.commit()
                .await
                .expect("a commit after an abandoned one");
            let stored = format!("SELECT COUNT(*) FROM probe WHERE k = 'next{round}'");
            assert_eq!(count(&db, &stored).await, 1, "round {round}");
        }
    }
}

/// Writes held back with `Tx::defer` go with the next statement or the commit, in
/// order, each with its own arguments; a read through the transaction sees them; one
/// that fails fails that call and the transaction leaves nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn held_back_writes_go_in_order_and_fail_whole() {
    for backend in backends() {
        let Some(app) = probe_app(&backend, false).await else {
            continue;
        };
        let db = &app.state.db;
        let insert = |k: &str, v: i64| {
            sqlx::query("INSERT INTO probe (k, v) VALUES ($1, $2)")
                .bind(k.to_owned())
                .bind(v)
        };

        // Held back, then read through the transaction: the read sees them, with each
        // statement's own arguments (a '$1' inside quotes is text, not a placeholder).
        let mut tx = db.begin().await.expect("begin");
        tx.defer(insert("a", 1)).expect("defer");
        tx.defer(insert("b", 2)).expect("defer");
        tx.defer(
            sqlx::query("INSERT INTO probe (k, v) VALUES ('$1' || $1, $2)")
                .bind("c")
                .bind(3_i64),
        )
        .expect("defer");
        let rows = tx
            .fetch_as::<(String, i64), _>(sqlx::query("SELECT k, v FROM probe ORDER BY v"))
            .await
            .expect("read with the writes held back");
        assert_eq!(
            rows,
            vec![
                ("a".to_owned(), 1),
                ("b".to_owned(), 2),
                ("$1c".to_owned(), 3)
            ]
        );
        // The count is the last statement's, not the batch's.
        tx.defer(insert("d", 4)).expect("defer");
        let changed = tx
            .run(sqlx::query("UPDATE probe SET v = v + 10 WHERE k = $1").bind("a"))
            .await
            .expect("update");
        assert_eq!(changed, 1);
        // Held back to the commit, and durable when it returns.
        tx.defer(insert("e", 5)).expect("defer");
        tx.commit().await.expect("commit");
        assert_eq!(count(db, "SELECT COUNT(*) FROM probe").await, 5);
        assert_eq!(count(db, "SELECT v FROM probe WHERE k = 'a'").await, 11);

        // A held-back write that fails (a key taken) fails the commit; nothing of that
        // transaction stays, and the next one is unaffected.
        let mut tx = db.begin().await.expect("begin");
        tx.defer(insert("f", 6)).expect("defer");
        tx.defer(insert("a", 0)).expect("defer");
        assert!(
            tx.commit().await.is_err(),
            "a duplicate key must fail the commit"
        );
        // And when it fails the statement it was sent with.
        let mut tx = db.begin().await.expect("begin");
        tx.defer(insert("g", 7)).expect("defer");
        tx.defer(insert("b", 0)).expect("defer");
        assert!(tx.run(insert("h", 8)).await.is_err());
        drop(tx);
        let mut tx = db.begin().await.expect("begin");
        tx.defer(insert("i", 9)).expect("defer");
        tx.commit().await.expect("commit after failures");
        // A transaction opened with its first statement gets that statement's rows; one
        // whose first statement fails leaves nothing, alone or with others in the group.
        let (mut tx, rows) = db
            .begin_with(sqlx::query("SELECT v FROM probe WHERE k = $1").bind("i"))
            .await
            .expect("begin with a read");
        assert_eq!(rows.len(), 1);
        let other = db.clone();
        let failing = tokio::spawn(async move {
            other
                .begin_with(sqlx::query("INSERT INTO probe (k, v) VALUES ('b', 0)"))
                .await
                .map(|_| ())
        });
        tx.defer(insert("j", 10)).expect("defer");
        tx.commit().await.expect("commit");
        assert!(failing.await.expect("task").is_err());
        assert!(db.begin_with(insert("a", 0)).await.is_err());
        let (tx, _) = db.begin_with(insert("k", 11)).await.expect("begin after");
        tx.commit().await.expect("commit");
        assert_eq!(count(db, "SELECT COUNT(*) FROM probe").await, 8);
        assert_eq!(
            count(db, "SELECT COUNT(*) FROM probe WHERE k IN ('f', 'g', 'h')").await,
            0
        );
    }
}

/// On SQLite a transaction that commits while another waits for the writer leaves its
/// last writes and its commit to go first in that one's opening round trip. It is still
/// answered as its own round trip would have answered it: a write of its own that fails
/// fails its commit (a duplicate key: a conflict) without touching the one that carried
/// it; and it is answered, its data stored, even when the one to carry it is abandoned
/// while waiting or while opening.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_commit_carried_by_the_next_transaction_is_answered_as_its_own() {
    for backend in backends() {
        let Some(app) = probe_app(&backend, false).await else {
            continue;
        };
        let db = app.state.db.clone();
        let insert = |k: String| sqlx::query("INSERT INTO probe (k, v) VALUES ($1, 1)").bind(k);
        let (taken, _) = db.begin_with(insert("taken".into())).await.expect("begin");
        taken.commit().await.expect("commit");
        let sqlite = db.backend() == daftar_platform::db::Backend::Sqlite;
        // On SQLite each scenario below carries at least one commit.
        let carried = |before: u64| {
            let now = db.carried_commits();
            assert!(!sqlite || now > before, "no commit was carried");
            now
        };
        let mut seen = db.carried_commits();

        // Its held-back write fails: it gets the conflict, the next one commits.
        let mut first = db.begin().await.expect("begin");
        first.run(insert("first".into())).await.expect("insert");
        first.defer(insert("taken".into())).expect("defer");
        let next = {
            let db = db.clone();
            tokio::spawn(async move {
                let mut tx = db.begin().await?;
                tx.run(insert("next".into())).await?;
                tx.commit().await
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let refused = tokio::time::timeout(Duration::from_secs(3), first.commit())
            .await
            .expect("the first was never answered");
        assert!(
            matches!(refused, Err(daftar_platform::Error::Conflict { .. })),
            "{refused:?}"
        );
        tokio::time::timeout(Duration::from_secs(3), next)
            .await
            .expect("the next was stuck")
            .expect("task")
            .expect("the next commits");
        let stored = "SELECT COUNT(*) FROM probe WHERE k IN ('first', 'next')";
        assert_eq!(count(&db, stored).await, 1);
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM probe WHERE k = 'next'").await,
            1
        );
        seen = carried(seen);

        // A chain: the opener leaves its writes to the next, which ends the group while a
        // third waits, and leaves it its writes and the group's COMMIT.
        let mut opener = db.begin().await.expect("begin");
        opener.defer(insert("opener".into())).expect("defer");
        let ends = |k: &'static str, pause: u64| {
            let db = db.clone();
            tokio::spawn(async move {
                let mut tx = db.begin().await?;
                tx.run(insert(k.into())).await?;
                tokio::time::sleep(Duration::from_millis(pause)).await;
                tx.commit().await
            })
        };
        let second = ends("second", 50);
        tokio::time::sleep(Duration::from_millis(20)).await;
        let opened = tokio::spawn(opener.commit());
        tokio::time::sleep(Duration::from_millis(20)).await;
        let third = ends("third", 0);
        for t in [opened, second, third] {
            tokio::time::timeout(Duration::from_secs(3), t)
                .await
                .expect("a transaction of the chain was stuck")
                .expect("task")
                .expect("commit");
        }
        let stored = "SELECT COUNT(*) FROM probe WHERE k IN ('opener', 'second', 'third')";
        assert_eq!(count(&db, stored).await, 3);
        seen = carried(seen);

        // The same chain with the member's own held-back write failing: it alone is
        // rolled back (to its savepoint), the opener before it and the one after commit.
        let mut opener = db.begin().await.expect("begin");
        opener.defer(insert("opener2".into())).expect("defer");
        let member = {
            let db = db.clone();
            tokio::spawn(async move {
                let mut tx = db.begin().await?;
                tx.run(insert("member2".into())).await?;
                tx.defer(insert("taken".into()))?;
                tokio::time::sleep(Duration::from_millis(50)).await;
                tx.commit().await
            })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        let opened = tokio::spawn(opener.commit());
        tokio::time::sleep(Duration::from_millis(20)).await;
        let last = ends("last2", 0);
        let answer = |t: tokio::task::JoinHandle<daftar_platform::Result<()>>| async move {
            tokio::time::timeout(Duration::from_secs(3), t)
                .await
                .expect("a transaction of the chain was stuck")
                .expect("task")
        };
        answer(opened).await.expect("the opener commits");
        let refused = answer(member).await;
        assert!(
            matches!(refused, Err(daftar_platform::Error::Conflict { .. })),
            "{refused:?}"
        );
        answer(last).await.expect("the last commits");
        let stored = "SELECT COUNT(*) FROM probe WHERE k IN ('opener2', 'last2')";
        assert_eq!(count(&db, stored).await, 2);
        let stored = "SELECT COUNT(*) FROM probe WHERE k = 'member2'";
        assert_eq!(count(&db, stored).await, 0);
        seen = carried(seen);

        // The one to carry it is given up at different moments: waiting (its task
        // aborted as the writer passes to it), opening or open (its patience runs out).
        for round in 0..30_u64 {
            let mut held = db.begin().await.expect("begin");
            held.defer(insert(format!("held{round}"))).expect("defer");
            let given_up = {
                let db = db.clone();
                tokio::spawn(async move {
                    let patience = match round % 2 {
                        0 => Duration::from_secs(5),
                        _ => Duration::from_micros(19_000 + 150 * round),
                    };
                    let _ = tokio::time::timeout(patience, db.begin()).await;
                })
            };
            tokio::time::sleep(Duration::from_millis(20)).await;
            let mut commit = Box::pin(held.commit());
            let mut answered = None;
            if round % 2 == 0 {
                // Aborted as this one, polled once, leaves it its commit to carry.
                given_up.abort();
                answered = tokio::time::timeout(Duration::ZERO, &mut commit).await.ok();
            }
            let answered = match answered {
                Some(answered) => answered,
                None => tokio::time::timeout(Duration::from_secs(3), commit)
                    .await
                    .expect("the carried commit was never answered"),
            };
            answered.expect("commit");
            let _ = given_up.await;
            let stored = format!("SELECT COUNT(*) FROM probe WHERE k = 'held{round}'");
            assert_eq!(count(&db, &stored).await, 1, "round {round}");
            // And the writer goes on.
            let (next, _) = db
                .begin_with(insert(format!("after{round}")))
                .await
                .expect("begin after");
            tokio::time::timeout(Duration::from_secs(3), next.commit())
                .await
                .expect("the writer was left stuck")
                .expect("commit after");
        }
        carried(seen);
    }
}
