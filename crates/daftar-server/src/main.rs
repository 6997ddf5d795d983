//! The `daftar` command line.

mod cert_cmd;
mod match_cmd;
mod runtime;

use std::{io::Read, net::SocketAddr, path::PathBuf, process::ExitCode};

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};

use daftar_platform::{
    Db,
    audit::{self, Actor},
    auth::{Scope, service},
    db::Backend,
    settings::{Secret, Settings},
    state::Registry,
    tenants,
};
use daftar_server::{build_app, demo, modules, serve};

/// Daftar: e-governance for a province — service centres, files, HR and development
/// monitoring on one platform with shared master data.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    /// Settings file (missing is fine: defaults and DAFTAR_* variables apply).
    #[arg(long, global = true, default_value = "daftar.toml")]
    config: PathBuf,
    #[command(subcommand)]
    command: Command,
}

/// Where the data lives; every command that touches data takes these.
#[derive(Args, Clone, Default)]
struct DataArgs {
    /// Folder for the SQLite database and documents.
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// `sqlite://...` or `postgres://...` (default: SQLite inside --data-dir).
    #[arg(long, env = "DAFTAR_DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the application.
    #[command(
        after_help = "Example:\n  DAFTAR_DATABASE_URL=postgres://daftar@localhost/daftar daftar serve --listen 0.0.0.0:8080"
    )]
    Serve {
        #[command(flatten)]
        data: DataArgs,
        /// Address to listen on.
        #[arg(long)]
        listen: Option<SocketAddr>,
    },
    /// Create (or reuse) a demo with both provinces and demo accounts, and serve it.
    #[command(
        after_help = "Example:\n  daftar demo --data-dir ./daftar-demo --listen 127.0.0.1:8080"
    )]
    Demo {
        /// Folder for the demo's database.
        #[arg(long, default_value = "daftar-demo")]
        data_dir: PathBuf,
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Folder holding the province packs.
        #[arg(long)]
        packs_dir: Option<PathBuf>,
    },
    /// Load or update a province from packs/NAME/ (idempotent).
    #[command(after_help = "Example:\n  daftar init --pack balochistan --data-dir ./daftar-data")]
    Init {
        /// Pack name: a folder under the packs directory.
        #[arg(long)]
        pack: String,
        #[arg(long)]
        packs_dir: Option<PathBuf>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Manage accounts and roles.
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Check the audit chain.
    Audit {
        #[command(subcommand)]
        action: AuditCommand,
    },
    /// Master data: import person records.
    Mdm {
        #[command(subcommand)]
        action: MdmCommand,
    },
    /// Record linkage over CSV files: dedupe, link, synthetic data, evaluation.
    Match {
        #[command(subcommand)]
        action: match_cmd::MatchCommand,
    },
    /// Check a certificate's signature (and, against a database, whether it is revoked).
    #[command(
        after_help = "Examples:\n  daftar verify-certificate certificate.html --data-dir ./daftar-demo\n  curl -s https://daftar.example/public/keys > keys.json\n  daftar verify-certificate 'DKC1.eyJw...' --keys keys.json"
    )]
    VerifyCertificate {
        /// A file holding the certificate (a saved certificate page, a QR code's text) or
        /// the payload itself.
        input: String,
        /// Check offline against this file of published keys (the JSON of /public/keys).
        #[arg(long)]
        keys: Option<PathBuf>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Make a consistent online copy of an SQLite database.
    #[command(
        after_help = "Example:\n  daftar backup --data-dir ./daftar-demo --to backup-2026-11-22.db"
    )]
    Backup {
        /// File to write (must not exist).
        #[arg(long)]
        to: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account in a province.
    #[command(
        after_help = "Example:\n  echo 'a-long-password' | daftar user add --tenant punjab --username punjab.so1 --name 'Section Officer 1' --password-stdin"
    )]
    Add {
        /// Province (tenant) name, e.g. punjab.
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        username: String,
        /// Full name shown in the interface.
        #[arg(long)]
        name: String,
        /// Read the password from standard input (recommended).
        #[arg(long, conflicts_with = "password")]
        password_stdin: bool,
        /// The password (visible to other users of this machine; prefer --password-stdin).
        #[arg(long)]
        password: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Give a role on the whole province, a district or an office.
    #[command(
        after_help = "Examples:\n  daftar user grant --username punjab.so1 --role platform.admin\n  daftar user grant --username punjab.so1 --role mdm.editor --district PB-LHR"
    )]
    Grant {
        #[arg(long)]
        username: String,
        #[arg(long)]
        role: String,
        #[arg(long, conflicts_with = "office")]
        district: Option<String>,
        #[arg(long)]
        office: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Disable an account (its sessions end at once).
    #[command(after_help = "Example:\n  daftar user disable --username punjab.so1")]
    Disable {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum MdmCommand {
    /// Import person records from one source into a province's registry: bad rows go to a
    /// rejects file with the reason; the rest are resolved. Importing again changes nothing.
    #[command(
        after_help = "Example:\n  daftar mdm import --data-dir ./daftar-demo --tenant punjab --source hrims employees.csv"
    )]
    Import {
        #[arg(long)]
        tenant: String,
        /// The source system's name, e.g. hrims (1-40 small letters, digits, _ or -).
        #[arg(long)]
        source: String,
        /// CSV with an `id` column and any of cnic,name,father_name,gender,dob,district,address,phone.
        file: PathBuf,
        /// Where to write rejected rows (default: FILE.rejects.csv).
        #[arg(long)]
        rejects: Option<PathBuf>,
        #[arg(long)]
        quiet: bool,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Recompute the chain and compare every audited entity with its last record.
    #[command(
        after_help = "Example:\n  daftar audit verify --data-dir ./daftar-demo --tenant punjab"
    )]
    Verify {
        /// Only this province.
        #[arg(long)]
        tenant: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
}

fn settings(config: &std::path::Path, data: &DataArgs) -> anyhow::Result<Settings> {
    let mut s = Settings::load(config, std::env::vars())?;
    if let Some(d) = &data.data_dir {
        s.data_dir = d.clone();
    }
    if let Some(url) = &data.database_url {
        s.database_url = Some(Secret::new(url.clone()));
    }
    Ok(s)
}

async fn open(s: &Settings) -> anyhow::Result<Db> {
    let url = s.database_url();
    if Backend::of_url(url.expose()) == Some(Backend::Sqlite) {
        std::fs::create_dir_all(&s.data_dir)
            .with_context(|| format!("creating {}", s.data_dir.display()))?;
    }
    let db = Db::connect(url.expose(), s.db_max_connections).await?;
    for m in modules() {
        db.migrate(m.name, m.migrations).await?;
    }
    Ok(db)
}

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("DAFTAR_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(filter));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Serving on SQLite, the runtime leaves a core to SQLite's writer (see `runtime`).
    let sqlite = match &cli.command {
        Command::Demo { .. } => true,
        Command::Serve { data, .. } => settings(&cli.config, data)
            .is_ok_and(|s| Backend::of_url(s.database_url().expose()) == Some(Backend::Sqlite)),
        _ => false,
    };
    let runtime = match runtime::build(sqlite) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: starting the async runtime: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve { data, listen } => {
            let mut s = settings(&cli.config, &data)?;
            if let Some(l) = listen {
                s.listen = l;
            }
            init_logging(&s.log);
            let listener = tokio::net::TcpListener::bind(s.listen)
                .await
                .with_context(|| format!("listening on {}", s.listen))?;
            let app = build_app(s).await?;
            println!("Daftar is serving on http://{}", listener.local_addr()?);
            serve(app, listener).await?;
        }
        Command::Demo {
            data_dir,
            listen,
            packs_dir,
        } => {
            let data = DataArgs {
                data_dir: Some(data_dir),
                database_url: None,
            };
            let mut s = settings(&cli.config, &data)?;
            s.database_url = None;
            s.listen = listen;
            if let Some(p) = packs_dir {
                s.packs_dir = p;
            }
            init_logging(&s.log);
            let started = std::time::Instant::now();
            let listener = tokio::net::TcpListener::bind(s.listen)
                .await
                .with_context(|| format!("listening on {}", s.listen))?;
            let packs = s.packs_dir.clone();
            let app = build_app(s).await?;
            let accounts = demo::seed(&app.state.db, &app.state.roles, &packs).await?;
            demo::sample_day(&app.state.db, &app.state.roles).await?;
            let addr = listener.local_addr()?;
            println!(
                "Daftar demo is ready at http://{addr}/ (started in {:.2} s)",
                started.elapsed().as_secs_f64()
            );
            println!(
                "Log in with any of these accounts; the password is `{}`:",
                demo::PASSWORD
            );
            for a in &accounts {
                println!("  {:<24} {}", a.username, a.what);
            }
            println!("Press Ctrl-C to stop. Run the same command again to reuse the data.");
            serve(app, listener).await?;
        }
        Command::Init {
            pack,
            packs_dir,
            data,
        } => {
            let mut s = settings(&cli.config, &data)?;
            if let Some(p) = packs_dir {
                s.packs_dir = p;
            }
            init_logging("warn");
            if pack.is_empty()
                || !pack
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
            {
                bail!("the pack name is a folder name like punjab");
            }
            let dir = s.packs_dir.join(&pack);
            if !dir.is_dir() {
                bail!("no pack folder at {} (use --packs-dir)", dir.display());
            }
            let db = open(&s).await?;
            let loaded = daftar_server::load_pack(&db, &dir).await?;
            let report = &loaded.mdm;
            println!(
                "{}: {} created, {} updated, {} unchanged",
                report.tenant, report.created, report.updated, report.unchanged
            );
            if let Some(k) = &loaded.khidmat {
                println!(
                    "{}: e-Khidmat {} services, {} centres, {} changed",
                    report.tenant, k.services, k.centres, k.changed
                );
            }
            if let Some(f) = &loaded.filing {
                println!(
                    "{}: e-FOAS {} departments, {}",
                    report.tenant,
                    f.departments,
                    if f.changed { "loaded" } else { "unchanged" }
                );
            }
        }
        Command::User { action } => return user(&cli.config, action).await,
        Command::Match { action } => match_cmd::run_command(action)?,
        Command::Mdm {
            action:
                MdmCommand::Import {
                    tenant,
                    source,
                    file,
                    rejects,
                    quiet,
                    data,
                },
        } => {
            let s = settings(&cli.config, &data)?;
            init_logging("warn");
            let db = open(&s).await?;
            let t = tenants::by_slug(&db, &tenant)
                .await?
                .with_context(|| format!("no such province: {tenant}"))?;
            let rejects = rejects.unwrap_or_else(|| file.with_extension("rejects.csv"));
            let actor = Actor::system(t.tenant_id(), &format!("mdm import --source {source}"));
            let bar = match_cmd::bar(quiet, "resolving");
            let report = daftar_mdm::persons::import::import(
                &db,
                &actor,
                &source,
                &file,
                &rejects,
                &mut |n| bar.set_position(n),
            )
            .await
            .map_err(describe)?;
            bar.finish_and_clear();
            println!(
                "{}: {} rows read, {} rejected (see {}), {} already imported, {} matched, {} possible (in the stewardship queue), {} new{}",
                t.slug,
                report.read,
                report.rejected,
                rejects.display(),
                report.replayed,
                report.matched,
                report.possible,
                report.new,
                if report.trained {
                    "; the model was retrained on this file"
                } else {
                    ""
                }
            );
        }
        Command::Audit {
            action: AuditCommand::Verify { tenant, data },
        } => {
            let s = settings(&cli.config, &data)?;
            init_logging("warn");
            let db = open(&s).await?;
            let registry = Registry::new(&modules()).map_err(anyhow::Error::msg)?;
            let all = tenants::list(&db).await?;
            let chosen: Vec<_> = all
                .iter()
                .filter(|t| tenant.as_deref().is_none_or(|n| t.slug == n))
                .collect();
            if chosen.is_empty() {
                bail!("no such province: {}", tenant.unwrap_or_default());
            }
            let mut failed = false;
            for t in chosen {
                let report = audit::verify(&db, &t.tenant_id(), &registry.entities).await?;
                for check in &registry.checks {
                    let r = (check.run)(db.clone(), t.tenant_id()).await?;
                    if r.findings.is_empty() {
                        println!("{}: {} intact — {}", t.slug, check.name, r.checked);
                    } else {
                        failed = true;
                        println!(
                            "{}: {} NOT INTACT — {} problem(s) in {}",
                            t.slug,
                            check.name,
                            r.findings.len(),
                            r.checked
                        );
                        for f in r.findings.iter().take(20) {
                            println!("  {f}");
                        }
                    }
                }
                if report.findings.is_empty() {
                    println!(
                        "{}: intact — {} records, {} entities checked",
                        t.slug, report.records, report.entities
                    );
                } else {
                    failed = true;
                    println!(
                        "{}: NOT INTACT — {} problem(s) in {} records",
                        t.slug,
                        report.findings.len(),
                        report.records
                    );
                    println!("  first: {}", report.findings[0]);
                    for f in report.findings.iter().skip(1).take(19) {
                        println!("  also:  {f}");
                    }
                }
            }
            return Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            });
        }
        Command::VerifyCertificate { input, keys, data } => {
            init_logging("warn");
            if let Some(keys) = keys {
                return cert_cmd::offline(&input, &keys);
            }
            let s = settings(&cli.config, &data)?;
            let db = open(&s).await?;
            return cert_cmd::online(&input, &db).await;
        }
        Command::Backup { to, data } => {
            let s = settings(&cli.config, &data)?;
            init_logging("warn");
            let db = open(&s).await?;
            db.backup_sqlite(&to).await?;
            println!("backed up to {}", to.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn user(config: &std::path::Path, action: UserCommand) -> anyhow::Result<ExitCode> {
    init_logging("warn");
    match action {
        UserCommand::Add {
            tenant,
            username,
            name,
            password_stdin,
            password,
            data,
        } => {
            let s = settings(config, &data)?;
            let password = match (password_stdin, password) {
                (true, _) => {
                    let mut buf = String::new();
                    std::io::stdin().read_to_string(&mut buf)?;
                    buf.trim_end_matches(['\r', '\n']).to_owned()
                }
                (false, Some(p)) => p,
                (false, None) => bail!("give the password with --password-stdin (or --password)"),
            };
            let db = open(&s).await?;
            let t = tenants::by_slug(&db, &tenant).await?.with_context(|| {
                format!("no such province: {tenant} (load it with daftar init --pack {tenant})")
            })?;
            let actor = Actor::system(t.tenant_id(), "user add");
            let new = service::NewUser {
                username,
                display_name: name,
                password,
            };
            let u = service::create_user(&db, &actor, &new)
                .await
                .map_err(describe)?;
            println!("created {} in {}", u.username, t.slug);
        }
        UserCommand::Grant {
            username,
            role,
            district,
            office,
            data,
        } => {
            let s = settings(config, &data)?;
            let db = open(&s).await?;
            let (tenant, user) = find(&db, &username).await?;
            let scope = match (district, office) {
                (Some(d), _) => Scope::District(d.to_ascii_uppercase()),
                (_, Some(o)) => Scope::Office(o.to_ascii_uppercase()),
                _ => Scope::Province,
            };
            let registry = Registry::new(&modules()).map_err(anyhow::Error::msg)?;
            let actor = Actor::system(tenant.tenant_id(), "user grant");
            service::grant_role(&db, &actor, &registry.roles, &user.id, &role, scope)
                .await
                .map_err(|e| {
                    let roles: Vec<&str> = registry.roles.all().iter().map(|r| r.name).collect();
                    anyhow::anyhow!("{} (roles: {})", describe(e), roles.join(", "))
                })?;
            println!("granted {role} to {username}");
        }
        UserCommand::Disable { username, data } => {
            let s = settings(config, &data)?;
            let db = open(&s).await?;
            let (tenant, user) = find(&db, &username).await?;
            let actor = Actor::system(tenant.tenant_id(), "user disable");
            service::set_disabled(&db, &actor, &user.id, true).await?;
            println!("disabled {username}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn find(
    db: &Db,
    username: &str,
) -> anyhow::Result<(tenants::Tenant, daftar_platform::auth::User)> {
    for t in tenants::list(db).await? {
        if let Ok(u) = service::find_user(db, &t.tenant_id(), username).await {
            return Ok((t, u));
        }
    }
    bail!("no such user: {username}")
}

/// A service error in words for the command line.
fn describe(e: daftar_platform::Error) -> anyhow::Error {
    match e {
        daftar_platform::Error::Validation(fs) => anyhow::anyhow!(
            "{}",
            fs.iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        daftar_platform::Error::Conflict { field, message, .. } => anyhow::anyhow!(
            "{}{message}",
            field.map(|f| format!("{f}: ")).unwrap_or_default()
        ),
        other => other.into(),
    }
}
