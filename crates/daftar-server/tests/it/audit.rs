//! The audit chain: intact after normal work; direct edits of business rows or of the
//! log itself are detected and named.

use daftar_platform::audit::{self, Finding};
use daftar_platform::tenants;

use crate::harness::{TestApp, backends};

async fn verify(app: &TestApp, slug: &str) -> audit::Report {
    let t = tenants::by_slug(&app.state.db, slug)
        .await
        .expect("query")
        .expect("tenant");
    audit::verify(&app.state.db, &t.tenant_id(), &app.state.entities)
        .await
        .expect("verify")
}

async fn tenant_id(app: &TestApp, slug: &str) -> String {
    tenants::by_slug(&app.state.db, slug)
        .await
        .expect("query")
        .expect("tenant")
        .id
}

#[tokio::test]
async fn each_kind_of_tampering_is_detected_and_named() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let clean = verify(&app, "balochistan").await;
        assert!(
            clean.findings.is_empty(),
            "fresh demo must verify: {:?}",
            clean.findings
        );
        assert!(clean.records > 900);
        let ba = tenant_id(&app, "balochistan").await;

        // 1. A business row edited directly.
        app.tamper(&format!("UPDATE mdm_versions SET name = 'Quetta (edited)' WHERE tenant_id = '{ba}' AND code = 'BA-QTA'")).await;
        let r = verify(&app, "balochistan").await;
        assert!(
            matches!(r.findings.as_slice(), [Finding::EntityAltered { entity_type, entity_id, .. }] if entity_type == "geo_unit" && entity_id == "BA-QTA"),
            "{:?}",
            r.findings
        );
        app.tamper(&format!(
            "UPDATE mdm_versions SET name = 'Quetta' WHERE tenant_id = '{ba}' AND code = 'BA-QTA'"
        ))
        .await;
        assert!(
            verify(&app, "balochistan").await.findings.is_empty(),
            "restoring the row restores the digest"
        );

        // 2. An audit record edited.
        app.tamper(&format!(
            "UPDATE audit_log SET actor = 'someone-else' WHERE tenant_id = '{ba}' AND seq = 5"
        ))
        .await;
        let r = verify(&app, "balochistan").await;
        assert!(
            matches!(
                r.findings.first(),
                Some(Finding::RecordAltered { seq: 5, .. })
            ),
            "{:?}",
            r.findings
        );
        app.tamper(&format!("UPDATE audit_log SET actor = 'system:init --pack balochistan' WHERE tenant_id = '{ba}' AND seq = 5")).await;
        assert!(verify(&app, "balochistan").await.findings.is_empty());

        // 3. Two records swapped (reordering).
        app.tamper(&format!(
            "UPDATE audit_log SET seq = -1 WHERE tenant_id = '{ba}' AND seq = 20"
        ))
        .await;
        app.tamper(&format!(
            "UPDATE audit_log SET seq = 20 WHERE tenant_id = '{ba}' AND seq = 21"
        ))
        .await;
        app.tamper(&format!(
            "UPDATE audit_log SET seq = 21 WHERE tenant_id = '{ba}' AND seq = -1"
        ))
        .await;
        let r = verify(&app, "balochistan").await;
        assert!(
            r.findings.iter().any(|f| matches!(
                f,
                Finding::RecordAltered { seq: 20 | 21, .. }
                    | Finding::ChainBroken { seq: 20 | 21, .. }
            )),
            "{:?}",
            r.findings
        );

        // Punjab's chain is its own: untouched by Balochistan's damage.
        assert!(verify(&app, "punjab").await.findings.is_empty());
        let pb = tenant_id(&app, "punjab").await;

        // 4. An audit record deleted from the middle.
        app.tamper(&format!(
            "DELETE FROM audit_log WHERE tenant_id = '{pb}' AND seq = 10"
        ))
        .await;
        let r = verify(&app, "punjab").await;
        assert!(
            matches!(
                r.findings.first(),
                Some(Finding::ChainBroken {
                    seq: 11,
                    expected_seq: 10,
                    ..
                })
            ),
            "{:?}",
            r.findings
        );
    }
}

#[tokio::test]
async fn deleted_inserted_and_credential_edits_are_named() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let pb = tenant_id(&app, "punjab").await;
        // A post deleted behind the application's back.
        app.tamper(&format!(
            "DELETE FROM mdm_posts WHERE tenant_id = '{pb}' AND code = 'PB-DC-LHR-001'"
        ))
        .await;
        // A password hash replaced directly.
        app.tamper(&format!("UPDATE users SET password_hash = 'x' WHERE tenant_id = '{pb}' AND username = 'punjab.clerk'")).await;
        // A holiday inserted directly, with no audit record.
        app.tamper(&format!("INSERT INTO mdm_holidays (tenant_id, day, name, name_ur, kind, note) VALUES ('{pb}', '2026-12-31', 'Invented', 'فرضی', 'public', '')")).await;
        let r = verify(&app, "punjab").await;
        let clerk: (String,) =
            sqlx::query_as("SELECT id FROM users WHERE username = 'punjab.clerk'")
                .fetch_one(app.state.db.pool())
                .await
                .expect("clerk");
        assert!(r.findings.iter().any(|f| matches!(f, Finding::EntityAltered { entity_type, entity_id, .. } if entity_type == "post" && entity_id == "PB-DC-LHR-001")), "{:?}", r.findings);
        assert!(r.findings.iter().any(|f| matches!(f, Finding::EntityAltered { entity_type, entity_id, .. } if entity_type == "user" && *entity_id == clerk.0)), "{:?}", r.findings);
        assert!(r.findings.iter().any(|f| matches!(f, Finding::EntityUnaudited { entity_type, entity_id } if entity_type == "holiday" && entity_id == "2026-12-31|Invented")), "{:?}", r.findings);
        assert_eq!(r.findings.len(), 3, "{:?}", r.findings);

        // The tail of the chain removed.
        let (max,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT MAX(seq) FROM audit_log WHERE tenant_id = '{pb}'"
        )))
        .fetch_one(app.state.db.pool())
        .await
        .expect("max");
        app.tamper(&format!(
            "DELETE FROM audit_log WHERE tenant_id = '{pb}' AND seq = {max}"
        ))
        .await;
        let r = verify(&app, "punjab").await;
        assert!(
            r.findings
                .iter()
                .any(|f| matches!(f, Finding::HeadMismatch { .. })),
            "{:?}",
            r.findings
        );
    }
}

/// The command an administrator runs: exit 0 and a summary when intact; non-zero and
/// the first record that does not fit after the SQLite file is edited directly.
#[tokio::test]
async fn audit_verify_command_fails_on_a_direct_edit_of_the_sqlite_file() {
    let app = TestApp::demo(&crate::harness::Backend::Sqlite).await;
    let bin = env!("CARGO_BIN_EXE_daftar");
    let dir = app.data_dir.to_str().expect("utf-8 path").to_owned();
    let ok = std::process::Command::new(bin)
        .args(["audit", "verify", "--data-dir", &dir])
        .env_remove("DAFTAR_DATABASE_URL")
        .output()
        .expect("run");
    let out = String::from_utf8_lossy(&ok.stdout);
    assert!(
        ok.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(
        out.contains("balochistan: intact") && out.contains("punjab: intact"),
        "{out}"
    );

    // Edit the file with a separate connection, as someone with the file would.
    let url = format!("sqlite://{}", app.sqlite_file().display());
    let other = daftar_platform::Db::connect(&url, 2)
        .await
        .expect("open file");
    sqlx::query("UPDATE mdm_versions SET name_ur = 'تبدیل' WHERE code = 'BA-GWD'")
        .execute(other.pool())
        .await
        .expect("edit");
    other.pool().close().await;
    let bad = std::process::Command::new(bin)
        .args([
            "audit",
            "verify",
            "--data-dir",
            &dir,
            "--tenant",
            "balochistan",
        ])
        .env_remove("DAFTAR_DATABASE_URL")
        .output()
        .expect("run");
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(!bad.status.success(), "{out}");
    assert!(
        out.contains("NOT INTACT") && out.contains("geo_unit BA-GWD"),
        "{out}"
    );
}

/// Appends link to the true tip of the chain even when the head this process remembers
/// is stale: here a transaction that appended records and then rolled back, as a crash
/// between the append and the commit would.
/// Another process appends to Punjab's chain (a grant from the command line): this
/// process's next append must link to its record, not to the tip it remembers.
fn another_process_appends(app: &TestApp) {
    let dir = app.data_dir.to_string_lossy().into_owned();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_daftar"));
    cmd.args([
        "user",
        "grant",
        "--data-dir",
        &dir,
        "--username",
        "punjab.operator",
        "--role",
        "mdm.editor",
        "--district",
        "pb-lhr",
    ]);
    cmd.env(
        "DAFTAR_DATABASE_URL",
        app.state.settings.database_url().expose(),
    );
    let out = cmd.output().expect("run daftar");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn an_append_after_a_rolled_back_one_links_to_the_true_tip() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let t = tenants::by_slug(&app.state.db, "punjab")
            .await
            .expect("query")
            .expect("tenant");
        let actor = audit::Actor::system(t.tenant_id(), "test");
        for round in 0..5 {
            if round == 2 {
                another_process_appends(&app);
                continue;
            }
            let mut tx = app.state.db.begin().await.expect("begin");
            audit::record(
                &mut tx,
                &actor,
                "tenant.touch",
                &tenants::TENANT,
                &t.id,
                serde_json::json!({ "round": round }),
            )
            .await
            .expect("append");
            if round == 0 {
                drop(tx); // rolled back: the remembered head is now ahead of the table
            } else {
                tx.commit().await.expect("commit");
            }
        }
        let report = verify(&app, "punjab").await;
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        let (head, last): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT seq FROM audit_heads WHERE tenant_id = $1), (SELECT MAX(seq) FROM audit_log WHERE tenant_id = $1)",
        )
        .bind(&t.id)
        .fetch_one(app.state.db.pool())
        .await
        .expect("head");
        assert_eq!(head, last);
        let (action,): (String,) =
            sqlx::query_as("SELECT action FROM audit_log WHERE tenant_id = $1 AND seq = $2")
                .bind(&t.id)
                .bind(last)
                .fetch_one(app.state.db.pool())
                .await
                .expect("last record");
        assert_eq!(action, "tenant.touch");
    }
}
