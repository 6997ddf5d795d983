//! Makes sure the front-end packages Daftar embeds (htmx, the Nastaliq font) are
//! installed from npm, pinned by `web/package-lock.json`, before the crate compiles.

use std::{path::PathBuf, process::Command};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets this"));
    let web = manifest.join("../../web");
    let web = web.canonicalize().unwrap_or(web);
    println!(
        "cargo:rerun-if-changed={}",
        web.join("package-lock.json").display()
    );
    let marker = web.join("node_modules/htmx.org/dist/htmx.min.js");
    if !marker.exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&web)
            .status();
        match status {
            Ok(s) if s.success() => {}
            other => panic!(
                "could not install the web assets with `npm ci` in {} ({other:?}); install Node.js and npm, then build again",
                web.display()
            ),
        }
    }
    println!(
        "cargo:rustc-env=DAFTAR_WEB_MODULES={}",
        web.join("node_modules").display()
    );
}
