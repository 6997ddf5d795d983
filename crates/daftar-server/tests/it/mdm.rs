//! The reference registries: notified changes with effective dates, queries as of a
//! date, codes never reused, parents of the right level, all-or-nothing changes.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::{TestApp, backends};

fn notification(effective: &str) -> Value {
    json!({ "notification_no": "No. BOR(Rev)12-3/2026", "notification_date": "2026-11-15", "effective_date": effective })
}

fn names(v: &Value) -> Vec<String> {
    v["units"]
        .as_array()
        .expect("units")
        .iter()
        .map(|u| u["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_split_takes_effect_on_its_date_and_history_is_kept() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let t = app.token("balochistan.admin").await;
        // Quetta district is split: a new district takes two of its tehsils from 2027-01-01.
        let split = json!({ "kind": "split", "notification": notification("2027-01-01"), "from": "BA-QTA",
            "into": [{ "code": "BA-SRY", "level": "district", "name": "Sariab", "name_ur": "سریاب", "parent": "BA-DIV-QTA" }],
            "moves": [{ "code": "BA-QTA-SRB", "to": "BA-SRY" }, { "code": "BA-QTA-KCK", "to": "BA-SRY" }] });
        let (s, v) = app.post("/api/v1/geo/changes", &t, split).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let (_, before) = app
            .get("/api/v1/geo/units?parent=BA-QTA&as_of=2026-12-31", &t)
            .await;
        let (_, after) = app
            .get("/api/v1/geo/units?parent=BA-QTA&as_of=2027-01-01", &t)
            .await;
        assert!(names(&before).contains(&"BA-QTA-SRB".to_owned()));
        assert!(!names(&after).contains(&"BA-QTA-SRB".to_owned()));
        let (s, v) = app
            .get("/api/v1/geo/units/BA-SRY?as_of=2027-02-01", &t)
            .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(v["parent_unit"]["code"], "BA-DIV-QTA");
        assert_eq!(v["children"].as_array().map(Vec::len), Some(2));
        let (_, districts) = app
            .get("/api/v1/geo/units?level=district&as_of=2026-12-31", &t)
            .await;
        assert!(
            !names(&districts).contains(&"BA-SRY".to_owned()),
            "not in force before its date"
        );
        // The moved tehsil keeps its history: two versions with their notifications.
        let (_, v) = app.get("/api/v1/geo/units/BA-QTA-SRB", &t).await;
        let history = v["history"].as_array().expect("history");
        assert_eq!(history.len(), 2, "{v}");
        assert_eq!(history[1]["parent"], "BA-SRY");
        assert_eq!(history[1]["notification_no"], "No. BOR(Rev)12-3/2026");

        // Rename, then merge Sariab back into Quetta: Sariab is retired, points to Quetta,
        // and its code can never be used again.
        let rename = json!({ "kind": "rename", "notification": notification("2027-03-01"), "code": "BA-SRY", "name": "Sariab Valley", "name_ur": "وادی سریاب" });
        assert_eq!(
            app.post("/api/v1/geo/changes", &t, rename).await.0,
            StatusCode::CREATED
        );
        let merge = json!({ "kind": "merge", "notification": notification("2027-06-01"), "sources": ["BA-SRY"], "into": "BA-QTA" });
        let (s, v) = app.post("/api/v1/geo/changes", &t, merge).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let (_, v) = app
            .get("/api/v1/geo/units/BA-SRY?as_of=2027-07-01", &t)
            .await;
        assert_eq!(v["retired_on"], "2027-06-01");
        assert_eq!(v["successors"], json!(["BA-QTA"]));
        let (_, v) = app
            .get("/api/v1/geo/units/BA-SRY?as_of=2027-04-01", &t)
            .await;
        assert_eq!(v["name"], "Sariab Valley");
        let (_, v) = app
            .get("/api/v1/geo/units?parent=BA-QTA&as_of=2027-07-01", &t)
            .await;
        assert!(
            names(&v).contains(&"BA-QTA-SRB".to_owned()),
            "children moved back: {v}"
        );
        let reuse = json!({ "kind": "create", "notification": notification("2028-01-01"),
            "unit": { "code": "BA-SRY", "level": "district", "name": "Sariab", "name_ur": "سریاب", "parent": "BA-DIV-QTA" } });
        let (s, v) = app.post("/api/v1/geo/changes", &t, reuse).await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (StatusCode::CONFLICT, Some("unit.code")),
            "{v}"
        );
    }
}

#[tokio::test]
async fn bad_changes_are_refused_whole_naming_the_field() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let t = app.token("balochistan.admin").await;
        let count = |app: &TestApp| {
            let pool = app.state.db.pool().clone();
            async move {
                sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM audit_log")
                    .fetch_one(&pool)
                    .await
                    .expect("count")
                    .0
            }
        };
        let before = count(&app).await;
        // A district inside a tehsil: wrong level.
        let bad = json!({ "kind": "create", "notification": notification("2027-01-01"),
            "unit": { "code": "BA-NEW", "level": "district", "name": "New", "name_ur": "نیا", "parent": "BA-QTA-CTY" } });
        let (s, v) = app.post("/api/v1/geo/changes", &t, bad).await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("unit.parent")),
            "{v}"
        );
        // Several problems at once, each named.
        let bad = json!({ "kind": "create", "notification": { "notification_no": "", "notification_date": "2026-02-30", "effective_date": "soon" },
            "unit": { "code": "x", "level": "county", "name": "", "name_ur": "English", "parent": "" } });
        let (s, v) = app.post("/api/v1/geo/changes", &t, bad).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<&str> = v["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .filter_map(|e| e["field"].as_str())
            .collect();
        for f in [
            "notification.notification_no",
            "notification.notification_date",
            "notification.effective_date",
            "unit.code",
            "unit.level",
            "unit.name",
            "unit.name_ur",
        ] {
            assert!(fields.contains(&f), "{f} missing from {fields:?}");
        }
        // A merge whose second source fails leaves nothing behind: the first is not retired.
        let merge = json!({ "kind": "merge", "notification": notification("2027-01-01"), "sources": ["BA-PSN", "BA-NOPE"], "into": "BA-QTA" });
        let (s, _) = app.post("/api/v1/geo/changes", &t, merge).await;
        assert!(s.is_client_error());
        let (_, v) = app
            .get("/api/v1/geo/units/BA-PSN?as_of=2027-02-01", &t)
            .await;
        assert!(
            v.get("retired_on").is_none(),
            "half a merge was written: {v}"
        );
        // Retiring a unit that still has children is refused.
        let retire = json!({ "kind": "retire", "notification": notification("2027-01-01"), "code": "BA-QTA" });
        let (s, v) = app.post("/api/v1/geo/changes", &t, retire).await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (StatusCode::CONFLICT, Some("code")),
            "{v}"
        );
        assert_eq!(
            count(&app).await,
            before,
            "refused changes write nothing, not even audit records"
        );
        // Unknown kinds and fields.
        let (s, v) = app
            .post(
                "/api/v1/geo/changes",
                &t,
                json!({ "kind": "annex", "notification": notification("2027-01-01") }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        let (s, v) = app.post("/api/v1/geo/changes", &t, json!({ "kind": "retire", "notification": notification("2027-01-01"), "code": "BA-QTA-CTY", "color": "red" })).await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("color")),
            "{v}"
        );
    }
}

#[tokio::test]
async fn offices_posts_and_holidays() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let t = app.token("punjab.clerk").await;
        let (s, v) = app
            .get("/api/v1/org/offices?level=office&location=PB-LHR", &t)
            .await;
        assert_eq!(s, StatusCode::OK);
        assert!(names(&v).contains(&"PB-DC-LHR".to_owned()), "{v}");
        let (s, v) = app.get("/api/v1/org/offices/PB-DC-LHR", &t).await;
        assert_eq!(s, StatusCode::OK);
        let posts = v["posts"].as_array().expect("posts");
        assert!(
            posts
                .iter()
                .any(|p| p["designation"] == "Deputy Commissioner" && p["bps"] == 20),
            "{v}"
        );
        let (_, v) = app.get("/api/v1/org/offices?level=department", &t).await;
        assert!(v["count"].as_u64().is_some_and(|n| n >= 12), "{v}");
        let (s, v) = app.get("/api/v1/holidays?year=2026", &t).await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            v.as_array()
                .is_some_and(|h| h.iter().any(|d| d["day"] == "2026-08-14")),
            "Independence Day: {v}"
        );
        let (s, v) = app.get("/api/v1/holidays?year=twenty", &t).await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("year"))
        );
    }
}
