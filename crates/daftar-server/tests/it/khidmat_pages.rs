//! e-Khidmat's pages, with plain forms (no JavaScript): the kiosk's token, the board,
//! the counter's desk, a new application to its receipt with a QR code, payment and the
//! steps through to delivery, the certificate, the citizen's tracking page and the
//! verification page, in English and in Urdu.

use reqwest::{StatusCode, header};

use crate::{
    harness::{Backend, TestApp, cookie_value},
    khidmat::CENTRE,
};

fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_citizen_is_served_through_the_pages() {
    let app = TestApp::demo_day(&Backend::Sqlite).await;

    // The kiosk, with no login: the CSRF cookie comes with the page.
    let res = app
        .client
        .get(app.url(&format!("/khidmat/kiosk/{CENTRE}")))
        .send()
        .await
        .expect("kiosk");
    assert_eq!(res.status(), StatusCode::OK);
    let csrf = cookie_value(&res, "daftar_csrf").expect("csrf");
    let res = app
        .client
        .post(app.url(&format!("/khidmat/kiosk/{CENTRE}")))
        .header(header::COOKIE, format!("daftar_csrf={csrf}"))
        .form(&[("csrf", csrf.as_str()), ("category", "priority")])
        .send()
        .await
        .expect("token");
    assert_eq!(res.status(), StatusCode::OK);
    let slip = res.text().await.expect("html");
    assert!(
        slip.contains("class=\"slip\"") && slip.contains("P-002"),
        "{slip}"
    );

    // The board shows who is served, and the live stream sends the same panel.
    let res = app
        .client
        .get(app.url(&format!("/khidmat/board/{CENTRE}")))
        .send()
        .await
        .expect("board");
    let board = res.text().await.expect("html");
    assert!(
        board.contains("/khidmat/board.js") && board.contains("http-equiv=\"refresh\""),
        "live with JS, refreshed without"
    );
    let mut events = app
        .client
        .get(app.url(&format!("/khidmat/board/{CENTRE}/events")))
        .send()
        .await
        .expect("events");
    assert_eq!(events.headers()[header::CONTENT_TYPE], "text/event-stream");
    let first = tokio::time::timeout(std::time::Duration::from_secs(5), events.chunk())
        .await
        .expect("an event at once")
        .expect("chunk")
        .expect("bytes");
    let first = String::from_utf8_lossy(&first);
    assert!(
        first.contains("event: board") && first.contains("P-002"),
        "{first}"
    );

    // The operator calls the priority token at counter 1 and takes a domicile application.
    let b = app.browser_login("punjab.operator").await;
    let (s, desk) = app.page(&b, "/khidmat/counter").await;
    assert_eq!(s, StatusCode::OK);
    assert!(desk.contains(&format!("{CENTRE}-C1")), "{desk}");
    let res = app
        .form(&b, &format!("/khidmat/counter/{CENTRE}-C1/call-next"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, desk) = app.page(&b, &location(&res)).await;
    assert!(desk.contains("P-002"), "the new token is called: {desk}");
    let (s, form) = app
        .page(
            &b,
            &format!("/khidmat/applications/new?counter={CENTRE}-C1&service=DOMICILE"),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let idem = form
        .split("name=\"idem\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("idempotency key")
        .to_owned();
    let mut fields = vec![
        ("counter", format!("{CENTRE}-C1")),
        ("service", "DOMICILE".to_owned()),
        ("token", String::new()),
        ("idem", idem),
        ("applicant.cnic", "35202-2223334-5".to_owned()),
        ("applicant.name", "Hamza Tariq".to_owned()),
        ("applicant.mobile", "03334445566".to_owned()),
        ("form.father_name", "Tariq Mehmood".to_owned()),
        ("form.address", "12 Mall Road".to_owned()),
        ("form.date_of_birth", "31-02-1999".to_owned()),
    ];
    let send = |f: Vec<(&'static str, String)>| {
        let (app, b) = (&app, &b);
        async move {
            let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.form(b, "/khidmat/applications", &refs).await
        }
    };
    let res = send(fields.clone()).await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a bad date is shown on the form"
    );
    let html = res.text().await.expect("html");
    assert!(
        html.contains("error-summary") && html.contains("Hamza Tariq"),
        "the form keeps what was typed"
    );
    fields[9].1 = "1999-02-28".to_owned();
    let res = send(fields.clone()).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page_url = location(&res);
    // Sent twice (a double click): the same application.
    let again = send(fields.clone()).await;
    assert_eq!(location(&again), page_url);
    let (_, html) = app.page(&b, &page_url).await;
    assert!(
        html.contains("Rs 550") && html.contains("<svg"),
        "receipt with every fee and a QR code"
    );
    let tracking = page_url.rsplit('/').next().expect("tracking").to_owned();

    // Payment with the wrong amount is refused on the page; the right one moves it on.
    let pay = format!("/khidmat/applications/{tracking}/pay");
    let res = app
        .form(&b, &pay, &[("method", "cash"), ("amount", "500")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .form(&b, &pay, &[("method", "cash"), ("amount", "550")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (s, slip) = app
        .page(&b, &format!("/khidmat/applications/{tracking}/receipt"))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(slip.contains("class=\"slip\""));

    // The back-office officer's queue and steps, then delivery at the counter.
    let officer = app.browser_login("punjab.officer").await;
    let (_, queue) = app.page(&officer, "/khidmat/queue").await;
    assert!(queue.contains(&tracking), "{queue}");
    let step = format!("/khidmat/applications/{tracking}/transition");
    let res = app
        .form(&officer, &step, &[("action", "return"), ("reason", "")])
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a return needs its reason"
    );
    for action in ["verify", "approve", "print"] {
        let res = app
            .form(&officer, &step, &[("action", action), ("reason", "")])
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{action}");
    }
    let res = app
        .form(&b, &step, &[("action", "deliver"), ("reason", "")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // The history names each stage reached, not its code.
    let (_, history) = app.page(&b, &page_url).await;
    let history = history
        .split("id=\"hist-h\"")
        .nth(1)
        .expect("history section");
    assert!(
        history.contains("Approval by the competent authority")
            && history.contains("Delivered")
            && !history.contains("verify →"),
        "{history}"
    );
    let (s, cert) = app
        .page(&b, &format!("/khidmat/applications/{tracking}/certificate"))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        cert.contains("<svg") && cert.contains("DKC1.") && cert.contains("تصدیق"),
        "bilingual, with its QR"
    );
    let payload = cert
        .split("class=\"payload\" dir=\"ltr\">")
        .nth(1)
        .and_then(|r| r.split('<').next())
        .expect("payload")
        .to_owned();

    // The citizen's pages.
    let (s, track) = app
        .page(
            &b,
            &format!("/public/track?tracking_id={tracking}&cnic_last4=3345"),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        track.contains("Delivered") && track.contains("Scrutiny of documents"),
        "{track}"
    );
    let (_, wrong) = app
        .page(
            &b,
            &format!("/public/track?tracking_id={tracking}&cnic_last4=1111"),
        )
        .await;
    assert!(wrong.contains("No application matches"));
    let res = app
        .client
        .get(app.url(&format!("/public/verify?c={payload}")))
        .header(header::COOKIE, "daftar_lang=ur")
        .send()
        .await
        .expect("verify");
    let html = res.text().await.expect("html");
    assert!(html.contains("dir=\"rtl\""), "in Urdu");
    let (_, html) = app.page(&b, &format!("/public/verify?c={payload}")).await;
    assert!(html.contains("This certificate is genuine"), "{html}");
    let altered = format!("{}x", &payload[..payload.len() - 1]);
    let (_, html) = app.page(&b, &format!("/public/verify?c={altered}")).await;
    assert!(html.contains("not genuine"));

    // The manager's dashboard and the catalogue.
    let manager = app.browser_login("punjab.manager").await;
    let (s, dash) = app.page(&manager, "/khidmat/dashboard").await;
    assert_eq!(s, StatusCode::OK);
    assert!(dash.contains("Rs "), "{dash}");
    let (s, cat) = app.page(&manager, "/khidmat/services").await;
    assert_eq!(s, StatusCode::OK);
    assert!(cat.contains("Domicile certificate") && cat.contains("Home Department"));
}
