//! Pure rules of the registries: which level sits inside which, and what a valid name,
//! code and date look like. No IO.

use daftar_kernel::{CivilDate, Code};
use daftar_platform::error::Problems;

use crate::model::{NewUnit, Notification, Registry};

/// Geography levels, outermost first.
pub const GEO_LEVELS: &[&str] = &[
    "province",
    "division",
    "district",
    "tehsil",
    "union_council",
];
/// Organisation levels.
pub const ORG_LEVELS: &[&str] = &["department", "attached_department", "office"];

pub fn levels(registry: Registry) -> &'static [&'static str] {
    match registry {
        Registry::Geo => GEO_LEVELS,
        Registry::Org => ORG_LEVELS,
    }
}

/// The levels a unit of `level` may sit inside; empty means it has no parent.
pub fn parent_levels(registry: Registry, level: &str) -> &'static [&'static str] {
    match (registry, level) {
        (Registry::Geo, "division") => &["province"],
        (Registry::Geo, "district") => &["division"],
        (Registry::Geo, "tehsil") => &["district"],
        (Registry::Geo, "union_council") => &["tehsil"],
        (Registry::Org, "attached_department") => &["department"],
        (Registry::Org, "office") => &["department", "attached_department"],
        _ => &[],
    }
}

/// Whether a name is acceptable: present, at most 200 characters, no control characters.
pub fn valid_name(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && s.chars().count() <= 200 && !s.chars().any(char::is_control)
}

/// Whether an Urdu name is written in Arabic script (at least one Arabic letter).
pub fn valid_urdu_name(s: &str) -> bool {
    valid_name(s)
        && s.chars().any(|c| {
            ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c)
        })
}

/// Checks the shape of a new unit (not whether its parent exists), recording problems
/// under `prefix` (e.g. `unit.` or `into[1].`). Returns the normalised code.
pub fn check_new_unit(
    p: &mut Problems,
    prefix: &str,
    registry: Registry,
    tenant_code: &str,
    u: &NewUnit,
) -> Option<Code> {
    let code = p.check(&format!("{prefix}code"), "err-code", Code::parse(&u.code));
    if let Some(c) = &code
        && !c.as_str().starts_with(&format!("{tenant_code}-"))
        && c.as_str() != tenant_code
    {
        p.add(format!("{prefix}code"), "err-code-prefix");
    }
    if !levels(registry).contains(&u.level.as_str()) {
        p.add(format!("{prefix}level"), "err-level");
    }
    if !valid_name(&u.name) {
        p.add(format!("{prefix}name"), "err-name");
    }
    if !valid_urdu_name(&u.name_ur) {
        p.add(format!("{prefix}name_ur"), "err-name-ur");
    }
    let needs_parent = !parent_levels(registry, &u.level).is_empty();
    if needs_parent && u.parent.trim().is_empty() {
        p.add(format!("{prefix}parent"), "err-parent-required");
    }
    if !needs_parent && !u.parent.trim().is_empty() && levels(registry).contains(&u.level.as_str())
    {
        p.add(format!("{prefix}parent"), "err-parent-none");
    }
    if registry == Registry::Org && u.level == "office" && u.location.trim().is_empty() {
        p.add(format!("{prefix}location"), "err-location-required");
    }
    code
}

/// Checks a notification; returns the effective date.
pub fn check_notification(p: &mut Problems, n: &Notification) -> Option<CivilDate> {
    let no = n.notification_no.trim();
    if no.is_empty() || no.chars().count() > 120 {
        p.add("notification.notification_no", "err-notification-no");
    }
    // Only its shape is checked: governments do notify retrospectively, so a notification
    // may be dated after the day it takes effect.
    p.check(
        "notification.notification_date",
        "err-date",
        CivilDate::parse(&n.notification_date),
    );
    let effective = p.check(
        "notification.effective_date",
        "err-date",
        CivilDate::parse(&n.effective_date),
    );
    if n.note.chars().count() > 2000 {
        p.add("notification.note", "err-note");
    }
    effective
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_nest() {
        assert_eq!(parent_levels(Registry::Geo, "district"), &["division"]);
        assert_eq!(parent_levels(Registry::Geo, "province"), &[] as &[&str]);
        assert_eq!(
            parent_levels(Registry::Org, "office"),
            &["department", "attached_department"]
        );
        assert!(parent_levels(Registry::Geo, "office").is_empty());
    }

    #[test]
    fn names() {
        assert!(valid_urdu_name("لاہور"));
        assert!(!valid_urdu_name("Lahore"));
        assert!(!valid_name("  "));
        assert!(!valid_name("a\u{0007}b"));
    }

    #[test]
    fn new_units_are_checked_whole() {
        let mut p = Problems::new();
        let u = NewUnit {
            code: "pb-xyz".into(),
            level: "district".into(),
            name: "X".into(),
            name_ur: "ایکس".into(),
            parent: "".into(),
            location: "".into(),
        };
        let code = check_new_unit(&mut p, "unit.", Registry::Geo, "PB", &u);
        assert_eq!(code.map(|c| c.to_string()), Some("PB-XYZ".to_owned()));
        assert!(p.finish().is_err(), "a district needs a parent");
        let mut p = Problems::new();
        let u = NewUnit {
            code: "BA-XYZ".into(),
            level: "county".into(),
            name: "".into(),
            name_ur: "X".into(),
            parent: "".into(),
            location: "".into(),
        };
        check_new_unit(&mut p, "", Registry::Geo, "PB", &u);
        let Err(daftar_platform::Error::Validation(fields)) = p.finish() else {
            panic!("expected errors")
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["code", "level", "name", "name_ur"]);
    }
}
