use super::*;
use crate::catalogue::{Service, Stage};

fn service() -> Service {
    let stage = |code: &str, action: &str| Stage {
        code: code.into(),
        name: code.into(),
        name_ur: code.into(),
        role: "khidmat.officer".into(),
        action: action.into(),
    };
    Service {
        code: "DOMICILE".into(),
        name: "Domicile".into(),
        name_ur: "ڈومیسائل".into(),
        department: "PB-DEPT-HOME".into(),
        turnaround_days: 3,
        urgent_days: Some(1),
        designated_officer: String::new(),
        designated_officer_ur: String::new(),
        appellate_authority: String::new(),
        appellate_authority_ur: String::new(),
        documents: vec![],
        fields: vec![],
        stages: vec![stage("scrutiny", "verify"), stage("approval", "approve")],
        escalation: vec!["khidmat.manager".into(), "khidmat.admin".into()],
        certificate: true,
        fees: vec![],
    }
}

fn d(s: &str) -> CivilDate {
    CivilDate::parse(s).expect("date")
}

fn actions(s: &Service, stage: &str, back: Option<&str>) -> Vec<String> {
    steps(s, stage, back)
        .into_iter()
        .map(|s| s.action)
        .collect()
}

#[test]
fn each_stage_allows_its_own_action_return_and_reject() {
    let s = service();
    assert_eq!(first_stage(&s), "scrutiny");
    assert_eq!(
        actions(&s, "scrutiny", None),
        ["verify", "return", "reject"]
    );
    let fwd = &steps(&s, "scrutiny", None)[0];
    assert_eq!((fwd.to.as_str(), fwd.needs_reason), ("approval", false));
    assert_eq!(
        steps(&s, "approval", None)[0].to,
        "ready",
        "the last stage leads to collection"
    );
    assert!(
        steps(&s, "approval", None)[1].needs_reason,
        "a return needs its reason"
    );
    assert_eq!(actions(&s, "returned", Some("approval")), ["resubmit"]);
    assert_eq!(steps(&s, "returned", Some("approval"))[0].to, "approval");
    assert_eq!(actions(&s, "ready", None), ["deliver"]);
    assert_eq!(steps(&s, "ready", None)[0].who, Who::Counter);
    for end in ["payment", "rejected", "delivered", "nowhere"] {
        assert!(actions(&s, end, None).is_empty(), "{end}");
    }
}

#[test]
fn escalation_widens_who_may_act_level_by_level() {
    let s = service();
    assert_eq!(roles_at(&s, "scrutiny", 0), ["khidmat.officer"]);
    assert_eq!(
        roles_at(&s, "scrutiny", 1),
        ["khidmat.officer", "khidmat.manager"]
    );
    assert_eq!(roles_at(&s, "scrutiny", 9).len(), 3);
}

#[test]
fn deadlines_skip_weekends_and_holidays() {
    let s = service();
    // 2026-12-25 (Friday) is a holiday; Saturday and Sunday are off.
    let cal = WorkingCalendar::five_day_week([d("2026-12-25")]);
    // Paid on Wednesday 23 December: Thursday 24, Monday 28, Tuesday 29.
    assert_eq!(
        due_on(&cal, &s, false, d("2026-12-23")),
        Some(d("2026-12-29"))
    );
    // Urgent: one working day.
    assert_eq!(
        due_on(&cal, &s, true, d("2026-12-23")),
        Some(d("2026-12-24"))
    );
    // Paid on a Saturday: the count starts after it, Monday is the first day.
    assert_eq!(
        due_on(&cal, &s, false, d("2026-12-26")),
        Some(d("2026-12-30"))
    );
    // Countdown: on the 24th, two working days remain to the 29th (28th, 29th).
    assert_eq!(days_left(&cal, d("2026-12-24"), d("2026-12-29")), 2);
    assert_eq!(days_left(&cal, d("2026-12-29"), d("2026-12-29")), 0);
    // Overdue across the weekend: Wednesday 30 Dec and Thursday 31 Dec.
    assert_eq!(days_left(&cal, d("2026-12-31"), d("2026-12-29")), -2);
    assert_eq!(
        days_left(&cal, d("2027-01-02"), d("2026-12-31")),
        -1,
        "Friday 1 Jan counts, Saturday does not"
    );
}
