//! `daftar match` on files: synthetic Pakistani records with known truth are deduped
//! and linked with usable accuracy; malformed rows are reported with their line and
//! skipped, or stop the run with --strict; nothing else changes.

use std::{path::Path, process::Command};

fn daftar(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_daftar"))
        .args(args)
        .output()
        .expect("run daftar");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("daftar-match-{name}-{}", daftar_kernel::Id::new()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    dir
}

fn f1(stdout: &str) -> f64 {
    stdout
        .split_whitespace()
        .find_map(|kv| kv.strip_prefix("f1="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[test]
fn dedupe_synthetic_people_with_known_truth() {
    let dir = scratch("dedupe");
    let input = dir.join("people.csv");
    let (ok, _, err) = daftar(&[
        "match",
        "generate",
        "--records",
        "4000",
        "--seed",
        "11",
        "--out",
        &s(&input),
    ]);
    assert!(ok, "{err}");
    let (pairs, clusters) = (dir.join("pairs.csv"), dir.join("clusters.csv"));
    let (ok, _, err) = daftar(&[
        "match",
        "dedupe",
        "--quiet",
        "--profile",
        "person",
        "--input",
        &s(&input),
        "--pairs",
        &s(&pairs),
        "--clusters",
        &s(&clusters),
    ]);
    assert!(ok, "{err}");
    let text = std::fs::read_to_string(&pairs).expect("pairs");
    assert!(
        text.starts_with("id_a,id_b,probability\n"),
        "{}",
        &text[..text.len().min(200)]
    );
    for line in text.lines().skip(1).take(50) {
        let p: f64 = line
            .rsplit(',')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("probability");
        assert!((0.5..=1.0).contains(&p), "{line}");
    }
    let clusters = std::fs::read_to_string(&clusters).expect("clusters");
    assert_eq!(
        clusters.lines().count(),
        4001,
        "one row per record plus the header"
    );
    let (ok, out, err) = daftar(&[
        "match",
        "evaluate",
        "--pairs",
        &s(&pairs),
        "--truth",
        &s(&input),
    ]);
    assert!(ok, "{err}");
    assert!(f1(&out) >= 0.95, "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn link_two_files_and_report_bad_rows_by_line() {
    let dir = scratch("link");
    let all = dir.join("all.csv");
    assert!(
        daftar(&[
            "match",
            "generate",
            "--records",
            "3000",
            "--seed",
            "5",
            "--out",
            &s(&all)
        ])
        .0
    );
    // Split the file in two: every other row to each side.
    let text = std::fs::read_to_string(&all).expect("read");
    let mut lines = text.lines();
    let header = lines.next().expect("header").to_owned();
    let (mut left, mut right) = (vec![header.clone()], vec![header]);
    for (i, l) in lines.enumerate() {
        if i % 2 == 0 {
            left.push(l.to_owned())
        } else {
            right.push(l.to_owned())
        }
    }
    // Two malformed rows in the right file: lines 3 and 6.
    right.insert(2, "broken,row".to_owned());
    right.insert(5, String::new() + &right[1].clone());
    let (l, r) = (dir.join("left.csv"), dir.join("right.csv"));
    std::fs::write(&l, left.join("\n") + "\n").expect("write");
    std::fs::write(&r, right.join("\n") + "\n").expect("write");
    let pairs = dir.join("pairs.csv");
    let (ok, _, err) = daftar(&[
        "match",
        "link",
        "--quiet",
        "--profile",
        "person",
        "--left",
        &s(&l),
        "--right",
        &s(&r),
        "--pairs",
        &s(&pairs),
    ]);
    assert!(ok, "{err}");
    assert!(
        err.contains("right.csv:3: skipped: 2 fields where the header has 11"),
        "{err}"
    );
    assert!(
        err.contains("right.csv:6: skipped: the id") && err.contains("appears twice"),
        "{err}"
    );
    let (ok, out, _) = daftar(&[
        "match",
        "evaluate",
        "--pairs",
        &s(&pairs),
        "--truth",
        &s(&l),
        "--truth-right",
        &s(&r),
    ]);
    assert!(ok && f1(&out) >= 0.93, "{out}");
    // Every pair is left id first.
    let left_ids: std::collections::HashSet<String> = left
        .iter()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(str::to_owned)
        .collect();
    let found = std::fs::read_to_string(&pairs).expect("pairs");
    assert!(
        found
            .lines()
            .skip(1)
            .all(|l| l.split(',').next().is_some_and(|a| left_ids.contains(a)))
    );
    // --strict stops at the first bad row, and says where.
    let (ok, _, err) = daftar(&[
        "match",
        "link",
        "--quiet",
        "--strict",
        "--profile",
        "person",
        "--left",
        &s(&l),
        "--right",
        &s(&r),
        "--pairs",
        &s(&pairs),
    ]);
    assert!(
        !ok && err.contains("right.csv:3:") && err.contains("--strict"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_arguments_are_explained() {
    let dir = scratch("args");
    let input = dir.join("in.csv");
    std::fs::write(&input, "name,dob\nAli,1990-01-01\n").expect("write");
    let pairs = s(&dir.join("p.csv"));
    let (ok, _, err) = daftar(&[
        "match",
        "dedupe",
        "--profile",
        "person",
        "--input",
        &s(&input),
        "--pairs",
        &pairs,
    ]);
    assert!(!ok && err.contains("no \"id\" column"), "{err}");
    let (ok, _, err) = daftar(&[
        "match",
        "dedupe",
        "--profile",
        "nosuch",
        "--input",
        &s(&input),
        "--pairs",
        &pairs,
    ]);
    assert!(!ok && err.contains("neither a built-in profile"), "{err}");
    let (ok, _, err) = daftar(&[
        "match",
        "dedupe",
        "--profile",
        "person",
        "--threshold",
        "1.5",
        "--input",
        &s(&input),
        "--pairs",
        &pairs,
    ]);
    assert!(!ok && err.contains("--threshold"), "{err}");
    let profile = dir.join("p.toml");
    std::fs::write(&profile, "name = \"x\"\n[[field]]\nname = \"name\"\nnormaliser = \"name\"\ncomparator = { kind = \"name\", high = 0.9, low = 0.8 }\n[[blocking]]\nname = \"b\"\nkeys = [\"year(dob)\"]\n").expect("write");
    let (ok, _, err) = daftar(&[
        "match",
        "dedupe",
        "--profile",
        &s(&profile),
        "--input",
        &s(&input),
        "--pairs",
        &pairs,
    ]);
    assert!(!ok && err.contains("no field named dob"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}
