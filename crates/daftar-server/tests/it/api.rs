//! The API's conventions at the edge: problem+json with stable codes, field errors,
//! limits, OpenAPI, health and metrics.

use reqwest::{StatusCode, header};
use serde_json::{Value, json};

use crate::harness::{TestApp, backends};

async fn raw(
    app: &TestApp,
    token: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, String, Value) {
    let res = app
        .client
        .post(app.url("/api/v1/geo/changes"))
        .bearer_auth(token)
        .header(header::CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .expect("send");
    let status = res.status();
    let ct = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let v = serde_json::from_str(&res.text().await.expect("text")).unwrap_or(Value::Null);
    (status, ct, v)
}

#[tokio::test]
async fn bad_input_gets_a_problem_naming_the_field_never_a_500() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let t = app.token("punjab.admin").await;
        let (s, ct, v) = raw(
            &app,
            &t,
            "application/json",
            b"{\"kind\": \"rename\",".to_vec(),
        )
        .await;
        assert_eq!(
            (s, ct.as_str(), v["code"].as_str()),
            (
                StatusCode::BAD_REQUEST,
                "application/problem+json",
                Some("malformed_body")
            )
        );
        let (s, _, v) = raw(&app, &t, "text/plain", b"hello".to_vec()).await;
        assert_eq!(
            (s, v["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("malformed_body"))
        );
        let big = format!(
            "{{\"kind\":\"rename\",\"code\":\"{}\"}}",
            "A".repeat(2 * 1024 * 1024)
        );
        let (s, _, v) = raw(&app, &t, "application/json", big.into_bytes()).await;
        assert_eq!(
            (s, v["code"].as_str()),
            (StatusCode::PAYLOAD_TOO_LARGE, Some("body_too_large"))
        );
        let (s, _, v) = raw(&app, &t, "application/json", br#"{"kind":"rename","notification":{"notification_no":5,"notification_date":"2026-01-01","effective_date":"2026-01-01"},"code":"PB-LHR","name":"x","name_ur":"y"}"#.to_vec()).await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Some("notification.notification_no")
            ),
            "{v}"
        );
        let (s, v) = app.get("/api/v1/geo/units?as_of=2026-13-45", &t).await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("as_of")),
            "{v}"
        );
        let (s, v) = app.get("/api/v1/geo/units?as_of=1700-01-01", &t).await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("as_of")),
            "dates out of range: {v}"
        );
        let (s, v) = app.get("/api/v1/geo/units?level=county", &t).await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("level")),
            "{v}"
        );
        let (s, v) = app.get("/api/v1/geo/units?colour=red", &t).await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("colour")),
            "{v}"
        );
        let (s, v) = app.get("/api/v1/geo/units/not%20a%20code", &t).await;
        assert_eq!(
            (s, v["code"].as_str()),
            (StatusCode::NOT_FOUND, Some("not_found"))
        );
        let (s, v) = app.get("/api/v1/nothing-here", &t).await;
        assert_eq!(
            (s, v["code"].as_str()),
            (StatusCode::NOT_FOUND, Some("not_found"))
        );
        let (s, v) = app
            .call(
                reqwest::Method::GET,
                "/api/v1/geo/units",
                Some("not-a-token"),
                None,
            )
            .await;
        assert_eq!(
            (s, v["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("unauthenticated"))
        );
        // Urdu readers get Urdu problem titles.
        let res = app
            .client
            .get(app.url("/api/v1/geo/units?level=county"))
            .bearer_auth(&t)
            .header(header::ACCEPT_LANGUAGE, "ur")
            .send()
            .await
            .expect("send");
        let v: Value = res.json().await.expect("json");
        assert!(
            v["title"]
                .as_str()
                .is_some_and(|s| s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))),
            "{v}"
        );
    }
}

#[tokio::test]
async fn openapi_health_and_metrics() {
    let app = TestApp::demo(&backends()[0]).await;
    let (s, v) = app
        .call(reqwest::Method::GET, "/api/openapi.json", None, None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        v["openapi"].as_str().is_some_and(|o| o.starts_with("3.1")),
        "{}",
        v["openapi"]
    );
    for path in [
        "/api/v1/geo/units",
        "/api/v1/geo/units/{code}",
        "/api/v1/org/offices",
        "/api/v1/auth/token",
        "/api/v1/geo/changes",
    ] {
        assert!(
            v["paths"].get(path).is_some(),
            "{path} missing from the OpenAPI document"
        );
    }
    // Every API route in the app is documented.
    for r in app
        .state
        .routes
        .iter()
        .filter(|r| r.path.starts_with("/api/v1/"))
    {
        let op = &v["paths"][r.path][r.method.to_lowercase()];
        assert!(
            op.is_object(),
            "{} {} is not in the OpenAPI document",
            r.method,
            r.path
        );
    }
    let (s, v) = app.call(reqwest::Method::GET, "/healthz", None, None).await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("ok")));
    let t = app.token("punjab.clerk").await;
    app.get("/api/v1/geo/units?level=district", &t).await;
    let (s, text) = app.call(reqwest::Method::GET, "/metrics", None, None).await;
    assert_eq!(s, StatusCode::OK);
    let text = text.as_str().unwrap_or_default().to_owned();
    assert!(text.contains("daftar_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/geo/units\",status=\"200\"} 1"), "{text}");
    let _ = json!(null);
}
