//! e-Khidmat's operations: the token queue's rules, breached deadlines escalating
//! through the service's matrix, the SMS outbox retrying, counters closing their cash,
//! and the dashboards.

use reqwest::{Method, StatusCode};
use serde_json::json;

use daftar_kernel::CivilDate;
use daftar_khidmat::service::{backoffice, outbox};

use crate::{
    harness::{TestApp, backends},
    khidmat::{CENTRE, act, domicile, take},
};

/// A bearer token for a test account (password `long-enough-1`).
pub async fn login(app: &TestApp, username: &str) -> String {
    let (s, v) = app
        .call(
            Method::POST,
            "/api/v1/auth/token",
            None,
            Some(json!({ "username": username, "password": "long-enough-1" })),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["token"].as_str().expect("token").to_owned()
}

async fn kiosk(app: &TestApp, category: &str) -> serde_json::Value {
    let (s, t) = app
        .call(
            Method::POST,
            &format!("/api/v1/khidmat/centres/{CENTRE}/tokens"),
            None,
            Some(json!({ "category": category })),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    t
}

#[tokio::test]
async fn counters_call_priority_first_then_in_order_and_can_recall_skip_and_transfer() {
    for backend in backends() {
        let app = TestApp::empty(&backend).await;
        daftar_server::load_pack(&app.state.db, &crate::harness::packs_dir().join("punjab"))
            .await
            .expect("pack");
        let admin_setup = daftar_platform::tenants::by_slug(&app.state.db, "punjab")
            .await
            .expect("db")
            .expect("punjab");
        let actor = daftar_platform::audit::Actor::system(admin_setup.tenant_id(), "test");
        let new = daftar_platform::auth::service::NewUser {
            username: "lhr.operator".into(),
            display_name: "Operator".into(),
            password: "long-enough-1".into(),
        };
        let user = daftar_platform::auth::service::create_user(&app.state.db, &actor, &new)
            .await
            .expect("user");
        daftar_platform::auth::service::grant_role(
            &app.state.db,
            &actor,
            &app.state.roles,
            &user.id,
            "khidmat.operator",
            daftar_platform::auth::Scope::Office(CENTRE.into()),
        )
        .await
        .expect("grant");
        let op = login(&app, "lhr.operator").await;

        let (s, v) = app
            .call(
                Method::POST,
                &format!("/api/v1/khidmat/centres/{CENTRE}/tokens"),
                None,
                Some(json!({ "category": "vip" })),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        let g1 = kiosk(&app, "general").await;
        let g2 = kiosk(&app, "general").await;
        let p1 = kiosk(&app, "priority").await;
        let w1 = kiosk(&app, "women").await;
        assert_eq!(
            (
                g1["number"].as_str(),
                p1["number"].as_str(),
                w1["number"].as_str()
            ),
            (Some("G-001"), Some("P-001"), Some("W-001"))
        );
        let call = |counter: &'static str| {
            let op = op.clone();
            let app = &app;
            async move {
                app.post(
                    &format!("/api/v1/khidmat/counters/{CENTRE}-{counter}/call-next"),
                    &op,
                    json!({}),
                )
                .await
            }
        };
        // Counter 1 serves priority and general: the senior citizen first.
        let (_, c1) = call("C1").await;
        assert_eq!(c1["current"]["id"], p1["id"]);
        // Counter 2 serves only general: the first general token, not the women's.
        let (_, c2) = call("C2").await;
        assert_eq!(c2["current"]["id"], g1["id"]);
        // A recall keeps the token at its counter; a no-show closes it.
        let token_act = |id: &serde_json::Value, body: serde_json::Value| {
            let path = format!(
                "/api/v1/khidmat/tokens/{}/actions",
                id.as_str().unwrap_or_default()
            );
            let op = op.clone();
            let app = &app;
            async move { app.post(&path, &op, body).await }
        };
        let (s, r) = token_act(&g1["id"], json!({ "action": "recall" })).await;
        assert_eq!((s, r["recalls"].as_i64()), (StatusCode::OK, Some(1)), "{r}");
        let (s, r) = token_act(&g1["id"], json!({ "action": "no_show" })).await;
        assert_eq!((s, r["status"].as_str()), (StatusCode::OK, Some("no_show")));
        let (s, _) = token_act(&g1["id"], json!({ "action": "finish" })).await;
        assert_eq!(
            s,
            StatusCode::CONFLICT,
            "a closed token has nothing more to do"
        );
        // Counter 1 sends its citizen to the women's counter, who is called there first.
        let (s, r) = token_act(
            &p1["id"],
            json!({ "action": "transfer", "to": format!("{CENTRE}-C3") }),
        )
        .await;
        assert_eq!(
            (s, r["status"].as_str()),
            (StatusCode::OK, Some("waiting")),
            "{r}"
        );
        let (s, _) = token_act(
            &c1["current"]["id"],
            json!({ "action": "transfer", "to": "PB-NOPE" }),
        )
        .await;
        assert_eq!(s, StatusCode::CONFLICT, "already transferred");
        let (_, c3) = call("C3").await;
        assert_eq!(
            c3["current"]["id"], p1["id"],
            "the transferred token comes first"
        );
        let (_, c3) = call("C3").await;
        assert_eq!(c3["current"]["id"], w1["id"]);
        assert_eq!(
            c3["finished"]["id"], p1["id"],
            "calling the next finishes the current"
        );
        let (_, c1) = call("C1").await;
        assert_eq!(c1["current"]["id"], g2["id"]);
        let (_, c2) = call("C2").await;
        assert!(c2["current"].is_null(), "nobody left: {c2}");
        // Managers' figures: waiting and serving times.
        let (s, board) = app
            .call(
                Method::GET,
                &format!("/api/v1/khidmat/centres/{CENTRE}/board"),
                None,
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(board["waiting_count"], 0);
        // Yesterday's tokens expire; today's stay.
        let t = admin_setup.tenant_id();
        assert_eq!(
            daftar_khidmat::service::queue::expire(&app.state.db, &t)
                .await
                .expect("expire"),
            0
        );
    }
}

#[tokio::test]
async fn a_breached_deadline_escalates_level_by_level_and_no_further() {
    for backend in backends() {
        let app = TestApp::demo_day(&backend).await;
        let operator = app.token("punjab.operator").await;
        let (_, r) = take(&app, &operator, &domicile("35202-5550001-3"), "esc-1").await;
        let tracking = r["tracking_id"].as_str().expect("tracking").to_owned();
        let (s, _) = app
            .post(
                &format!("/api/v1/khidmat/applications/{tracking}/payments"),
                &operator,
                json!({ "method": "cash", "amount_paisa": 55_000 }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let officer = app.token("punjab.officer").await;
        let (_, view) = app
            .get(
                &format!("/api/v1/khidmat/applications/{tracking}"),
                &officer,
            )
            .await;
        let due = CivilDate::parse(view["due_on"].as_str().expect("due")).expect("date");
        let t = daftar_platform::tenants::by_slug(&app.state.db, "punjab")
            .await
            .expect("db")
            .expect("punjab")
            .tenant_id();
        // On the due day nothing happens.
        backoffice::escalate(&app.state.db, &t, due)
            .await
            .expect("escalate");
        let (_, v) = app
            .get(
                &format!("/api/v1/khidmat/applications/{tracking}"),
                &officer,
            )
            .await;
        assert_eq!(v["escalation_level"], 0);
        // The day after, it goes to the centre manager, who now sees it and may act.
        let manager = app.token("punjab.manager").await;
        let (_, q) = app.get("/api/v1/khidmat/queue", &manager).await;
        assert!(
            !q.to_string().contains(&tracking),
            "not the manager's before the breach"
        );
        let after = |d: CivilDate, n: i64| {
            CivilDate::from_date(d.date() + time::Duration::days(n)).expect("date")
        };
        let n = backoffice::escalate(&app.state.db, &t, after(due, 1))
            .await
            .expect("escalate");
        assert!(n >= 1);
        let (_, v) = app
            .get(
                &format!("/api/v1/khidmat/applications/{tracking}"),
                &officer,
            )
            .await;
        assert_eq!(
            (v["escalation_level"].as_i64(), v["escalated_to"].as_str()),
            (Some(1), Some("khidmat.manager")),
            "{v}"
        );
        assert!(
            v["events"]
                .as_array()
                .expect("events")
                .iter()
                .any(|e| e["action"] == "escalate")
        );
        let (_, q) = app.get("/api/v1/khidmat/queue", &manager).await;
        assert!(q.to_string().contains(&tracking), "{q}");
        // Left again past its new deadline: the administrator; then the matrix ends.
        backoffice::escalate(&app.state.db, &t, after(due, 30))
            .await
            .expect("escalate");
        let (_, v) = app
            .get(
                &format!("/api/v1/khidmat/applications/{tracking}"),
                &officer,
            )
            .await;
        assert_eq!(v["escalation_level"], 2);
        backoffice::escalate(&app.state.db, &t, after(due, 60))
            .await
            .expect("escalate");
        let (_, v) = app
            .get(
                &format!("/api/v1/khidmat/applications/{tracking}"),
                &officer,
            )
            .await;
        assert_eq!(v["escalation_level"], 2, "no level beyond the matrix");
        // The manager acts on it; the citizen never sees the internal escalation reason.
        let (s, v) = act(&app, &manager, &tracking, "verify").await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let (_, track) = app
            .call(
                Method::GET,
                &format!("/api/v1/public/track/{tracking}?cnic_last4=0013"),
                None,
                None,
            )
            .await;
        assert!(!track.to_string().contains("khidmat.manager"), "{track}");
    }
}

struct Failing;
impl outbox::Provider for Failing {
    fn send(&self, _: &str, _: &str) -> Result<(), String> {
        Err("gateway down".into())
    }
}

#[tokio::test]
async fn sms_wait_in_the_outbox_until_sent_and_failures_are_retried() {
    for backend in backends() {
        let app = TestApp::demo_day(&backend).await;
        // The demo's steps queued messages; a failing gateway sends none.
        let failed = outbox::deliver(&app.state.db, std::sync::Arc::new(Failing))
            .await
            .expect("deliver");
        assert!(failed.failed > 0 && failed.sent == 0, "{failed:?}");
        // Retries wait for their back-off: nothing is due right now.
        let log = std::sync::Arc::new(outbox::LogFile(app.data_dir.join("sms.log")));
        let sent = outbox::deliver(&app.state.db, log.clone())
            .await
            .expect("deliver");
        assert_eq!(
            sent,
            outbox::Sent::default(),
            "failed messages wait before the retry"
        );
        // New steps' messages go out through the log-file provider.
        let operator = app.token("punjab.operator").await;
        let (_, r) = take(&app, &operator, &domicile("35202-5550002-3"), "sms-1").await;
        let tracking = r["tracking_id"].as_str().expect("tracking");
        app.post(
            &format!("/api/v1/khidmat/applications/{tracking}/payments"),
            &operator,
            json!({ "method": "cash", "amount_paisa": 55_000 }),
        )
        .await;
        let sent = outbox::deliver(&app.state.db, log.clone())
            .await
            .expect("deliver");
        assert_eq!(sent.sent, 1, "{sent:?}");
        let text = std::fs::read_to_string(app.data_dir.join("sms.log")).expect("log");
        assert!(
            text.contains(tracking) && text.contains("03215556677"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn a_counter_closes_its_day_and_the_dashboards_add_up() {
    for backend in backends() {
        let app = TestApp::demo_day(&backend).await;
        let operator = app.token("punjab.operator").await;
        let (_, r) = take(&app, &operator, &domicile("35202-5550003-3"), "cash-1").await;
        let tracking = r["tracking_id"].as_str().expect("tracking");
        app.post(
            &format!("/api/v1/khidmat/applications/{tracking}/payments"),
            &operator,
            json!({ "method": "cash", "amount_paisa": 55_000 }),
        )
        .await;
        let close = format!("/api/v1/khidmat/counters/{CENTRE}-C2/closing");
        let (s, v) = app
            .post(&close, &operator, json!({ "declared_paisa": 50_000 }))
            .await;
        assert_eq!(
            s,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a shortfall needs its explanation: {v}"
        );
        let (s, v) = app.post(&close, &operator, json!({ "declared_paisa": 50_000, "note": "Rs 50 short; change given from the drawer" })).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert_eq!(
            (v["expected_paisa"].as_i64(), v["declared_paisa"].as_i64()),
            (Some(55_000), Some(50_000))
        );
        let (s, _) = app
            .post(&close, &operator, json!({ "declared_paisa": 55_000 }))
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "closed once a day");
        let manager = app.token("punjab.manager").await;
        let (s, d) = app
            .get(
                &format!("/api/v1/khidmat/dashboard?centre={CENTRE}"),
                &manager,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{d}");
        assert!(d["applications"].as_i64().is_some_and(|n| n >= 6), "{d}");
        // The sample day's decisions (delivered, rejected) all came within their
        // deadlines; applications still in progress count neither way.
        let decided: i64 = d["by_service"]
            .as_array()
            .expect("by service")
            .iter()
            .filter_map(|f| f["within_sla"].as_i64())
            .sum();
        let late: i64 = d["by_service"]
            .as_array()
            .expect("by service")
            .iter()
            .filter_map(|f| f["breached"].as_i64())
            .sum();
        assert!(decided >= 2 && late == 0, "{d}");
        assert_eq!(d["sla_compliance_pct"], 100, "{d}");
        assert!(d["tokens"]["issued"].as_i64().is_some_and(|n| n >= 5));
        let heads: i64 = d["revenue"]
            .as_array()
            .expect("revenue")
            .iter()
            .filter_map(|l| l["amount_paisa"].as_i64())
            .sum();
        assert_eq!(heads, d["revenue_total_paisa"].as_i64().expect("total"));
        assert!(
            d["closings"]
                .as_array()
                .expect("closings")
                .iter()
                .any(|c| c["declared_paisa"] == 50_000)
        );
        let (s, _) = app.get("/api/v1/khidmat/dashboard", &manager).await;
        assert_eq!(
            s,
            StatusCode::FORBIDDEN,
            "the province view is the administrator's"
        );
        let admin = app.token("punjab.admin").await;
        let (s, p) = app.get("/api/v1/khidmat/dashboard", &admin).await;
        assert_eq!(s, StatusCode::OK);
        assert!(p["applications"].as_i64() >= d["applications"].as_i64());
        assert!(
            p["sla_compliance_pct"]
                .as_i64()
                .is_some_and(|v| (0..=100).contains(&v))
        );
    }
}

/// A new fee schedule loaded from the pack by another process (the command line) takes
/// effect with the next request of a server that has the old one cached, and does not
/// alter an application already taken.
#[tokio::test]
async fn a_fee_change_loaded_while_serving_applies_to_new_applications_only() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let operator = app.token("punjab.operator").await;
        let (s, before) = take(&app, &operator, &domicile("35202-1111111-1"), "fee-1").await;
        assert_eq!(s, StatusCode::CREATED, "{before}");
        assert_eq!(before["total_paisa"], 55_000, "{before}");

        let dir = app.data_dir.join("pack-punjab");
        std::fs::create_dir_all(&dir).expect("mkdir");
        for f in std::fs::read_dir(crate::harness::packs_dir().join("punjab")).expect("pack") {
            let f = f.expect("entry").path();
            std::fs::copy(&f, dir.join(f.file_name().expect("name"))).expect("copy");
        }
        let toml = std::fs::read_to_string(dir.join("khidmat.toml")).expect("read");
        let old = "  { from = \"2026-07-01\", normal = { government_fee = 200, service_charge = 300, affidavit = 50 }, urgent = { government_fee = 200, service_charge = 800, affidavit = 50 } },\n";
        assert!(
            toml.contains(old),
            "the Domicile fee line of the Punjab pack moved"
        );
        let today = CivilDate::today().iso();
        let new = format!(
            "{old}  {{ from = \"{today}\", normal = {{ government_fee = 250, service_charge = 300, affidavit = 50 }} }},\n"
        );
        std::fs::write(dir.join("khidmat.toml"), toml.replacen(old, &new, 1)).expect("write");
        // The server's state is not told: the load goes straight to the database.
        daftar_server::load_pack(&app.state.db, &dir)
            .await
            .expect("load the changed pack");

        let (s, after) = take(&app, &operator, &domicile("35202-2222222-2"), "fee-2").await;
        assert_eq!(s, StatusCode::CREATED, "{after}");
        assert_eq!(after["total_paisa"], 60_000, "{after}");
        assert_eq!(after["fee_schedule"], today.as_str(), "{after}");
        let tracking = before["tracking_id"].as_str().expect("tracking id");
        let (s, view) = app
            .get(
                &format!("/api/v1/khidmat/applications/{tracking}"),
                &operator,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{view}");
        assert_eq!(view["receipt"]["total_paisa"], 55_000, "{view}");
    }
}
