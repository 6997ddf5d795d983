//! Where an application may go from where it is, as its service defines: pure rules,
//! no database. The stages of a service come from the pack; around them every
//! application starts at `payment`, may be `returned` for a deficiency and resubmitted,
//! is `rejected` with a reason or becomes `ready` for collection and then `delivered`.
//! Deadlines are counted in the province's working days.

use daftar_kernel::{CivilDate, WorkingCalendar};

use crate::catalogue::Service;

/// Who may take a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Who {
    /// The counter operator of the application's centre.
    Counter,
    /// Holders of this role (or, once escalated, of the escalation roles so far).
    Role(String),
}

/// One step an application may take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub action: String,
    pub to: String,
    pub who: Who,
    pub needs_reason: bool,
}

fn step(action: &str, to: &str, who: Who, needs_reason: bool) -> Step {
    Step {
        action: action.to_owned(),
        to: to.to_owned(),
        who,
        needs_reason,
    }
}

/// Steps the transitions endpoint offers at `stage` (payment has its own endpoint).
pub fn steps(service: &Service, stage: &str, returned_from: Option<&str>) -> Vec<Step> {
    match stage {
        "payment" | "rejected" | "delivered" => Vec::new(),
        "returned" => returned_from
            .map(|back| vec![step("resubmit", back, Who::Counter, false)])
            .unwrap_or_default(),
        "ready" => vec![step("deliver", "delivered", Who::Counter, false)],
        _ => {
            let Some(i) = service.stages.iter().position(|s| s.code == stage) else {
                return Vec::new();
            };
            let here = &service.stages[i];
            let next = service
                .stages
                .get(i + 1)
                .map_or("ready", |s| s.code.as_str());
            let who = Who::Role(here.role.clone());
            vec![
                step(&here.action, next, who.clone(), false),
                step("return", "returned", who.clone(), true),
                step("reject", "rejected", who, true),
            ]
        }
    }
}

/// The stage a paid application goes to first.
pub fn first_stage(service: &Service) -> &str {
    service.stages.first().map_or("ready", |s| s.code.as_str())
}

/// Whether the back office is working on an application at this stage.
pub fn in_progress(service: &Service, stage: &str) -> bool {
    service.stages.iter().any(|s| s.code == stage)
}

/// The roles that may act at a stage given the escalation level reached: the stage's
/// own role, then each escalation role up to the level.
pub fn roles_at(service: &Service, stage: &str, level: i64) -> Vec<String> {
    let mut roles: Vec<String> = service
        .stages
        .iter()
        .filter(|s| s.code == stage)
        .map(|s| s.role.clone())
        .collect();
    let reached = usize::try_from(level.max(0)).unwrap_or(0);
    roles.extend(service.escalation.iter().take(reached).cloned());
    roles
}

/// The deadline of an application received (paid, or resubmitted) on `on`.
pub fn due_on(
    cal: &WorkingCalendar,
    service: &Service,
    urgent: bool,
    on: CivilDate,
) -> Option<CivilDate> {
    cal.add_working_days(on, service.days_allowed(urgent))
}

/// Working days left until `due` as of `today`: negative once breached (the working
/// days it is overdue by), 0 on the day it falls due.
pub fn days_left(cal: &WorkingCalendar, today: CivilDate, due: CivilDate) -> i64 {
    if today <= due {
        i64::from(cal.working_days_between(today, due))
    } else {
        -i64::from(cal.working_days_between(due, today))
    }
}

#[cfg(test)]
mod tests;
