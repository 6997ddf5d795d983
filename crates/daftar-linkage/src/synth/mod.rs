//! Synthetic Pakistani person records with known truth, for measuring linkage quality
//! (precision, recall, F1) and speed at 100k to 1M rows.
//!
//! [`generate`] streams CSV with the header [`HEADER`]. The `entity` column is the true person
//! id: it exists only to score a linkage run and must never be used as evidence. Output is
//! deterministic for a given [`SynthConfig`] (our own xoshiro256** generator, no floating-point
//! functions whose last bit could differ between platforms), memory stays bounded (one family at
//! a time plus a shuffling window of [`WINDOW`] rows, a few MiB in all), and a million rows
//! take about a second in a release build.
//!
//! # How people are made
//!
//! A *family* is drawn first: a province of CNIC registration (3 Punjab 55%, 4 Sindh 23%,
//! 1 Khyber Pakhtunkhwa 13%, 5 Balochistan 5%, 6 Islamabad 2%, 2 former FATA 1.5%,
//! 7 Gilgit-Baltistan 0.5%), a district of that province weighted by population (12% of
//! families live elsewhere, in a big city), a clan from that region (85%), the father's full
//! name, one household address and (90%) one mobile number. The family's first person is an
//! entity; with probability `sibling_share` the family also has 1-3 siblings (60/30/10%): same
//! father's name, clan, district, address and phone, different given name, a date of birth 1-15
//! years apart (5% of sibling sets include a twin with the same date of birth), and their own
//! CNIC, which shares the first five digits (the registration area) 85% of the time. Siblings
//! are different entities: the hard non-matches. Every entity, siblings included, is written
//! once, or with probability `duplicate_share` 2-4 times (65/25/10%).
//!
//! Given names come from embedded lists ordered by popularity and drawn with a skew; 40% of men's
//! names start with Muhammad. Each person has a base spelling of every name token (Ahmed or
//! Ahmad, Muhammad or Mohammad) chosen once, so spelling differences exist between people as
//! well as between copies. Married women (70% of those born by 2002) also have a husband, whose
//! name some systems write in the father's-name field. True CNICs are unique: the seven middle
//! digits are a keyed permutation of the entity number.
//!
//! # Corruption probabilities
//!
//! Every row, an entity's first included, is rendered from the truth and corrupted
//! independently. The error rates below are for a source of average quality; each row's source
//! scales them by its own factor (nadra_extract 0.5, hrims 0.8, khidmat 1.0, rozgaar 1.0,
//! legacy 1.6; the weighted mean is about 1.0). Formatting habits (dashes, date formats, case,
//! wording) are not scaled: they follow the source.
//!
//! | field | corruption | probability |
//! |---|---|---|
//! | name | each token with known variants respelled (Hussain/Husain, Muhammad/Mohammad/M./Md, Chaudhry/Ch., Sanaullah/Sana Ullah) | 0.25 per token |
//! | name | honorific dropped / added to a man / added to a woman (Syed, Malik, Mian, Hafiz, Haji, Sardar, Mir, Rana, Ch.; Syeda, Hafiza, Mrs.) | 0.10 / 0.04 / 0.015 |
//! | name | clan dropped / moved first-last / added when usually omitted | 0.08 / 0.08 / 0.04 |
//! | name | one-character typo (substitution, deletion, insertion, adjacent swap) | 0.06 |
//! | name, father, address | lower case / mixed case per word | 0.02 / 0.02 (upper case is a source habit: 2-60%) |
//! | father_name | missing | 0.10 |
//! | father_name | husband's name instead (married women only; not scaled) | 0.15 |
//! | father_name | respelling, honorific, clan as for name; typo | as name; 0.04 |
//! | cnic | missing | 0.20 |
//! | cnic | one digit mistyped / two adjacent digits transposed / a digit dropped or doubled | 0.05 / 0.03 / 0.005 |
//! | cnic | written without dashes (habit) | 5-50% by source |
//! | gender | missing / contradicts the CNIC parity | 0.03 / 0.01 |
//! | gender | written M/F, Male/Female or m/f (habit) | by source |
//! | dob | missing / year only / day and month swapped (when day <= 12) / one digit wrong | 0.05 / 0.05 / 0.03 / 0.02 |
//! | dob | written YYYY-MM-DD, DD/MM/YYYY, YYYYMMDD or DD-MM-YYYY (habit) | by source |
//! | district | missing / a neighbouring district | 0.05 / 0.04 |
//! | district | other spelling or old name (D.G. Khan, Lyallpur, Nawabshah; not scaled) | 0.15 where known |
//! | address | missing / household moved (new address, same district) | 0.08 / 0.03 |
//! | address | reworded (House 12, Street 5 / H# 12 St 5 / H.No. 12, St. No. 5; not scaled) | 0.25 |
//! | phone | missing (besides the 10% of families with no phone) / another number / one digit wrong | 0.10 / 0.04 / 0.02 |
//! | phone | written 03XX-XXXXXXX / 03XXXXXXXXX / +923XXXXXXXXX / 923XXXXXXXXX / 03XX XXXXXXX / +92 3XX XXXXXXX | 55/20/10/5/7/3% |

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/// What to generate.
#[derive(Clone, Debug)]
pub struct SynthConfig {
    /// Total rows to write. Generation stops exactly at this count, even part-way through an
    /// entity's copies; the stats count only rows actually written.
    pub records: usize,
    /// Seed: the same configuration always produces byte-identical output.
    pub seed: u64,
    /// Share of entities that appear more than once (2-4 rows, skewed to 2), e.g. 0.4.
    /// Clamped to 0..=1.
    pub duplicate_share: f64,
    /// Share of families that come with siblings (same father, address, phone; different given
    /// name, dob, CNIC): hard non-matches, e.g. 0.15. Clamped to 0..=1.
    pub sibling_share: f64,
}

impl Default for SynthConfig {
    fn default() -> Self {
        Self {
            records: 100_000,
            seed: 42,
            duplicate_share: 0.4,
            sibling_share: 0.15,
        }
    }
}

/// Counts of what was written, for reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SynthStats {
    /// Data rows written (the header is not counted).
    pub records: usize,
    /// Distinct true persons with at least one row.
    pub entities: usize,
    /// True matching pairs: the sum over entities of k*(k-1)/2, k being that entity's rows.
    pub true_pairs: u64,
}

/// The CSV header [`generate`] writes. `entity` is the truth, for evaluation only.
pub const HEADER: &str = "id,cnic,name,father_name,gender,dob,district,address,phone,source,entity";

/// Rows wait in a window of this size and leave it in random order, so an entity's copies are
/// spread over the file (on average about this many rows apart) instead of sitting together,
/// while memory stays bounded.
pub const WINDOW: usize = 1024;

/// Writes `cfg.records` synthetic rows as CSV (with [`HEADER`]) to `out` and returns the counts.
///
/// Row ids (`r0000001`, ...) follow file order and say nothing about the entity.
///
/// # Errors
///
/// Any error from writing to `out`.
///
/// # Example
///
/// ```
/// use daftar_linkage::synth::{SynthConfig, generate};
///
/// let cfg = SynthConfig { records: 50, ..SynthConfig::default() };
/// let mut csv = Vec::new();
/// let stats = generate(&cfg, &mut csv).expect("writing to memory cannot fail");
/// assert_eq!(stats.records, 50);
/// assert_eq!(csv.iter().filter(|&&b| b == b'\n').count(), 51);
/// ```
pub fn generate(cfg: &SynthConfig, out: impl Write) -> io::Result<SynthStats> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    out.write_all(HEADER.as_bytes())?;
    out.write_all(b"\n")?;

    let lex = Lexicon::new();
    let mut synth = Synth::new(cfg, &lex);
    // A separate stream for the shuffle, so that the window never changes what is generated.
    let mut window = Window::new(mix64(cfg.seed ^ 0x5EED_0F5A_11F1_E5C0));
    let mut line = String::with_capacity(256);
    let mut stats = SynthStats::default();
    let mut remaining = cfg.records;

    while remaining > 0 {
        let family = synth.family();
        let members = synth.members(&family);
        for person in &members {
            if remaining == 0 {
                break;
            }
            let k = synth.copies().min(remaining);
            for _ in 0..k {
                synth.row(&family, person, &mut line);
                window.push(&line, &mut out)?;
            }
            remaining -= k;
            stats.records += k;
            stats.entities += 1;
            stats.true_pairs += (k * (k - 1) / 2) as u64;
        }
    }
    window.drain(&mut out)?;
    out.flush()?;
    Ok(stats)
}

// ---------------------------------------------------------------------------------------------
// Corruption and shape probabilities (see the module docs for the table)
// ---------------------------------------------------------------------------------------------

const P_RESPELL: f64 = 0.25;
const P_HONORIFIC_DROP: f64 = 0.10;
const P_HONORIFIC_ADD_MALE: f64 = 0.04;
const P_HONORIFIC_ADD_FEMALE: f64 = 0.015;
const P_CLAN_DROP: f64 = 0.08;
const P_CLAN_MOVE: f64 = 0.08;
const P_CLAN_ADD: f64 = 0.04;
const P_NAME_TYPO: f64 = 0.06;
const P_FATHER_TYPO: f64 = 0.04;
const P_LOWER: f64 = 0.02;
const P_MIXED: f64 = 0.02;
const P_FATHER_MISSING: f64 = 0.10;
const P_HUSBAND_AS_FATHER: f64 = 0.15;
const P_CNIC_MISSING: f64 = 0.20;
const P_CNIC_DIGIT: f64 = 0.05;
const P_CNIC_TRANSPOSE: f64 = 0.03;
const P_CNIC_LENGTH: f64 = 0.005;
const P_GENDER_MISSING: f64 = 0.03;
const P_GENDER_FLIP: f64 = 0.01;
const P_DOB_MISSING: f64 = 0.05;
const P_DOB_YEAR_ONLY: f64 = 0.05;
const P_DOB_SWAP: f64 = 0.03;
const P_DOB_DIGIT: f64 = 0.02;
const P_DISTRICT_MISSING: f64 = 0.05;
const P_DISTRICT_NEIGHBOUR: f64 = 0.04;
const P_DISTRICT_VARIANT: f64 = 0.15;
const P_ADDRESS_MISSING: f64 = 0.08;
const P_ADDRESS_MOVED: f64 = 0.03;
const P_ADDRESS_REWORD: f64 = 0.25;
const P_PHONE_MISSING: f64 = 0.10;
const P_PHONE_CHANGED: f64 = 0.04;
const P_PHONE_TYPO: f64 = 0.02;

// Entity-level shape.
const P_MUHAMMAD: f64 = 0.40;
const P_FEMALE: f64 = 0.48;
const P_FAMILY_CLAN: f64 = 0.85;
const P_MIGRANT: f64 = 0.12;
const P_NO_PHONE: f64 = 0.10;
const P_TWIN: f64 = 0.05;
const P_SIBLING_SAME_AREA: f64 = 0.85;
const P_MARRIED: f64 = 0.70;
const SIBLING_COUNT_WEIGHTS: [f64; 3] = [0.60, 0.30, 0.10];
const COPY_WEIGHTS: [f64; 3] = [0.65, 0.25, 0.10];

const YEAR_MIN: u16 = 1940;
const YEAR_MAX: u16 = 2008;

// ---------------------------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------------------------

/// SplitMix64's finaliser: a cheap, good 64-bit mixer.
fn mix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256**, seeded through SplitMix64. `std` has no seedable generator and the benchmark
/// needs the same bytes on every machine, so we carry our own.
#[derive(Clone, Debug)]
struct Rng {
    s: [u64; 4],
}

impl Rng {
    fn new(seed: u64) -> Self {
        let mut x = seed;
        let mut s = [0u64; 4];
        for v in &mut s {
            *v = mix64(x);
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        }
        Self { s }
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (multiply-high; the bias is far below anything we measure).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'t, T>(&mut self, xs: &'t [T]) -> &'t T {
        &xs[self.below(xs.len())]
    }

    /// An index in `0..n` skewed strongly to the front (P(index < k) = sqrt(k/n)): lists are
    /// ordered by popularity, so the first names are common and the tail is rare.
    fn skew2(&mut self, n: usize) -> usize {
        let u = self.unit();
        ((u * u * n as f64) as usize).min(n.saturating_sub(1))
    }

    /// Like [`Rng::skew2`] but milder (u^1.5; sqrt is exactly rounded, so still portable).
    fn skew15(&mut self, n: usize) -> usize {
        let u = self.unit();
        ((u * u.sqrt() * n as f64) as usize).min(n.saturating_sub(1))
    }

    fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut r = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if r < *w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

// ---------------------------------------------------------------------------------------------
// Lexicon: the lists above, prepared once per run
// ---------------------------------------------------------------------------------------------

const NO_GROUP: u16 = u16::MAX;

/// A name word and its variant group, looked up once so that rendering rows never searches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Tok {
    text: &'static str,
    group: u16,
}

impl Tok {
    /// Same name, whatever the spelling.
    fn same_name(self, other: Tok) -> bool {
        if self.group != NO_GROUP {
            self.group == other.group
        } else {
            self.text == other.text
        }
    }
}

struct Lexicon {
    male: Vec<Vec<Tok>>,
    /// One-word men's names: second given names, village names.
    male_single: Vec<Tok>,
    female: Vec<Vec<Tok>>,
    female_second: Vec<Tok>,
    muhammad: Tok,
    bibi: Tok,
    begum: Tok,
    syeda: Tok,
    clans: Vec<Tok>,
    clan_honorific: Vec<Option<Tok>>,
    /// Clans whose women are called Syeda and whose men are often Syed.
    clan_syed: Vec<bool>,
    /// Indexed by CNIC province digit.
    clans_by_province: Vec<Vec<usize>>,
    districts_by_province: Vec<Vec<usize>>,
    district_weights_by_province: Vec<Vec<f64>>,
    neighbours: Vec<Vec<usize>>,
    migration: Vec<usize>,
    migration_weights: Vec<f64>,
    male_honorifics: Vec<Tok>,
    female_honorifics: Vec<Tok>,
}

impl Lexicon {
    fn new() -> Self {
        let mut groups = HashMap::new();
        for (i, group) in VARIANTS.iter().enumerate() {
            for word in *group {
                groups.insert(*word, i as u16);
            }
        }
        let tok = |text: &'static str| Tok {
            text,
            group: groups.get(text).copied().unwrap_or(NO_GROUP),
        };
        let entry = |e: &'static str| e.split(' ').map(tok).collect::<Vec<_>>();
        let male: Vec<Vec<Tok>> = MALE_GIVEN.iter().map(|e| entry(e)).collect();
        let male_single = male.iter().filter(|e| e.len() == 1).map(|e| e[0]).collect();
        let female = FEMALE_GIVEN.iter().map(|e| entry(e)).collect();
        let female_second = FEMALE_SECOND.iter().map(|w| tok(w)).collect();
        let clans = CLANS.iter().map(|c| tok(c.name)).collect();
        let clan_honorific = CLANS
            .iter()
            .map(|c| (!c.honorific.is_empty()).then(|| tok(c.honorific)))
            .collect();
        let clan_syed = CLANS
            .iter()
            .map(|c| c.name == "Syed" || c.honorific == "Syed")
            .collect();

        let region = |province: u8| -> u8 {
            match province {
                6 => PB | KP,
                p => 1 << p,
            }
        };
        let clans_by_province = (0..8u8)
            .map(|p| {
                (0..CLANS.len())
                    .filter(|&i| p > 0 && CLANS[i].regions & region(p) != 0)
                    .collect()
            })
            .collect();
        let districts_by_province: Vec<Vec<usize>> = (0..8u8)
            .map(|p| {
                (0..DISTRICTS.len())
                    .filter(|&i| DISTRICTS[i].province == p)
                    .collect()
            })
            .collect();
        let district_weights_by_province = districts_by_province
            .iter()
            .map(|ds| ds.iter().map(|&i| DISTRICTS[i].weight).collect())
            .collect();
        let district_index = |name: &str| DISTRICTS.iter().position(|d| d.name == name);
        let neighbours = DISTRICTS
            .iter()
            .map(|d| {
                d.neighbours
                    .iter()
                    .filter_map(|n| district_index(n))
                    .collect()
            })
            .collect();
        let migration: Vec<usize> = MIGRATION_TARGETS
            .iter()
            .filter_map(|n| district_index(n))
            .collect();
        let migration_weights = migration.iter().map(|&i| DISTRICTS[i].weight).collect();

        Self {
            male,
            male_single,
            female,
            female_second,
            muhammad: tok("Muhammad"),
            bibi: tok("Bibi"),
            begum: tok("Begum"),
            syeda: tok("Syeda"),
            clans,
            clan_honorific,
            clan_syed,
            clans_by_province,
            districts_by_province,
            district_weights_by_province,
            neighbours,
            migration,
            migration_weights,
            male_honorifics: MALE_HONORIFICS.iter().map(|w| tok(w)).collect(),
            female_honorifics: FEMALE_HONORIFICS.iter().map(|w| tok(w)).collect(),
        }
    }
}

/// Whether a spelling is an abbreviation, which people use when writing but never as their
/// name's own spelling.
fn is_abbreviation(word: &str) -> bool {
    word.ends_with('.') || word == "Md" || word == "Mohd"
}

// Small text helpers
// ---------------------------------------------------------------------------------------------

fn push_word(out: &mut String, w: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(w);
}

/// Decimal digits, left-padded with zeros to `width`, without going through `fmt`.
fn push_padded(out: &mut String, mut n: u64, width: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in (buf.len() - i)..width {
        out.push('0');
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// Appends a CSV field, quoted only when it must be.
fn push_csv(line: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        line.push('"');
        for c in field.chars() {
            if c == '"' {
                line.push('"');
            }
            line.push(c);
        }
        line.push('"');
    } else {
        line.push_str(field);
    }
}

/// One keyboard slip in an ASCII name: substitution, deletion, insertion (often a doubled
/// letter) or two adjacent letters swapped.
fn typo(rng: &mut Rng, s: &mut String) {
    let letters: Vec<usize> = s
        .bytes()
        .enumerate()
        .filter(|(_, b)| b.is_ascii_alphabetic())
        .map(|(i, _)| i)
        .collect();
    if letters.len() < 3 {
        return;
    }
    let i = letters[rng.below(letters.len())];
    let c = s.as_bytes()[i];
    let random_letter = |rng: &mut Rng| {
        let mut l = b'a' + rng.below(26) as u8;
        if l == c.to_ascii_lowercase() {
            l = b'a' + (l - b'a' + 1) % 26;
        }
        if c.is_ascii_uppercase() {
            l.to_ascii_uppercase()
        } else {
            l
        }
    };
    let mut tmp = [0u8; 4];
    match rng.below(4) {
        0 => {
            let l = char::from(random_letter(rng));
            s.replace_range(i..=i, l.encode_utf8(&mut tmp));
        }
        1 => {
            s.remove(i);
        }
        2 => {
            let l = if rng.chance(0.5) {
                char::from(c.to_ascii_lowercase())
            } else {
                char::from(random_letter(rng).to_ascii_lowercase())
            };
            s.insert(i + 1, l);
        }
        _ => {
            let bytes = s.as_bytes();
            if i + 1 < bytes.len() && bytes[i + 1].is_ascii_alphabetic() && bytes[i + 1] != c {
                let (a, b) = (char::from(c), char::from(bytes[i + 1]));
                s.replace_range(i..i + 2, "");
                s.insert(i, a);
                s.insert(i, b);
            } else {
                s.remove(i);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The shuffling window
// ---------------------------------------------------------------------------------------------

/// Holds up to [`WINDOW`] rendered rows and releases a random one for each new arrival, so
/// copies of an entity (generated together) end up scattered through the file.
struct Window {
    slots: Vec<String>,
    rng: Rng,
    next_id: u64,
    prefix: String,
}

impl Window {
    fn new(seed: u64) -> Self {
        Self {
            slots: Vec::with_capacity(WINDOW),
            rng: Rng::new(seed),
            next_id: 0,
            prefix: String::with_capacity(16),
        }
    }

    fn push<W: Write>(&mut self, line: &str, out: &mut W) -> io::Result<()> {
        if self.slots.len() < WINDOW {
            self.slots.push(line.to_owned());
            return Ok(());
        }
        let i = self.rng.below(WINDOW);
        self.emit(i, out)?;
        let slot = &mut self.slots[i];
        slot.clear();
        slot.push_str(line);
        Ok(())
    }

    fn emit<W: Write>(&mut self, i: usize, out: &mut W) -> io::Result<()> {
        self.next_id += 1;
        self.prefix.clear();
        self.prefix.push('r');
        push_padded(&mut self.prefix, self.next_id, 7);
        self.prefix.push(',');
        out.write_all(self.prefix.as_bytes())?;
        out.write_all(self.slots[i].as_bytes())?;
        out.write_all(b"\n")
    }

    fn drain<W: Write>(&mut self, out: &mut W) -> io::Result<()> {
        while !self.slots.is_empty() {
            let i = self.rng.below(self.slots.len());
            self.emit(i, out)?;
            self.slots.swap_remove(i);
        }
        Ok(())
    }
}

mod lists;
mod render;
mod truth;

use lists::*;
use truth::*;

#[cfg(test)]
mod tests;
