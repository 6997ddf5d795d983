//! Statements sent together: writes a transaction holds back ([`super::Tx::defer`]) go
//! to the database with the next statement that needs an answer, or with the commit.
//!
//! On SQLite every statement is a round trip between the task and the connection's
//! thread, made while the one writer is held; several statements joined into one text
//! make one round trip. Placeholders are numbered (`$1`, `$2`, ...) per statement, so
//! each statement's numbers are shifted past the arguments of those before it.
//! PostgreSQL does not take several statements in one prepared text: there they are
//! sent one after another, in the same order.

use futures_util::TryStreamExt;
use sqlx::{
    Any, AnyConnection, Arguments, AssertSqlSafe, Either, Execute, Executor, SqlSafeStr, SqlStr,
    any::{AnyArguments, AnyRow},
};

use crate::error::{Error, Result};

/// One statement with its arguments, taken out of a built query.
pub(super) struct Stmt {
    sql: SqlStr,
    args: AnyArguments,
}

impl Stmt {
    pub(super) fn of<'q, E: Execute<'q, Any>>(mut q: E) -> Result<Stmt> {
        let args = q
            .take_arguments()
            .map_err(|e| Error::Internal(format!("a statement's arguments: {e}")))?;
        Ok(Stmt {
            args: args.unwrap_or_default(),
            sql: q.sql(),
        })
    }

    /// The same statement with a copy of its arguments.
    pub(super) fn duplicate(&self) -> Stmt {
        let mut args = AnyArguments::default();
        args.values.0.clone_from(&self.args.values.0);
        Stmt {
            sql: self.sql.clone(),
            args,
        }
    }

    pub(super) fn text(sql: &'static str) -> Stmt {
        Stmt {
            sql: SqlSafeStr::into_sql_str(sql),
            args: AnyArguments::default(),
        }
    }
}

/// Batches of up to this many statements are kept prepared on the connection.
const KEEP_PREPARED: usize = 48;

/// What a statement gave back.
#[derive(Default)]
pub(super) struct Answer {
    pub rows_affected: u64,
    pub rows: Vec<AnyRow>,
}

/// Runs `stmts` in order, in one round trip where `joined` (SQLite), and gives each
/// one's answer. Stops at the first error; the statements before it stay done (inside
/// the caller's transaction).
pub(super) async fn send(
    conn: &mut AnyConnection,
    stmts: Vec<Stmt>,
    joined: bool,
) -> Result<Vec<Answer>> {
    send_counted(conn, stmts, joined).await.map_err(|f| f.error)
}

/// A batch that stopped at an error: how many of its statements were done before it.
pub(super) struct Failed {
    pub done: usize,
    pub error: Error,
}

/// [`send`], telling on an error which statement failed.
pub(super) async fn send_counted(
    conn: &mut AnyConnection,
    stmts: Vec<Stmt>,
    joined: bool,
) -> std::result::Result<Vec<Answer>, Failed> {
    if joined && stmts.len() > 1 {
        let n = stmts.len();
        let (sql, args) = join(stmts);
        // A short batch recurs (a request's few writes) and is kept prepared; a long one
        // (a worker's hundred updates) would only push those out of the cache.
        let q = sqlx::query_with(AssertSqlSafe(sql), args).persistent(n <= KEEP_PREPARED);
        return collect(conn.fetch_many(q), n).await;
    }
    let mut answers = Vec::with_capacity(stmts.len());
    for s in stmts {
        let q = sqlx::query_with(s.sql, s.args);
        match collect(conn.fetch_many(q), 1).await {
            Ok(mut a) => answers.append(&mut a),
            Err(f) => {
                return Err(Failed {
                    done: answers.len(),
                    error: f.error,
                });
            }
        }
    }
    Ok(answers)
}

/// Reads the results of `n` statements, in order: each ends with its count, after its
/// rows.
async fn collect<'e>(
    mut stream: futures_util::stream::BoxStream<
        'e,
        sqlx::Result<Either<sqlx::any::AnyQueryResult, AnyRow>>,
    >,
    n: usize,
) -> std::result::Result<Vec<Answer>, Failed> {
    let mut answers: Vec<Answer> = (0..n).map(|_| Answer::default()).collect();
    let mut done = 0;
    loop {
        let item = match stream.try_next().await {
            Ok(Some(item)) => item,
            Ok(None) => break,
            Err(e) => {
                return Err(Failed {
                    done,
                    error: e.into(),
                });
            }
        };
        let Some(answer) = answers.get_mut(done) else {
            continue;
        };
        match item {
            Either::Left(result) => {
                answer.rows_affected = result.rows_affected();
                done += 1;
            }
            Either::Right(row) => answer.rows.push(row),
        }
    }
    Ok(answers)
}

/// One text for several statements, each one's placeholders shifted past the arguments
/// of the statements before it.
fn join(stmts: Vec<Stmt>) -> (String, AnyArguments) {
    let mut sql = String::new();
    let mut args = AnyArguments::default();
    for s in stmts {
        if !sql.is_empty() {
            sql.push_str(";\n");
        }
        shift(
            s.sql.as_str().trim().trim_end_matches(';'),
            args.len(),
            &mut sql,
        );
        // The argument buffer is public in sqlx (if hidden from its documentation);
        // arguments are moved, not encoded again.
        args.values.0.extend(s.args.values.0);
    }
    (sql, args)
}

/// Copies `sql` to `out` with each `$N` placeholder outside quotes raised by `by`.
fn shift(sql: &str, by: usize, out: &mut String) {
    let mut quote: Option<char> = None;
    let mut chars = sql.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        out.push(c);
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '$') => {
                let mut digits = String::new();
                while let Some((_, d)) = chars.peek().filter(|(_, d)| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                match digits.parse::<usize>() {
                    Ok(k) => out.push_str(&(k + by).to_string()),
                    Err(_) => out.push_str(&digits),
                }
            }
            (None, _) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shifted(sql: &str, by: usize) -> String {
        let mut out = String::new();
        shift(sql, by, &mut out);
        out
    }

    #[test]
    fn placeholders_shift_outside_quotes_only() {
        assert_eq!(
            shifted("INSERT INTO t (a, b) VALUES ($1, $12)", 3),
            "INSERT INTO t (a, b) VALUES ($4, $15)"
        );
        assert_eq!(
            shifted("SELECT '$1', \"$2\", $3 FROM t WHERE x = 'it''s $4'", 10),
            "SELECT '$1', \"$2\", $13 FROM t WHERE x = 'it''s $4'"
        );
        assert_eq!(shifted("SELECT $ FROM t", 5), "SELECT $ FROM t");
    }

    #[test]
    fn statements_join_with_their_arguments_in_order() {
        let a = Stmt::of(
            sqlx::query("INSERT INTO t VALUES ($1, $2);")
                .bind(1_i64)
                .bind(2_i64),
        )
        .expect("arguments encode");
        let b = Stmt::text("RELEASE x");
        let c = Stmt::of(sqlx::query("UPDATE t SET a = $1").bind(3_i64)).expect("arguments encode");
        let (sql, args) = join(vec![a, b, c]);
        assert_eq!(
            sql,
            "INSERT INTO t VALUES ($1, $2);\nRELEASE x;\nUPDATE t SET a = $3"
        );
        assert_eq!(args.len(), 3);
    }
}
