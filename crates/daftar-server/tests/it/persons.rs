//! The person registry: resolving records as they arrive (match, possible, new), lineage
//! and survivorship, CNIC masking, search, and importing a file.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::{Backend, TestApp, backends};

fn record(source_id: &str, fields: Value) -> Value {
    let mut v = json!({ "source": "khidmat", "source_id": source_id });
    for (k, x) in fields.as_object().expect("object") {
        v[k] = x.clone();
    }
    v
}

#[tokio::test]
async fn records_resolve_to_the_same_person_across_spellings() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let t = app.token("punjab.steward").await;
        let first = record(
            "k-1",
            json!({ "cnic": "35202-1234567-1", "name": "Syed Muhammad Hussain Shah", "father_name": "Ghulam Abbas", "gender": "M", "dob": "1985-03-07", "district": "Lahore", "phone": "0300-1234567" }),
        );
        let (s, a) = app.post("/api/v1/persons/resolve", &t, first.clone()).await;
        assert_eq!(s, StatusCode::OK, "{a}");
        assert_eq!(a["decision"], "new");
        let person = a["person_id"].as_str().expect("person").to_owned();
        // The same man at another counter: no honorific, another spelling, CNIC without dashes.
        let again = json!({ "source": "hrims", "source_id": "E-77", "cnic": "3520212345671", "name": "M. Husain Shah", "father_name": "Ghulam Abbas", "gender": "male", "dob": "07/03/1985", "phone": "+92 300 1234567" });
        let (s, b) = app.post("/api/v1/persons/resolve", &t, again).await;
        assert_eq!(s, StatusCode::OK, "{b}");
        assert_eq!(
            (b["decision"].as_str(), b["person_id"].as_str()),
            (Some("match"), Some(person.as_str())),
            "{b}"
        );
        assert!(b["probability"].as_f64().is_some_and(|p| p >= 0.9));
        let fields: Vec<&str> = b["explanation"]
            .as_array()
            .expect("explanation")
            .iter()
            .filter_map(|e| e["field"].as_str())
            .collect();
        assert!(fields.contains(&"cnic") && fields.contains(&"name"), "{b}");
        // The same call again changes nothing.
        let (_, c) = app.post("/api/v1/persons/resolve", &t, first).await;
        assert_eq!(
            (c["replayed"].as_bool(), c["person_id"].as_str()),
            (Some(true), Some(person.as_str()))
        );
        // His sister: same father, phone and district; another name, date and CNIC.
        let sister = record(
            "k-2",
            json!({ "cnic": "35202-7654321-2", "name": "Ayesha Bibi", "father_name": "Ghulam Abbas", "gender": "F", "dob": "1990-11-02", "district": "Lahore", "phone": "0300-1234567" }),
        );
        let (_, d) = app.post("/api/v1/persons/resolve", &t, sister).await;
        assert_ne!(
            d["person_id"].as_str(),
            Some(person.as_str()),
            "siblings are different people: {d}"
        );
        // The golden record keeps the fullest name and the trusted CNIC, and says where each came from.
        let (s, p) = app.get(&format!("/api/v1/persons/{person}"), &t).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(p["person"]["cnic"], "35202-1234567-1");
        assert_eq!(p["person"]["name"], "Syed Muhammad Hussain Shah");
        assert_eq!(p["sources"].as_array().map(Vec::len), Some(2));
        assert_eq!(
            p["lineage"]["cnic"]["source"], "hrims",
            "hrims is trusted over khidmat for identity"
        );
        assert_eq!(p["lineage"]["dob"]["rule"], "most_complete");
        // A clerk sees the person with the CNIC masked; the steward saw it whole.
        let clerk = app.token("punjab.clerk").await;
        let (_, masked) = app.get(&format!("/api/v1/persons/{person}"), &clerk).await;
        assert_eq!(masked["person"]["cnic"], "35202-*******-1");
        assert!(
            !masked.to_string().contains("1234567-1"),
            "no unmasked CNIC anywhere: {masked}"
        );
        // Search by CNIC and by another spelling of the name.
        let (_, by_cnic) = app.get("/api/v1/persons?q=3520212345671", &clerk).await;
        assert_eq!(by_cnic[0]["id"].as_str(), Some(person.as_str()));
        let (_, by_name) = app.get("/api/v1/persons?q=Husain%20Shah", &clerk).await;
        assert!(
            by_name
                .as_array()
                .is_some_and(|v| v.iter().any(|x| x["id"] == person.as_str())),
            "{by_name}"
        );
        // Only those with the right may resolve.
        assert_eq!(
            app.post(
                "/api/v1/persons/resolve",
                &clerk,
                record("k-3", json!({ "name": "X" }))
            )
            .await
            .0,
            StatusCode::FORBIDDEN
        );
        // The history verifies.
        let tenant = daftar_platform::tenants::by_slug(&app.state.db, "punjab")
            .await
            .expect("q")
            .expect("t");
        let report =
            daftar_platform::audit::verify(&app.state.db, &tenant.tenant_id(), &app.state.entities)
                .await
                .expect("verify");
        assert!(report.findings.is_empty(), "{:?}", report.findings);
    }
}

#[tokio::test]
async fn bad_records_are_refused_naming_the_field() {
    let app = TestApp::demo(&backends()[0]).await;
    let t = app.token("balochistan.steward").await;
    for (body, field) in [
        (
            record("x1", json!({ "cnic": "ABCDE-1234567-1", "name": "Ali" })),
            "cnic",
        ),
        (record("x2", json!({ "father_name": "Ali" })), "name"),
        (
            record("x3", json!({ "name": "Ali", "dob": "31/02/1990" })),
            "dob",
        ),
        (
            record("x4", json!({ "name": "Ali", "gender": "x" })),
            "gender",
        ),
        (
            json!({ "source": "Bad Source", "source_id": "1", "name": "Ali" }),
            "source",
        ),
        (
            record("x5", json!({ "name": "Ali", "colour": "red" })),
            "colour",
        ),
    ] {
        let (s, v) = app.post("/api/v1/persons/resolve", &t, body).await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
            "{v}"
        );
    }
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM mdm_person_sources")
        .fetch_one(app.state.db.pool())
        .await
        .expect("count");
    assert_eq!(n, 0, "nothing was written");
    let (s, v) = app.get("/api/v1/persons?q=", &t).await;
    assert_eq!(
        (s, v["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("q"))
    );
}

#[tokio::test]
async fn importing_a_file_resolves_it_once_and_rejects_bad_rows() {
    let app = TestApp::demo(&Backend::Sqlite).await;
    let dir = app.data_dir.to_string_lossy().into_owned();
    let file = app.data_dir.join("people.csv");
    let bin = env!("CARGO_BIN_EXE_daftar");
    let generated = std::process::Command::new(bin)
        .args([
            "match",
            "generate",
            "--records",
            "1200",
            "--seed",
            "3",
            "--out",
            &file.to_string_lossy(),
        ])
        .output()
        .expect("generate");
    assert!(generated.status.success());
    let mut text = std::fs::read_to_string(&file).expect("read");
    text.push_str("bad1,ABC,Someone,,,,,,,legacy,e9\nbad2,,,,,,,,,legacy,e9\n");
    std::fs::write(&file, text).expect("write");
    let run = || {
        std::process::Command::new(bin)
            .args([
                "mdm",
                "import",
                "--quiet",
                "--data-dir",
                &dir,
                "--tenant",
                "balochistan",
                "--source",
                "legacy_import",
                &file.to_string_lossy(),
            ])
            .env_remove("DAFTAR_DATABASE_URL")
            .output()
            .expect("import")
    };
    let out = run();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("1202 rows read, 2 rejected") && stdout.contains("retrained"),
        "{stdout}"
    );
    let rejects =
        std::fs::read_to_string(app.data_dir.join("people.rejects.csv")).expect("rejects");
    assert!(
        rejects.contains("1202,\"cnic: not a CNIC")
            && rejects.contains("1203,name: a record needs a name or a CNIC"),
        "{rejects}"
    );
    let (persons,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM mdm_persons")
        .fetch_one(app.state.db.pool())
        .await
        .expect("count");
    assert!(
        (700..1200).contains(&persons),
        "duplicates were folded together: {persons} people"
    );
    let again = run();
    let stdout = String::from_utf8_lossy(&again.stdout).into_owned();
    assert!(
        stdout.contains(
            "1200 already imported, 0 matched, 0 possible (in the stewardship queue), 0 new"
        ),
        "{stdout}"
    );
    let verify = std::process::Command::new(bin)
        .args([
            "audit",
            "verify",
            "--data-dir",
            &dir,
            "--tenant",
            "balochistan",
        ])
        .env_remove("DAFTAR_DATABASE_URL")
        .output()
        .expect("verify");
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}

#[tokio::test]
async fn stewards_accept_reject_merge_and_undo() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let t = app.token("balochistan.steward").await;
        let resolve = |id: &str, body: Value| record(id, body);
        let (_, a) = app.post("/api/v1/persons/resolve", &t, resolve("a", json!({ "cnic": "54400-1234567-3", "name": "Naseebullah Kakar", "father_name": "Abdul Ghani", "dob": "1979-05-01", "district": "Quetta" }))).await;
        // The same man with no CNIC and only a year of birth: likely, not certain.
        let (_, b) = app.post("/api/v1/persons/resolve", &t, resolve("b", json!({ "name": "Naseeb Ullah", "father_name": "Abdul Ghani Kakar", "dob": "1979", "district": "Quetta" }))).await;
        let (pa, pb) = (
            a["person_id"].as_str().expect("a").to_owned(),
            b["person_id"].as_str().expect("b").to_owned(),
        );
        if b["decision"] == "possible" {
            let (_, queue) = app.get("/api/v1/persons/reviews", &t).await;
            let review = queue
                .as_array()
                .and_then(|q| q.iter().find(|r| r["person_id"] == pb.as_str()))
                .expect("queued")["id"]
                .as_str()
                .expect("id")
                .to_owned();
            let (s, v) = app
                .post(
                    &format!("/api/v1/persons/reviews/{review}/accept"),
                    &t,
                    json!({ "reason": "" }),
                )
                .await;
            assert_eq!(
                (s, v["errors"][0]["field"].as_str()),
                (StatusCode::UNPROCESSABLE_ENTITY, Some("reason"))
            );
            let (s, v) = app
                .post(
                    &format!("/api/v1/persons/reviews/{review}/accept"),
                    &t,
                    json!({ "reason": "Same father and village; checked by phone" }),
                )
                .await;
            assert_eq!(s, StatusCode::OK, "{v}");
            assert_eq!(
                app.post(
                    &format!("/api/v1/persons/reviews/{review}/reject"),
                    &t,
                    json!({ "reason": "again" })
                )
                .await
                .0,
                StatusCode::CONFLICT
            );
        } else {
            assert_ne!(pa, pb, "a certain match would not need this test's merge");
            let (s, v) = app
                .post(
                    &format!("/api/v1/persons/{pb}/merge"),
                    &t,
                    json!({ "into": pa, "reason": "Same person" }),
                )
                .await;
            assert_eq!(s, StatusCode::OK, "{v}");
        }
        let (_, merged) = app.get(&format!("/api/v1/persons/{pa}"), &t).await;
        assert_eq!(
            merged["sources"].as_array().map(Vec::len),
            Some(2),
            "{merged}"
        );
        let (_, gone) = app.get(&format!("/api/v1/persons/{pb}"), &t).await;
        assert_eq!(gone["person"]["merged_into"].as_str(), Some(pa.as_str()));
        // Merging into a merged-away person is refused; undoing restores both exactly.
        let (_, c) = app
            .post(
                "/api/v1/persons/resolve",
                &t,
                resolve("c", json!({ "name": "Zarghona Bibi", "dob": "2001-01-01" })),
            )
            .await;
        let pc = c["person_id"].as_str().expect("c").to_owned();
        assert_eq!(
            app.post(
                &format!("/api/v1/persons/{pc}/merge"),
                &t,
                json!({ "into": pb, "reason": "x" })
            )
            .await
            .0,
            StatusCode::CONFLICT
        );
        let (s, m) = app
            .post(
                &format!("/api/v1/persons/{pc}/merge"),
                &t,
                json!({ "into": pa, "reason": "Entered twice by mistake" }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{m}");
        let merge = m["merge_id"].as_str().expect("merge").to_owned();
        assert_eq!(
            app.get(&format!("/api/v1/persons/{pa}"), &t).await.1["sources"]
                .as_array()
                .map(Vec::len),
            Some(3)
        );
        let (s, v) = app
            .post(
                &format!("/api/v1/persons/merges/{merge}/undo"),
                &t,
                json!({ "reason": "Different women, same village" }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{v}");
        let (_, back) = app.get(&format!("/api/v1/persons/{pc}"), &t).await;
        assert!(
            back["person"].get("merged_into").is_none()
                && back["person"]["name"] == "Zarghona Bibi",
            "{back}"
        );
        assert_eq!(
            app.get(&format!("/api/v1/persons/{pa}"), &t).await.1["sources"]
                .as_array()
                .map(Vec::len),
            Some(2)
        );
        assert_eq!(
            app.post(
                &format!("/api/v1/persons/merges/{merge}/undo"),
                &t,
                json!({ "reason": "again" })
            )
            .await
            .0,
            StatusCode::CONFLICT
        );
        // A clerk cannot steward; everything is in the audit chain and verifies.
        let clerk = app.token("balochistan.clerk").await;
        assert_eq!(
            app.get("/api/v1/persons/reviews", &clerk).await.0,
            StatusCode::FORBIDDEN
        );
        let tenant = daftar_platform::tenants::by_slug(&app.state.db, "balochistan")
            .await
            .expect("q")
            .expect("t");
        let report =
            daftar_platform::audit::verify(&app.state.db, &tenant.tenant_id(), &app.state.entities)
                .await
                .expect("verify");
        assert!(report.findings.is_empty(), "{:?}", report.findings);
    }
}

#[tokio::test]
async fn registry_pages_for_stewards_and_clerks() {
    let app = TestApp::demo(&Backend::Sqlite).await;
    let t = app.token("punjab.steward").await;
    let (_, a) = app.post("/api/v1/persons/resolve", &t, record("p1", json!({ "cnic": "35202-2222222-1", "name": "Muhammad Tariq Butt", "father_name": "Bashir Ahmad", "dob": "1970-01-01", "district": "Lahore" }))).await;
    let (_, b) = app.post("/api/v1/persons/resolve", &t, record("p2", json!({ "name": "Tariq Butt", "father_name": "Bashir Ahmed", "dob": "1970", "district": "Lahore" }))).await;
    let person = a["person_id"].as_str().expect("person").to_owned();
    let steward = app.browser_login("punjab.steward").await;
    let (s, html) = app.page(&steward, "/mdm/persons?q=Tariq%20Butt").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains(&format!("/mdm/persons/{person}")),
        "search finds him"
    );
    let (s, html) = app.page(&steward, &format!("/mdm/persons/{person}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("35202-2222222-1") && html.contains("Muhammad Tariq Butt"),
        "the steward sees the CNIC"
    );
    let (s, html) = app.page(&steward, "/mdm/persons/reviews").await;
    assert_eq!(s, StatusCode::OK);
    if b["decision"] == "possible" {
        assert!(
            html.contains("Tariq Butt") && html.contains("name=\"reason\""),
            "the queue shows both records and asks for a reason"
        );
    }
    let (s, html) = app.page(&steward, "/mdm/persons/quality").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("khidmat"), "the scorecard lists the source");
    let (s, _) = app.page(&steward, "/mdm/persons?q=%21%21").await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a query that is neither CNIC nor name is explained"
    );
    // A clerk finds people but sees CNICs masked, and has no queue.
    let clerk = app.browser_login("punjab.clerk").await;
    let (_, html) = app.page(&clerk, &format!("/mdm/persons/{person}")).await;
    assert!(
        html.contains("35202-*******-1") && !html.contains("2222222"),
        "masked for a clerk"
    );
    assert_eq!(
        app.page(&clerk, "/mdm/persons/reviews").await.0,
        StatusCode::FORBIDDEN
    );
    // In Urdu too.
    let mut urdu = app.browser_login("punjab.steward").await;
    urdu.cookies.push_str("; daftar_lang=ur");
    let (s, html) = app.page(&urdu, &format!("/mdm/persons/{person}")).await;
    assert!(s == StatusCode::OK && html.contains("dir=\"rtl\""));
}
