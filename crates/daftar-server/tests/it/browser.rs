//! The pages that matter, in a real browser: headless Chromium driven by the scripts in
//! `web/browser-tests/` (`pages.mjs`: the geography in Urdu; `khidmat.mjs`: a citizen
//! served at an e-Khidmat Markaz, kiosk to verified certificate; `filing.mjs`: a letter
//! from the diary to an issued reply in e-FOAS) against the app on a real port. Required when `DAFTAR_BROWSER_TESTS=1` (CI sets it after
//! `scripts/install-browser`); otherwise they run if Chromium is installed and say so when
//! it is not.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use crate::harness::{Backend, TestApp};

/// What a script printed, once it passed.
struct Run {
    stdout: String,
    out: PathBuf,
}

/// Runs `web/browser-tests/{script}` against a fresh demo app (both provinces, demo
/// accounts), with an output folder for screenshots and PDFs. `None` when Chromium or
/// playwright-core is missing and the browser tests are not required.
async fn run_script(script: &str) -> Option<(TestApp, Run)> {
    let required = std::env::var("DAFTAR_BROWSER_TESTS").is_ok_and(|v| v == "1");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../web/browser-tests");
    let ready = Path::new(&chromium).exists() && dir.join("node_modules/playwright-core").exists();
    if !ready {
        assert!(
            !required,
            "DAFTAR_BROWSER_TESTS=1 but Chromium or playwright-core is missing: run scripts/install-browser"
        );
        eprintln!(
            "browser test {script} not run: Chromium is not installed (scripts/install-browser installs it)"
        );
        return None;
    }
    let app = TestApp::demo(&Backend::Sqlite).await;
    let out = app.data_dir.join("browser");
    std::fs::create_dir_all(&out).expect("out dir");
    let base = app.url("");
    let (file, out_dir) = (script.to_owned(), out.clone());
    let result = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(&file)
            .arg(&base)
            .arg(&out_dir)
            .current_dir(&dir)
            .env("CHROMIUM", &chromium)
            .output()
    })
    .await
    .expect("join")
    .expect("run node");
    let stdout = String::from_utf8_lossy(&result.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stdout}\n{stderr}");
    println!("{script}:\n{stdout}");
    Some((app, Run { stdout, out }))
}

/// Copies what the script left in its output folder to `DAFTAR_BROWSER_SCREENSHOTS`, if set.
fn keep(run: &Run, files: &[&str]) {
    if let Ok(keep) = std::env::var("DAFTAR_BROWSER_SCREENSHOTS") {
        for f in files {
            let _ = std::fs::copy(run.out.join(f), Path::new(&keep).join(f));
        }
    }
}

/// A script's journeys with JavaScript on and off both ran to their last check, and at
/// least `checks` checks passed in all.
fn both_journeys_ended(run: &Run, checks: usize) {
    for journey in ["with JavaScript", "without JavaScript"] {
        assert!(
            run.stdout
                .contains(&format!("ok: {journey}: no request left the server")),
            "{journey} ran to its end: {}",
            run.stdout
        );
    }
    assert!(
        run.stdout.matches("ok:").count() >= checks,
        "{}",
        run.stdout
    );
}

#[tokio::test]
async fn urdu_geography_journey_in_chromium() {
    let Some((_app, run)) = run_script("pages.mjs").await else {
        return;
    };
    assert!(run.stdout.matches("ok:").count() >= 12, "{}", run.stdout);
    keep(&run, &["geo-ur.png"]);
}

#[tokio::test]
async fn khidmat_journey_in_chromium() {
    let Some((_app, run)) = run_script("khidmat.mjs").await else {
        return;
    };
    both_journeys_ended(&run, 80);
    keep(
        &run,
        &[
            "track-ur.png",
            "verify-ur.png",
            "counter-ur.png",
            "receipt.pdf",
            "certificate-1.pdf",
            "certificate-ur-1.pdf",
        ],
    );
}

#[tokio::test]
async fn filing_journey_in_chromium() {
    let Some((_app, run)) = run_script("filing.mjs").await else {
        return;
    };
    both_journeys_ended(&run, 50);
    keep(&run, &["file-ur.png", "letter.pdf"]);
}
