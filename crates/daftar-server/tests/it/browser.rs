//! The pages that matter, in a real browser: headless Chromium driven by
//! `web/browser-tests/pages.mjs` against the app on a real port. Required when
//! `DAFTAR_BROWSER_TESTS=1` (CI sets it after `scripts/install-browser`); otherwise it runs
//! if Chromium is installed and says so when it is not.

use std::{path::PathBuf, process::Command};

use crate::harness::{Backend, TestApp};

#[tokio::test]
async fn urdu_geography_journey_in_chromium() {
    let required = std::env::var("DAFTAR_BROWSER_TESTS").is_ok_and(|v| v == "1");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../web/browser-tests");
    let ready = std::path::Path::new(&chromium).exists()
        && dir.join("node_modules/playwright-core").exists();
    if !ready {
        assert!(
            !required,
            "DAFTAR_BROWSER_TESTS=1 but Chromium or playwright-core is missing: run scripts/install-browser"
        );
        eprintln!(
            "browser test not run: Chromium is not installed (scripts/install-browser installs it)"
        );
        return;
    }
    let app = TestApp::demo(&Backend::Sqlite).await;
    let out = app.data_dir.join("browser");
    std::fs::create_dir_all(&out).expect("out dir");
    let base = app.url("");
    let result = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg("pages.mjs")
            .arg(&base)
            .arg(&out)
            .current_dir(&dir)
            .env("CHROMIUM", &chromium)
            .output()
    })
    .await
    .expect("join")
    .expect("run node");
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.matches("ok:").count() >= 12, "{stdout}");
    if let Ok(keep) = std::env::var("DAFTAR_BROWSER_SCREENSHOTS") {
        let _ = std::fs::copy(
            app.data_dir.join("browser/geo-ur.png"),
            std::path::Path::new(&keep).join("geo-ur.png"),
        );
    }
}
