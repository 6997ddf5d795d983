//! Importing person files into the registry on both backends: the first load of an
//! empty registry (batch linkage), a later file resolved row by row against it, a repeat
//! that changes nothing, and the people found measured against the generator's truth.

use std::collections::HashMap;

use daftar_linkage::synth::{self, SynthConfig};
use daftar_mdm::persons::import::{ImportReport, import};
use daftar_platform::audit::{self, Actor};

use crate::harness::{TestApp, backends};

/// Pairwise F1 of `found` (record -> person) against `truth` (record -> entity).
fn pairwise_f1(found: &HashMap<String, String>, truth: &HashMap<String, String>) -> f64 {
    let pairs = |groups: &HashMap<String, String>| {
        let mut by: HashMap<&str, Vec<&str>> = HashMap::new();
        for (record, group) in groups {
            by.entry(group).or_default().push(record);
        }
        let mut out = std::collections::HashSet::new();
        for mut members in by.into_values() {
            members.sort_unstable();
            for (i, a) in members.iter().enumerate() {
                for b in &members[i + 1..] {
                    out.insert((a.to_string(), b.to_string()));
                }
            }
        }
        out
    };
    let (f, t) = (pairs(found), pairs(truth));
    let both = f.intersection(&t).count() as f64;
    2.0 * both / (f.len() + t.len()).max(1) as f64
}

#[tokio::test]
async fn first_load_then_row_by_row_then_nothing_on_repeat() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let mut text = Vec::new();
        synth::generate(
            &SynthConfig {
                records: 2700,
                seed: 11,
                ..SynthConfig::default()
            },
            &mut text,
        )
        .expect("generate");
        let text = String::from_utf8(text).expect("utf-8");
        let mut lines = text.lines();
        let header = lines.next().expect("header");
        let rows: Vec<&str> = lines.collect();
        let mut truth: HashMap<String, String> = rows
            .iter()
            .filter_map(|r| {
                let cols: Vec<&str> = r.split(',').collect();
                Some((cols.first()?.to_string(), cols.last()?.to_string()))
            })
            .collect();
        std::fs::create_dir_all(&app.data_dir).expect("data dir");
        let write = |name: &str, part: &[&str]| {
            let path = app.data_dir.join(name);
            std::fs::write(&path, format!("{header}\n{}\n", part.join("\n"))).expect("write");
            path
        };
        // The first file also repeats a row, and has an id whose first row is refused (a bad
        // CNIC) and whose second is fine: both are resolved one by one after the load.
        let late_bad = "late-1,ABC,Sadia Noreen,Abdul Ghani,F,1990-01-01,Quetta,,,legacy,e-late";
        let late_good = "late-1,,Sadia Noreen,Abdul Ghani,F,1990-01-01,Quetta,,,legacy,e-late";
        truth.insert("late-1".to_owned(), "e-late".to_owned());
        let mut first_rows = rows[..1500].to_vec();
        first_rows.extend([rows[0], late_bad, late_good]);
        let first = write("first.csv", &first_rows);
        let second = write("second.csv", &rows[1500..]);
        let tenant = daftar_platform::tenants::by_slug(&app.state.db, "balochistan")
            .await
            .expect("q")
            .expect("t");
        let actor = Actor::system(tenant.tenant_id(), "import");
        let run = |path: std::path::PathBuf| {
            let (db, actor) = (app.state.db.clone(), actor.clone());
            async move {
                let rejects = path.with_extension("rejects.csv");
                import(&db, &actor, "census", &path, &rejects, &mut |_| {})
                    .await
                    .expect("import")
            }
        };
        let found = || async {
            let rows: Vec<(String, String)> = sqlx::query_as(
                "SELECT s.source_id, COALESCE(p.merged_into, p.id) FROM mdm_person_sources s
                 JOIN mdm_persons p ON p.tenant_id = s.tenant_id AND p.id = s.person_id
                 WHERE s.tenant_id = $1",
            )
            .bind(tenant.id.as_str())
            .fetch_all(app.state.db.pool())
            .await
            .expect("sources");
            rows.into_iter().collect::<HashMap<String, String>>()
        };

        // The first load: every row decided at once, the people close to the truth.
        let a = run(first.clone()).await;
        assert!(a.trained, "{a:?}");
        assert_eq!((a.read, a.rejected, a.replayed), (1503, 1, 1), "{a:?}");
        assert_eq!(a.matched + a.possible + a.new, 1501, "{a:?}");
        assert!(a.matched > 300, "duplicates were found: {a:?}");
        let after_first = found().await;
        let truth_first: HashMap<String, String> = after_first
            .keys()
            .map(|k| (k.clone(), truth[k].clone()))
            .collect();
        let f1 = pairwise_f1(&after_first, &truth_first);
        assert!(f1 > 0.95, "first load F1 {f1}");
        let (reviews,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM mdm_match_reviews WHERE tenant_id = $1 AND status = 'open'",
        )
        .bind(tenant.id.as_str())
        .fetch_one(app.state.db.pool())
        .await
        .expect("reviews");
        assert!(reviews as u64 >= a.possible, "{reviews} reviews, {a:?}");

        // A later file meets the registry one row at a time: many of its people are known.
        let b = run(second).await;
        assert_eq!((b.read, b.replayed), (1200, 0), "{b:?}");
        assert!(
            b.matched > 200,
            "records matched people of the first file: {b:?}"
        );
        let after_both = found().await;
        assert_eq!(after_both.len(), 2701);
        let f1 = pairwise_f1(&after_both, &truth);
        assert!(f1 > 0.93, "F1 over both files {f1}");

        // The first file again: nothing changes.
        let c = run(first).await;
        assert_eq!(
            c,
            ImportReport {
                read: 1503,
                rejected: 1,
                replayed: 1502,
                trained: true,
                ..ImportReport::default()
            }
        );
        assert_eq!(found().await, after_both);
        let report = audit::verify(&app.state.db, &tenant.tenant_id(), &app.state.entities)
            .await
            .expect("verify");
        assert!(report.findings.is_empty(), "{:?}", report.findings);
    }
}

#[tokio::test]
async fn warming_the_caches_runs_every_modules_queries() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let queries: Vec<&str> = daftar_server::modules()
            .iter()
            .flat_map(|m| m.warm.iter().copied())
            .collect();
        assert!(!queries.is_empty());
        app.state.db.warm(&queries).await.expect("warm");
    }
}
