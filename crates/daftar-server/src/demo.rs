//! Demo data: both provinces' packs and demo accounts, all with password `daftar-demo`.

use std::{path::Path, sync::Arc};

use daftar_platform::{
    Db, Error,
    audit::Actor,
    auth::{Roles, Scope, service},
    tenants,
};

pub const PASSWORD: &str = "daftar-demo";

/// A demo login: who, what they can do, and the role they hold.
pub struct DemoAccount {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<(&'static str, Scope)>,
    pub what: &'static str,
}

fn accounts(slug: &str, code: &str, district: &str, centre: &str) -> Vec<DemoAccount> {
    let title = |s: &str| {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    let p = title(slug);
    vec![
        DemoAccount {
            username: format!("{slug}.admin"),
            display_name: format!("{p} Administrator"),
            roles: vec![
                ("platform.admin", Scope::Province),
                ("khidmat.admin", Scope::Province),
            ],
            what: "province administrator (also e-Khidmat)",
        },
        DemoAccount {
            username: format!("{slug}.editor"),
            display_name: format!("{p} Reference Data Editor"),
            roles: vec![("mdm.editor", Scope::Province)],
            what: "records geography and office changes",
        },
        DemoAccount {
            username: format!("{slug}.district"),
            display_name: format!("{p} District Officer"),
            roles: vec![("mdm.editor", Scope::District(format!("{code}-{district}")))],
            what: "editor role limited to one district",
        },
        DemoAccount {
            username: format!("{slug}.steward"),
            display_name: format!("{p} Records Steward"),
            roles: vec![("mdm.steward", Scope::Province)],
            what: "people's records: resolve, see CNICs",
        },
        DemoAccount {
            username: format!("{slug}.clerk"),
            display_name: format!("{p} Clerk"),
            roles: vec![],
            what: "no roles: browses reference data",
        },
        DemoAccount {
            username: format!("{slug}.operator"),
            display_name: format!("{p} Counter Operator"),
            roles: vec![("khidmat.operator", Scope::Office(centre.to_owned()))],
            what: "e-Khidmat counter at one centre",
        },
        DemoAccount {
            username: format!("{slug}.officer"),
            display_name: format!("{p} Back-office Officer"),
            roles: vec![(
                "khidmat.officer",
                Scope::District(format!("{code}-{district}")),
            )],
            what: "e-Khidmat back office for one district",
        },
        DemoAccount {
            username: format!("{slug}.manager"),
            display_name: format!("{p} Centre Manager"),
            roles: vec![("khidmat.manager", Scope::Office(centre.to_owned()))],
            what: "e-Khidmat centre manager",
        },
    ]
}

/// The e-FOAS officers of a province's Services & General Administration Department
/// (and a Finance section officer to mark files to), each with the post they hold.
pub fn filing_accounts(slug: &str, code: &str) -> Vec<(DemoAccount, String)> {
    let p = {
        let mut c = slug.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    let dept = format!("{code}-DEPT-SGAD");
    let officer = |user: &str, name: &str, post: String, office: &str, what| {
        (
            DemoAccount {
                username: format!("{slug}.{user}"),
                display_name: format!("{p} {name}"),
                roles: vec![("filing.officer", Scope::Office(office.to_owned()))],
                what,
            },
            post,
        )
    };
    let mut v = vec![
        officer(
            "so",
            "Section Officer (Admin)",
            format!("{dept}-005"),
            &dept,
            "e-FOAS: section officer, S&GAD",
        ),
        officer(
            "ds",
            "Deputy Secretary",
            format!("{dept}-003"),
            &dept,
            "e-FOAS: deputy secretary, S&GAD",
        ),
        officer(
            "as",
            "Additional Secretary",
            format!("{dept}-002"),
            &dept,
            "e-FOAS: additional secretary, S&GAD",
        ),
        officer(
            "secretary",
            "Secretary S&GAD",
            format!("{dept}-001"),
            &dept,
            "e-FOAS: secretary, approves letters",
        ),
        officer(
            "finance",
            "Section Officer (Budget), Finance",
            format!("{code}-DEPT-FIN-005"),
            &format!("{code}-DEPT-FIN"),
            "e-FOAS: Finance, comments on files",
        ),
    ];
    v.push((
        DemoAccount {
            username: format!("{slug}.dak"),
            display_name: format!("{p} Receipt Clerk"),
            roles: vec![("filing.diarist", Scope::Office(dept.clone()))],
            what: "e-FOAS: diarises dak at S&GAD",
        },
        format!("{dept}-013"),
    ));
    v
}

/// Loads the Punjab and Balochistan packs and creates the demo accounts that do not exist
/// yet. Safe to run again: nothing is duplicated.
pub async fn seed(
    db: &Db,
    roles: &Arc<Roles>,
    packs_dir: &Path,
) -> anyhow::Result<Vec<DemoAccount>> {
    let mut all = Vec::new();
    for (slug, district, centre) in [
        ("punjab", "LHR", "PB-EKM-LHR-JT"),
        ("balochistan", "QTA", "BA-EKM-QTA-01"),
    ] {
        let report = crate::load_pack(db, &packs_dir.join(slug)).await?.mdm;
        tracing::info!(
            slug,
            created = report.created,
            updated = report.updated,
            "pack loaded"
        );
        let tenant = tenants::by_slug(db, slug)
            .await?
            .ok_or_else(|| anyhow::anyhow!("tenant {slug} missing after load"))?;
        let actor = Actor::system(tenant.tenant_id(), "demo");
        let filing = filing_accounts(slug, &tenant.code);
        let posts: Vec<(String, String)> = filing
            .iter()
            .map(|(a, post)| (a.username.clone(), post.clone()))
            .collect();
        let everyone = accounts(slug, &tenant.code, district, centre)
            .into_iter()
            .chain(filing.into_iter().map(|(a, _)| a));
        for a in everyone {
            match service::find_user(db, &tenant.tenant_id(), &a.username).await {
                Ok(_) => {}
                Err(Error::NotFound) => {
                    let new = service::NewUser {
                        username: a.username.clone(),
                        display_name: a.display_name.clone(),
                        password: PASSWORD.to_owned(),
                    };
                    let user = service::create_user(db, &actor, &new).await?;
                    for (role, scope) in &a.roles {
                        service::grant_role(db, &actor, roles, &user.id, role, scope.clone())
                            .await?;
                    }
                }
                Err(e) => return Err(e.into()),
            }
            all.push(a);
        }
        let pairs: Vec<(&str, &str)> = posts
            .iter()
            .map(|(u, p)| (u.as_str(), p.as_str()))
            .collect();
        daftar_filing::service::officers::assign_system(db, &tenant.tenant_id(), &pairs).await?;
    }
    Ok(all)
}

/// The demo's sample day in each province's first service centre and its Services &
/// General Administration Department (after `seed`).
pub async fn sample_day(db: &Db, roles: &Arc<Roles>) -> anyhow::Result<()> {
    for (slug, centre) in [
        ("punjab", "PB-EKM-LHR-JT"),
        ("balochistan", "BA-EKM-QTA-01"),
    ] {
        let tenant = tenants::by_slug(db, slug)
            .await?
            .ok_or_else(|| anyhow::anyhow!("tenant {slug} missing: seed first"))?;
        khidmat_day(db, roles, &tenant, centre).await?;
        crate::demo_filing::day(db, roles, &tenant).await?;
    }
    Ok(())
}

/// A centre's day for the demo: tokens at the kiosk, one called to a counter, and
/// applications at every step from unpaid to delivered with a certificate. Each
/// application has an idempotency key, so running the demo again adds nothing.
async fn khidmat_day(
    db: &Db,
    roles: &Arc<Roles>,
    tenant: &daftar_platform::tenants::Tenant,
    centre: &str,
) -> anyhow::Result<()> {
    use daftar_khidmat::service::{applications as apps, backoffice, queue};
    let slug = &tenant.slug;
    let operator =
        service::context_for(db, roles.clone(), tenant, &format!("{slug}.operator")).await?;
    let officer =
        service::context_for(db, roles.clone(), tenant, &format!("{slug}.officer")).await?;
    let board = queue::board(db, centre).await?;
    if board.waiting_count == 0 && board.serving.is_empty() {
        for category in ["general", "general", "priority", "women", "general"] {
            queue::issue(db, centre, category).await?;
        }
        queue::call_next(db, &operator, &format!("{centre}-C1")).await?;
    }
    let digit = if tenant.code == "PB" { '3' } else { '5' };
    let people = [
        ("Muhammad Asif", "Abdul Rasheed", "male", "1984-03-12"),
        ("Ayesha Siddiqa", "Ghulam Nabi", "female", "1992-07-01"),
        ("Ali Raza", "Muhammad Hussain", "male", "1978-11-23"),
        ("Fatima Bibi", "Allah Ditta", "female", "1969-01-15"),
        ("Bilal Ahmed", "Nazir Ahmed", "male", "2001-05-30"),
        ("Sana Gul", "Sher Khan", "female", "1995-09-09"),
    ];
    // (service, where it stops: the actions after payment, or None for unpaid)
    let plan: [(&str, Option<&[&str]>); 6] = [
        ("DOMICILE", Some(&["verify", "approve", "print", "deliver"])),
        ("DOMICILE", Some(&[])),
        ("DOMICILE", None),
        ("CHARACTER_CERTIFICATE", Some(&["return"])),
        ("BIRTH_REGISTRATION", Some(&["reject"])),
        ("ESTAMP_PAPER", Some(&["verify"])),
    ];
    for (i, ((name, father, gender, dob), (code, actions))) in people.iter().zip(plan).enumerate() {
        let service = match daftar_khidmat::service::service(db, &operator, code).await {
            Ok(s) => s,
            Err(Error::NotFound) => continue,
            Err(e) => return Err(e.into()),
        };
        let form = service
            .fields
            .iter()
            .map(|f| {
                let v = match (f.kind.as_str(), f.code.as_str()) {
                    ("date", _) => (*dob).to_owned(),
                    ("number", _) => "1".to_owned(),
                    (_, "father_name") => (*father).to_owned(),
                    (_, c) if c.contains("address") => "House 12, Street 4".to_owned(),
                    _ => "As stated by the applicant".to_owned(),
                };
                (f.code.clone(), v)
            })
            .collect();
        let req = apps::NewApplication {
            service: code.to_owned(),
            counter: format!("{centre}-C1"),
            token: None,
            urgent: false,
            applicant: apps::Applicant {
                cnic: format!(
                    "{digit}5202-98765{i:02}-{}",
                    if *gender == "male" { 1 } else { 2 }
                ),
                name: (*name).to_owned(),
                father_name: (*father).to_owned(),
                gender: (*gender).to_owned(),
                dob: (*dob).to_owned(),
                mobile: format!("030012345{i:02}"),
                address: "House 12, Street 4".to_owned(),
            },
            form,
        };
        let receipt = apps::take(db, &operator, &req, Some(&format!("demo-{slug}-{i}"))).await?;
        let Some(actions) = actions else { continue };
        if receipt.replayed {
            continue;
        }
        let payment = apps::NewPayment {
            method: "cash".to_owned(),
            reference: String::new(),
            amount_paisa: receipt.total_paisa,
        };
        apps::pay(db, &operator, &receipt.tracking_id, &payment).await?;
        for action in actions {
            let view = backoffice::view(db, &officer, &receipt.tracking_id).await?;
            let stage = view.receipt.stage.clone();
            // The forward action of whatever stage it is at, when the plan says so.
            let step = if ["return", "reject", "deliver"].contains(action) {
                (*action).to_owned()
            } else {
                match view.actions.first() {
                    Some(a) => a.clone(),
                    None => break,
                }
            };
            let who = if step == "deliver" || stage == "returned" {
                &operator
            } else {
                &officer
            };
            let t = backoffice::Transition {
                action: step.clone(),
                reason: if step == "return" || step == "reject" {
                    "The affidavit is not attested".to_owned()
                } else {
                    String::new()
                },
            };
            // A stage of this service may not exist for the plan (fewer stages): stop.
            if backoffice::transition(db, who, &receipt.tracking_id, &t)
                .await
                .is_err()
            {
                break;
            }
        }
    }
    Ok(())
}
