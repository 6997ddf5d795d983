//! Pages for people: a Balochistan administrator browses the province's divisions and
//! districts in Urdu; pages carry CSRF tokens and work without JavaScript.

use reqwest::StatusCode;

use crate::harness::{TestApp, backends, set_cookie_header};

#[tokio::test]
async fn balochistan_admin_browses_divisions_and_districts_in_urdu() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let mut b = app.browser_login("balochistan.admin").await;
        let (s, html) = app.page(&b, "/mdm/geo").await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            html.contains("<html lang=\"en\" dir=\"ltr\">"),
            "English first"
        );
        assert!(
            html.contains("Quetta Division") && html.contains("Gwadar"),
            "divisions and districts are listed"
        );

        // Switch to Urdu; the choice is remembered in a cookie.
        let res = app
            .client
            .get(app.url("/lang/ur?next=%2Fmdm%2Fgeo"))
            .header(reqwest::header::COOKIE, &b.cookies)
            .send()
            .await
            .expect("lang");
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            res.headers().get("location").and_then(|v| v.to_str().ok()),
            Some("/mdm/geo")
        );
        let lang = set_cookie_header(&res, "daftar_lang").expect("language cookie");
        assert!(
            lang.starts_with("daftar_lang=ur") && lang.contains("Max-Age"),
            "{lang}"
        );
        b.cookies.push_str("; daftar_lang=ur");

        let (s, html) = app.page(&b, "/mdm/geo").await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            html.contains("<html lang=\"ur\" dir=\"rtl\">"),
            "Urdu pages are right-to-left"
        );
        for name in ["کوئٹہ ڈویژن", "گوادر", "کوئٹہ", "مکران"] {
            assert!(
                html.contains(name),
                "{name} missing from the Urdu geography page"
            );
        }
        for leak in ["لاہور", "Lahore", "PB-"] {
            assert!(
                !html.contains(leak),
                "Punjab shows on Balochistan's page: {leak}"
            );
        }
        assert!(
            html.contains("/assets/daftar.css"),
            "the stylesheet is served locally"
        );
        assert!(
            !html.contains("https://") && !html.contains("http://"),
            "no request leaves the machine"
        );

        // A district's page, in Urdu, with its tehsils.
        let (s, html) = app.page(&b, "/mdm/geo/BA-QTA").await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            html.contains("کوئٹہ") && html.contains("BA-QTA-CTY"),
            "district page lists its tehsils"
        );
        // Offices and posts, and the holiday calendar.
        let (s, html) = app.page(&b, "/mdm/offices/BA-DC-QTA").await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            html.contains("ڈپٹی کمشنر"),
            "posts are shown with Urdu designations"
        );
        let (s, _) = app
            .page(&b, "/mdm/offices?level=office&location=BA-QTA")
            .await;
        assert_eq!(s, StatusCode::OK);
        let (s, _) = app.page(&b, "/mdm/holidays?year=2026").await;
        assert_eq!(s, StatusCode::OK);
        // A Punjab page is simply not found.
        let (s, html) = app.page(&b, "/mdm/geo/PB-LHR").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert!(
            html.contains("dir=\"rtl\""),
            "error pages speak the reader's language too"
        );
    }
}

#[tokio::test]
async fn assets_are_embedded_and_pages_need_a_login() {
    let app = TestApp::empty(&backends()[0]).await;
    for (path, kind) in [
        ("/assets/daftar.css", "text/css"),
        ("/assets/htmx.min.js", "text/javascript"),
        ("/assets/nastaliq-400.woff2", "font/woff2"),
    ] {
        let res = app.client.get(app.url(path)).send().await.expect("asset");
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .is_ok_and(|c| c.starts_with(kind)),
            "{path}"
        );
        assert!(
            res.bytes().await.expect("body").len() > 1000,
            "{path} is not empty"
        );
    }
    let css = app
        .client
        .get(app.url("/assets/daftar.css"))
        .send()
        .await
        .expect("css")
        .text()
        .await
        .expect("text");
    assert!(css.contains("@media print"), "pages print well");
    assert!(css.contains("Noto Nastaliq Urdu"), "Urdu in Nastaliq");
    for physical in [
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "text-align: left",
        "text-align: right",
    ] {
        assert!(
            !css.contains(physical),
            "one stylesheet for both directions: found {physical}"
        );
    }
    let res = app
        .client
        .get(app.url("/mdm/geo"))
        .send()
        .await
        .expect("page");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers().get("location").and_then(|v| v.to_str().ok()),
        Some("/login?next=%2Fmdm%2Fgeo")
    );
}

#[tokio::test]
async fn administrators_add_users_and_grant_roles_through_forms() {
    let app = TestApp::demo(&backends()[0]).await;
    let b = app.browser_login("punjab.admin").await;
    // A mistake keeps what was typed and names the field.
    let res = app
        .form(
            &b,
            "/admin/users",
            &[
                ("username", "Bad Name"),
                ("display_name", "Naveed Akhtar"),
                ("password", "long-enough-1"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.expect("html");
    assert!(
        html.contains("error-summary")
            && html.contains("href=\"#username\"")
            && html.contains("Naveed Akhtar"),
        "{html}"
    );
    let res = app
        .form(
            &b,
            "/admin/users",
            &[
                ("username", "punjab.so.admin"),
                ("display_name", "Naveed Akhtar"),
                ("password", "long-enough-1"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let user_page = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let res = app
        .form(
            &b,
            &format!("{user_page}/grants"),
            &[
                ("role", "mdm.editor"),
                ("scope_kind", "district"),
                ("scope_code", "pb-lhr"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (s, html) = app.page(&b, &user_page).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("PB-LHR") && html.contains("Reference data editor"),
        "{html}"
    );
    // A form without the CSRF token is refused.
    let res = app
        .client
        .post(app.url("/admin/users"))
        .header(reqwest::header::COOKIE, &b.cookies)
        .form(&[
            ("username", "x.y"),
            ("display_name", "X"),
            ("password", "long-enough-1"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}
