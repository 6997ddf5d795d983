//! e-FOAS through its pages, with plain forms (no JavaScript): the receipt clerk
//! diarises a letter (a missing sender is shown on the form, with what was typed kept);
//! the section officer finds it in the inbox, opens a file with it, writes a note and
//! puts the file up to the deputy secretary, who sees the note sealed with its numbered
//! paragraphs and no form to edit it; a move made on a stale page is refused with the
//! conflict explained; the deputy secretary drafts a letter in Urdu, revises it (the
//! differences are labelled), puts the file up to the secretary, who approves and issues
//! it; the letter prints on the letterhead in Urdu with its dispatch number. Pendency,
//! search and the dispatch register show it all; the Urdu pages read right to left;
//! Balochistan's administrator cannot tell Punjab's file from one that does not exist.

use reqwest::{StatusCode, header, multipart};

use crate::harness::{Backend, Browser, TestApp, backends, cookie_value};

const DEPT: &str = "PB-DEPT-SGAD";
const SO: &str = "PB-DEPT-SGAD-005";
const DS: &str = "PB-DEPT-SGAD-003";
const SECRETARY: &str = "PB-DEPT-SGAD-001";
const SUBJECT: &str = "Ambulances for the Cholistan rural health centres";

fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The value of the first `name="..." value="..."` input on a page.
fn input_value(html: &str, name: &str) -> String {
    html.split(&format!("name=\"{name}\" value=\""))
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or_else(|| panic!("no {name} field"))
        .to_owned()
}

/// What the page's textareas hold, joined.
fn textareas(html: &str) -> String {
    html.split("<textarea")
        .skip(1)
        .filter_map(|t| {
            t.split_once('>')
                .and_then(|(_, r)| r.split("</textarea>").next())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The same browser reading in Urdu, chosen through `/lang/ur`.
async fn in_urdu(app: &TestApp, b: &Browser) -> Browser {
    let res = app
        .client
        .get(app.url("/lang/ur?next=/filing"))
        .header(header::COOKIE, &b.cookies)
        .send()
        .await
        .expect("language");
    let lang = cookie_value(&res, "daftar_lang").expect("language cookie");
    Browser {
        cookies: format!("{}; daftar_lang={lang}", b.cookies),
        csrf: b.csrf.clone(),
    }
}

async fn journey(backend: &Backend) {
    let app = TestApp::demo_day(backend).await;
    let today = daftar_kernel::CivilDate::today().iso();

    // The receipt clerk diarises a court case at S&GAD, marked to the section officer.
    let dak = app.browser_login("punjab.dak").await;
    let (s, form) = app.page(&dak, "/filing/receipts/new").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        form.contains(&format!("name=\"office\" value=\"{DEPT}\""))
            && form.contains(&format!("value=\"{SO}\""))
            && form.contains("Court case"),
        "the clerk's office, its posts and the categories: {form}"
    );
    let mut letter = vec![
        ("office", DEPT.to_owned()),
        ("received_on", today.clone()),
        ("sender", String::new()),
        ("letter_no", "LHC/WP/4471".to_owned()),
        ("letter_date", String::new()),
        ("subject", SUBJECT.to_owned()),
        ("category", "court".to_owned()),
        ("due_on", String::new()),
        ("marked_to", SO.to_owned()),
    ];
    let send = |f: Vec<(&'static str, String)>| {
        let (app, dak) = (&app, &dak);
        async move {
            let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.form(dak, "/filing/receipts", &refs).await
        }
    };
    let res = send(letter.clone()).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.expect("html");
    assert!(
        html.contains("error-summary")
            && html.contains("href=\"#sender\"")
            && html.contains(SUBJECT),
        "the missing sender is shown and the subject kept: {html}"
    );
    letter[2].1 = "Registrar, Lahore High Court".to_owned();
    let res = send(letter.clone()).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let receipt_url = location(&res);
    assert!(
        receipt_url.starts_with("/filing/receipts/"),
        "{receipt_url}"
    );
    let (s, receipt) = app.page(&dak, &receipt_url).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        receipt.contains("Registrar, Lahore High Court") && receipt.contains("Court case"),
        "{receipt}"
    );
    // Its scan, attached from the page (with the CSRF field), listed and downloadable;
    // bytes that are no PDF are refused on the page.
    let pdf = b"%PDF-1.4\n% the High Court's letter\n".to_vec();
    let upload = |bytes: Vec<u8>| {
        let part = multipart::Part::bytes(bytes)
            .file_name("letter.pdf")
            .mime_str("application/pdf")
            .expect("mime");
        let form = multipart::Form::new()
            .text("csrf", dak.csrf.clone())
            .part("file", part);
        app.client
            .post(app.url(&format!("{receipt_url}/scans")))
            .header(header::COOKIE, &dak.cookies)
            .multipart(form)
            .send()
    };
    let res = upload(b"not a scan".to_vec()).await.expect("upload");
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.expect("html").contains("error-summary"));
    let res = upload(pdf.clone()).await.expect("upload");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, receipt) = app.page(&dak, &receipt_url).await;
    let scan = receipt
        .split(&format!("href=\"{receipt_url}/scans/"))
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a scan link")
        .to_owned();
    let res = app
        .client
        .get(app.url(&format!("{receipt_url}/scans/{scan}")))
        .header(header::COOKIE, &dak.cookies)
        .send()
        .await
        .expect("scan");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.expect("bytes").to_vec(), pdf);

    // The section officer finds it in the inbox and opens a file with it.
    let so = app.browser_login("punjab.so").await;
    let (s, inbox) = app.page(&so, "/filing").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        inbox.contains(&receipt_url) && inbox.contains(SUBJECT) && inbox.contains("Priority"),
        "{inbox}"
    );
    let (_, receipt) = app.page(&so, &receipt_url).await;
    assert!(
        receipt.contains(&format!("action=\"{receipt_url}/file\"")),
        "its holder may open a file with it"
    );
    let open = format!("{receipt_url}/file");
    let res = app
        .form(
            &so,
            &open,
            &[("section", ""), ("subject", SUBJECT), ("record_class", "B")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "no section");
    let res = app
        .form(
            &so,
            &open,
            &[
                ("section", "ADMIN"),
                ("subject", SUBJECT),
                ("record_class", "B"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let file_url = location(&res);
    assert!(file_url.starts_with("/filing/files/"), "{file_url}");

    // A note of two paragraphs, the second pointing at the letter, flag A.
    let first =
        "The High Court has asked for a report on the ambulances of the rural health centres.";
    let second = "The letter is at Flag A. A reply is due within the week.";
    let res = app
        .form(
            &so,
            &format!("{file_url}/notes"),
            &[("text", &format!("{first}\r\n\r\n{second}"))],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.page(&so, &file_url).await;
    assert!(
        textareas(&page).contains(first),
        "the draft note is the holder's to edit"
    );
    assert!(
        page.contains("href=\"#flag-A\""),
        "Flag A links to the paper"
    );
    assert!(page.contains("id=\"flag-A\"") && page.contains(SUBJECT));
    let version = input_value(&page, "version");
    let res = app
        .form(
            &so,
            &format!("{file_url}/move"),
            &[
                ("action", "put_up"),
                ("to_post", DS),
                ("remarks", ""),
                ("due_on", ""),
                ("version", &version),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/filing", "the file has left the officer");

    // The deputy secretary: the file in the inbox, the note sealed and numbered.
    let ds = app.browser_login("punjab.ds").await;
    let (_, inbox) = app.page(&ds, "/filing").await;
    assert!(inbox.contains(&file_url), "{inbox}");
    let (s, page) = app.page(&ds, &file_url).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains("id=\"para-1\"")
            && page.contains("id=\"para-2\"")
            && page.contains("Note 1")
            && page.contains("sealed")
            && page.contains(first),
        "{page}"
    );
    assert!(
        !textareas(&page).contains(first),
        "no form edits a sealed note"
    );
    assert!(page.contains("Deputy Secretary"));
    let version = input_value(&page, "version");

    // A move made on a stale page is refused and the page says why, in the reader's
    // language.
    let stale = (version.parse::<i64>().expect("version") - 1).to_string();
    let ds_ur = in_urdu(&app, &ds).await;
    for (who, says, not) in [
        (
            &ds,
            ["This was not done", "changed by someone else"],
            "کسی اور نے تبدیلی",
        ),
        (
            &ds_ur,
            ["یہ کام نہیں ہوا", "کسی اور نے تبدیلی"],
            "changed by someone else",
        ),
    ] {
        let res = app
            .form(
                who,
                &format!("{file_url}/move"),
                &[("action", "return"), ("to_post", SO), ("version", &stale)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        let html = res.text().await.expect("html");
        assert!(says.iter().all(|s| html.contains(s)), "{html}");
        assert!(!html.contains(not), "{html}");
    }

    // A letter drafted in Urdu, revised: the differences are labelled, not only coloured.
    let res = app
        .form(
            &ds,
            &format!("{file_url}/drafts"),
            &[
                ("subject", "ایمبولینسوں کی رپورٹ"),
                ("addressee", "رجسٹرار\nلاہور ہائی کورٹ"),
                ("language", "ur"),
                ("body", "رپورٹ منسلک ہے۔\n\nبراہِ کرم وصولی کی اطلاع دیں۔"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let draft_url = location(&res);
    assert!(
        draft_url.starts_with(&format!("{file_url}/drafts/")),
        "{draft_url}"
    );
    let res = app
        .form(
            &ds,
            &draft_url,
            &[
                ("subject", "ایمبولینسوں کی رپورٹ"),
                ("addressee", "رجسٹرار\nلاہور ہائی کورٹ"),
                ("language", "ur"),
                ("body", "رپورٹ منسلک ہے۔\n\nبراہِ کرم جلد وصولی کی اطلاع دیں۔"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, draft) = app.page(&ds, &draft_url).await;
    assert!(
        draft.contains("Changes in version 2")
            && draft.contains("Added:")
            && draft.contains("<del>براہِ کرم وصولی")
            && draft.contains("<ins>براہِ کرم جلد"),
        "{draft}"
    );
    assert!(
        !draft.contains("/approve\""),
        "a deputy secretary does not approve letters"
    );
    let (_, page) = app.page(&ds, &file_url).await;
    let res = app
        .form(
            &ds,
            &format!("{file_url}/move"),
            &[
                ("action", "put_up"),
                ("to_post", SECRETARY),
                ("version", &input_value(&page, "version")),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // The secretary approves and issues it; it prints on the letterhead, in Urdu.
    let sec = app.browser_login("punjab.secretary").await;
    let (_, draft) = app.page(&sec, &draft_url).await;
    assert!(draft.contains(&format!("{draft_url}/approve")), "{draft}");
    let res = app.form(&sec, &format!("{draft_url}/approve"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.form(&sec, &format!("{draft_url}/issue"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.form(&sec, &format!("{draft_url}/issue"), &[]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "issued once");
    let (s, letter) = app.page(&sec, &format!("{draft_url}/letter")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        letter.contains("class=\"fl-letter\" lang=\"ur\" dir=\"rtl\"")
            && letter.contains("حکومتِ پنجاب")
            && letter.contains("/D-")
            && letter.contains("/assets/daftar.css")
            && !letter.contains("جاری نہیں ہوا"),
        "{letter}"
    );
    // The one stylesheet prints the letter alone, without the site's header.
    let (_, css) = app.page(&sec, "/assets/daftar.css").await;
    assert!(
        css.contains("body:has(.fl-letter) .site-header"),
        "print rules for the letter"
    );
    let (_, register) = app.page(&sec, "/filing/dispatch").await;
    assert!(register.contains("ایمبولینسوں کی رپورٹ"), "{register}");
    let (_, page) = app.page(&sec, &file_url).await;
    assert!(
        page.contains("id=\"flag-B\""),
        "the letter is on the file as flag B"
    );

    // Pendency lists the posts holding files; search finds the file by a word of the note.
    let (s, pendency) = app.page(&ds, "/filing/pendency").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        pendency.contains(SO) && pendency.contains(DS) && pendency.contains("Section Officer"),
        "{pendency}"
    );
    let (s, found) = app.page(&so, "/filing/search?q=ambulances&kind=note").await;
    assert_eq!(s, StatusCode::OK);
    assert!(found.contains(&format!("href=\"{file_url}\"")), "{found}");
    let (s, bad) = app.page(&so, "/filing/search?q=x&kind=letters").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.contains("error-summary"), "{bad}");

    // In Urdu, right to left.
    let ur = in_urdu(&app, &ds).await;
    for (path, label) in [
        ("/filing", "فائلیں اور ڈاک"),
        (file_url.as_str(), "نوٹ"),
        ("/filing/pendency", "زیرِ التوا کام"),
        ("/filing/search", "فائلیں تلاش کریں"),
    ] {
        let (s, html) = app.page(&ur, path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert!(
            html.contains("dir=\"rtl\"") && html.contains(label),
            "{path} in Urdu: {html}"
        );
    }

    // Balochistan cannot tell Punjab's file, receipt or draft from nothing.
    let ba = app.browser_login("balochistan.admin").await;
    let nothing = "01900000-0000-7000-8000-00000000000f";
    for (punjab, missing) in [
        (file_url.clone(), format!("/filing/files/{nothing}")),
        (receipt_url.clone(), format!("/filing/receipts/{nothing}")),
        (draft_url.clone(), format!("{file_url}/drafts/{nothing}")),
        (
            format!("{draft_url}/letter"),
            format!("/filing/files/{nothing}/drafts/{nothing}/letter"),
        ),
    ] {
        assert_eq!(
            app.page(&ba, &punjab).await.0,
            StatusCode::NOT_FOUND,
            "{punjab}"
        );
        assert_eq!(
            app.page(&ba, &missing).await.0,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

#[tokio::test]
async fn a_letter_goes_from_the_diary_to_an_issued_reply_through_the_pages() {
    for backend in backends() {
        journey(&backend).await;
    }
}

/// Its holder links a related file by its number and opens a part file from the file
/// page; both files show the link, the part and the main file point at each other, a
/// number that is not a readable file is refused on the field, and the history names
/// the officer who moved the file.
async fn links_and_parts(backend: &Backend) {
    let app = TestApp::demo_day(backend).await;
    let token = app.token("punjab.so").await;
    let mut files = Vec::new();
    for subject in [
        "Posts in the district offices",
        "Rationalisation of the district offices",
    ] {
        let (s, f) = app
            .post(
                "/api/v1/filing/files",
                &token,
                serde_json::json!({ "office": DEPT, "section": "ADMIN", "subject": subject, "record_class": "B" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{f}");
        files.push((
            f["file"]["id"].as_str().expect("id").to_owned(),
            f["file"]["number"].as_str().expect("number").to_owned(),
        ));
    }
    let (main, other) = (&files[0], &files[1]);
    let so = app.browser_login("punjab.so").await;
    let url = format!("/filing/files/{}", main.0);
    let (_, page) = app.page(&so, &url).await;
    assert!(
        page.contains(&format!("action=\"{url}/links\""))
            && page.contains(&format!("action=\"{url}/parts\"")),
        "its holder may link and open a part: {page}"
    );

    let res = app
        .form(
            &so,
            &format!("{url}/links"),
            &[("link_file", "SO(NOPE)9-9/1999")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.expect("html");
    assert!(
        html.contains("error-summary") && html.contains("Choose another file you may read"),
        "{html}"
    );
    let res = app
        .form(&so, &format!("{url}/links"), &[("link_file", &other.1)])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("{url}#links"));
    let (_, page) = app.page(&so, &url).await;
    assert!(
        page.contains(&format!("href=\"/filing/files/{}\"", other.0)),
        "{page}"
    );
    let (_, page) = app.page(&so, &format!("/filing/files/{}", other.0)).await;
    assert!(
        page.contains(&format!("href=\"{url}\"")),
        "linked both ways"
    );

    let res = app.form(&so, &format!("{url}/parts"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let part_url = location(&res);
    assert!(
        part_url.starts_with("/filing/files/") && part_url != url,
        "{part_url}"
    );
    let (s, part) = app.page(&so, &part_url).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        part.contains(&format!("{}/Part-2", main.1)) && part.contains(&format!("href=\"{url}\"")),
        "the part names its main file: {part}"
    );
    let (_, page) = app.page(&so, &url).await;
    assert!(page.contains(&format!("href=\"{part_url}\"")), "{page}");

    // The history says who moved the file, by name.
    let version = input_value(&page, "version");
    let res = app
        .form(
            &so,
            &format!("{url}/move"),
            &[("action", "put_up"), ("to_post", DS), ("version", &version)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let ds = app.browser_login("punjab.ds").await;
    let (_, page) = app.page(&ds, &url).await;
    assert!(
        page.contains("<bdi>Punjab Section Officer (Admin)</bdi>"),
        "{page}"
    );
}

#[tokio::test]
async fn a_holder_links_files_and_opens_parts_through_the_pages() {
    for backend in backends() {
        links_and_parts(&backend).await;
    }
}
