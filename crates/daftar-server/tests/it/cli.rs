//! The command line an administrator uses: help with examples, accounts and roles, and
//! an online backup that is itself a sound database.

use std::process::{Command, Output, Stdio};

use crate::harness::{Backend, TestApp};

fn daftar(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_daftar"))
        .args(args)
        .env_remove("DAFTAR_DATABASE_URL")
        .output()
        .expect("run daftar")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn every_command_has_help_with_an_example() {
    for cmd in [
        vec!["serve"],
        vec!["demo"],
        vec!["init"],
        vec!["user", "add"],
        vec!["user", "grant"],
        vec!["user", "disable"],
        vec!["audit", "verify"],
        vec!["backup"],
        vec!["verify-certificate"],
    ] {
        let mut args = cmd.clone();
        args.push("--help");
        let out = daftar(&args);
        assert!(out.status.success(), "{cmd:?}");
        assert!(
            text(&out).contains("Example"),
            "{cmd:?} --help has no example"
        );
    }
}

#[tokio::test]
async fn accounts_roles_and_backup_from_the_command_line() {
    let app = TestApp::demo(&Backend::Sqlite).await;
    let dir = app.data_dir.to_string_lossy().into_owned();
    let mut child = Command::new(env!("CARGO_BIN_EXE_daftar"))
        .args([
            "user",
            "add",
            "--data-dir",
            &dir,
            "--tenant",
            "balochistan",
            "--username",
            "ba.cli",
            "--name",
            "Command Line",
            "--password-stdin",
        ])
        .env_remove("DAFTAR_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"cli-password-1\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{}", text(&out));
    let out = daftar(&[
        "user",
        "grant",
        "--data-dir",
        &dir,
        "--username",
        "ba.cli",
        "--role",
        "mdm.editor",
        "--district",
        "ba-qta",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let out = daftar(&[
        "user",
        "grant",
        "--data-dir",
        &dir,
        "--username",
        "ba.cli",
        "--role",
        "no.such",
    ]);
    assert!(
        !out.status.success() && text(&out).contains("platform.admin"),
        "a wrong role lists the real ones: {}",
        text(&out)
    );
    let out = daftar(&[
        "user",
        "add",
        "--data-dir",
        &dir,
        "--tenant",
        "sindh",
        "--username",
        "x.y",
        "--name",
        "X",
        "--password",
        "long-enough-1",
    ]);
    assert!(
        !out.status.success() && text(&out).contains("no such province"),
        "{}",
        text(&out)
    );
    // The new account works against the running server, then is disabled.
    let token = {
        let res = app
            .client
            .post(app.url("/api/v1/auth/token"))
            .json(&serde_json::json!({ "username": "ba.cli", "password": "cli-password-1" }))
            .send()
            .await
            .expect("login");
        assert_eq!(res.status(), 200);
        res.json::<serde_json::Value>().await.expect("json")["token"]
            .as_str()
            .expect("token")
            .to_owned()
    };
    let (_, me) = app.get("/api/v1/me", &token).await;
    assert_eq!(
        me["grants"][0]["scope"],
        serde_json::json!({ "kind": "district", "code": "BA-QTA" })
    );
    let out = daftar(&[
        "user",
        "disable",
        "--data-dir",
        &dir,
        "--username",
        "ba.cli",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(app.get("/api/v1/me", &token).await.0, 401);

    // An online backup while the server runs: a complete database that verifies.
    let copy = app.data_dir.join("backup.db");
    let out = daftar(&[
        "backup",
        "--data-dir",
        &dir,
        "--to",
        &copy.to_string_lossy(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let restored = app.data_dir.join("restored");
    std::fs::create_dir_all(&restored).expect("mkdir");
    std::fs::copy(&copy, restored.join("daftar.db")).expect("copy");
    let out = daftar(&["audit", "verify", "--data-dir", &restored.to_string_lossy()]);
    assert!(
        out.status.success() && text(&out).contains("balochistan: intact"),
        "{}",
        text(&out)
    );
    let out = daftar(&[
        "backup",
        "--data-dir",
        &dir,
        "--to",
        &copy.to_string_lossy(),
    ]);
    assert!(
        !out.status.success() && text(&out).contains("already exists"),
        "never overwrites: {}",
        text(&out)
    );
}
