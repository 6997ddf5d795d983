//! Pure rules of the file: which movements there are and who may make them, flags,
//! the note chain's hash, quick notes, line differences between draft versions, and
//! retention dates. No IO.

use serde_json::json;
use sha2::{Digest, Sha256};

/// The hash a file's note chain starts from.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a movement does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Up to a senior for orders.
    PutUp,
    /// Down with directions.
    Return,
    /// Sideways for comments (e.g. Finance, Law), optionally with a due date.
    Mark,
    /// Back from the recipient who has not opened it yet (by its sender).
    PullBack,
    /// A senior calls for a file held below them in their office.
    CallFor,
    /// Set aside by its holder (stays with them; pendency shows it apart).
    Park,
    Unpark,
}

impl Action {
    pub const ALL: &[Action] = &[
        Action::PutUp,
        Action::Return,
        Action::Mark,
        Action::PullBack,
        Action::CallFor,
        Action::Park,
        Action::Unpark,
    ];

    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Action::PutUp => "put_up",
            Action::Return => "return",
            Action::Mark => "mark",
            Action::PullBack => "pull_back",
            Action::CallFor => "call_for",
            Action::Park => "park",
            Action::Unpark => "unpark",
        }
    }

    /// Whether the caller names the post the file goes to.
    pub fn needs_target(self) -> bool {
        matches!(self, Action::PutUp | Action::Return | Action::Mark)
    }

    /// Whether the file leaves its holder (and the holder's draft note is sealed).
    pub fn leaves_holder(self) -> bool {
        !matches!(self, Action::Park | Action::Unpark)
    }
}

/// Why a movement to a post is not the kind asked for, if it is not.
pub fn direction_error(action: Action, from_rank: i64, to_rank: i64) -> Option<&'static str> {
    match action {
        Action::PutUp if to_rank <= from_rank => Some("filing-err-not-senior"),
        Action::Return if to_rank >= from_rank => Some("filing-err-not-junior"),
        _ => None,
    }
}

/// The flag of the n-th paper (0-based): A..Z, then AA, AB...
pub fn flag(n: usize) -> String {
    let mut n = n;
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// What a sealed note commits to; its hash is the chain link.
pub struct SealedNote<'a> {
    pub file_id: &'a str,
    pub seq: i64,
    pub first_para: i64,
    pub author_user: &'a str,
    pub author_post: &'a str,
    pub author_name: &'a str,
    /// The paragraphs as stored (a JSON array of strings).
    pub body: &'a str,
    pub sealed_at: &'a str,
    pub prev_hash: &'a str,
}

impl SealedNote<'_> {
    /// sha256 (hex) of the canonical JSON of every field.
    pub fn hash(&self) -> String {
        let canonical = json!([
            "daftar-note-1",
            self.file_id,
            self.seq,
            self.first_para,
            self.author_user,
            self.author_post,
            self.author_name,
            self.body,
            self.sealed_at,
            self.prev_hash,
        ])
        .to_string();
        hex::encode(Sha256::digest(canonical.as_bytes()))
    }
}

/// The one-line notes an officer signs with a click, in English and Urdu.
pub const QUICK: &[(&str, &str, &str)] = &[
    ("seen", "Seen.", "دیکھ لیا۔"),
    (
        "approved",
        "Approved as proposed.",
        "تجویز کے مطابق منظور ہے۔",
    ),
    ("discuss", "Please discuss.", "براہِ کرم بات کریں۔"),
    (
        "put_up",
        "Submitted for orders, please.",
        "براہِ کرم احکامات کے لیے پیش ہے۔",
    ),
    ("comments", "Comments are requested.", "تبصرہ درکار ہے۔"),
];

/// A quick note's text in a language (`en` or `ur`).
pub fn quick(code: &str, lang: &str) -> Option<&'static str> {
    QUICK
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, en, ur)| if lang == "ur" { *ur } else { *en })
}

/// One line of a difference between two texts.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct DiffLine {
    /// `same`, `added` or `removed`.
    pub op: &'static str,
    pub text: String,
}

/// Line differences from `old` to `new` (longest common subsequence; drafts are short).
pub fn diff(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    if a.len() * b.len() > 4_000_000 {
        // Too long to align: show it as replaced.
        return a
            .iter()
            .map(|l| ("removed", *l))
            .chain(b.iter().map(|l| ("added", *l)))
            .map(|(op, t)| DiffLine {
                op,
                text: t.to_owned(),
            })
            .collect();
    }
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    let mut push = |op, t: &str| {
        out.push(DiffLine {
            op,
            text: t.to_owned(),
        })
    };
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            push("same", a[i]);
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            push("removed", a[i]);
            i += 1;
        } else {
            push("added", b[j]);
            j += 1;
        }
    }
    out
}

/// When a file closed on `closed` (YYYY-MM-DD) comes up: for destruction after its
/// class's retention, or for review when the class is permanent.
pub fn review_on(closed: &str, retain_years: i64, review_years: i64) -> String {
    let years = if retain_years > 0 {
        retain_years
    } else {
        review_years
    };
    let (y, rest) = closed.split_at(4.min(closed.len()));
    let y: i64 = y.parse().unwrap_or(0);
    // 29 February moves to 28 February in a year that has none.
    let rest = if rest == "-02-29" { "-02-28" } else { rest };
    format!("{:04}{rest}", y + years)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_run_past_z() {
        assert_eq!(flag(0), "A");
        assert_eq!(flag(25), "Z");
        assert_eq!(flag(26), "AA");
        assert_eq!(flag(27), "AB");
        assert_eq!(flag(26 + 26 * 26), "AAA");
    }

    #[test]
    fn directions_are_checked() {
        assert_eq!(direction_error(Action::PutUp, 20, 30), None);
        assert!(direction_error(Action::PutUp, 30, 30).is_some());
        assert!(direction_error(Action::Return, 20, 30).is_some());
        assert_eq!(direction_error(Action::Mark, 30, 30), None);
        assert_eq!(Action::parse("put_up"), Some(Action::PutUp));
        assert_eq!(Action::parse("upward"), None);
    }

    #[test]
    fn the_hash_covers_every_field() {
        let n = SealedNote {
            file_id: "f",
            seq: 1,
            first_para: 1,
            author_user: "u",
            author_post: "p",
            author_name: "n",
            body: "[\"x\"]",
            sealed_at: "t",
            prev_hash: GENESIS,
        };
        let h = n.hash();
        assert_eq!(h.len(), 64);
        let changed = SealedNote {
            body: "[\"y\"]",
            ..n
        };
        assert_ne!(changed.hash(), h);
    }

    #[test]
    fn diff_shows_changed_lines() {
        let d = diff("a\nb\nc", "a\nB\nc\nd");
        let ops: Vec<_> = d.iter().map(|l| (l.op, l.text.as_str())).collect();
        assert_eq!(
            ops,
            vec![
                ("same", "a"),
                ("removed", "b"),
                ("added", "B"),
                ("same", "c"),
                ("added", "d")
            ]
        );
    }

    #[test]
    fn retention_dates() {
        assert_eq!(review_on("2026-03-01", 3, 0), "2029-03-01");
        assert_eq!(review_on("2024-02-29", 0, 10), "2034-02-28");
        assert_eq!(quick("seen", "ur"), Some("دیکھ لیا۔"));
        assert_eq!(quick("nope", "en"), None);
    }
}
