//! Typed settings, layered: defaults -> `daftar.toml` -> `DAFTAR_*` environment ->
//! command-line flags (applied by the CLI). Passed explicitly to `build_app`; no globals.

use std::{
    fmt,
    net::SocketAddr,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

/// A value that must never appear in logs or debug output (database URLs carry passwords).
#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }

    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Everything the server and the commands can be configured with.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Folder for the SQLite database and documents.
    pub data_dir: PathBuf,
    /// `sqlite://...` or `postgres://...`; empty means `sqlite://<data_dir>/daftar.db`.
    pub database_url: Option<Secret>,
    /// Address the HTTP server listens on.
    pub listen: SocketAddr,
    /// Folder holding the province packs (`packs/<name>/`).
    pub packs_dir: PathBuf,
    /// How long a browser session lasts without activity, in hours.
    pub session_hours: i64,
    /// How long an API bearer token is valid, in hours.
    pub token_hours: i64,
    /// Failed logins in a row before an account is locked.
    pub lockout_attempts: i64,
    /// How long a locked account stays locked, in minutes.
    pub lockout_minutes: i64,
    /// Largest request body accepted, in bytes.
    pub body_limit_bytes: usize,
    /// A request taking longer than this is answered with 503/timeout, in seconds.
    pub request_timeout_secs: u64,
    /// Requests served at once; beyond this the server sheds load with 503.
    pub max_in_flight: usize,
    /// Database connections in the pool.
    pub db_max_connections: u32,
    /// Mark cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Log filter, e.g. `info` or `daftar=debug`.
    pub log: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            data_dir: PathBuf::from("daftar-data"),
            database_url: None,
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            packs_dir: PathBuf::from("packs"),
            session_hours: 8,
            token_hours: 12,
            lockout_attempts: 5,
            lockout_minutes: 15,
            body_limit_bytes: 1024 * 1024,
            request_timeout_secs: 30,
            max_in_flight: 1024,
            db_max_connections: 16,
            secure_cookies: false,
            log: "info".to_owned(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{origin}: {message}")]
    Invalid { origin: String, message: String },
}

impl Settings {
    /// Loads defaults, then the TOML file if it exists, then `DAFTAR_*` variables from
    /// `env` (e.g. `DAFTAR_DATABASE_URL`, `DAFTAR_LISTEN`).
    pub fn load(
        file: &Path,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Settings, SettingsError> {
        let invalid = |origin: &str, message: String| SettingsError::Invalid {
            origin: origin.to_owned(),
            message,
        };
        let mut table = toml::Table::try_from(Settings::default())
            .map_err(|e| invalid("defaults", e.to_string()))?;
        if file.exists() {
            let text = std::fs::read_to_string(file).map_err(|source| SettingsError::Read {
                path: file.to_owned(),
                source,
            })?;
            let from_file: toml::Table = text.parse().map_err(|e: toml::de::Error| {
                invalid(&file.display().to_string(), e.to_string())
            })?;
            table.extend(from_file);
        }
        for (key, value) in env {
            let Some(name) = key.strip_prefix("DAFTAR_") else {
                continue;
            };
            let name = name.to_ascii_lowercase();
            if !table.contains_key(&name) && name != "database_url" {
                // DAFTAR_TEST_DATABASE_URL and other tooling variables are not settings.
                continue;
            }
            // Numbers and booleans arrive as text; let TOML read them as it would.
            let parsed = format!("v = {value}")
                .parse::<toml::Table>()
                .ok()
                .and_then(|mut t| t.remove("v"))
                .unwrap_or(toml::Value::String(value));
            table.insert(name, parsed);
        }
        toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| invalid("settings", e.to_string()))
    }

    /// The database URL, defaulting to an SQLite file inside the data directory.
    pub fn database_url(&self) -> Secret {
        match &self.database_url {
            Some(url) if !url.expose().is_empty() => url.clone(),
            _ => {
                let path = std::path::absolute(self.data_dir.join("daftar.db"))
                    .unwrap_or_else(|_| self.data_dir.join("daftar.db"));
                Secret::new(format!("sqlite://{}?mode=rwc", path.display()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_apply_in_order_and_secrets_hide() {
        let dir = std::env::temp_dir().join(format!("daftar-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("tmp");
        let file = dir.join("daftar.toml");
        std::fs::write(&file, "session_hours = 4\nlisten = \"0.0.0.0:9000\"\n").expect("write");
        let s = Settings::load(
            &file,
            [
                ("DAFTAR_SESSION_HOURS".to_owned(), "6".to_owned()),
                (
                    "DAFTAR_DATABASE_URL".to_owned(),
                    "postgres://u:pw@h/db".to_owned(),
                ),
                ("DAFTAR_TEST_DATABASE_URL".to_owned(), "ignored".to_owned()),
                ("PATH".to_owned(), "/bin".to_owned()),
            ],
        )
        .expect("load");
        assert_eq!(s.session_hours, 6);
        assert_eq!(s.listen.port(), 9000);
        assert_eq!(s.database_url().expose(), "postgres://u:pw@h/db");
        assert!(!format!("{s:?}").contains("pw"));
        std::fs::write(&file, "sesion_hours = 4\n").expect("write");
        assert!(
            Settings::load(&file, []).is_err(),
            "unknown keys are refused"
        );
    }
}
