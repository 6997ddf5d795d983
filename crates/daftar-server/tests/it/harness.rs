//! Starting the app for a test, and small typed helpers to talk to it.

use std::{net::SocketAddr, path::PathBuf};

use reqwest::{Client, Method, StatusCode, header};
use serde_json::Value;

use daftar_platform::{
    AppState,
    settings::{Secret, Settings},
};
use daftar_server::{build_app, demo};

/// Which database engine a test runs on.
#[derive(Clone, Debug)]
pub enum Backend {
    Sqlite,
    Postgres(String),
}

/// SQLite always; PostgreSQL too when `DAFTAR_TEST_DATABASE_URL` is set.
pub fn backends() -> Vec<Backend> {
    let mut v = vec![Backend::Sqlite];
    if let Ok(url) = std::env::var("DAFTAR_TEST_DATABASE_URL")
        && !url.is_empty()
    {
        v.push(Backend::Postgres(url));
    }
    v
}

pub fn packs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../packs")
}

/// A running app on its own database.
pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    pub client: Client,
    pub data_dir: PathBuf,
    pg_database: Option<(String, String)>,
}

fn unique() -> String {
    daftar_kernel::Id::new().as_str().replace('-', "")
}

async fn fresh_postgres(admin_url: &str) -> (String, String) {
    let name = format!("daftar_t_{}", unique());
    let db = daftar_platform::Db::connect(admin_url, 2)
        .await
        .expect("PostgreSQL at DAFTAR_TEST_DATABASE_URL must be reachable");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(db.pool())
        .await
        .expect("create test database");
    db.pool().close().await;
    let (base, query) = admin_url
        .split_once('?')
        .map(|(b, q)| (b, format!("?{q}")))
        .unwrap_or((admin_url, String::new()));
    let prefix = base.rsplit_once('/').map(|(p, _)| p).unwrap_or(base);
    (format!("{prefix}/{name}{query}"), name)
}

impl TestApp {
    /// An app with an empty database (migrated, no provinces).
    pub async fn empty(backend: &Backend) -> TestApp {
        let data_dir = std::env::temp_dir().join(format!("daftar-test-{}", unique()));
        let mut settings = Settings {
            data_dir: data_dir.clone(),
            packs_dir: packs_dir(),
            ..Settings::default()
        };
        let mut pg_database = None;
        if let Backend::Postgres(admin) = backend {
            let (url, name) = fresh_postgres(admin).await;
            settings.database_url = Some(Secret::new(url));
            pg_database = Some((admin.clone(), name));
        }
        settings.db_max_connections = 8;
        let app = build_app(settings).await.expect("build_app");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let state = app.state.clone();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app.router).await;
        });
        let client = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        TestApp {
            addr,
            state,
            client,
            data_dir,
            pg_database,
        }
    }

    /// An app with both provinces' packs and the demo accounts.
    pub async fn demo(backend: &Backend) -> TestApp {
        let app = TestApp::empty(backend).await;
        demo::seed(&app.state.db, &app.state.roles, &packs_dir())
            .await
            .expect("seed demo");
        app
    }

    /// The demo with its sample day of e-Khidmat: tokens and applications at every stage.
    pub async fn demo_day(backend: &Backend) -> TestApp {
        let app = TestApp::demo(backend).await;
        demo::sample_day(&app.state.db, &app.state.roles)
            .await
            .expect("sample day");
        app
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A bearer token for a demo user.
    pub async fn token(&self, username: &str) -> String {
        let res = self
            .client
            .post(self.url("/api/v1/auth/token"))
            .json(&serde_json::json!({ "username": username, "password": demo::PASSWORD }))
            .send()
            .await
            .expect("token request");
        assert_eq!(res.status(), StatusCode::OK, "login of {username}");
        let body: Value = res.json().await.expect("json");
        body["token"].as_str().expect("token").to_owned()
    }

    /// Sends a request with an optional bearer token and JSON body; returns status and
    /// body (JSON if it parses, else the text as a JSON string).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.client.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("request");
        let status = res.status();
        let text = res.text().await.expect("body");
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, value)
    }

    pub async fn get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    /// A browser-like session: logs in through the form and returns the cookie header
    /// (session + CSRF) and the CSRF token for further forms.
    pub async fn browser_login(&self, username: &str) -> Browser {
        let res = self
            .client
            .get(self.url("/login"))
            .send()
            .await
            .expect("login page");
        let csrf = cookie_value(&res, "daftar_csrf").expect("csrf cookie set on first visit");
        let cookies = format!("daftar_csrf={csrf}");
        let res = self
            .client
            .post(self.url("/login"))
            .header(header::COOKIE, &cookies)
            .form(&[
                ("csrf", csrf.as_str()),
                ("username", username),
                ("password", demo::PASSWORD),
                ("next", "/"),
            ])
            .send()
            .await
            .expect("login post");
        assert_eq!(
            res.status(),
            StatusCode::SEE_OTHER,
            "form login of {username}"
        );
        let session = cookie_value(&res, "daftar_session").expect("session cookie");
        Browser {
            cookies: format!("{cookies}; daftar_session={session}"),
            csrf,
        }
    }

    /// GET a page with a browser's cookies; returns status and HTML.
    pub async fn page(&self, b: &Browser, path: &str) -> (StatusCode, String) {
        let res = self
            .client
            .get(self.url(path))
            .header(header::COOKIE, &b.cookies)
            .send()
            .await
            .expect("page");
        (res.status(), res.text().await.expect("html"))
    }

    /// POST a form with a browser's cookies and CSRF token.
    pub async fn form(
        &self,
        b: &Browser,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut all = vec![("csrf", b.csrf.as_str())];
        all.extend_from_slice(fields);
        self.client
            .post(self.url(path))
            .header(header::COOKIE, &b.cookies)
            .form(&all)
            .send()
            .await
            .expect("form post")
    }

    /// The SQLite file of this app (SQLite backend only).
    pub fn sqlite_file(&self) -> PathBuf {
        self.data_dir.join("daftar.db")
    }

    /// Runs raw SQL against the database, behind the application's back.
    pub async fn tamper(&self, sql: &str) {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(self.state.db.pool())
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
        if let Some((admin, name)) = self.pg_database.take() {
            // Best effort: drop the per-test database from a thread of its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(rt) = rt {
                    rt.block_on(async {
                        if let Ok(db) = daftar_platform::Db::connect(&admin, 2).await {
                            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            )))
                            .execute(db.pool())
                            .await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

/// Cookies a logged-in browser sends.
pub struct Browser {
    pub cookies: String,
    pub csrf: String,
}

pub fn cookie_value(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            let first = v.split(';').next()?;
            let (k, val) = first.split_once('=')?;
            (k.trim() == name).then(|| val.to_owned())
        })
}

pub fn set_cookie_header(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}
