//! Province packs: loading is idempotent; a pack with an error is rejected whole, with
//! file and line, and nothing of it is loaded.

use std::path::Path;

use daftar_mdm::packs::{self, LoadError};

use crate::harness::{TestApp, backends, packs_dir};

fn copy_pack(name: &str, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for f in [
        "province.toml",
        "geography.csv",
        "offices.csv",
        "posts.csv",
        "holidays.csv",
        "persons.toml",
    ] {
        std::fs::copy(packs_dir().join(name).join(f), to.join(f)).expect("copy");
    }
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(app.state.db.pool())
        .await
        .expect("count");
    n
}

#[tokio::test]
async fn loading_twice_changes_nothing_and_edits_become_versions() {
    for backend in backends() {
        let app = TestApp::empty(&backend).await;
        let dir = app.data_dir.join("pack-balochistan");
        copy_pack("balochistan", &dir);
        let first = packs::load(&app.state.db, &dir).await.expect("load");
        assert!(first.created > 800, "{first:?}");
        let audit = count(&app, "audit_log").await;
        let second = packs::load(&app.state.db, &dir).await.expect("reload");
        assert_eq!((second.created, second.updated), (0, 0), "{second:?}");
        assert_eq!(
            count(&app, "audit_log").await,
            audit,
            "an idempotent load writes no audit records"
        );
        // A corrected Urdu name in the pack becomes a new version, effective at the baseline.
        let geo = std::fs::read_to_string(dir.join("geography.csv")).expect("read");
        std::fs::write(
            dir.join("geography.csv"),
            geo.replace(
                "BA-GWD,district,Gwadar,گوادر,",
                "BA-GWD,district,Gwadar,گوادَر,",
            ),
        )
        .expect("write");
        let third = packs::load(&app.state.db, &dir).await.expect("update");
        assert_eq!(third.updated, 1, "{third:?}");
    }
}

#[tokio::test]
async fn a_pack_with_any_error_is_rejected_whole_with_file_and_line() {
    for backend in backends() {
        let app = TestApp::empty(&backend).await;
        let dir = app.data_dir.join("pack-broken");
        copy_pack("punjab", &dir);
        // A good geography file, and one bad post far down the posts file.
        let posts = std::fs::read_to_string(dir.join("posts.csv")).expect("read");
        let mut lines: Vec<String> = posts.lines().map(str::to_owned).collect();
        lines[400] = lines[400]
            .rsplit_once(',')
            .map(|(head, _)| format!("{head},23"))
            .expect("bps column");
        std::fs::write(dir.join("posts.csv"), lines.join("\n") + "\n").expect("write");
        // And a district whose parent is a district.
        let geo = std::fs::read_to_string(dir.join("geography.csv")).expect("read");
        let geo = geo.replacen(",district,Okara,", ",district,Okara-X,", 1);
        let geo_lines: Vec<&str> = geo.lines().collect();
        let okara = geo_lines
            .iter()
            .position(|l| l.contains("Okara-X"))
            .expect("okara line")
            + 1;
        let geo = geo.replace(&geo_lines[okara - 1].to_string(), &{
            let mut parts: Vec<String> =
                geo_lines[okara - 1].split(',').map(str::to_owned).collect();
            parts[4] = "PB-LHR".to_owned();
            parts.join(",")
        });
        std::fs::write(dir.join("geography.csv"), geo).expect("write");
        let err = packs::load(&app.state.db, &dir)
            .await
            .expect_err("must be rejected");
        let LoadError::Invalid(errors) = err else {
            panic!("expected a pack error, got {err}")
        };
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            text.iter()
                .any(|e| e.starts_with("posts.csv:401:") && e.contains("bps")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.starts_with(&format!("geography.csv:{okara}:")) && e.contains("parent")),
            "{text:?}"
        );
        assert_eq!(
            count(&app, "tenants").await,
            0,
            "nothing of a rejected pack is loaded"
        );
        assert_eq!(count(&app, "mdm_units").await, 0);
        assert_eq!(count(&app, "audit_log").await, 0);
    }
}

#[tokio::test]
async fn a_province_decides_which_systems_the_registry_trusts() {
    for backend in backends() {
        let app = TestApp::empty(&backend).await;
        let dir = app.data_dir.join("pack-trust");
        copy_pack("balochistan", &dir);
        // A broken settings file is refused with its line, like any pack file.
        std::fs::write(
            dir.join("persons.toml"),
            "trusted_sources = [\"clinic\"]\n[rules]\ncnic = \"loudest\"\n",
        )
        .expect("write");
        let err = packs::load(&app.state.db, &dir)
            .await
            .expect_err("rejected");
        assert!(err.to_string().contains("persons.toml:3:"), "{err}");
        // This province trusts its clinics' CNICs over the registry extract.
        std::fs::write(
            dir.join("persons.toml"),
            "trusted_sources = [\"clinic\", \"nadra_extract\"]\n",
        )
        .expect("write");
        packs::load(&app.state.db, &dir).await.expect("load");
        let tenant = daftar_platform::tenants::by_slug(&app.state.db, "balochistan")
            .await
            .expect("q")
            .expect("t");
        let actor = daftar_platform::audit::Actor::system(tenant.tenant_id(), "test");
        for (source, cnic) in [
            ("nadra_extract", "54400-1234567-1"),
            ("clinic", "54400-1234567-3"),
        ] {
            let file = app.data_dir.join(format!("{source}.csv"));
            std::fs::write(
                &file,
                format!("id,cnic,name,father_name,gender,dob,district,phone\n1,{cnic},Ali Raza,Ghulam Abbas,M,1985-03-07,Quetta,0300-1234567\n"),
            )
            .expect("write");
            daftar_mdm::persons::import::import(
                &app.state.db,
                &actor,
                source,
                &file,
                &file.with_extension("rejects.csv"),
                &mut |_| {},
            )
            .await
            .expect("import");
        }
        let people: Vec<(String,)> =
            sqlx::query_as("SELECT cnic FROM mdm_persons WHERE tenant_id = $1")
                .bind(tenant.id.as_str())
                .fetch_all(app.state.db.pool())
                .await
                .expect("people");
        assert_eq!(
            people,
            [("54400-1234567-3".to_owned(),)],
            "one person, the clinic's CNIC"
        );
        let report =
            daftar_platform::audit::verify(&app.state.db, &tenant.tenant_id(), &app.state.entities)
                .await
                .expect("verify");
        assert!(report.findings.is_empty(), "{:?}", report.findings);
    }
}

#[tokio::test]
async fn init_command_reports_the_line_and_exits_non_zero() {
    let app = TestApp::empty(&crate::harness::Backend::Sqlite).await;
    let packs = app.data_dir.join("packs");
    copy_pack("balochistan", &packs.join("balochistan"));
    let holidays = packs.join("balochistan/holidays.csv");
    let text = std::fs::read_to_string(&holidays).expect("read");
    std::fs::write(&holidays, text.replacen("2026-08-14", "2026-08-41", 1)).expect("write");
    let bin = env!("CARGO_BIN_EXE_daftar");
    let data = app.data_dir.join("cli").to_string_lossy().into_owned();
    let out = std::process::Command::new(bin)
        .args([
            "init",
            "--pack",
            "balochistan",
            "--packs-dir",
            &packs.to_string_lossy(),
            "--data-dir",
            &data,
        ])
        .env_remove("DAFTAR_DATABASE_URL")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("holidays.csv:") && stderr.contains("date"),
        "{stderr}"
    );
    std::fs::write(&holidays, text).expect("restore");
    let out = std::process::Command::new(bin)
        .args([
            "init",
            "--pack",
            "balochistan",
            "--packs-dir",
            &packs.to_string_lossy(),
            "--data-dir",
            &data,
        ])
        .env_remove("DAFTAR_DATABASE_URL")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("balochistan:"));
}
