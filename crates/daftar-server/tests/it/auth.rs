//! Accounts, sessions, roles: cookies are HttpOnly + SameSite=Strict, forms need the
//! CSRF token, repeated failures lock an account (audited), roles are enforced in the
//! service layer on their scope.

use reqwest::{StatusCode, header};
use serde_json::json;

use crate::harness::{TestApp, backends, set_cookie_header};

#[tokio::test]
async fn login_sets_strict_http_only_cookies_and_forms_need_csrf() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let res = app.client.get(app.url("/login")).send().await.expect("get");
        let csrf = set_cookie_header(&res, "daftar_csrf").expect("csrf cookie");
        assert!(
            csrf.contains("HttpOnly") && csrf.contains("SameSite=Strict"),
            "{csrf}"
        );
        let html = res.text().await.expect("html");
        assert!(
            html.contains("name=\"csrf\""),
            "the login form carries the token"
        );

        // Without the token: refused, and no session.
        let res = app
            .client
            .post(app.url("/login"))
            .form(&[("username", "punjab.admin"), ("password", "daftar-demo")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert!(set_cookie_header(&res, "daftar_session").is_none());

        let b = app.browser_login("punjab.admin").await;
        let (status, html) = app.page(&b, "/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("Punjab Administrator"),
            "home greets the user"
        );
        assert!(
            html.contains("/admin/users"),
            "the administrator sees user administration: {html}"
        );

        // Logging out ends the session.
        let res = app.form(&b, "/logout", &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let (status, _) = app.page(&b, "/").await;
        assert_eq!(
            status,
            StatusCode::SEE_OTHER,
            "after logout the session is gone"
        );
    }
}

#[tokio::test]
async fn repeated_failures_lock_the_account_and_the_lock_is_audited() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        for i in 0..4 {
            let (s, v) = app
                .call(
                    reqwest::Method::POST,
                    "/api/v1/auth/token",
                    None,
                    Some(json!({ "username": "punjab.clerk", "password": format!("wrong-{i}") })),
                )
                .await;
            assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
            assert_eq!(v["code"], "bad_credentials");
        }
        let (s, v) = app
            .call(
                reqwest::Method::POST,
                "/api/v1/auth/token",
                None,
                Some(json!({ "username": "punjab.clerk", "password": "wrong-5" })),
            )
            .await;
        assert_eq!(s, StatusCode::LOCKED, "{v}");
        assert_eq!(v["code"], "account_locked");
        // Even the right password is refused while locked.
        let (s, _) = app
            .call(
                reqwest::Method::POST,
                "/api/v1/auth/token",
                None,
                Some(json!({ "username": "punjab.clerk", "password": "daftar-demo" })),
            )
            .await;
        assert_eq!(s, StatusCode::LOCKED);
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'user.locked'")
                .fetch_one(app.state.db.pool())
                .await
                .expect("count");
        assert_eq!(n, 1);
        // Unknown users get the same answer as wrong passwords.
        let (s, v) = app
            .call(
                reqwest::Method::POST,
                "/api/v1/auth/token",
                None,
                Some(json!({ "username": "nobody", "password": "whatever1" })),
            )
            .await;
        assert_eq!(
            (s, v["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("bad_credentials"))
        );
    }
}

#[tokio::test]
async fn roles_are_enforced_on_their_scope() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let clerk = app.token("punjab.clerk").await;
        let district = app.token("punjab.district").await;
        let editor = app.token("punjab.editor").await;
        // Everyone in the province reads reference data.
        assert_eq!(
            app.get("/api/v1/geo/units?level=division", &clerk).await.0,
            StatusCode::OK
        );
        // Only administrators manage users.
        assert_eq!(
            app.get("/api/v1/users", &clerk).await.0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.get("/api/v1/users", &editor).await.0,
            StatusCode::FORBIDDEN
        );
        let change = json!({ "kind": "rename", "notification": { "notification_no": "No. SO(Gen)1-2/2026", "notification_date": "2026-11-01", "effective_date": "2026-12-01" },
            "code": "PB-LHR-CTY", "name": "Lahore City", "name_ur": "لاہور شہر" });
        // Province-wide edits need a province-wide grant.
        assert_eq!(
            app.post("/api/v1/geo/changes", &clerk, change.clone())
                .await
                .0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.post("/api/v1/geo/changes", &district, change.clone())
                .await
                .0,
            StatusCode::FORBIDDEN
        );
        let (s, v) = app.post("/api/v1/geo/changes", &editor, change).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        // A disabled account's token stops working at once.
        let admin = app.token("punjab.admin").await;
        let (_, users) = app.get("/api/v1/users", &admin).await;
        let clerk_id = users
            .as_array()
            .expect("users")
            .iter()
            .find(|u| u["username"] == "punjab.clerk")
            .expect("clerk")["id"]
            .as_str()
            .expect("id")
            .to_owned();
        let (s, v) = app
            .post(
                &format!("/api/v1/users/{clerk_id}/disable"),
                &admin,
                json!({}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["disabled"], true);
        assert_eq!(
            app.get("/api/v1/geo/units", &clerk).await.0,
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn administrators_manage_users_and_grants_through_the_api() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let admin = app.token("balochistan.admin").await;
        let (s, v) = app.post("/api/v1/users", &admin, json!({ "username": "ba.so1", "display_name": "Section Officer", "password": "short" })).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(v["errors"][0]["field"], "password");
        let (s, v) = app.post("/api/v1/users", &admin, json!({ "username": "ba.so1", "display_name": "Section Officer", "password": "long-enough-pass" })).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let id = v["id"].as_str().expect("id").to_owned();
        let (s, v) = app.post("/api/v1/users", &admin, json!({ "username": "ba.so1", "display_name": "Again", "password": "long-enough-pass" })).await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (StatusCode::CONFLICT, Some("username"))
        );
        let (s, v) = app
            .post(
                &format!("/api/v1/users/{id}/grants"),
                &admin,
                json!({ "role": "mdm.editor", "scope": { "kind": "district", "code": "BA-QTA" } }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let (s, v) = app
            .post(
                &format!("/api/v1/users/{id}/grants"),
                &admin,
                json!({ "role": "no.such.role", "scope": { "kind": "province" } }),
            )
            .await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("role"))
        );
        let (s, v) = app
            .post(
                &format!("/api/v1/users/{id}/grants"),
                &admin,
                json!({ "role": "mdm.editor", "scope": { "kind": "district" } }),
            )
            .await;
        assert_eq!(
            (s, v["errors"][0]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("scope.code"))
        );
        let (s, v) = app.get(&format!("/api/v1/users/{id}"), &admin).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(
            v["grants"][0]["scope"],
            json!({ "kind": "district", "code": "BA-QTA" })
        );
        // The new user can log in with a bearer token.
        let res = app
            .client
            .post(app.url("/api/v1/auth/token"))
            .json(&json!({ "username": "ba.so1", "password": "long-enough-pass" }))
            .send()
            .await
            .expect("login");
        assert_eq!(res.status(), StatusCode::OK);
        assert!(
            res.headers()
                .get(header::CONTENT_TYPE)
                .is_some_and(|c| c.to_str().is_ok_and(|c| c.starts_with("application/json")))
        );
    }
}
