//! A user of one province never learns that another province's data exists: for every
//! route the app has, asking for Punjab's things as a Balochistan administrator gets the
//! same answer as asking for things that do not exist (404 on reads).

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{TestApp, backends};

/// Routes that are not about any province's data.
const PUBLIC: &[(&str, &str)] = &[
    ("GET", "/login"),
    ("POST", "/login"),
    ("POST", "/logout"),
    ("GET", "/lang/{code}"),
    ("GET", "/assets/{name}"),
    ("GET", "/healthz"),
    ("GET", "/metrics"),
    ("GET", "/api/openapi.json"),
    ("POST", "/api/v1/auth/token"),
    // e-Khidmat's public side: the kiosk and board of a centre, the citizen's tracking
    // (by tracking id and CNIC digits), certificate verification and published keys.
    ("POST", "/api/v1/khidmat/centres/{code}/tokens"),
    ("GET", "/api/v1/khidmat/centres/{code}/board"),
    ("GET", "/api/v1/public/track/{tracking_id}"),
    ("POST", "/api/v1/public/track/{tracking_id}/feedback"),
    ("GET", "/api/v1/public/verify"),
    ("GET", "/public/keys"),
    ("GET", "/khidmat/kiosk/{code}"),
    ("POST", "/khidmat/kiosk/{code}"),
    ("GET", "/khidmat/board/{code}"),
    ("GET", "/khidmat/board/{code}/events"),
    ("GET", "/khidmat/board.js"),
    ("GET", "/public/track"),
    ("POST", "/public/track/feedback"),
    ("GET", "/public/verify"),
];

/// Fills a route's parameters with Punjab identifiers (or, with `punjab = false`, with
/// identifiers that exist nowhere).
fn fill(path: &str, punjab: bool, ids: &Value) -> String {
    let pick = |k: &str, missing: &str| {
        if punjab {
            ids[k].as_str().unwrap_or_default().to_owned()
        } else {
            missing.to_owned()
        }
    };
    let code = if path.starts_with("/mdm/offices") || path.starts_with("/api/v1/org") {
        pick("office", "PB-DC-NOPE")
    } else if path.contains("/khidmat/counters/") || path.contains("/khidmat/counter/") {
        pick("counter", "PB-EKM-NOPE-C1")
    } else if path.contains("/khidmat/centres/") {
        pick("centre", "PB-EKM-NOPE")
    } else {
        pick("district", "PB-NOPE")
    };
    let id = if path.starts_with("/api/v1/filing/files/") || path.starts_with("/filing/files/") {
        pick("file", "01900000-0000-7000-8000-000000000002")
    } else if path.starts_with("/api/v1/filing/receipts/") || path.starts_with("/filing/receipts/")
    {
        pick("receipt", "01900000-0000-7000-8000-000000000003")
    } else {
        pick("user", "01900000-0000-7000-8000-000000000000")
    };
    path.replace("{code}", &code)
        .replace(
            "{note_id}",
            &pick("note", "01900000-0000-7000-8000-000000000004"),
        )
        .replace(
            "{draft_id}",
            &pick("draft", "01900000-0000-7000-8000-000000000005"),
        )
        .replace("{attachment}", "01900000-0000-7000-8000-000000000006")
        .replace("{tracking_id}", &pick("tracking", "PB-2026-999999"))
        .replace("{number}", &pick("certificate", "PB-C-2026-999999"))
        .replace("{id}", &id)
        .replace(
            "{grant_id}",
            &pick("grant", "01900000-0000-7000-8000-000000000001"),
        )
}

/// A body for a write route, naming Punjab's things (or things that exist nowhere).
fn body(path: &str, punjab: bool) -> Option<Value> {
    let code = if punjab { "PB-LHR" } else { "PB-NOPE" };
    let office = if punjab { "PB-DC-LHR" } else { "PB-DC-NOPE" };
    let n = json!({ "notification_no": "No. X", "notification_date": "2026-11-01", "effective_date": "2026-12-01" });
    match path {
        "/api/v1/geo/changes" => Some(
            json!({ "kind": "rename", "notification": n, "code": code, "name": "Renamed", "name_ur": "نیا نام" }),
        ),
        "/api/v1/org/changes" => Some(
            json!({ "kind": "rename", "notification": n, "code": office, "name": "Renamed", "name_ur": "نیا نام" }),
        ),
        p if p.ends_with("/grants") => {
            Some(json!({ "role": "mdm.editor", "scope": { "kind": "province" } }))
        }
        "/api/v1/users" => None,
        "/api/v1/persons/resolve" => {
            Some(json!({ "source": "khidmat", "source_id": "1", "name": "Ali Raza" }))
        }
        _ => Some(json!({})),
    }
}

#[tokio::test]
async fn balochistan_never_sees_punjab_by_any_route() {
    for backend in backends() {
        let app = TestApp::demo_day(&backend).await;
        let punjab_admin = app.token("punjab.admin").await;
        let (_, me) = app.get("/api/v1/me", &punjab_admin).await;
        let user_id = me["user"]["id"].as_str().expect("id").to_owned();
        let grant_id = me["grants"][0]["id"].as_str().expect("grant").to_owned();
        let steward = app.token("punjab.steward").await;
        let (_, resolved) = app
            .post("/api/v1/persons/resolve", &steward, json!({ "source": "khidmat", "source_id": "1", "name": "Ali Raza", "district": "Lahore", "cnic": "35202-1111111-1" }))
            .await;
        let person = resolved["person_id"].as_str().expect("person").to_owned();
        // The demo's first Punjab file (a letter issued from it) and what hangs off it.
        let so = app.token("punjab.so").await;
        let (_, register) = app
            .get("/api/v1/filing/register?office=PB-DEPT-SGAD", &so)
            .await;
        let file = register[0]["id"].as_str().expect("a demo file").to_owned();
        let (_, f) = app.get(&format!("/api/v1/filing/files/{file}"), &so).await;
        // The demo's first Punjab application (delivered, with a certificate).
        let year = &daftar_kernel::CivilDate::today().iso()[..4];
        let ids = json!({
            "district": "PB-LHR", "office": "PB-DC-LHR", "user": user_id, "grant": grant_id, "person": person,
            "centre": "PB-EKM-LHR-JT", "counter": "PB-EKM-LHR-JT-C1",
            "tracking": format!("PB-{year}-000001"), "certificate": format!("PB-C-{year}-000001"),
            "file": file, "note": f["notes"][0]["id"], "draft": f["drafts"][0]["id"], "receipt": f["receipts"][0]["id"],
        });
        let token = app.token("balochistan.admin").await;
        // The Balochistan administrator takes every role, so only the province can hide anything.
        let (_, me) = app.get("/api/v1/me", &token).await;
        let me_id = me["user"]["id"].as_str().expect("id").to_owned();
        for role in [
            "mdm.steward",
            "mdm.editor",
            "khidmat.operator",
            "filing.admin",
        ] {
            let (s, v) = app
                .post(
                    &format!("/api/v1/users/{me_id}/grants"),
                    &token,
                    json!({ "role": role, "scope": { "kind": "province" } }),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{v}");
        }
        let browser = app.browser_login("balochistan.admin").await;
        let mut checked = 0;
        for r in &app.state.routes {
            if PUBLIC.contains(&(r.method, r.path)) {
                continue;
            }
            checked += 1;
            let is_page = !r.path.starts_with("/api/");
            if r.path.contains('{') || r.path.ends_with("/changes") {
                // Punjab's thing and a thing that exists nowhere must look the same.
                let mut answers = Vec::new();
                for punjab in [true, false] {
                    let path = fill(r.path, punjab, &ids);
                    let (status, code) = if is_page {
                        let res = if r.method == "GET" {
                            app.page(&browser, &path).await.0
                        } else {
                            app.form(
                                &browser,
                                &path,
                                &[("role", "mdm.editor"), ("scope_kind", "province")],
                            )
                            .await
                            .status()
                        };
                        (res, Value::Null)
                    } else {
                        let method = Method::from_bytes(r.method.as_bytes()).expect("method");
                        let (s, v) = app
                            .call(method, &path, Some(&token), body(r.path, punjab))
                            .await;
                        (s, v["code"].clone())
                    };
                    answers.push((status, code));
                }
                assert_eq!(
                    answers[0], answers[1],
                    "{} {} answers differently for Punjab's data than for nothing",
                    r.method, r.path
                );
                if r.method == "GET" {
                    assert_eq!(
                        answers[0].0,
                        StatusCode::NOT_FOUND,
                        "{} {}",
                        r.method,
                        r.path
                    );
                }
            } else if r.method == "GET" {
                // Lists and pages: nothing of Punjab's shows.
                let text = if is_page {
                    let (s, html) = app.page(&browser, r.path).await;
                    assert_eq!(s, StatusCode::OK, "{}", r.path);
                    html
                } else {
                    let path = if r.path == "/api/v1/persons" {
                        "/api/v1/persons?q=Ali%20Raza".to_owned()
                    } else {
                        r.path.to_owned()
                    };
                    let (s, v) = app.get(&path, &token).await;
                    assert_eq!(s, StatusCode::OK, "{}", r.path);
                    v.to_string()
                };
                for leak in ["PB-", "punjab.", "Lahore", "لاہور"] {
                    assert!(!text.contains(leak), "{} shows {leak}", r.path);
                }
            } else {
                // Writes without parameters: creating things lands in Balochistan only.
                let (status, v) = if is_page {
                    (
                        app.form(
                            &browser,
                            r.path,
                            &[
                                ("username", "pb.probe"),
                                ("display_name", "Probe"),
                                ("password", "long-enough-1"),
                            ],
                        )
                        .await
                        .status(),
                        Value::Null,
                    )
                } else {
                    app.post(r.path, &token, body(r.path, false).unwrap_or(json!({ "username": "pb.probe2", "display_name": "Probe", "password": "long-enough-1" }))).await
                };
                assert!(
                    status.is_success() || status.is_redirection() || status.is_client_error(),
                    "{} {} -> {status} {v}",
                    r.method,
                    r.path
                );
            }
        }
        assert!(checked >= 15, "only {checked} routes were checked");
        // And Balochistan's own data is there.
        let (s, v) = app.get("/api/v1/geo/units?level=district", &token).await;
        assert_eq!(s, StatusCode::OK);
        let units = v["units"].as_array().expect("units");
        assert!(
            units.len() >= 30,
            "Balochistan has about 37 districts, got {}",
            units.len()
        );
        assert!(
            units
                .iter()
                .all(|u| u["code"].as_str().is_some_and(|c| c.starts_with("BA-")))
        );
        assert!(units.iter().all(|u| u["name"].is_string()
            && u["name_ur"].is_string()
            && u["level"] == "district"
            && u["parent"].is_string()));
    }
}

#[tokio::test]
async fn every_route_is_either_public_or_checked_for_isolation() {
    let app = TestApp::empty(&backends()[0]).await;
    for (m, p) in PUBLIC {
        assert!(
            app.state
                .routes
                .iter()
                .any(|r| r.method == *m && r.path == *p),
            "{m} {p} is listed as public but does not exist"
        );
    }
    // Every other route requires a logged-in user of a province.
    for r in &app.state.routes {
        if PUBLIC.contains(&(r.method, r.path)) {
            continue;
        }
        let path = r
            .path
            .replace("{code}", "PB-LHR")
            .replace("{id}", "x")
            .replace("{grant_id}", "y");
        let method = Method::from_bytes(r.method.as_bytes()).expect("method");
        let (status, _) = app.call(method, &path, None, Some(json!({}))).await;
        let expected = if r.path.starts_with("/api/") {
            vec![StatusCode::UNAUTHORIZED]
        } else {
            vec![StatusCode::SEE_OTHER, StatusCode::FORBIDDEN]
        };
        assert!(
            expected.contains(&status),
            "{} {} without login answered {status}",
            r.method,
            r.path
        );
    }
}
