//! e-Khidmat from the demo, through HTTP: a token taken at the kiosk is called at a
//! counter; a domicile application is taken (once, whatever the retries), paid, moved
//! through its stages by the back office, delivered; the citizen tracks it; its
//! certificate verifies, and fails once altered.

use std::process::Command;

use reqwest::{StatusCode, multipart};
use serde_json::{Value, json};

use crate::harness::{TestApp, backends};

pub const CENTRE: &str = "PB-EKM-LHR-JT";

pub fn domicile(cnic: &str) -> Value {
    json!({
        "service": "DOMICILE",
        "counter": format!("{CENTRE}-C2"),
        "applicant": {
            "cnic": cnic, "name": "Zainab Noor", "father_name": "Noor Muhammad",
            "gender": "female", "dob": "1990-04-02", "mobile": "0321 5556677",
            "address": "House 7, Street 9, Johar Town"
        },
        "form": { "father_name": "Noor Muhammad", "address": "House 7, Street 9, Johar Town", "date_of_birth": "1990-04-02" }
    })
}

/// Takes an application with an idempotency key; returns the receipt.
pub async fn take(app: &TestApp, token: &str, body: &Value, key: &str) -> (StatusCode, Value) {
    let res = app
        .client
        .post(app.url("/api/v1/khidmat/applications"))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .expect("request");
    let status = res.status();
    (status, res.json().await.expect("json"))
}

pub async fn act(app: &TestApp, token: &str, tracking: &str, action: &str) -> (StatusCode, Value) {
    app.post(
        &format!("/api/v1/khidmat/applications/{tracking}/transitions"),
        token,
        json!({ "action": action, "reason": "" }),
    )
    .await
}

#[tokio::test]
async fn a_citizen_is_served_from_token_to_verified_certificate() {
    for backend in backends() {
        let app = TestApp::demo_day(&backend).await;
        let operator = app.token("punjab.operator").await;
        let officer = app.token("punjab.officer").await;

        // The kiosk needs no login.
        let (s, token) = app
            .call(
                reqwest::Method::POST,
                &format!("/api/v1/khidmat/centres/{CENTRE}/tokens"),
                None,
                Some(json!({ "category": "general" })),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{token}");
        let number = token["number"].as_str().expect("number").to_owned();
        assert!(number.starts_with("G-"), "{number}");
        // Counter 2 calls general tokens in order of arrival until it reaches ours.
        let mut called = Value::Null;
        for _ in 0..10 {
            let (s, st) = app
                .post(
                    &format!("/api/v1/khidmat/counters/{CENTRE}-C2/call-next"),
                    &operator,
                    json!({}),
                )
                .await;
            assert_eq!(s, StatusCode::OK, "{st}");
            if st["current"]["number"] == number.as_str() {
                called = st["current"].clone();
                break;
            }
        }
        assert_eq!(
            called["counter_code"],
            format!("{CENTRE}-C2"),
            "our token was called at counter 2"
        );
        let (s, board) = app
            .call(
                reqwest::Method::GET,
                &format!("/api/v1/khidmat/centres/{CENTRE}/board"),
                None,
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            board["serving"]
                .as_array()
                .expect("serving")
                .iter()
                .any(|t| t["number"] == number.as_str()),
            "{board}"
        );

        // The application, sent twice with the same key (a retry after a lost answer).
        let body = domicile("35202-1234567-8");
        let (s, first) = take(&app, &operator, &body, "counter2-0001").await;
        assert_eq!(s, StatusCode::CREATED, "{first}");
        let (s, again) = take(&app, &operator, &body, "counter2-0001").await;
        assert_eq!(s, StatusCode::OK, "{again}");
        assert_eq!(first["tracking_id"], again["tracking_id"]);
        assert_eq!(again["replayed"], true);
        let mut other = body.clone();
        other["urgent"] = json!(true);
        let (s, v) = take(&app, &operator, &other, "counter2-0001").await;
        assert_eq!(
            s,
            StatusCode::CONFLICT,
            "a different request under a used key: {v}"
        );
        let tracking = first["tracking_id"].as_str().expect("tracking").to_owned();
        // Every fee head and the total: domicile is Rs 550.
        assert_eq!(first["total_paisa"], 55_000);
        let heads: Vec<&str> = first["fees"]
            .as_array()
            .expect("fees")
            .iter()
            .filter_map(|f| f["head"].as_str())
            .collect();
        assert_eq!(heads, ["government_fee", "service_charge", "affidavit"]);

        // A document, type-checked.
        let pdf = b"%PDF-1.4\n% a scanned CNIC\n".to_vec();
        let upload = |bytes: Vec<u8>, doc: &str, mime: &str| {
            let part = multipart::Part::bytes(bytes)
                .file_name("cnic.pdf")
                .mime_str(mime)
                .expect("mime");
            multipart::Form::new()
                .text("doc_type", doc.to_owned())
                .part("file", part)
        };
        let send = |form: multipart::Form| {
            app.client
                .post(app.url(&format!(
                    "/api/v1/khidmat/applications/{tracking}/documents"
                )))
                .bearer_auth(&operator)
                .multipart(form)
                .send()
        };
        let res = send(upload(pdf.clone(), "cnic_copy", "application/pdf"))
            .await
            .expect("upload");
        assert_eq!(res.status(), StatusCode::CREATED);
        let res = send(upload(
            b"not really a picture".to_vec(),
            "photo",
            "image/png",
        ))
        .await
        .expect("upload");
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "bytes that are not a PNG"
        );
        let res = send(upload(pdf.clone(), "driving_test", "application/pdf"))
            .await
            .expect("upload");
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "a document domicile does not ask for"
        );
        let mut big = b"%PDF-1.4\n".to_vec();
        big.resize(6 * 1024 * 1024, b' ');
        let res = send(upload(big, "photo", "application/pdf"))
            .await
            .expect("upload");
        assert!(
            res.status().is_client_error(),
            "too large: {}",
            res.status()
        );

        // Payment: the amount must equal the fee.
        let pay = format!("/api/v1/khidmat/applications/{tracking}/payments");
        let (s, v) = app
            .post(
                &pay,
                &operator,
                json!({ "method": "cash", "amount_paisa": 50_000 }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(v["errors"][0]["field"], "amount_paisa", "{v}");
        let (s, v) = app
            .post(
                &pay,
                &operator,
                json!({ "method": "cash", "amount_paisa": 55_000 }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let (s, _) = app
            .post(
                &pay,
                &operator,
                json!({ "method": "cash", "amount_paisa": 55_000 }),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "paid once");
        // The payment's audited state (built from the rows it read and wrote, not read
        // back) matches the application's rows: its documents, events and payment.
        let t = daftar_platform::tenants::by_slug(&app.state.db, "punjab")
            .await
            .expect("db")
            .expect("punjab");
        let report =
            daftar_platform::audit::verify(&app.state.db, &t.tenant_id(), &app.state.entities)
                .await
                .expect("verify");
        assert!(report.findings.is_empty(), "{:?}", report.findings);

        // The back office: a step the stage does not allow is refused, naming the allowed.
        let (s, v) = act(&app, &officer, &tracking, "deliver").await;
        assert_eq!(s, StatusCode::CONFLICT);
        let detail = v["detail"].as_str().unwrap_or_default().to_owned() + &v.to_string();
        assert!(
            detail.contains("verify") && detail.contains("return") && detail.contains("reject"),
            "{v}"
        );
        let (s, v) = act(&app, &officer, &tracking, "return").await;
        assert_eq!(
            s,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a return needs a reason: {v}"
        );
        // The queue shows it with its working days left.
        let (s, q) = app.get("/api/v1/khidmat/queue", &officer).await;
        assert_eq!(s, StatusCode::OK);
        let item = q
            .as_array()
            .expect("queue")
            .iter()
            .find(|i| i["tracking_id"] == tracking.as_str())
            .cloned()
            .expect("in the officer's queue");
        assert!(
            item["days_left"]
                .as_i64()
                .is_some_and(|d| (0..=3).contains(&d)),
            "{item}"
        );
        for action in ["verify", "approve", "print"] {
            let (s, v) = act(&app, &officer, &tracking, action).await;
            assert_eq!(s, StatusCode::OK, "{action}: {v}");
        }
        let (s, _) = act(&app, &officer, &tracking, "deliver").await;
        assert_eq!(s, StatusCode::FORBIDDEN, "delivery is the counter's");
        let (s, view) = act(&app, &operator, &tracking, "deliver").await;
        assert_eq!(s, StatusCode::OK, "{view}");
        assert_eq!(view["receipt"]["stage"], "delivered");
        let payload = view["certificate"]["payload"]
            .as_str()
            .expect("certificate")
            .to_owned();

        // The citizen's tracking page: every stage with its date.
        let last4 = "5678";
        let (s, track) = app
            .call(
                reqwest::Method::GET,
                &format!("/api/v1/public/track/{tracking}?cnic_last4={last4}"),
                None,
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{track}");
        let actions: Vec<&str> = track["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .filter_map(|s| s["action"].as_str())
            .collect();
        assert_eq!(
            actions,
            ["submit", "pay", "verify", "approve", "print", "deliver"]
        );
        assert!(
            track["steps"]
                .as_array()
                .expect("steps")
                .iter()
                .all(|s| s["at"].as_str().is_some_and(|a| a.len() >= 10))
        );
        let wrong = app
            .call(
                reqwest::Method::GET,
                &format!("/api/v1/public/track/{tracking}?cnic_last4=0000"),
                None,
                None,
            )
            .await;
        let unknown = app
            .call(
                reqwest::Method::GET,
                "/api/v1/public/track/PB-2026-999999?cnic_last4=5678",
                None,
                None,
            )
            .await;
        assert_eq!(wrong.0, StatusCode::NOT_FOUND);
        assert_eq!(wrong, unknown, "wrong digits look like an unknown id");
        assert_eq!(track["can_give_feedback"], true);
        let fb = format!("/api/v1/public/track/{tracking}/feedback");
        let (s, _) = app
            .call(
                reqwest::Method::POST,
                &fb,
                None,
                Some(json!({ "cnic_last4": last4, "rating": 5, "comment": "Quick" })),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (s, _) = app
            .call(
                reqwest::Method::POST,
                &fb,
                None,
                Some(json!({ "cnic_last4": last4, "rating": 4 })),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "feedback once");

        // Anyone can verify the certificate; one altered character fails.
        let app_ref = &app;
        let verify = |p: String| {
            let url = format!("/api/v1/public/verify?c={}", p);
            async move { app_ref.call(reqwest::Method::GET, &url, None, None).await }
        };
        let (s, v) = verify(payload.clone()).await;
        assert_eq!(
            (s, v["status"].as_str()),
            (StatusCode::OK, Some("valid")),
            "{v}"
        );
        assert_eq!(v["claims"]["t"], tracking.as_str());
        let mut altered = payload.clone().into_bytes();
        let i = payload.len() / 2;
        altered[i] = if altered[i] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(altered).expect("ascii");
        let (_, v) = verify(altered.clone()).await;
        assert_eq!(v["status"], "invalid", "{v}");

        // Offline, with the published keys, through the real command.
        let (s, keys) = app
            .call(reqwest::Method::GET, "/public/keys", None, None)
            .await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            keys["keys"]
                .as_array()
                .expect("keys")
                .iter()
                .any(|k| k["province"] == "PB")
        );
        let keys_file = app.data_dir.join("keys.json");
        std::fs::write(&keys_file, keys.to_string()).expect("keys file");
        let cert_file = app.data_dir.join("certificate.txt");
        std::fs::write(
            &cert_file,
            format!("scanned: https://daftar.example/public/verify?c={payload}\n"),
        )
        .expect("file");
        let run = |input: &str| {
            Command::new(env!("CARGO_BIN_EXE_daftar"))
                .args(["verify-certificate", input, "--keys"])
                .arg(&keys_file)
                .output()
                .expect("run daftar")
        };
        let ok = run(cert_file.to_str().expect("path"));
        assert!(
            ok.status.success(),
            "{}",
            String::from_utf8_lossy(&ok.stdout)
        );
        assert!(String::from_utf8_lossy(&ok.stdout).contains("VALID"));
        let bad = run(&altered);
        assert!(!bad.status.success());
        assert!(String::from_utf8_lossy(&bad.stdout).contains("NOT VALID"));

        // Revoked by the province: shows as revoked.
        let admin = app.token("punjab.admin").await;
        let number = view["certificate"]["number"].as_str().expect("number");
        let (s, v) = app
            .post(
                &format!("/api/v1/khidmat/certificates/{number}/revoke"),
                &admin,
                json!({ "reason": "Issued on a forged affidavit" }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{v}");
        let (_, v) = verify(payload.clone()).await;
        assert_eq!(v["status"], "revoked", "{v}");

        // Every step is in the audit chain, and the chain holds.
        let report =
            daftar_platform::audit::verify(&app.state.db, &t.tenant_id(), &app.state.entities)
                .await
                .expect("verify");
        assert!(report.findings.is_empty(), "{:?}", report.findings);
    }
}

#[tokio::test]
async fn bad_input_gets_a_clear_error_and_writes_nothing() {
    for backend in backends() {
        let app = TestApp::demo_day(&backend).await;
        let operator = app.token("punjab.operator").await;
        let (s, first) = take(&app, &operator, &domicile("35202-7654321-1"), "k1").await;
        assert_eq!(s, StatusCode::CREATED, "{first}");
        let cases = [
            (domicile("35202-765432"), "applicant.cnic"),
            (
                {
                    let mut b = domicile("35202-7654321-1");
                    b["service"] = json!("TIME_TRAVEL");
                    b
                },
                "service",
            ),
            (
                {
                    let mut b = domicile("35202-7654321-1");
                    b["applicant"]["mobile"] = json!("12");
                    b
                },
                "applicant.mobile",
            ),
            (
                {
                    let mut b = domicile("35202-7654321-1");
                    b["form"]["date_of_birth"] = json!("yesterday");
                    b
                },
                "form.date_of_birth",
            ),
            (
                {
                    let mut b = domicile("35202-7654321-1");
                    b["form"]["shoe_size"] = json!("9");
                    b
                },
                "form.shoe_size",
            ),
            (
                {
                    let mut b = domicile("35202-7654321-1");
                    b["counter"] = json!("PB-NOPE-C9");
                    b
                },
                "counter",
            ),
        ];
        for (i, (body, field)) in cases.iter().enumerate() {
            let (s, v) = take(&app, &operator, body, &format!("bad-{i}")).await;
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {v}");
            let fields: Vec<&str> = v["errors"]
                .as_array()
                .expect("errors")
                .iter()
                .filter_map(|e| e["field"].as_str())
                .collect();
            assert!(fields.contains(field), "{field}: {v}");
        }
        // Nothing was half-written: the next application gets the very next number.
        let (s, next) = take(&app, &operator, &domicile("35202-7654321-1"), "k2").await;
        assert_eq!(s, StatusCode::CREATED);
        let n = |v: &Value| {
            v["tracking_id"]
                .as_str()
                .and_then(|t| t.rsplit('-').next())
                .and_then(|n| n.parse::<i64>().ok())
                .expect("number")
        };
        assert_eq!(n(&next), n(&first) + 1);
        // An officer of another district may not act on it; the clerk has no role at all.
        let admin = app.token("punjab.admin").await;
        let (s, user) = app.post("/api/v1/users", &admin, json!({ "username": "rwp.officer", "display_name": "Rawalpindi Officer", "password": "long-enough-1" })).await;
        assert_eq!(s, StatusCode::CREATED, "{user}");
        let id = user["id"].as_str().expect("id");
        let (s, _) = app.post(&format!("/api/v1/users/{id}/grants"), &admin, json!({ "role": "khidmat.officer", "scope": { "kind": "district", "code": "PB-RWP" } })).await;
        assert_eq!(s, StatusCode::CREATED);
        let tracking = next["tracking_id"].as_str().expect("tracking");
        let (s, _) = app
            .post(
                &format!("/api/v1/khidmat/applications/{tracking}/payments"),
                &operator,
                json!({ "method": "epay", "reference": "", "amount_paisa": 55_000 }),
            )
            .await;
        assert_eq!(
            s,
            StatusCode::UNPROCESSABLE_ENTITY,
            "e-Pay needs its reference"
        );
        let (s, _) = app
            .post(
                &format!("/api/v1/khidmat/applications/{tracking}/payments"),
                &operator,
                json!({ "method": "epay", "reference": "PSID-100200300", "amount_paisa": 55_000 }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let outsider = crate::khidmat_ops::login(&app, "rwp.officer").await;
        let (s, _) = act(&app, &outsider, tracking, "verify").await;
        assert_eq!(s, StatusCode::FORBIDDEN, "outside the officer's district");
        let clerk = app.token("punjab.clerk").await;
        let (s, _) = app
            .get(&format!("/api/v1/khidmat/applications/{tracking}"), &clerk)
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        // Another province's application does not exist for Balochistan.
        let ba = app.token("balochistan.operator").await;
        let (s, _) = app
            .get(&format!("/api/v1/khidmat/applications/{tracking}"), &ba)
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
}
