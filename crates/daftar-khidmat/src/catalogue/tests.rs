use super::*;

const ROLES: &[&str] = &[
    "khidmat.operator",
    "khidmat.officer",
    "khidmat.manager",
    "khidmat.admin",
];

#[test]
fn both_packs_offer_at_least_twelve_services_with_dated_fees() {
    for (text, code) in [
        (include_str!("../../../../packs/punjab/khidmat.toml"), "PB"),
        (
            include_str!("../../../../packs/balochistan/khidmat.toml"),
            "BA",
        ),
    ] {
        let c = parse(text, code, ROLES).unwrap_or_else(|p| panic!("{code}: {p:?}"));
        assert!(
            c.services.len() >= 12,
            "{code}: {} services",
            c.services.len()
        );
        assert!(!c.centres.is_empty());
        let dom = c
            .services
            .iter()
            .find(|s| s.code == "DOMICILE")
            .expect("domicile");
        let (_, lines) = dom.fees_on("2026-12-01", false).expect("fees in force");
        assert_eq!(total(lines), 55_000, "{code}: domicile is Rs 550 in all");
        assert!(dom.certificate);
        assert_eq!(c.days_off, [Weekday::Saturday, Weekday::Sunday]);
    }
}

#[test]
fn the_fee_in_force_is_the_latest_schedule_started_by_the_day() {
    let text = include_str!("../../../../packs/punjab/khidmat.toml");
    let c = parse(text, "PB", ROLES).expect("valid");
    let dated = c
        .services
        .iter()
        .find(|s| s.fees.len() > 1)
        .expect("a service with two schedules");
    let (old, new) = (&dated.fees[0], &dated.fees[1]);
    let day_before = CivilDate::parse(&new.from)
        .expect("date")
        .date()
        .previous_day()
        .expect("day");
    let before = CivilDate::from_date(day_before).expect("date").iso();
    assert_eq!(
        dated.fees_on(&before, false).map(|f| f.0),
        Some(old.from.as_str())
    );
    assert_eq!(
        dated.fees_on(&new.from, false).map(|f| f.0),
        Some(new.from.as_str())
    );
    assert_eq!(
        dated.fees_on("2000-01-01", false),
        None,
        "no fee before the first schedule"
    );
}

#[test]
fn problems_name_their_line() {
    let text = "days_off = [\"saturday\"]\n\
[stages.check]\nname = \"Check\"\nname_ur = \"جانچ\"\nrole = \"khidmat.nobody\"\naction = \"verify\"\n\
[[centres]]\ncode = \"XX-1\"\nname = \"C\"\nname_ur = \"س\"\ndistrict = \"PB-LHR\"\nopens = \"17:00\"\ncloses = \"09:00\"\ncounters = []\n\
[[services]]\ncode = \"S1\"\nname = \"S\"\nname_ur = \"س\"\ndepartment = \"PB-DEPT-HOME\"\nturnaround_days = 0\n\
designated_officer = \"a\"\ndesignated_officer_ur = \"ا\"\nappellate_authority = \"b\"\nappellate_authority_ur = \"ب\"\n\
documents = [\"nothing\"]\nstages = [\"check\"]\nescalation = []\n\
fees = [{ from = \"2026-07-01\", normal = { stamp_duty = 10 } }]\n";
    let p = parse(text, "PB", ROLES).expect_err("invalid");
    let has = |line: u64, what: &str| p.iter().any(|(l, m)| *l == line && m.contains(what));
    assert!(has(2, "khidmat.nobody"), "{p:?}");
    assert!(has(7, "must start with PB-"), "{p:?}");
    assert!(has(7, "opens and closes"), "{p:?}");
    assert!(has(7, "no counters"), "{p:?}");
    assert!(has(15, "turnaround_days"), "{p:?}");
    assert!(has(15, "nothing"), "{p:?}");
    assert!(has(15, "stamp_duty"), "{p:?}");
    let syntax = parse("days_off = [\n", "PB", ROLES).expect_err("syntax");
    assert_eq!(syntax.len(), 1);
}
