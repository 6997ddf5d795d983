use super::*;
use std::collections::{HashMap, HashSet};

fn run(cfg: &SynthConfig) -> (Vec<u8>, SynthStats) {
    let mut buf = Vec::new();
    let stats = generate(cfg, &mut buf).expect("writing to memory");
    (buf, stats)
}

fn cfg(records: usize, seed: u64) -> SynthConfig {
    SynthConfig {
        records,
        seed,
        ..SynthConfig::default()
    }
}

/// Parses the output with a real CSV reader, which also checks our quoting.
fn rows(buf: &[u8]) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_reader(buf);
    let header = reader.headers().expect("header").clone();
    assert_eq!(header.iter().collect::<Vec<_>>().join(","), HEADER);
    reader
        .records()
        .map(|r| {
            let r = r.expect("valid CSV row");
            assert_eq!(r.len(), 11, "{r:?}");
            r
        })
        .collect()
}

const CNIC: usize = 1;
const NAME: usize = 2;
const FATHER: usize = 3;
const GENDER: usize = 4;
const ADDRESS: usize = 7;
const SOURCE: usize = 9;
const ENTITY: usize = 10;

#[test]
fn same_seed_same_bytes() {
    let (a, _) = run(&cfg(2_000, 7));
    let (b, _) = run(&cfg(2_000, 7));
    assert_eq!(a, b);
    let (c, _) = run(&cfg(2_000, 8));
    assert_ne!(a, c);
}

#[test]
fn exact_row_count_and_header() {
    for n in [0, 1, 5, 1_023, 1_024, 1_025, 2_001] {
        let (buf, stats) = run(&cfg(n, 3));
        let text = String::from_utf8(buf).expect("ASCII");
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(HEADER));
        assert_eq!(lines.count(), n);
        assert_eq!(stats.records, n);
    }
    let (_, stats) = run(&cfg(0, 3));
    assert_eq!(stats, SynthStats::default());
}

#[test]
fn row_ids_are_unique_and_opaque() {
    let (buf, _) = run(&cfg(3_000, 11));
    let rows = rows(&buf);
    let ids: HashSet<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids.len(), rows.len());
    assert!(ids.iter().all(|id| id.len() == 8 && id.starts_with('r')));
    assert!(
        rows.iter()
            .all(|r| SOURCES.iter().any(|s| s.name == &r[SOURCE]))
    );
}

#[test]
fn stats_match_a_recount() {
    let (buf, stats) = run(&cfg(5_000, 5));
    let rows = rows(&buf);
    let mut per_entity: HashMap<&str, u64> = HashMap::new();
    for r in &rows {
        *per_entity.entry(&r[ENTITY]).or_default() += 1;
    }
    let pairs: u64 = per_entity.values().map(|k| k * (k - 1) / 2).sum();
    assert_eq!(stats.true_pairs, pairs);
    assert_eq!(stats.entities, per_entity.len());
    assert_eq!(stats.records, rows.len());
    // Duplicates exist, skewed to two rows.
    let twos = per_entity.values().filter(|&&k| k == 2).count();
    let fours = per_entity.values().filter(|&&k| k == 4).count();
    assert!(twos > fours && fours > 0, "twos {twos}, fours {fours}");
}

#[test]
fn without_duplicates_every_row_is_its_own_entity() {
    let config = SynthConfig {
        records: 1_000,
        seed: 1,
        duplicate_share: 0.0,
        sibling_share: 0.0,
    };
    let (_, stats) = run(&config);
    assert_eq!(stats.entities, 1_000);
    assert_eq!(stats.true_pairs, 0);
}

#[test]
fn cnics_have_a_plausible_shape() {
    let (buf, _) = run(&cfg(5_000, 9));
    let rows = rows(&buf);
    let mut present = 0;
    let mut thirteen = 0;
    let mut dashed = 0;
    for r in &rows {
        let raw = &r[CNIC];
        if raw.is_empty() {
            continue;
        }
        present += 1;
        if raw.contains('-') {
            dashed += 1;
            let parts: Vec<usize> = raw.split('-').map(str::len).collect();
            assert_eq!(parts, [5, 7, 1], "{raw}");
        }
        let digits: String = raw.chars().filter(|&c| c != '-').collect();
        assert!(digits.chars().all(|c| c.is_ascii_digit()), "{raw}");
        assert!((12..=14).contains(&digits.len()), "{raw}");
        thirteen += usize::from(digits.len() == 13);
    }
    let share = present as f64 / rows.len() as f64;
    assert!((0.7..0.9).contains(&share), "present {share}");
    assert!(thirteen * 100 >= present * 99);
    assert!(dashed > present / 2 && dashed < present);
}

#[test]
fn cnic_parity_matches_gender() {
    let (buf, _) = run(&cfg(5_000, 13));
    let rows = rows(&buf);
    let (mut both, mut agree) = (0, 0);
    for r in &rows {
        let female = match &r[GENDER] {
            "F" | "f" | "Female" => true,
            "M" | "m" | "Male" => false,
            "" => continue,
            other => panic!("unexpected gender {other}"),
        };
        let Some(last) = r[CNIC].chars().last() else {
            continue;
        };
        let digit = last.to_digit(10).expect("digit");
        both += 1;
        agree += usize::from((digit % 2 == 0) == female);
    }
    assert!(both > 3_000);
    assert!(agree * 100 >= both * 95, "{agree} of {both}");
    // Some disagreement exists: it is a data-quality case the linker must survive.
    assert!(agree < both);
}

#[test]
fn siblings_share_father_and_address_but_not_identity() {
    let (buf, _) = run(&cfg(5_000, 17));
    let rows = rows(&buf);
    let mut households: HashMap<(&str, &str), HashSet<&str>> = HashMap::new();
    for r in &rows {
        if !r[FATHER].is_empty() && !r[ADDRESS].is_empty() {
            households
                .entry((&r[FATHER], &r[ADDRESS]))
                .or_default()
                .insert(&r[ENTITY]);
        }
    }
    let shared = households.values().filter(|e| e.len() > 1).count();
    assert!(shared >= 20, "only {shared} households with several people");
}

#[test]
fn copies_are_spread_through_the_file() {
    let (buf, _) = run(&cfg(5_000, 19));
    let rows = rows(&buf);
    let adjacent = rows
        .windows(2)
        .filter(|w| w[0][ENTITY] == w[1][ENTITY])
        .count();
    assert!(adjacent < 50, "{adjacent} adjacent copies");
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut far = 0;
    for (i, r) in rows.iter().enumerate() {
        let seen = *first.entry(&r[ENTITY]).or_insert(i);
        far += usize::from(i - seen > 200);
    }
    assert!(far > 500, "only {far} copies far from their first row");
}

#[test]
fn names_vary_between_copies() {
    let (buf, _) = run(&cfg(5_000, 23));
    let rows = rows(&buf);
    let mut names: HashMap<&str, HashSet<&str>> = HashMap::new();
    for r in &rows {
        names.entry(&r[ENTITY]).or_default().insert(&r[NAME]);
    }
    let multi: Vec<usize> = names.values().map(HashSet::len).collect();
    let varied = multi.iter().filter(|&&n| n > 1).count();
    assert!(varied > 300, "{varied}");
    assert!(rows.iter().any(|r| r[NAME].starts_with("M. ")));
    assert!(
        rows.iter()
            .any(|r| r[NAME].chars().all(|c| !c.is_ascii_lowercase()))
    );
}

#[test]
fn muhammad_leads_about_two_in_five_mens_names() {
    let lex = Lexicon::new();
    let mut synth = Synth::new(&cfg(0, 29), &lex);
    let n = 20_000;
    let muhammad = (0..n)
        .filter(|_| {
            let name = synth.male_name(None, 0.0, 0.0);
            name.given[0].same_name(lex.muhammad)
        })
        .count();
    let share = muhammad as f64 / f64::from(n);
    assert!((0.37..0.45).contains(&share), "{share}");
}

#[test]
fn true_cnics_are_unique() {
    let key = [1, 2, 3, 4];
    let mids: HashSet<u64> = (1..200_000u64).map(|e| permute7(e, &key)).collect();
    assert_eq!(mids.len(), 200_000 - 1);
    assert!(mids.iter().all(|&m| m < 10_000_000));
}

#[test]
fn lists_are_sound() {
    assert!(MALE_GIVEN.len() >= 150);
    assert!(FEMALE_GIVEN.len() >= 100);
    assert!(DISTRICTS.len() >= 60);
    let all_words = MALE_GIVEN
        .iter()
        .chain(FEMALE_GIVEN)
        .chain(FEMALE_SECOND)
        .chain(MOHALLAS)
        .chain(VARIANTS.iter().flat_map(|g| g.iter()))
        .chain(CLANS.iter().map(|c| &c.name));
    for w in all_words {
        assert!(w.is_ascii() && !w.contains([',', '"']), "{w}");
    }
    let mut seen = HashSet::new();
    for w in VARIANTS.iter().flat_map(|g| g.iter()) {
        assert!(seen.insert(*w), "{w} is in two variant groups");
    }
    for g in VARIANTS {
        assert!(g.len() >= 2 && !is_abbreviation(g[0]));
    }
    let names: HashSet<&str> = DISTRICTS.iter().map(|d| d.name).collect();
    assert_eq!(names.len(), DISTRICTS.len());
    for d in DISTRICTS {
        assert!(!d.neighbours.is_empty(), "{}", d.name);
        for n in d.neighbours {
            assert!(names.contains(n), "{} lists unknown neighbour {n}", d.name);
        }
        assert_eq!(u32::from(d.province), d.code / 10_000, "{}", d.name);
    }
    for t in MIGRATION_TARGETS {
        assert!(names.contains(t), "{t}");
    }
    let lex = Lexicon::new();
    for p in PROVINCES {
        assert!(!lex.clans_by_province[usize::from(p)].is_empty(), "{p}");
        assert!(!lex.districts_by_province[usize::from(p)].is_empty(), "{p}");
    }
}

#[test]
fn helpers() {
    let mut s = String::new();
    push_padded(&mut s, 42, 7);
    push_padded(&mut s, 1234, 2);
    assert_eq!(s, "00000421234");
    let mut line = String::new();
    push_csv(&mut line, "House 1, \"A\"");
    assert_eq!(line, "\"House 1, \"\"A\"\"\"");
    let mut rng = Rng::new(1);
    for _ in 0..1_000 {
        let mut name = String::from("Muhammad Asif");
        typo(&mut rng, &mut name);
        assert_ne!(name, "Muhammad Asif");
        assert!(name.len().abs_diff(13) <= 1, "{name}");
    }
    assert_eq!(days_in_month(2000, 2), 29);
    assert_eq!(days_in_month(1900, 2), 28);
    assert_eq!(days_in_month(2004, 2), 29);
}
