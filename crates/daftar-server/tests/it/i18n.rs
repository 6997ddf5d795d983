//! Every message exists in English and Urdu; every message a template or the code asks
//! for exists.

use daftar_kernel::ErrorCode;
use daftar_platform::{i18n::Lang, state::Registry};
use daftar_server::modules;

#[test]
fn every_message_is_in_both_languages() {
    let registry = Registry::new(&modules()).expect("bundles build");
    let missing = registry.i18n.missing();
    assert!(
        missing.is_empty(),
        "messages missing a translation: {missing:?}"
    );
}

#[test]
fn every_message_the_templates_use_exists() {
    let registry = Registry::new(&modules()).expect("bundles build");
    let mut checked = 0;
    for m in modules() {
        for (name, src) in m.templates {
            for piece in src.split("t(\"").skip(1) {
                let Some((id, _)) = piece.split_once('"') else {
                    continue;
                };
                if id.ends_with('-') {
                    continue; // a prefix completed at run time, e.g. "level-" ~ unit.level
                }
                for lang in Lang::ALL {
                    assert!(
                        registry.i18n.has(lang, id),
                        "{name} uses {id}, missing in {lang:?}"
                    );
                }
                checked += 1;
            }
        }
        for nav in m.nav {
            assert!(
                registry.i18n.has(Lang::Ur, nav.label) && registry.i18n.has(Lang::Ur, nav.hint),
                "{}",
                nav.label
            );
        }
        for role in m.roles {
            assert!(registry.i18n.has(Lang::Ur, role.label), "{}", role.label);
        }
    }
    assert!(checked > 50, "only {checked} messages found in templates");
    for code in ErrorCode::ALL {
        let id = format!("problem-{}", code.as_str().replace('_', "-"));
        for lang in Lang::ALL {
            assert!(
                registry.i18n.has(lang, &id) && registry.i18n.has(lang, &format!("{id}-hint")),
                "{id} in {lang:?}"
            );
        }
    }
}

#[test]
fn every_error_message_id_in_the_code_exists() {
    let registry = Registry::new(&modules()).expect("bundles build");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut ids = std::collections::BTreeSet::new();
    for krate in ["daftar-platform", "daftar-mdm"] {
        collect(&root.join(krate).join("src"), &mut ids);
    }
    assert!(ids.len() > 20, "{ids:?}");
    for id in ids {
        for lang in Lang::ALL {
            assert!(
                registry.i18n.has(lang, &id),
                "{id} is used in the code but missing in {lang:?}"
            );
        }
    }
}

fn collect(dir: &std::path::Path, ids: &mut std::collections::BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, ids);
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("packs.rs") {
            let text = std::fs::read_to_string(&path).expect("read");
            for piece in text.split("\"err-").skip(1) {
                let id: String = piece
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                if !id.is_empty() && !id.ends_with('-') {
                    ids.insert(format!("err-{id}"));
                }
            }
        }
    }
}
