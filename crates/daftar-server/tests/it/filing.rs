//! e-FOAS from the demo, through HTTP: a receipt is diarised, a file opened with it as
//! the paper under consideration, the section officer writes a note and puts the file
//! up; the deputy secretary cannot edit that note, adds one and puts it up; the
//! secretary approves the draft; the letter is issued with a dispatch number; pendency
//! shows where every file is; search finds the file by a word of a note in English and
//! in Urdu, but not for an officer outside its path when it is confidential; the note
//! chain verifies, and fails once a sealed note is altered.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{TestApp, backends};

const DEPT: &str = "PB-DEPT-SGAD";
const SO: &str = "PB-DEPT-SGAD-005";
const DS: &str = "PB-DEPT-SGAD-003";
const AS: &str = "PB-DEPT-SGAD-002";
const SECRETARY: &str = "PB-DEPT-SGAD-001";

pub fn letter(subject: &str, category: &str) -> Value {
    json!({
        "office": DEPT, "sender": "Chief Minister's Office, Lahore", "letter_no": "CMO/2026/118",
        "letter_date": "2026-11-20", "subject": subject, "category": category, "marked_to": SO
    })
}

pub async fn moved(
    app: &TestApp,
    token: &str,
    file: &str,
    action: &str,
    to: &str,
) -> (StatusCode, Value) {
    app.post(
        &format!("/api/v1/filing/files/{file}/movements"),
        token,
        json!({ "action": action, "to_post": to, "remarks": "" }),
    )
    .await
}

pub async fn note(app: &TestApp, token: &str, file: &str, paras: &[&str]) -> (StatusCode, Value) {
    app.post(
        &format!("/api/v1/filing/files/{file}/notes"),
        token,
        json!({ "paragraphs": paras }),
    )
    .await
}

async fn search(app: &TestApp, token: &str, q: &str) -> Vec<Value> {
    let path = format!("/api/v1/filing/search?q={}", urlencode(q));
    let (s, v) = app.get(&path, token).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["hits"].as_array().cloned().unwrap_or_default()
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn a_letter_goes_from_dak_to_dispatch() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let dak = app.token("punjab.dak").await;
        let so = app.token("punjab.so").await;
        let ds = app.token("punjab.ds").await;
        let add = app.token("punjab.as").await;
        let sec = app.token("punjab.secretary").await;

        // Dak: diarised with gap-free numbers; bad input names its field.
        let (s, r1) = app
            .post(
                "/api/v1/filing/receipts",
                &dak,
                letter("Rationalisation of posts in district offices", "vip"),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{r1}");
        let (s, r2) = app
            .post(
                "/api/v1/filing/receipts",
                &dak,
                letter("Court case on seniority of assistants", "court"),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{r2}");
        assert_eq!(
            r2["diary_no"].as_i64(),
            r1["diary_no"].as_i64().map(|n| n + 1),
            "{r1} {r2}"
        );
        let mut bad = letter("x", "gossip");
        bad["marked_to"] = json!("PB-NO-SUCH-POST");
        bad["received_on"] = json!("2099-01-01");
        let (s, v) = app.post("/api/v1/filing/receipts", &dak, bad).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        let fields: Vec<&str> = v["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .filter_map(|e| e["field"].as_str())
            .collect();
        for f in ["category", "marked_to", "received_on"] {
            assert!(fields.contains(&f), "{f} in {v}");
        }

        // The section officer opens a file with the first receipt as PUC (Flag A).
        let receipt = r1["id"].as_str().expect("id");
        let (s, f) = app
            .post(
                "/api/v1/filing/files",
                &so,
                json!({ "office": DEPT, "section": "ADMIN", "subject": "Rationalisation of posts in district offices", "record_class": "B", "receipt_id": receipt }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{f}");
        let file = f["file"]["id"].as_str().expect("file id").to_owned();
        let number = f["file"]["number"].as_str().expect("number").to_owned();
        assert!(
            number.starts_with("SO(ADMIN)1-") && number.ends_with("/2026")
                || number.contains("SO(ADMIN)1-"),
            "{number}"
        );
        assert_eq!(f["papers"][0]["flag"], "A", "{f}");
        assert_eq!(f["receipts"][0]["status"], "attached", "{f}");

        // The SO's note; nobody else can write in the file.
        let (s, n1) = note(
            &app,
            &so,
            &file,
            &[
                "The Chief Minister's Office asks for rationalisation of posts (Flag A).",
                "Submitted for orders.",
            ],
        )
        .await;
        assert_eq!(s, StatusCode::CREATED, "{n1}");
        let (s, v) = note(&app, &ds, &file, &["I should not be able to write here."]).await;
        assert_eq!(s, StatusCode::CONFLICT, "{v}");
        // A file is put up to a senior, not returned upwards; an unknown post is 422.
        let (s, v) = moved(&app, &so, &file, "return", DS).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        let (s, v) = moved(&app, &so, &file, "put_up", "PB-DEPT-SGAD-999").await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        let (s, v) = moved(&app, &so, &file, "put_up", DS).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let sealed = &v["notes"][0];
        assert_eq!(sealed["seq"], 1, "{v}");
        assert_eq!(sealed["first_para"], 1, "{v}");
        assert_eq!(sealed["hash"].as_str().map(str::len), Some(64), "{v}");
        assert!(
            sealed["signature"].as_str().is_some_and(|s| s.len() == 128),
            "{v}"
        );
        assert_eq!(v["file"]["holder_post"], DS);

        // The deputy secretary cannot edit the sealed note, nor can the SO any more.
        let note_id = n1["id"].as_str().expect("note id");
        let edit = json!({ "paragraphs": ["Changed after the fact."] });
        let path = format!("/api/v1/filing/files/{file}/notes/{note_id}");
        let (s, v) = app
            .call(Method::PUT, &path, Some(&ds), Some(edit.clone()))
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{v}");
        assert!(
            v["detail"].as_str().unwrap_or_default().contains("sealed"),
            "{v}"
        );
        let (s, _) = app.call(Method::PUT, &path, Some(&so), Some(edit)).await;
        assert_eq!(s, StatusCode::CONFLICT);
        let (s, _) = moved(&app, &so, &file, "put_up", AS).await;
        assert_eq!(s, StatusCode::CONFLICT);

        // The DS adds a note (in Urdu too), drafts the reply, may not approve it, puts it up.
        let (s, v) = note(
            &app,
            &ds,
            &file,
            &[
                "Para 1-2 may kindly be seen. A reply is placed below for approval.",
                "ضلعی دفاتر میں اسامیوں کی معقولیت کا مسودہ منظوری کے لیے پیش ہے۔",
            ],
        )
        .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let body1 =
            "Sir,\nI am directed to refer to your letter.\nThe matter is under consideration.";
        let (s, d) = app
            .post(&format!("/api/v1/filing/files/{file}/drafts"), &ds, json!({ "subject": "Rationalisation of posts", "addressee": "The Principal Secretary to the Chief Minister, Lahore", "language": "en", "body": body1 }))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{d}");
        let draft = d["draft"]["id"].as_str().expect("draft id").to_owned();
        let body2 = "Sir,\nI am directed to refer to your letter.\nThe posts have been rationalised as proposed.";
        let dpath = format!("/api/v1/filing/files/{file}/drafts/{draft}");
        let (s, d) = app.call(Method::PUT, &dpath, Some(&ds), Some(json!({ "subject": "Rationalisation of posts", "addressee": "The Principal Secretary to the Chief Minister, Lahore", "language": "en", "body": body2 }))).await;
        assert_eq!(s, StatusCode::OK, "{d}");
        assert_eq!(d["draft"]["version"], 2);
        let changes: Vec<(&str, &str)> = d["changes"]
            .as_array()
            .expect("changes")
            .iter()
            .map(|c| {
                (
                    c["op"].as_str().unwrap_or(""),
                    c["text"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert!(
            changes.contains(&("removed", "The matter is under consideration.")),
            "{changes:?}"
        );
        assert!(
            changes.contains(&("added", "The posts have been rationalised as proposed.")),
            "{changes:?}"
        );
        let (s, _) = app.post(&format!("{dpath}/approve"), &ds, json!({})).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, v) = moved(&app, &ds, &file, "put_up", AS).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["notes"][1]["seq"], 2);
        assert_eq!(
            v["notes"][1]["first_para"], 3,
            "paragraphs run on through the file: {v}"
        );
        assert_eq!(v["notes"][1]["prev_hash"], v["notes"][0]["hash"]);
        let (s, v) = app
            .post(
                &format!("/api/v1/filing/files/{file}/notes"),
                &add,
                json!({ "quick": "seen" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let (s, v) = moved(&app, &add, &file, "put_up", SECRETARY).await;
        assert_eq!(s, StatusCode::OK, "{v}");

        // The secretary approves the draft and returns the file; the SO issues it.
        let (s, d) = app.post(&format!("{dpath}/approve"), &sec, json!({})).await;
        assert_eq!(s, StatusCode::OK, "{d}");
        assert_eq!(d["draft"]["status"], "approved");
        let (s, v) = app
            .post(
                &format!("/api/v1/filing/files/{file}/notes"),
                &sec,
                json!({ "quick": "approved" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let (s, v) = moved(&app, &sec, &file, "return", SO).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["file"]["notes_sealed"], 4, "{v}");
        let (s, d) = app.post(&format!("{dpath}/issue"), &so, json!({})).await;
        assert_eq!(s, StatusCode::OK, "{d}");
        let dispatch = d["draft"]["dispatch_no"]
            .as_str()
            .expect("dispatch no")
            .to_owned();
        assert!(dispatch.starts_with(&number), "{dispatch}");
        let (s, v) = app.post(&format!("{dpath}/issue"), &so, json!({})).await;
        assert_eq!(s, StatusCode::CONFLICT, "issued once: {v}");
        let (_, v) = app.get(&format!("/api/v1/filing/files/{file}"), &so).await;
        assert!(
            v["papers"]
                .as_array()
                .expect("papers")
                .iter()
                .any(|p| p["flag"] == "B" && p["kind"] == "letter"),
            "{v}"
        );
        let (_, reg) = app
            .get(&format!("/api/v1/filing/dispatch?office={DEPT}"), &so)
            .await;
        assert!(
            reg.as_array()
                .expect("register")
                .iter()
                .any(|e| e["number"] == dispatch.as_str()),
            "{reg}"
        );

        // Pendency: the file and the second receipt are with the SO.
        let (s, p) = app
            .get(&format!("/api/v1/filing/pendency?office={DEPT}"), &sec)
            .await;
        assert_eq!(s, StatusCode::OK, "{p}");
        assert_eq!(p["files"], 1, "{p}");
        assert_eq!(p["receipts"], 1, "{p}");
        let so_line = p["posts"]
            .as_array()
            .expect("posts")
            .iter()
            .find(|l| l["post"] == SO)
            .cloned()
            .expect("SO line");
        assert_eq!(
            (
                so_line["files"].as_i64(),
                so_line["receipts"].as_i64(),
                so_line["priority"].as_i64()
            ),
            (Some(1), Some(1), Some(2)),
            "{p}"
        );
        assert_eq!(
            p["items"][0]["kind"], "receipt",
            "the court case comes first: {p}"
        );
        let (s, _) = app
            .get(
                &format!("/api/v1/filing/pendency?office={DEPT}"),
                &app.token("punjab.finance").await,
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "another department's pendency");

        // Search finds the file by a note's word, in English and in Urdu written with
        // Arabic letter forms.
        let hits = search(&app, &sec, "rationalisation").await;
        assert!(
            hits.iter()
                .any(|h| h["kind"] == "note" && h["file_id"] == file.as_str()),
            "{hits:?}"
        );
        let hits = search(&app, &ds, "معقوليت").await;
        assert!(
            hits.iter()
                .any(|h| h["kind"] == "note" && h["file_id"] == file.as_str()),
            "{hits:?}"
        );
        let hits = search(&app, &so, "ضلعي دفاتر").await;
        assert!(
            hits.iter().any(|h| h["file_id"] == file.as_str()),
            "{hits:?}"
        );

        // Another province sees none of it.
        let ba = app.token("balochistan.so").await;
        let (s, _) = app.get(&format!("/api/v1/filing/files/{file}"), &ba).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, _) = app
            .get(&format!("/api/v1/filing/receipts/{receipt}"), &ba)
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert!(search(&app, &ba, "rationalisation").await.is_empty());

        // Every chain verifies; an altered sealed note is found.
        let tenant = daftar_platform::tenants::by_slug(&app.state.db, "punjab")
            .await
            .expect("db")
            .expect("punjab")
            .tenant_id();
        let report = daftar_filing::service::signing::verify_chains(&app.state.db, &tenant)
            .await
            .expect("verify");
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        app.tamper(&format!(
            "UPDATE filing_notes SET body = '[\"Nothing to see.\"]' WHERE id = '{note_id}'"
        ))
        .await;
        let report = daftar_filing::service::signing::verify_chains(&app.state.db, &tenant)
            .await
            .expect("verify");
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.contains("note 1") && f.contains("altered")),
            "{:?}",
            report.findings
        );
    }
}

#[tokio::test]
async fn a_confidential_file_is_found_only_along_its_path() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let so = app.token("punjab.so").await;
        let ds = app.token("punjab.ds").await;
        let sec = app.token("punjab.secretary").await;
        let fin = app.token("punjab.finance").await;
        let (s, f) = app
            .post("/api/v1/filing/files", &so, json!({ "office": DEPT, "section": "ADMIN", "subject": "Inquiry into recruitment irregularities", "record_class": "A", "confidential": true }))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{f}");
        let file = f["file"]["id"].as_str().expect("id").to_owned();
        let (s, _) = note(
            &app,
            &so,
            &file,
            &["The inquiry officer reports irregularities in the zamindari quota."],
        )
        .await;
        assert_eq!(s, StatusCode::CREATED);
        let (s, v) = moved(&app, &so, &file, "put_up", DS).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        // On its path (SO, DS) and their seniors (the secretary): found.
        for t in [&so, &ds, &sec] {
            let hits = search(&app, t, "zamindari").await;
            assert!(
                hits.iter().any(|h| h["file_id"] == file.as_str()),
                "{hits:?}"
            );
        }
        // Finance, outside its path: neither found nor readable.
        assert!(search(&app, &fin, "zamindari").await.is_empty());
        let (s, _) = app.get(&format!("/api/v1/filing/files/{file}"), &fin).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        // Marked to Finance for comments, Finance joins its path.
        let (s, v) = app
            .post(
                &format!("/api/v1/filing/files/{file}/movements"),
                &ds,
                json!({ "action": "mark", "to_post": "PB-DEPT-FIN-005", "due_on": "2026-12-31" }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert!(
            search(&app, &fin, "zamindari")
                .await
                .iter()
                .any(|h| h["file_id"] == file.as_str())
        );
    }
}

#[tokio::test]
async fn two_officers_acting_at_once_exactly_one_wins() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let so = app.token("punjab.so").await;
        let ds = app.token("punjab.ds").await;
        let sec = app.token("punjab.secretary").await;
        for round in 0..6 {
            let (s, f) = app
                .post("/api/v1/filing/files", &so, json!({ "office": DEPT, "section": "REG", "subject": format!("Race {round}"), "record_class": "C" }))
                .await;
            assert_eq!(s, StatusCode::CREATED, "{f}");
            let file = f["file"]["id"].as_str().expect("id").to_owned();
            let (s, v) = moved(&app, &so, &file, "put_up", DS).await;
            assert_eq!(s, StatusCode::OK);
            let seen = v["file"]["version"].clone();
            let path = format!("/api/v1/filing/files/{file}/movements");
            let statuses = if round % 2 == 0 {
                // The DS puts it up and the SO pulls it back (not yet opened) at the
                // same instant.
                let (a, b) = tokio::join!(
                    app.post(&path, &ds, json!({ "action": "put_up", "to_post": AS })),
                    app.post(&path, &so, json!({ "action": "pull_back" })),
                );
                vec![a.0, b.0]
            } else {
                // Three officers act on the version of the file they all saw: the DS
                // puts it up, the SO pulls it back, the secretary calls for it.
                let (a, b, c) = tokio::join!(
                    app.post(
                        &path,
                        &ds,
                        json!({ "action": "put_up", "to_post": AS, "version": seen })
                    ),
                    app.post(
                        &path,
                        &so,
                        json!({ "action": "pull_back", "version": seen })
                    ),
                    app.post(
                        &path,
                        &sec,
                        json!({ "action": "call_for", "version": seen })
                    ),
                );
                vec![a.0, b.0, c.0]
            };
            let won = statuses.iter().filter(|s| **s == StatusCode::OK).count();
            let lost = statuses
                .iter()
                .filter(|s| **s == StatusCode::CONFLICT)
                .count();
            assert_eq!((won, lost), (1, statuses.len() - 1), "{statuses:?}");
            let (_, v) = app.get(&format!("/api/v1/filing/files/{file}"), &sec).await;
            assert_eq!(
                v["movements"].as_array().map(Vec::len),
                Some(2),
                "one movement recorded: {v}"
            );
        }
        // The same officer sending twice at once: one movement.
        let (_, f) = app
            .post("/api/v1/filing/files", &so, json!({ "office": DEPT, "section": "REG", "subject": "Double click", "record_class": "C" }))
            .await;
        let file = f["file"]["id"].as_str().expect("id").to_owned();
        let (a, b) = tokio::join!(
            moved(&app, &so, &file, "put_up", DS),
            moved(&app, &so, &file, "put_up", AS)
        );
        let mut statuses = [a.0, b.0];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    }
}

#[tokio::test]
async fn audit_verify_checks_every_files_note_chain() {
    let app = TestApp::demo_day(&crate::harness::Backend::Sqlite).await;
    let dir = app.data_dir.to_str().expect("utf-8 path").to_owned();
    let verify = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_daftar"))
            .args(["audit", "verify", "--data-dir", &dir, "--tenant", "punjab"])
            .env_remove("DAFTAR_DATABASE_URL")
            .output()
            .expect("run")
    };
    let ok = verify();
    let out = String::from_utf8_lossy(&ok.stdout).into_owned();
    assert!(
        ok.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(out.contains("punjab: note signatures intact"), "{out}");
    assert!(
        !out.contains(" 0 sealed notes"),
        "the demo has sealed notes: {out}"
    );
    // A signature swapped for another note's breaks the chain's check.
    app.tamper(
        "UPDATE filing_notes SET signature = (SELECT MIN(signature) FROM filing_notes WHERE seq = 2) \
         WHERE seq = 1 AND signature IS NOT NULL",
    )
    .await;
    let bad = verify();
    let out = String::from_utf8_lossy(&bad.stdout).into_owned();
    assert!(!bad.status.success(), "{out}");
    assert!(
        out.contains("note signatures NOT INTACT")
            && out.contains("signature that does not verify"),
        "{out}"
    );
}
