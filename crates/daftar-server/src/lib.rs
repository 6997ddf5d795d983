//! Composes the Daftar modules into one axum application. `build_app` is the one
//! function both `daftar serve` and the tests use.

pub mod demo;
mod demo_filing;

use std::{sync::Arc, time::Duration};

use axum::{
    Json, Router,
    error_handling::HandleErrorLayer,
    extract::{DefaultBodyLimit, Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::{Next, from_fn, from_fn_with_state},
    response::{IntoResponse, Response},
    routing::get,
};
use sqlx::Executor;
use tower::{
    BoxError, ServiceBuilder, limit::GlobalConcurrencyLimitLayer, load_shed::LoadShedLayer,
    timeout::TimeoutLayer,
};

use daftar_platform::{
    AppState, Db, Error, Module,
    db::Backend,
    http::{RouteInfo, csrf, metrics, problem},
    settings::Settings,
};

/// Every module of this build, platform first.
pub fn modules() -> Vec<Module> {
    vec![
        daftar_platform::module(),
        daftar_mdm::module(),
        daftar_khidmat::module(),
        daftar_filing::module(),
    ]
}

/// What loading a pack did, module by module.
pub struct PackLoaded {
    pub mdm: daftar_mdm::packs::LoadReport,
    pub khidmat: Option<daftar_khidmat::pack::Loaded>,
    pub filing: Option<daftar_filing::pack::Loaded>,
}

/// Loads a province pack: master data first (it makes the province), then each module's
/// part of the pack that names master data (`khidmat.toml`, `filing.toml`). Each part is one
/// transaction; loading again changes nothing that has not changed.
pub async fn load_pack(db: &Db, dir: &std::path::Path) -> anyhow::Result<PackLoaded> {
    let mdm = daftar_mdm::packs::load(db, dir).await?;
    let tenant = daftar_platform::tenants::by_slug(db, &mdm.tenant)
        .await?
        .ok_or_else(|| anyhow::anyhow!("province {} missing after its pack loaded", mdm.tenant))?;
    let khidmat = daftar_khidmat::pack::load(db, &tenant.tenant_id(), &tenant.code, dir).await?;
    let filing = daftar_filing::pack::load(db, &tenant.tenant_id(), &tenant.code, dir).await?;
    Ok(PackLoaded {
        mdm,
        khidmat,
        filing,
    })
}

/// The composed application: the router to serve, and its state.
pub struct App {
    pub router: Router,
    pub state: AppState,
}

/// Connects to the database, runs every module's migrations, and builds the router with
/// its edge: CSRF cookie, error rendering, body limit, metrics, timeout and load shedding.
pub async fn build_app(settings: Settings) -> anyhow::Result<App> {
    let url = settings.database_url();
    if Backend::of_url(url.expose()) == Some(Backend::Sqlite) {
        std::fs::create_dir_all(&settings.data_dir)?;
    }
    let db = Db::connect(url.expose(), settings.db_max_connections).await?;
    let modules = modules();
    for m in &modules {
        db.migrate(m.name, m.migrations).await?;
    }
    let mut router: Router<AppState> = Router::new();
    let mut routes: Vec<RouteInfo> = Vec::new();
    let mut doc = openapi_base();
    for m in &modules {
        let (r, info) = (m.routes)().into_parts();
        router = router.merge(r);
        routes.extend(info);
        doc.merge((m.openapi)());
    }
    routes.extend(
        ["/healthz", "/metrics", "/api/openapi.json"].map(|path| RouteInfo {
            method: "GET",
            path,
        }),
    );
    let openapi_json: Arc<str> = serde_json::to_string(&doc)?.into();
    let state =
        AppState::new(settings.clone(), db, &modules, routes).map_err(anyhow::Error::msg)?;
    let overload = ServiceBuilder::new()
        .layer(HandleErrorLayer::new(|err: BoxError| async move {
            if err.is::<tower::timeout::error::Elapsed>() {
                Error::Timeout.into_response()
            } else if err.is::<tower::load_shed::error::Overloaded>() {
                Error::Overloaded.into_response()
            } else {
                Error::Internal(err.to_string()).into_response()
            }
        }))
        .layer(LoadShedLayer::new())
        .layer(GlobalConcurrencyLimitLayer::new(
            settings.max_in_flight.max(1),
        ))
        .layer(TimeoutLayer::new(Duration::from_secs(
            settings.request_timeout_secs.max(1),
        )));
    let router = router
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text))
        .route(
            "/api/openapi.json",
            get(move || openapi(openapi_json.clone())),
        )
        .fallback(|| async { Error::NotFound })
        .layer(overload)
        .layer(from_fn_with_state(state.clone(), metrics::track))
        .layer(DefaultBodyLimit::max(settings.body_limit_bytes))
        .layer(from_fn_with_state(state.clone(), problem::render))
        .layer(from_fn_with_state(state.clone(), csrf::ensure_token))
        .layer(from_fn(security_headers))
        .with_state(state.clone());
    Ok(App { router, state })
}

fn openapi_base() -> utoipa::openapi::OpenApi {
    use utoipa::openapi::{
        InfoBuilder, OpenApiBuilder,
        security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
    };
    let mut doc = OpenApiBuilder::new()
        .info(InfoBuilder::new().title("Daftar API").version(env!("CARGO_PKG_VERSION")).description(Some(
            "Errors are application/problem+json with a stable `code`; validation errors (422) list each field. \
             Authenticate with `POST /api/v1/auth/token`, then send `Authorization: Bearer <token>`.",
        )).build())
        .build();
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
    );
    doc
}

async fn openapi(doc: Arc<str>) -> Response {
    let mut res = doc.to_string().into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

/// `GET /healthz`: 200 when the database answers.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.pool().execute("SELECT 1").await {
        Ok(_) => Json(serde_json::json!({ "status": "ok" })).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "unavailable" })),
            )
                .into_response()
        }
    }
}

async fn metrics_text(State(state): State<AppState>) -> Response {
    let mut res = state.metrics.render().into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    res
}

/// Headers every response carries: no sniffing, no framing, nothing loaded from
/// elsewhere.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"),
    );
    res
}

/// Serves `app` on `listener` until Ctrl-C or SIGTERM.
pub async fn serve(app: App, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    // Read the modules' hot indexes once before the first request (SQLite only).
    let warm: Vec<&str> = modules()
        .iter()
        .flat_map(|m| m.warm.iter().copied())
        .collect();
    match app.state.db.warm(&warm).await {
        Ok(took) => tracing::info!(ms = took.as_millis() as u64, "caches warmed"),
        Err(e) => tracing::warn!(error = %e, "warming the caches failed"),
    }
    // The modules' background jobs: a failed tick is logged and tried again next time.
    for m in modules() {
        for job in m.jobs {
            let state = app.state.clone();
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(job.every);
                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                loop {
                    tick.tick().await;
                    let started = std::time::Instant::now();
                    if let Err(e) = (job.run)(state.clone()).await {
                        tracing::warn!(job = job.name, error = %e, "background job failed");
                    }
                    let ms = started.elapsed().as_secs_f64() * 1000.0;
                    tracing::debug!(job = job.name, ms, "background job ran");
                }
            });
        }
    }
    axum::serve(listener, app.router)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
