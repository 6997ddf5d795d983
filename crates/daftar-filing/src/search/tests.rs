//! Unit tests of the index, on an in-memory index (and one on disk).

use super::*;

const T: &str = "punjab";

fn doc(id: &str, file: &str, kind: DocKind, title: &str, text: &str) -> Doc {
    Doc {
        tenant: T.into(),
        doc_id: id.into(),
        file_id: Some(file.into()),
        kind,
        confidential: false,
        department: "admin".into(),
        title: title.into(),
        text: text.into(),
        at: "2024-05-01T10:00:00Z".into(),
    }
}

fn q(text: &str) -> Query<'_> {
    Query {
        tenant: T,
        text,
        kinds: &[],
        department: None,
        allowed_confidential: &[],
        limit: 10,
    }
}

fn ids(hits: &[Hit]) -> Vec<&str> {
    let mut v: Vec<&str> = hits.iter().map(|h| h.doc_id.as_str()).collect();
    v.sort_unstable();
    v
}

fn sample() -> Index {
    let ix = Index::in_memory().expect("index");
    ix.upsert(&[
        doc(
            "note:1",
            "f1",
            DocKind::Note,
            "SO(ADMIN)1-23/2024 Transfer of staff",
            "Approval is sought for the posting of the officer to Lahore.",
        ),
        doc(
            "note:2",
            "f2",
            DocKind::Note,
            "SO(B&A)4-5/2023 Budget",
            "The budget estimates for the road project are enclosed.",
        ),
        doc(
            "receipt:3",
            "f3",
            DocKind::Receipt,
            "درخواست",
            "پاکستان کی سڑک کے منصوبے کی منظوری درکار ہے",
        ),
        doc(
            "draft:4",
            "f1",
            DocKind::Draft,
            "Draft letter",
            "Posting orders of the officer.",
        ),
    ])
    .expect("upsert");
    ix
}

#[test]
fn index_is_send_sync() {
    fn check<X: Send + Sync>() {}
    check::<Index>();
}

#[test]
fn english_word_in_text_and_title() {
    let ix = sample();
    assert_eq!(ids(&ix.search(&q("budget")).expect("s")), vec!["note:2"]);
    assert_eq!(ids(&ix.search(&q("ESTIMATES")).expect("s")), vec!["note:2"]);
    let hits = ix.search(&q("transfer")).expect("s");
    assert_eq!(ids(&hits), vec!["note:1"]);
    // Title-only match: snippet falls back to the start of the text.
    assert!(hits[0].snippet.starts_with("Approval is sought"));
    assert_eq!(hits[0].file_id.as_deref(), Some("f1"));
    assert_eq!(hits[0].kind, DocKind::Note);
    assert_eq!(ix.count(T).expect("count"), 4);
    assert_eq!(ix.count("sindh").expect("count"), 0);
}

#[test]
fn snippet_from_original_text() {
    let ix = sample();
    let hits = ix.search(&q("كي منظوري")).expect("s");
    assert_eq!(ids(&hits), vec!["receipt:3"]);
    assert!(hits[0].snippet.contains("منظوری"), "{}", hits[0].snippet);
    let long = format!("{} needle {}", "آبِ ".repeat(200), "word ".repeat(100));
    ix.upsert(&[doc("note:9", "f9", DocKind::Note, "x", &long)])
        .expect("upsert");
    let hits = ix.search(&q("needle")).expect("s");
    assert!(hits[0].snippet.contains("needle") && hits[0].snippet.len() <= SNIPPET_BYTES);
    let hits = ix.search(&q("x")).expect("s");
    assert!(
        hits[0].snippet.len() <= SNIPPET_BYTES + 3,
        "{}",
        hits[0].snippet
    );
}

#[test]
fn urdu_variants_diacritics_zwnj() {
    let ix = sample();
    for text in [
        "منظوری",
        "منظوري",         // Arabic yeh
        "مَنظُوری",         // diacritics
        "منظو\u{200C}ری", // ZWNJ inside
        "پاكستان",        // Arabic kaf
        "درخواست",        // title
    ] {
        assert_eq!(
            ids(&ix.search(&q(text)).expect("s")),
            vec!["receipt:3"],
            "{text}"
        );
    }
}

#[test]
fn all_words_must_match() {
    let ix = sample();
    assert_eq!(
        ids(&ix.search(&q("posting officer")).expect("s")),
        vec!["draft:4", "note:1"]
    );
    assert_eq!(
        ids(&ix.search(&q("posting lahore")).expect("s")),
        vec!["note:1"]
    );
    assert!(ix.search(&q("posting budget")).expect("s").is_empty());
    // Title word + text word.
    assert_eq!(
        ids(&ix.search(&q("staff lahore")).expect("s")),
        vec!["note:1"]
    );
}

#[test]
fn last_word_prefix() {
    let ix = sample();
    assert_eq!(ids(&ix.search(&q("road proj")).expect("s")), vec!["note:2"]);
    assert!(ix.search(&q("proj road")).expect("s").is_empty());
    assert!(ix.search(&q("pr")).expect("s").is_empty());
    // Exact last word still matches (and scores above prefix-only hits).
    assert_eq!(
        ids(&ix.search(&q("posting ord")).expect("s")),
        vec!["draft:4"]
    );
    let hits = ix.search(&q("officer budg")).expect("s");
    assert!(hits.is_empty());
    let hits = ix.search(&q("budg")).expect("s");
    assert_eq!(ids(&hits), vec!["note:2"]);
    let exact = ix.search(&q("budget")).expect("s");
    assert!(exact[0].score > hits[0].score);
}

#[test]
fn reupsert_replaces_and_delete_removes() {
    let ix = sample();
    ix.upsert(&[doc(
        "note:2",
        "f2",
        DocKind::Note,
        "Budget",
        "Revised grant figures.",
    )])
    .expect("upsert");
    assert!(ix.search(&q("estimates")).expect("s").is_empty());
    assert_eq!(ids(&ix.search(&q("grant")).expect("s")), vec!["note:2"]);
    assert_eq!(ix.count(T).expect("count"), 4);
    ix.delete(&["note:2".to_string()]).expect("delete");
    assert!(ix.search(&q("grant")).expect("s").is_empty());
    assert_eq!(ix.count(T).expect("count"), 3);
}

#[test]
fn tenants_are_isolated() {
    let ix = sample();
    let mut other = doc("note:s1", "s1", DocKind::Note, "Budget", "budget of sindh");
    other.tenant = "sindh".into();
    ix.upsert(&[other]).expect("upsert");
    assert_eq!(ids(&ix.search(&q("budget")).expect("s")), vec!["note:2"]);
    let sindh = Query {
        tenant: "sindh",
        ..q("budget")
    };
    assert_eq!(ids(&ix.search(&sindh).expect("s")), vec!["note:s1"]);
    assert!(
        ix.search(&Query {
            tenant: "",
            ..q("budget")
        })
        .is_err()
    );
}

#[test]
fn confidential_only_when_allowed() {
    let ix = sample();
    let mut secret = doc(
        "note:c",
        "fc",
        DocKind::Note,
        "Secret",
        "budget inquiry report",
    );
    secret.confidential = true;
    ix.upsert(&[secret]).expect("upsert");
    assert!(ix.search(&q("inquiry")).expect("s").is_empty());
    let other = ["f1".to_string()];
    let allowed = ["f9".to_string(), "fc".to_string()];
    let with = |a| Query {
        allowed_confidential: a,
        ..q("inquiry")
    };
    assert!(ix.search(&with(&other)).expect("s").is_empty());
    assert_eq!(ids(&ix.search(&with(&allowed)).expect("s")), vec!["note:c"]);
    // Non-confidential docs are unaffected by the allow list.
    let budget = Query {
        allowed_confidential: &other,
        ..q("budget")
    };
    assert_eq!(ids(&ix.search(&budget).expect("s")), vec!["note:2"]);
    // Declassify, then classify again.
    ix.set_confidential("fc", false).expect("set");
    assert_eq!(ids(&ix.search(&q("inquiry")).expect("s")), vec!["note:c"]);
    ix.set_confidential("fc", true).expect("set");
    assert!(ix.search(&q("inquiry")).expect("s").is_empty());
    assert_eq!(ix.count(T).expect("count"), 5);
}

#[test]
fn kinds_and_department_filters() {
    let ix = sample();
    let kinds = [DocKind::Draft];
    let drafts = Query {
        kinds: &kinds,
        ..q("officer")
    };
    assert_eq!(ids(&ix.search(&drafts).expect("s")), vec!["draft:4"]);
    let both = [DocKind::Draft, DocKind::Note];
    let any = Query {
        kinds: &both,
        ..q("officer")
    };
    assert_eq!(ids(&ix.search(&any).expect("s")), vec!["draft:4", "note:1"]);
    let dept = Query {
        department: Some("finance"),
        ..q("officer")
    };
    assert!(ix.search(&dept).expect("s").is_empty());
    let dept = Query {
        department: Some("admin"),
        ..q("officer")
    };
    assert_eq!(ix.search(&dept).expect("s").len(), 2);
}

#[test]
fn punctuation_never_errors() {
    let ix = sample();
    let hits = ix.search(&q("SO(ADMIN)1-23/2024 \"")).expect("s");
    assert_eq!(ids(&hits), vec!["note:1"]);
    for text in [
        "",
        "   ",
        "\"",
        "(((",
        "AND OR NOT",
        "title:x^2 -y +z*",
        "\u{200C}\u{064E}",
    ] {
        ix.search(&q(text)).expect(text);
    }
    assert!(ix.search(&q("\"((")).expect("s").is_empty());
    assert!(
        ix.search(&Query {
            limit: 0,
            ..q("budget")
        })
        .expect("s")
        .is_empty()
    );
}

#[test]
fn reopen_persists() {
    let dir = std::env::temp_dir().join(format!(
        "filing-search-test-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    {
        let ix = Index::open(&dir).expect("open");
        assert!(ix.was_created());
        ix.upsert(&[doc(
            "note:1",
            "f1",
            DocKind::Note,
            "Title",
            "persisted words",
        )])
        .expect("upsert");
    }
    {
        let ix = Index::open(&dir).expect("reopen");
        assert!(!ix.was_created());
        assert_eq!(ids(&ix.search(&q("persisted")).expect("s")), vec!["note:1"]);
    }
    // A stale index (different schema) is wiped and recreated.
    {
        std::fs::remove_dir_all(&dir).expect("rm");
        std::fs::create_dir_all(&dir).expect("mkdir");
        let mut b = Schema::builder();
        b.add_text_field("old", STRING);
        tantivy::Index::create_in_dir(&dir, b.build()).expect("old index");
        let ix = Index::open(&dir).expect("open stale");
        assert!(ix.was_created());
        assert_eq!(ix.count(T).expect("count"), 0);
    }
    std::fs::remove_dir_all(&dir).expect("cleanup");
}
