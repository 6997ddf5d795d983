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
// Embedded lists
// ---------------------------------------------------------------------------------------------

/// Men's given names, roughly by popularity. Compound names are one entry. "Muhammad" is not
/// here: it is prefixed separately so that its share can be set (see [`P_MUHAMMAD`]).
#[rustfmt::skip]
const MALE_GIVEN: &[&str] = &[
    "Ali", "Ahmed", "Hassan", "Hussain", "Usman", "Bilal", "Imran", "Asif", "Tariq", "Abdullah",
    "Umar", "Hamza", "Khalid", "Zahid", "Shahid", "Sajid", "Naveed", "Nadeem", "Faisal", "Kamran",
    "Adnan", "Arslan", "Waqas", "Fahad", "Abdul Rehman", "Iqbal", "Akram", "Aslam", "Arshad",
    "Javed", "Rashid", "Saleem", "Naeem", "Waseem", "Irfan", "Imtiaz", "Riaz", "Ijaz", "Nasir",
    "Tahir", "Zafar", "Azhar", "Amjad", "Afzal", "Anwar", "Ashraf", "Akhtar", "Ilyas", "Idrees",
    "Ishaq", "Ismail", "Ibrahim", "Yousaf", "Younas", "Yaqoob", "Ayub", "Rizwan", "Salman",
    "Suleman", "Shahzad", "Zeeshan", "Danish", "Kashif", "Atif", "Asim", "Saqib", "Shoaib",
    "Sohail", "Jamil", "Shakeel", "Aqeel", "Adeel", "Nabeel", "Haroon", "Farooq", "Qasim", "Hashim",
    "Mohsin", "Mudassar", "Mubashir", "Khurram", "Tanveer", "Mushtaq", "Ishtiaq", "Ashfaq",
    "Sarfraz", "Mumtaz", "Iftikhar", "Mukhtar", "Bashir", "Nazir", "Munir", "Rafiq", "Shafiq",
    "Sadiq", "Siddique", "Zubair", "Junaid", "Owais", "Uzair", "Raza", "Abbas", "Haider", "Jafar",
    "Kazim", "Zulfiqar", "Zahoor", "Manzoor", "Mansoor", "Maqsood", "Masood", "Mehmood", "Hamid",
    "Majid", "Wajid", "Sabir", "Shakir", "Zakir", "Nauman", "Rehan", "Ehsan", "Ahsan", "Faizan",
    "Farhan", "Jawad", "Sajjad", "Fawad", "Murad", "Zaheer", "Shabbir", "Akbar", "Asghar",
    "Pervaiz", "Shahbaz", "Fayyaz", "Niaz", "Ayaz", "Khurshid", "Rehmat", "Barkat", "Fazal", "Wali",
    "Sher Ali", "Abdul Ghaffar", "Abdul Qadir", "Abdul Sattar", "Abdul Majeed", "Abdul Hameed",
    "Abdul Rauf", "Abdul Wahab", "Abdul Basit", "Abdul Karim", "Abdul Razzaq", "Abdul Jabbar",
    "Abdul Latif", "Abdul Aziz", "Abdul Ghani", "Ghulam Mustafa", "Ghulam Abbas", "Ghulam Rasool",
    "Ghulam Haider", "Ghulam Murtaza", "Ghulam Qadir", "Ghulam Nabi", "Ghulam Sarwar",
    "Ghulam Hussain", "Allah Ditta", "Allah Bux", "Khuda Bux", "Ilahi Bux", "Noor Muhammad",
    "Dost Muhammad", "Gul Muhammad", "Taj Muhammad", "Khan Muhammad", "Sanaullah", "Ziaullah",
    "Inamullah", "Asadullah", "Habibullah", "Rahmatullah", "Samiullah", "Kaleemullah", "Ali Nawaz",
    "Shah Nawaz", "Ali Gohar", "Gulzar", "Jahangir", "Aurangzeb", "Jehanzeb", "Sikandar", "Bahadur",
    "Zarin", "Daud", "Dilawar", "Hayat", "Rustam", "Nawab", "Qamar", "Zaman", "Nawaz", "Shaukat",
    "Liaqat", "Sultan", "Hakim", "Naseer", "Basharat", "Mazhar", "Athar", "Tauqeer", "Obaid",
    "Wahid", "Khalil", "Jalil", "Aziz", "Raheel", "Waleed", "Hammad", "Talha", "Saad", "Moiz",
    "Huzaifa", "Ayan", "Rayyan", "Shayan", "Zain", "Hasnain", "Mustafa", "Murtaza", "Mujtaba",
    "Ammar", "Yasir", "Amir", "Babar",
];

/// Women's given names, roughly by popularity.
#[rustfmt::skip]
const FEMALE_GIVEN: &[&str] = &[
    "Fatima", "Ayesha", "Zainab", "Maryam", "Khadija", "Amna", "Sana", "Saima", "Nazia", "Rabia",
    "Rubina", "Shazia", "Samina", "Nasreen", "Parveen", "Shabana", "Farzana", "Naseem", "Kausar",
    "Bushra", "Asma", "Sadia", "Sidra", "Hira", "Iqra", "Mehwish", "Mahnoor", "Kiran", "Uzma",
    "Nadia", "Sobia", "Tahira", "Zahida", "Shahida", "Sajida", "Abida", "Razia", "Sakina", "Hajra",
    "Noreen", "Naheed", "Yasmeen", "Fozia", "Ghazala", "Farhat", "Nusrat", "Ishrat", "Rukhsana",
    "Tasneem", "Humaira", "Aneela", "Fariha", "Saba", "Hina", "Huma", "Sumaira", "Aqsa", "Anum",
    "Areeba", "Arooj", "Kulsoom", "Safia", "Sughra", "Zubaida", "Zarina", "Shamim", "Rehana",
    "Rizwana", "Riffat", "Sadaf", "Sehrish", "Saira", "Sara", "Shagufta", "Shaista", "Shamshad",
    "Sharifan", "Nazeeran", "Hameeda", "Jamila", "Khalida", "Lubna", "Madiha", "Maham", "Misbah",
    "Momina", "Nabila", "Naila", "Najma", "Nargis", "Nighat", "Nosheen", "Rafia", "Ruqayya",
    "Sabeen", "Sabiha", "Shabnam", "Shumaila", "Tanzeela", "Tayyaba", "Wajiha", "Yusra", "Zakia",
    "Zara", "Zeenat", "Zohra", "Attiya", "Amina", "Mehnaz", "Farah", "Nida", "Rida", "Alina",
    "Laiba", "Eman", "Hafsa", "Javeria", "Kinza", "Muqaddas", "Rimsha", "Sania", "Tehmina",
    "Ume Habiba", "Zunaira", "Aliya", "Bilqees", "Gulnaz", "Jannat", "Naveeda", "Rashida",
    "Samreen", "Shehnaz", "Tabassum", "Zarqa",
];

/// Second names that often follow a woman's first name (Naseem Akhtar, Gul Bano).
const FEMALE_SECOND: &[&str] = &[
    "Akhtar", "Bano", "Sultana", "Naz", "Kausar", "Parveen", "Jabeen", "Noor", "Zahra", "Batool",
    "Shaheen", "Nisa", "Ara",
];

/// Romanisation variants: one group per name, the usual spelling first. A person's own base
/// spelling is drawn from the group's full spellings; abbreviations ("M.", "Md", "Mohd", "Ch.",
/// "Gh.") appear only as row-level respellings. A word belongs to at most one group.
const VARIANTS: &[&[&str]] = &[
    &[
        "Muhammad", "Mohammad", "Muhammed", "Mohammed", "Mohd", "Md", "M.",
    ],
    &["Ahmed", "Ahmad"],
    &["Hussain", "Husain", "Hussein"],
    &["Hassan", "Hasan"],
    &["Yousaf", "Yusuf", "Yousuf", "Yousef"],
    &["Rashid", "Rasheed"],
    &["Rehman", "Rahman", "Rehmaan"],
    &["Usman", "Osman", "Usmaan"],
    &["Umar", "Umer", "Omar"],
    &["Naveed", "Navid"],
    &["Waseem", "Wasim"],
    &["Saleem", "Salim"],
    &["Naeem", "Naim"],
    &["Jamil", "Jameel"],
    &["Shakeel", "Shakil"],
    &["Aqeel", "Aqil"],
    &["Adeel", "Adil"],
    &["Nabeel", "Nabil"],
    &["Tanveer", "Tanvir"],
    &["Javed", "Javaid", "Jawed"],
    &["Pervaiz", "Parvez", "Pervez"],
    &["Zulfiqar", "Zulfikar"],
    &["Mehmood", "Mahmood", "Mehmud"],
    &["Masood", "Masud"],
    &["Farooq", "Farooque", "Faruq"],
    &["Siddique", "Siddiq"],
    &["Rafiq", "Rafique"],
    &["Shafiq", "Shafique"],
    &["Ishaq", "Ishaque"],
    &["Ijaz", "Ejaz", "Aijaz"],
    &["Ayub", "Ayoub"],
    &["Yaqoob", "Yaqub", "Yakub"],
    &["Younas", "Younis", "Yunus"],
    &["Idrees", "Idris"],
    &["Ilyas", "Ilyaas"],
    &["Zubair", "Zuber"],
    &["Ghulam", "Gulam", "Gh."],
    &["Bux", "Bakhsh", "Baksh"],
    &["Noor", "Nur"],
    &["Qadir", "Kadir"],
    &["Murtaza", "Murtuza"],
    &["Zaheer", "Zahir"],
    &["Shabbir", "Shabir"],
    &["Sajjad", "Sajad"],
    &["Fayyaz", "Fayaz"],
    &["Riaz", "Riyaz"],
    &["Imtiaz", "Imtiyaz"],
    &["Amir", "Aamir"],
    &["Hamid", "Hameed"],
    &["Majid", "Majeed"],
    &["Khurshid", "Khursheed"],
    &["Shahzad", "Shehzad"],
    &["Shahbaz", "Shehbaz"],
    &["Rizwan", "Rizvan"],
    &["Suleman", "Sulaiman", "Suleiman"],
    &["Ibrahim", "Ebrahim"],
    &["Ismail", "Ismaeel"],
    &["Haroon", "Harun"],
    &["Qasim", "Kasim"],
    &["Atif", "Aatif"],
    &["Asim", "Aasim"],
    &["Zeeshan", "Zishan"],
    &["Owais", "Awais", "Uwais"],
    &["Zahoor", "Zahur"],
    &["Manzoor", "Manzur"],
    &["Mansoor", "Mansur"],
    &["Maqsood", "Maqsud"],
    &["Mushtaq", "Mushtak"],
    &["Ishtiaq", "Ishtiyaq"],
    &["Ashfaq", "Ashfaque"],
    &["Sarfraz", "Sarfaraz"],
    &["Liaqat", "Liaquat"],
    &["Shaukat", "Shoukat"],
    &["Akhtar", "Akhter"],
    &["Jahangir", "Jehangir"],
    &["Mohsin", "Muhsin"],
    &["Mudassar", "Mudassir", "Mudasar"],
    &["Mubashir", "Mubashar"],
    &["Fahad", "Fahd"],
    &["Hamza", "Hamzah"],
    &["Fazal", "Fazl"],
    &["Sanaullah", "Sana Ullah", "Sanaulla"],
    &["Ziaullah", "Zia Ullah", "Zia-ullah"],
    &["Inamullah", "Inam Ullah"],
    &["Asadullah", "Asad Ullah"],
    &["Habibullah", "Habib Ullah"],
    &["Rahmatullah", "Rehmatullah", "Rahmat Ullah"],
    &["Samiullah", "Sami Ullah"],
    &["Kaleemullah", "Kaleem Ullah", "Kalimullah"],
    &["Fatima", "Fatimah", "Fatma"],
    &["Ayesha", "Aisha", "Aysha"],
    &["Zainab", "Zenab"],
    &["Maryam", "Mariam", "Maryum"],
    &["Khadija", "Khadijah"],
    &["Amna", "Aamna"],
    &["Rubina", "Robina"],
    &["Parveen", "Perveen", "Parvin"],
    &["Yasmeen", "Yasmin"],
    &["Nasreen", "Nasrin"],
    &["Kausar", "Kosar"],
    &["Shazia", "Shaziya"],
    &["Naseem", "Nasim"],
    &["Tasneem", "Tasnim"],
    &["Sughra", "Sughran"],
    &["Ruqayya", "Ruqaiya", "Rukaya"],
    &["Kulsoom", "Kalsoom", "Kulsum"],
    &["Fozia", "Fouzia", "Fauzia"],
    &["Shamim", "Shameem"],
    &["Humaira", "Humera"],
    &["Sumaira", "Sumera"],
    &["Ghazala", "Gazala"],
    &["Sadia", "Saadia"],
    &["Hajra", "Hajira", "Hajrah"],
    &["Sakina", "Sakeena"],
    &["Jamila", "Jameela"],
    &["Hameeda", "Hamida"],
    &["Rashida", "Rasheeda"],
    &["Naila", "Nyla"],
    &["Begum", "Begam"],
    &["Chaudhry", "Chaudhary", "Choudhry", "Ch."],
    &["Qureshi", "Qurashi", "Quraishi"],
    &["Siddiqui", "Siddiqi"],
    &["Sheikh", "Shaikh"],
    &["Kiyani", "Kayani", "Kiani"],
    &["Syed", "Sayed", "Syyed"],
    &["Syeda", "Sayeda"],
    &["Gujjar", "Gujar"],
    &["Arain", "Araeen", "Arayen"],
    &["Jatt", "Jat"],
    &["Khokhar", "Khokar"],
    &["Mughal", "Moghal"],
    &["Hashmi", "Hashemi"],
    &["Baloch", "Baluch", "Balouch"],
    &["Achakzai", "Achakzay"],
    &["Yousafzai", "Yousufzai", "Yusufzai"],
    &["Khattak", "Khatak"],
    &["Marri", "Mari"],
    &["Mengal", "Mingal"],
    &["Kakar", "Kakkar"],
    &["Mian", "Miyan"],
    &["Haji", "Hajji", "Alhaj"],
    &["Sardar", "Sirdar"],
    &["Soomro", "Sumro"],
    &["Memon", "Meman"],
    &["Naqvi", "Naqwi"],
    &["Rizvi", "Rizwi"],
    &["Jafri", "Jafary", "Jaffri"],
    &["Gillani", "Gilani"],
    &["Bukhari", "Bokhari"],
    &["Mahsud", "Mehsud"],
    &["Tareen", "Tarin"],
    &["Warraich", "Waraich"],
];

// Region bits for clans: bit n is CNIC province digit n (1 KP, 2 former FATA, 3 Punjab,
// 4 Sindh, 5 Balochistan, 7 Gilgit-Baltistan; Islamabad, 6, draws from Punjab and KP).
const KP: u8 = 1 << 1;
const FA: u8 = 1 << 2;
const PB: u8 = 1 << 3;
const SD: u8 = 1 << 4;
const BL: u8 = 1 << 5;
const GB: u8 = 1 << 7;
const ALL: u8 = KP | FA | PB | SD | BL | GB;

/// A clan or caste name, where it is common, and the honorific its men often carry ("" when
/// none in particular).
struct Clan {
    name: &'static str,
    regions: u8,
    honorific: &'static str,
}

const fn clan(name: &'static str, regions: u8, honorific: &'static str) -> Clan {
    Clan {
        name,
        regions,
        honorific,
    }
}

/// Clans, roughly by frequency within each region.
const CLANS: &[Clan] = &[
    clan("Khan", ALL, ""),
    clan("Malik", PB | KP, ""),
    clan("Butt", PB, "Mian"),
    clan("Awan", PB | KP, "Malik"),
    clan("Chaudhry", PB, ""),
    clan("Rajput", PB | SD, "Rana"),
    clan("Jatt", PB, "Ch."),
    clan("Arain", PB, "Ch."),
    clan("Gujjar", PB | KP, "Ch."),
    clan("Qureshi", PB | SD, "Mian"),
    clan("Sheikh", PB | SD, "Mian"),
    clan("Shah", ALL, "Syed"),
    clan("Siddiqui", PB | SD, ""),
    clan("Syed", PB | SD | KP, ""),
    clan("Mughal", PB, "Mirza"),
    clan("Ansari", PB | SD, ""),
    clan("Hashmi", PB | SD, "Syed"),
    clan("Bhatti", PB | SD, "Rana"),
    clan("Kiyani", PB, "Raja"),
    clan("Raja", PB, ""),
    clan("Abbasi", PB | KP | SD, ""),
    clan("Mirza", PB | SD, ""),
    clan("Khokhar", PB, "Malik"),
    clan("Cheema", PB, "Ch."),
    clan("Gondal", PB, "Ch."),
    clan("Warraich", PB, "Ch."),
    clan("Niazi", PB | KP, ""),
    clan("Bukhari", PB | SD, "Syed"),
    clan("Gillani", PB | SD, "Syed"),
    clan("Naqvi", PB | SD, "Syed"),
    clan("Rizvi", PB | SD, "Syed"),
    clan("Jafri", PB | SD, "Syed"),
    clan("Memon", SD, ""),
    clan("Soomro", SD, ""),
    clan("Bhutto", SD, ""),
    clan("Jatoi", SD, "Sardar"),
    clan("Chandio", SD, "Sardar"),
    clan("Mahar", SD, "Sardar"),
    clan("Junejo", SD, ""),
    clan("Pirzada", SD | PB, "Mian"),
    clan("Baloch", BL | SD | PB, "Mir"),
    clan("Marri", BL, "Sardar"),
    clan("Bugti", BL, "Sardar"),
    clan("Mengal", BL, "Sardar"),
    clan("Rind", BL | SD, "Mir"),
    clan("Raisani", BL, "Sardar"),
    clan("Jamali", BL | SD, "Mir"),
    clan("Kakar", BL, ""),
    clan("Achakzai", BL, ""),
    clan("Tareen", BL | KP, ""),
    clan("Yousafzai", KP, ""),
    clan("Afridi", KP | FA, "Malik"),
    clan("Khattak", KP, ""),
    clan("Wazir", FA | KP, "Malik"),
    clan("Mahsud", FA, "Malik"),
    clan("Mohmand", KP | FA, "Malik"),
    clan("Orakzai", FA, "Malik"),
    clan("Bangash", KP | FA, ""),
    clan("Durrani", KP | BL, "Sardar"),
    clan("Swati", KP, ""),
    clan("Tanoli", KP, "Sardar"),
    clan("Baig", GB | PB, "Mirza"),
    clan("Hunzai", GB, ""),
];

/// Men's honorifics not tied to a clan, with weights.
const MALE_HONORIFICS: &[&str] = &["Haji", "Hafiz", "Mian", "Sardar", "Mir", "Malik"];
const MALE_HONORIFIC_WEIGHTS: &[f64] = &[0.40, 0.25, 0.15, 0.08, 0.06, 0.06];
const FEMALE_HONORIFICS: &[&str] = &["Mrs.", "Hafiza"];

/// Urban localities; generic enough to exist in most cities.
#[rustfmt::skip]
const MOHALLAS: &[&str] = &[
    "Mohalla Islampura", "Gulberg", "Model Town", "Satellite Town", "Madina Colony",
    "Ghausia Colony", "Rehmanpura", "Mohalla Qazian", "Mohalla Sheikhan", "Mohalla Syedan",
    "Iqbal Town", "Jinnah Colony", "Muslim Town", "Faisal Colony", "Peoples Colony",
    "Officers Colony", "Civil Lines", "Saddar", "Cantt", "Shadman", "Garden Town",
    "Allama Iqbal Colony", "Nishtar Colony", "Wahdat Colony", "Mohalla Faizabad", "New Town",
    "Awan Town", "Township", "Sadiqabad", "Gulshan Colony", "Mohalla Eidgah", "Bilal Town",
    "Quaid-e-Azam Colony", "Mohalla Rajputan", "Mohalla Arain", "Railway Colony",
    "Shah Faisal Colony", "Usmania Colony", "Noor Colony", "Mohalla Ahmadabad",
];

/// Punjab canal-colony village suffixes (Chak No. 123/GB).
const CHAK_SUFFIXES: &[&str] = &["GB", "JB", "RB", "WB", "EB", "ML", "TDA", "SB", "NB"];

/// A district: display name, the city that serves as tehsil headquarters in addresses,
/// province digit, population weight (millions, rough), a plausible 5-digit CNIC area prefix
/// (illustrative, not authoritative), neighbours, and other spellings or old names.
struct District {
    name: &'static str,
    city: &'static str,
    province: u8,
    weight: f64,
    code: u32,
    neighbours: &'static [&'static str],
    variants: &'static [&'static str],
}

const fn dist(
    name: &'static str,
    city: &'static str,
    province: u8,
    weight: f64,
    code: u32,
    neighbours: &'static [&'static str],
    variants: &'static [&'static str],
) -> District {
    District {
        name,
        city,
        province,
        weight,
        code,
        neighbours,
        variants,
    }
}

#[rustfmt::skip]
const DISTRICTS: &[District] = &[
    // Punjab
    dist("Lahore", "Lahore", 3, 13.0, 35202, &["Kasur", "Sheikhupura"], &[]),
    dist("Faisalabad", "Faisalabad", 3, 9.0, 33100, &["Jhang", "Toba Tek Singh", "Chiniot", "Sheikhupura"], &["Lyallpur"]),
    dist("Rawalpindi", "Rawalpindi", 3, 6.0, 37405, &["Islamabad", "Attock", "Jhelum", "Chakwal"], &["Pindi", "R.Pindi"]),
    dist("Gujranwala", "Gujranwala", 3, 5.9, 34101, &["Sheikhupura", "Sialkot", "Gujrat", "Hafizabad", "Narowal"], &["Gujranwalah"]),
    dist("Multan", "Multan", 3, 5.4, 36302, &["Khanewal", "Lodhran", "Muzaffargarh", "Vehari"], &[]),
    dist("Sheikhupura", "Sheikhupura", 3, 4.0, 35404, &["Lahore", "Gujranwala", "Faisalabad", "Hafizabad", "Kasur"], &["Shaikhupura"]),
    dist("Sialkot", "Sialkot", 3, 4.5, 34603, &["Gujranwala", "Narowal", "Gujrat"], &[]),
    dist("Kasur", "Kasur", 3, 4.0, 35102, &["Lahore", "Okara", "Sheikhupura"], &["Qasur"]),
    dist("Bahawalpur", "Bahawalpur", 3, 4.3, 31202, &["Bahawalnagar", "Lodhran", "Rahim Yar Khan", "Vehari"], &[]),
    dist("Rahim Yar Khan", "Rahim Yar Khan", 3, 5.6, 31303, &["Bahawalpur", "Rajanpur", "Ghotki"], &["R.Y. Khan", "RY Khan"]),
    dist("Dera Ghazi Khan", "Dera Ghazi Khan", 3, 3.3, 32102, &["Rajanpur", "Muzaffargarh", "Layyah", "Dera Ismail Khan", "Barkhan"], &["D.G. Khan", "DG Khan"]),
    dist("Muzaffargarh", "Muzaffargarh", 3, 5.0, 32304, &["Multan", "Dera Ghazi Khan", "Layyah"], &["Muzafargarh"]),
    dist("Sargodha", "Sargodha", 3, 4.3, 38403, &["Khushab", "Jhang", "Chiniot", "Mandi Bahauddin"], &[]),
    dist("Jhang", "Jhang", 3, 3.0, 33202, &["Faisalabad", "Sargodha", "Chiniot", "Toba Tek Singh", "Khanewal", "Layyah", "Bhakkar"], &[]),
    dist("Okara", "Okara", 3, 3.5, 35302, &["Kasur", "Sahiwal", "Pakpattan"], &[]),
    dist("Sahiwal", "Sahiwal", 3, 2.8, 36502, &["Okara", "Pakpattan", "Khanewal", "Toba Tek Singh"], &["Montgomery"]),
    dist("Vehari", "Vehari", 3, 3.4, 36601, &["Multan", "Khanewal", "Lodhran", "Bahawalnagar", "Pakpattan"], &["Vihari"]),
    dist("Gujrat", "Gujrat", 3, 3.2, 34201, &["Gujranwala", "Jhelum", "Mandi Bahauddin", "Sialkot"], &[]),
    dist("Attock", "Attock", 3, 2.2, 37101, &["Rawalpindi", "Chakwal", "Mianwali", "Haripur"], &["Campbellpur"]),
    dist("Jhelum", "Jhelum", 3, 1.4, 37301, &["Rawalpindi", "Gujrat", "Chakwal", "Mandi Bahauddin"], &[]),
    dist("Chakwal", "Chakwal", 3, 1.6, 37201, &["Rawalpindi", "Jhelum", "Attock", "Khushab"], &[]),
    dist("Mianwali", "Mianwali", 3, 1.8, 38302, &["Attock", "Khushab", "Bhakkar", "Karak", "Lakki Marwat"], &[]),
    dist("Khushab", "Khushab", 3, 1.5, 38201, &["Sargodha", "Mianwali", "Chakwal"], &[]),
    dist("Bahawalnagar", "Bahawalnagar", 3, 3.5, 31101, &["Bahawalpur", "Vehari", "Pakpattan"], &[]),
    dist("Khanewal", "Khanewal", 3, 3.4, 36103, &["Multan", "Vehari", "Sahiwal", "Jhang"], &[]),
    dist("Toba Tek Singh", "Toba Tek Singh", 3, 2.4, 33303, &["Faisalabad", "Jhang", "Sahiwal"], &["T.T. Singh", "TT Singh"]),
    dist("Chiniot", "Chiniot", 3, 1.6, 33401, &["Faisalabad", "Jhang", "Sargodha"], &[]),
    dist("Layyah", "Layyah", 3, 2.0, 32203, &["Dera Ghazi Khan", "Muzaffargarh", "Bhakkar", "Jhang"], &["Leiah"]),
    dist("Bhakkar", "Bhakkar", 3, 1.9, 38101, &["Mianwali", "Layyah", "Jhang", "Dera Ismail Khan"], &[]),
    dist("Rajanpur", "Rajanpur", 3, 2.3, 32402, &["Dera Ghazi Khan", "Rahim Yar Khan"], &[]),
    dist("Lodhran", "Lodhran", 3, 2.0, 36203, &["Multan", "Bahawalpur", "Vehari"], &[]),
    dist("Pakpattan", "Pakpattan", 3, 2.1, 36402, &["Sahiwal", "Okara", "Vehari", "Bahawalnagar"], &["Pak Pattan"]),
    dist("Narowal", "Narowal", 3, 1.9, 34501, &["Sialkot", "Gujranwala"], &[]),
    dist("Hafizabad", "Hafizabad", 3, 1.3, 34301, &["Gujranwala", "Sheikhupura"], &[]),
    dist("Mandi Bahauddin", "Mandi Bahauddin", 3, 1.8, 34401, &["Gujrat", "Jhelum", "Sargodha"], &["M.B. Din", "Mandi Baha ud Din"]),
    // Sindh
    dist("Karachi Central", "Karachi", 4, 3.8, 42101, &["Karachi East", "Karachi West", "Karachi South"], &["Karachi", "Karachi (Central)"]),
    dist("Karachi East", "Karachi", 4, 3.9, 42201, &["Karachi Central", "Karachi South", "Korangi", "Malir"], &["Karachi", "Karachi (East)"]),
    dist("Karachi South", "Karachi", 4, 2.3, 42301, &["Karachi East", "Karachi Central", "Karachi West"], &["Karachi"]),
    dist("Karachi West", "Karachi", 4, 3.5, 42401, &["Karachi Central", "Karachi South", "Malir", "Hub"], &["Karachi"]),
    dist("Malir", "Karachi", 4, 2.4, 42501, &["Karachi East", "Korangi", "Thatta", "Jamshoro"], &["Karachi", "Malir Karachi"]),
    dist("Korangi", "Karachi", 4, 3.1, 42601, &["Karachi East", "Malir"], &["Karachi"]),
    dist("Hyderabad", "Hyderabad", 4, 2.4, 41303, &["Jamshoro", "Matiari", "Tando Allahyar", "Tando Muhammad Khan"], &[]),
    dist("Matiari", "Matiari", 4, 0.9, 41503, &["Hyderabad", "Shaheed Benazirabad", "Tando Allahyar"], &[]),
    dist("Tando Allahyar", "Tando Allahyar", 4, 0.9, 41601, &["Hyderabad", "Matiari", "Mirpur Khas", "Sanghar"], &["Tando Allah Yar"]),
    dist("Tando Muhammad Khan", "Tando Muhammad Khan", 4, 0.7, 41701, &["Hyderabad", "Badin"], &["T.M. Khan"]),
    dist("Sukkur", "Sukkur", 4, 1.6, 45504, &["Khairpur", "Shikarpur", "Ghotki", "Larkana"], &["Sakhar"]),
    dist("Larkana", "Larkana", 4, 1.8, 43203, &["Sukkur", "Shikarpur", "Dadu"], &["Larkano"]),
    dist("Mirpur Khas", "Mirpur Khas", 4, 1.5, 44103, &["Umerkot", "Sanghar", "Tando Allahyar"], &["Mirpurkhas"]),
    dist("Shaheed Benazirabad", "Nawabshah", 4, 1.8, 45402, &["Sanghar", "Naushahro Feroze", "Matiari"], &["Nawabshah", "S.B.A."]),
    dist("Naushahro Feroze", "Naushahro Feroze", 4, 1.6, 45301, &["Shaheed Benazirabad", "Khairpur"], &["Naushero Feroz"]),
    dist("Khairpur", "Khairpur", 4, 2.4, 45203, &["Sukkur", "Naushahro Feroze", "Sanghar"], &["Khairpur Mirs"]),
    dist("Dadu", "Dadu", 4, 1.7, 43103, &["Larkana", "Jamshoro"], &[]),
    dist("Thatta", "Thatta", 4, 1.0, 41104, &["Malir", "Jamshoro", "Badin"], &["Thata"]),
    dist("Badin", "Badin", 4, 1.9, 41201, &["Thatta", "Tando Muhammad Khan", "Tharparkar"], &[]),
    dist("Jamshoro", "Jamshoro", 4, 1.1, 41403, &["Hyderabad", "Dadu", "Thatta", "Malir"], &[]),
    dist("Sanghar", "Sanghar", 4, 2.3, 44203, &["Khairpur", "Shaheed Benazirabad", "Mirpur Khas", "Umerkot", "Tando Allahyar"], &[]),
    dist("Tharparkar", "Mithi", 4, 1.8, 44301, &["Umerkot", "Badin"], &["Thar", "Mithi"]),
    dist("Umerkot", "Umerkot", 4, 1.2, 44401, &["Tharparkar", "Mirpur Khas", "Sanghar"], &["Umarkot", "Amarkot"]),
    dist("Ghotki", "Ghotki", 4, 1.8, 45101, &["Sukkur", "Rahim Yar Khan"], &[]),
    dist("Shikarpur", "Shikarpur", 4, 1.4, 43303, &["Sukkur", "Larkana", "Jacobabad"], &[]),
    dist("Jacobabad", "Jacobabad", 4, 1.2, 43401, &["Shikarpur", "Nasirabad", "Jaffarabad"], &[]),
    // Khyber Pakhtunkhwa
    dist("Peshawar", "Peshawar", 1, 4.7, 17301, &["Nowshera", "Charsadda", "Khyber", "Mohmand"], &[]),
    dist("Mardan", "Mardan", 1, 2.7, 16101, &["Swabi", "Charsadda", "Nowshera", "Buner"], &[]),
    dist("Swat", "Mingora", 1, 2.7, 15602, &["Buner", "Lower Dir"], &["Mingora"]),
    dist("Abbottabad", "Abbottabad", 1, 1.4, 13101, &["Mansehra", "Haripur"], &["Abbotabad"]),
    dist("Mansehra", "Mansehra", 1, 1.8, 13503, &["Abbottabad"], &["Manshera"]),
    dist("Charsadda", "Charsadda", 1, 1.8, 17102, &["Peshawar", "Mardan", "Mohmand"], &[]),
    dist("Nowshera", "Nowshera", 1, 1.7, 17201, &["Peshawar", "Mardan", "Kohat"], &["Naushera"]),
    dist("Swabi", "Swabi", 1, 1.9, 16202, &["Mardan", "Haripur", "Buner"], &[]),
    dist("Kohat", "Kohat", 1, 1.2, 14301, &["Nowshera", "Karak", "Orakzai"], &[]),
    dist("Bannu", "Bannu", 1, 1.4, 11101, &["Karak", "Lakki Marwat", "North Waziristan"], &[]),
    dist("Dera Ismail Khan", "Dera Ismail Khan", 1, 1.8, 12101, &["Lakki Marwat", "South Waziristan", "Dera Ghazi Khan", "Bhakkar"], &["D.I. Khan", "DI Khan"]),
    dist("Haripur", "Haripur", 1, 1.1, 13302, &["Abbottabad", "Swabi", "Attock"], &[]),
    dist("Lower Dir", "Timergara", 1, 1.65, 15302, &["Swat", "Bajaur", "Chitral"], &["Dir Lower", "Dir"]),
    dist("Buner", "Daggar", 1, 1.0, 15101, &["Swat", "Mardan", "Swabi"], &[]),
    dist("Karak", "Karak", 1, 0.8, 14202, &["Kohat", "Bannu", "Mianwali"], &[]),
    dist("Lakki Marwat", "Lakki Marwat", 1, 1.0, 11201, &["Bannu", "Dera Ismail Khan", "Mianwali"], &["Lakki"]),
    dist("Chitral", "Chitral", 1, 0.5, 15201, &["Lower Dir", "Gilgit"], &[]),
    // Former FATA, now districts of Khyber Pakhtunkhwa; CNICs issued there start with 2.
    dist("Khyber", "Landi Kotal", 2, 1.0, 21502, &["Peshawar", "Orakzai"], &["Khyber Agency"]),
    dist("Bajaur", "Khar", 2, 1.3, 21101, &["Lower Dir", "Mohmand"], &["Bajaur Agency"]),
    dist("Kurram", "Parachinar", 2, 0.8, 21304, &["Orakzai"], &["Kurram Agency"]),
    dist("North Waziristan", "Miranshah", 2, 0.7, 21702, &["Bannu", "South Waziristan"], &["N. Waziristan"]),
    dist("South Waziristan", "Wana", 2, 0.9, 21801, &["North Waziristan", "Dera Ismail Khan"], &["S. Waziristan"]),
    dist("Mohmand", "Ghalanai", 2, 0.55, 21401, &["Bajaur", "Peshawar", "Charsadda"], &["Mohmand Agency"]),
    dist("Orakzai", "Kalaya", 2, 0.3, 21601, &["Khyber", "Kurram", "Kohat"], &["Orakzai Agency"]),
    // Balochistan
    dist("Quetta", "Quetta", 5, 2.6, 54400, &["Pishin", "Mastung", "Killa Abdullah"], &[]),
    dist("Pishin", "Pishin", 5, 0.8, 54101, &["Quetta", "Killa Abdullah"], &[]),
    dist("Killa Abdullah", "Killa Abdullah", 5, 0.5, 54201, &["Quetta", "Pishin", "Chaman"], &["Qila Abdullah"]),
    dist("Chaman", "Chaman", 5, 0.4, 54202, &["Killa Abdullah"], &[]),
    dist("Khuzdar", "Khuzdar", 5, 1.0, 52401, &["Kalat", "Lasbela"], &[]),
    dist("Kalat", "Kalat", 5, 0.4, 52201, &["Mastung", "Khuzdar"], &["Qalat"]),
    dist("Mastung", "Mastung", 5, 0.3, 52301, &["Quetta", "Kalat"], &[]),
    dist("Lasbela", "Uthal", 5, 0.6, 52101, &["Khuzdar", "Hub"], &["Las Bela"]),
    dist("Hub", "Hub", 5, 0.4, 52102, &["Lasbela", "Karachi West"], &["Hub Chowki"]),
    dist("Kech", "Turbat", 5, 1.0, 52501, &["Gwadar", "Panjgur"], &["Turbat"]),
    dist("Gwadar", "Gwadar", 5, 0.3, 52601, &["Kech"], &["Gawadar"]),
    dist("Panjgur", "Panjgur", 5, 0.5, 52701, &["Kech"], &[]),
    dist("Loralai", "Loralai", 5, 0.4, 56101, &["Zhob", "Barkhan"], &[]),
    dist("Zhob", "Zhob", 5, 0.3, 56201, &["Loralai"], &[]),
    dist("Sibi", "Sibi", 5, 0.2, 53101, &["Kohlu", "Dera Bugti", "Nasirabad"], &[]),
    dist("Nasirabad", "Dera Murad Jamali", 5, 0.6, 53201, &["Jaffarabad", "Sibi", "Jacobabad"], &[]),
    dist("Jaffarabad", "Dera Allahyar", 5, 0.6, 53301, &["Nasirabad", "Dera Bugti", "Jacobabad"], &["Jafarabad"]),
    dist("Dera Bugti", "Dera Bugti", 5, 0.3, 53401, &["Sibi", "Jaffarabad", "Kohlu"], &[]),
    dist("Kohlu", "Kohlu", 5, 0.25, 53501, &["Sibi", "Dera Bugti", "Barkhan"], &[]),
    dist("Barkhan", "Barkhan", 5, 0.2, 56301, &["Kohlu", "Loralai", "Dera Ghazi Khan"], &[]),
    // Islamabad Capital Territory
    dist("Islamabad", "Islamabad", 6, 2.4, 61101, &["Rawalpindi"], &["ICT", "Islamabad Capital Territory"]),
    // Gilgit-Baltistan
    dist("Gilgit", "Gilgit", 7, 0.35, 71501, &["Hunza", "Skardu", "Chitral"], &[]),
    dist("Skardu", "Skardu", 7, 0.3, 71301, &["Gilgit"], &[]),
    dist("Hunza", "Aliabad", 7, 0.1, 71601, &["Gilgit"], &[]),
];

/// CNIC province digits and their shares of registrations.
const PROVINCES: [u8; 7] = [3, 4, 1, 5, 6, 2, 7];
const PROVINCE_WEIGHTS: [f64; 7] = [0.55, 0.23, 0.13, 0.05, 0.02, 0.015, 0.005];

/// Where migrants live: the big cities.
#[rustfmt::skip]
const MIGRATION_TARGETS: &[&str] = &[
    "Karachi Central", "Karachi East", "Karachi South", "Karachi West", "Malir", "Korangi",
    "Lahore", "Islamabad", "Rawalpindi", "Faisalabad", "Peshawar", "Quetta", "Hyderabad", "Multan",
];

/// A system the rows come from, with its habits and its error factor.
struct Source {
    name: &'static str,
    weight: f64,
    /// Multiplies every error probability.
    noise: f64,
    /// Share of rows this system stores in upper case.
    upper: f64,
    /// Share of CNICs written with dashes.
    cnic_dashed: f64,
    /// Preferred date format: 0 YYYY-MM-DD, 1 DD/MM/YYYY, 2 YYYYMMDD, 3 DD-MM-YYYY.
    dob_format: usize,
    /// Preferred gender style: 0 M/F, 1 Male/Female, 2 m/f.
    gender_style: usize,
}

const SOURCES: &[Source] = &[
    Source {
        name: "khidmat",
        weight: 0.35,
        noise: 1.0,
        upper: 0.05,
        cnic_dashed: 0.80,
        dob_format: 0,
        gender_style: 0,
    },
    Source {
        name: "hrims",
        weight: 0.15,
        noise: 0.8,
        upper: 0.05,
        cnic_dashed: 0.85,
        dob_format: 1,
        gender_style: 1,
    },
    Source {
        name: "rozgaar",
        weight: 0.15,
        noise: 1.0,
        upper: 0.02,
        cnic_dashed: 0.70,
        dob_format: 0,
        gender_style: 1,
    },
    Source {
        name: "nadra_extract",
        weight: 0.15,
        noise: 0.5,
        upper: 0.60,
        cnic_dashed: 0.95,
        dob_format: 3,
        gender_style: 0,
    },
    Source {
        name: "legacy",
        weight: 0.20,
        noise: 1.6,
        upper: 0.30,
        cnic_dashed: 0.50,
        dob_format: 1,
        gender_style: 2,
    },
];

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

// ---------------------------------------------------------------------------------------------
// The truth: families and persons
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Date {
    year: u16,
    month: u8,
    day: u8,
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// A name as the person (or their documents) usually writes it; rows render it with noise.
#[derive(Clone, Debug)]
struct PersonName {
    female: bool,
    honorific: Option<Tok>,
    given: Vec<Tok>,
    /// The family clan (index, this person's spelling), even when not usually written, so
    /// that a row can add it.
    clan: Option<(usize, Tok)>,
    clan_written: bool,
    clan_first: bool,
    /// "Bibi" or "Begum" after a woman's name.
    suffix: Option<Tok>,
}

impl PersonName {
    fn same_given(&self, other: &PersonName) -> bool {
        self.given.len() == other.given.len()
            && self
                .given
                .iter()
                .zip(&other.given)
                .all(|(a, b)| a.same_name(*b))
    }
}

#[derive(Clone, Debug)]
struct Address {
    rural: bool,
    style: usize,
    house: u64,
    street: u64,
    /// Mohalla (urban) or village (rural).
    locality: String,
    post_office: String,
    district: usize,
}

const URBAN_STYLES: usize = 5;
const RURAL_STYLES: usize = 4;

/// What siblings share.
struct Family {
    cnic_province: u8,
    /// District whose code the CNICs carry (where the family registered).
    cnic_district: usize,
    /// Where the family lives.
    district: usize,
    clan: Option<usize>,
    father: PersonName,
    address: Address,
    phone: Option<[u8; 11]>,
}

/// One true person.
struct Person {
    entity: u64,
    female: bool,
    name: PersonName,
    dob: Date,
    /// Digits 0-9.
    cnic: [u8; 13],
    husband: Option<PersonName>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    AsIs,
    Upper,
    Lower,
    Mixed,
}

struct Synth<'a> {
    lex: &'a Lexicon,
    rng: Rng,
    cnic_key: [u64; 4],
    duplicate_share: f64,
    sibling_share: f64,
    next_entity: u64,
    source_weights: Vec<f64>,
    /// Scratch buffer for one field, kept to avoid an allocation per field.
    field: String,
}

fn clamp01(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) }
}

/// A keyed permutation of 0..10^7: a 24-bit Feistel network, cycle-walked back into range. It
/// makes the middle seven CNIC digits unique per entity (up to ten million entities) without
/// remembering which numbers were used, and without visible order.
fn permute7(x: u64, key: &[u64; 4]) -> u64 {
    let mut v = x % 10_000_000;
    loop {
        let (mut l, mut r) = (v >> 12, v & 0xFFF);
        for k in key {
            let f = mix64(r ^ k) & 0xFFF;
            (l, r) = (r, l ^ f);
        }
        v = (l << 12) | r;
        if v < 10_000_000 {
            return v;
        }
    }
}

impl<'a> Synth<'a> {
    fn new(cfg: &SynthConfig, lex: &'a Lexicon) -> Self {
        let mut rng = Rng::new(cfg.seed);
        let cnic_key = [
            rng.next_u64(),
            rng.next_u64(),
            rng.next_u64(),
            rng.next_u64(),
        ];
        Self {
            lex,
            rng,
            cnic_key,
            duplicate_share: clamp01(cfg.duplicate_share),
            sibling_share: clamp01(cfg.sibling_share),
            next_entity: 0,
            source_weights: SOURCES.iter().map(|s| s.weight).collect(),
            field: String::with_capacity(128),
        }
    }

    /// How many rows the next entity gets.
    fn copies(&mut self) -> usize {
        if self.rng.chance(self.duplicate_share) {
            2 + self.rng.weighted(&COPY_WEIGHTS)
        } else {
            1
        }
    }

    fn district_in(&mut self, province: u8) -> usize {
        let lex = self.lex;
        let ds = &lex.districts_by_province[usize::from(province)];
        ds[self
            .rng
            .weighted(&lex.district_weights_by_province[usize::from(province)])]
    }

    fn clan_in(&mut self, province: u8) -> Option<usize> {
        let list = &self.lex.clans_by_province[usize::from(province)];
        if list.is_empty() {
            None
        } else {
            Some(list[self.rng.skew15(list.len())])
        }
    }

    fn family(&mut self) -> Family {
        let lex = self.lex;
        let cnic_province = PROVINCES[self.rng.weighted(&PROVINCE_WEIGHTS)];
        let cnic_district = self.district_in(cnic_province);
        let district = if self.rng.chance(P_MIGRANT) {
            lex.migration[self.rng.weighted(&lex.migration_weights)]
        } else {
            cnic_district
        };
        let clan = if self.rng.chance(P_FAMILY_CLAN) {
            self.clan_in(cnic_province)
        } else {
            None
        };
        // Fathers write their clan more often and are more often Haji than their children.
        let father = self.male_name(clan, 0.65, 0.12);
        let address = self.address(district);
        let phone = if self.rng.chance(P_NO_PHONE) {
            None
        } else {
            Some(self.phone())
        };
        Family {
            cnic_province,
            cnic_district,
            district,
            clan,
            father,
            address,
            phone,
        }
    }

    /// The family's first person, and siblings with probability `sibling_share`.
    fn members(&mut self, fam: &Family) -> Vec<Person> {
        let mut people = Vec::with_capacity(4);
        let female = self.rng.chance(P_FEMALE);
        let dob = self.dob();
        let first = self.person(fam, female, dob, fam.cnic_district);
        people.push(first);
        if self.rng.chance(self.sibling_share) {
            let n = 1 + self.rng.weighted(&SIBLING_COUNT_WEIGHTS);
            for i in 0..n {
                let female = self.rng.chance(0.5);
                let dob = if i == 0 && self.rng.chance(P_TWIN) {
                    people[0].dob
                } else {
                    self.sibling_dob(people[0].dob)
                };
                let area = if self.rng.chance(P_SIBLING_SAME_AREA) {
                    fam.cnic_district
                } else {
                    self.district_in(fam.cnic_province)
                };
                let mut sibling = self.person(fam, female, dob, area);
                // Parents do not give two children the same name.
                for _ in 0..16 {
                    if people.iter().all(|p| !p.name.same_given(&sibling.name)) {
                        break;
                    }
                    sibling.name = self.person_name(female, fam.clan);
                }
                people.push(sibling);
            }
        }
        people
    }

    fn person(&mut self, fam: &Family, female: bool, dob: Date, area_district: usize) -> Person {
        self.next_entity += 1;
        let entity = self.next_entity;
        let name = self.person_name(female, fam.clan);
        let cnic = self.cnic(entity, DISTRICTS[area_district].code, female);
        let husband = if female && dob.year <= 2002 && self.rng.chance(P_MARRIED) {
            // Marriage within the clan is common; otherwise a clan from the same region.
            let clan = if self.rng.chance(0.5) {
                fam.clan
            } else {
                self.clan_in(fam.cnic_province)
            };
            Some(self.male_name(clan, 0.65, 0.08))
        } else {
            None
        };
        Person {
            entity,
            female,
            name,
            dob,
            cnic,
            husband,
        }
    }

    fn person_name(&mut self, female: bool, clan: Option<usize>) -> PersonName {
        if female {
            self.female_name(clan)
        } else {
            self.male_name(clan, 0.55, 0.06)
        }
    }

    /// This person's own spelling of a name word: the usual one 70% of the time.
    fn spell(&mut self, t: Tok) -> Tok {
        if t.group == NO_GROUP {
            return t;
        }
        let members = VARIANTS[usize::from(t.group)];
        let text = if self.rng.chance(0.7) {
            members[0]
        } else {
            let full: Vec<&'static str> = members
                .iter()
                .copied()
                .filter(|w| !is_abbreviation(w))
                .collect();
            *self.rng.pick(&full)
        };
        Tok {
            text,
            group: t.group,
        }
    }

    fn male_name(&mut self, clan: Option<usize>, p_clan: f64, p_honorific: f64) -> PersonName {
        let lex = self.lex;
        let mut given = Vec::with_capacity(4);
        let muhammad = self.rng.chance(P_MUHAMMAD);
        if muhammad {
            given.push(self.spell(lex.muhammad));
        }
        let entry = &lex.male[self.rng.skew2(lex.male.len())];
        for &t in entry {
            given.push(self.spell(t));
        }
        // A second one-word name: "Muhammad Ali Raza", "Asif Iqbal".
        let p_second = if muhammad { 0.15 } else { 0.25 };
        if entry.len() == 1 && self.rng.chance(p_second) {
            let second = lex.male_single[self.rng.skew2(lex.male_single.len())];
            if !second.same_name(entry[0]) {
                given.push(self.spell(second));
            }
        }
        let clan_tok = clan.map(|c| (c, self.spell(lex.clans[c])));
        let is_syed_clan = clan.is_some_and(|c| CLANS[c].name == "Syed");
        let clan_written = clan.is_some() && self.rng.chance(p_clan);
        // "Syed Imran" leads with the clan; others do so now and then ("Malik Asif").
        let clan_first = is_syed_clan || self.rng.chance(0.12);
        let syed = clan.is_some_and(|c| lex.clan_syed[c]) && !is_syed_clan;
        let p_hon = if syed { 0.5 } else { p_honorific };
        let honorific = if self.rng.chance(p_hon) {
            Some(self.honorific_for(false, clan))
        } else {
            None
        };
        PersonName {
            female: false,
            honorific,
            given,
            clan: clan_tok,
            clan_written,
            clan_first,
            suffix: None,
        }
    }

    fn female_name(&mut self, clan: Option<usize>) -> PersonName {
        let lex = self.lex;
        let mut given = Vec::with_capacity(3);
        let entry = &lex.female[self.rng.skew2(lex.female.len())];
        for &t in entry {
            given.push(self.spell(t));
        }
        let r = self.rng.unit();
        let suffix = if r < 0.12 {
            Some(lex.bibi)
        } else if r < 0.18 {
            Some(lex.begum)
        } else {
            None
        };
        if suffix.is_none() && entry.len() == 1 && self.rng.chance(0.3) {
            let second = *self.rng.pick(&lex.female_second);
            if !second.same_name(entry[0]) {
                given.push(self.spell(second));
            }
        }
        let clan_tok = clan.map(|c| (c, self.spell(lex.clans[c])));
        let is_syed_clan = clan.is_some_and(|c| CLANS[c].name == "Syed");
        // Women write their clan less often, never before their name, and never next to
        // Bibi/Begum; a Syed woman is "Syeda X" instead.
        let clan_written =
            clan.is_some() && suffix.is_none() && !is_syed_clan && self.rng.chance(0.35);
        let syed = clan.is_some_and(|c| lex.clan_syed[c]);
        let honorific = if (syed && self.rng.chance(0.4)) || self.rng.chance(0.03) {
            Some(self.honorific_for(true, clan))
        } else {
            None
        };
        PersonName {
            female: true,
            honorific,
            given,
            clan: clan_tok,
            clan_written,
            clan_first: false,
            suffix,
        }
    }

    fn honorific_for(&mut self, female: bool, clan: Option<usize>) -> Tok {
        let lex = self.lex;
        if female {
            if clan.is_some_and(|c| lex.clan_syed[c]) {
                return lex.syeda;
            }
            return *self.rng.pick(&lex.female_honorifics);
        }
        if let Some(h) = clan.and_then(|c| lex.clan_honorific[c])
            && self.rng.chance(0.75)
        {
            return h;
        }
        if clan.is_some_and(|c| CLANS[c].name == "Syed") {
            // The clan already says Syed; an extra honorific is a religious or social one.
            return lex.male_honorifics[self.rng.below(2)];
        }
        lex.male_honorifics[self.rng.weighted(MALE_HONORIFIC_WEIGHTS)]
    }

    fn dob(&mut self) -> Date {
        // More young people than old: density falls linearly-ish from 2008 back to 1940.
        let u = self.rng.unit();
        let t = u * (0.6 + 0.4 * u);
        let back = ((t * f64::from(YEAR_MAX - YEAR_MIN + 1)) as u16).min(YEAR_MAX - YEAR_MIN);
        self.date_in(YEAR_MAX - back)
    }

    fn date_in(&mut self, year: u16) -> Date {
        let month = 1 + self.rng.below(12) as u8;
        let day = 1 + self.rng.below(usize::from(days_in_month(year, month))) as u8;
        Date { year, month, day }
    }

    fn sibling_dob(&mut self, anchor: Date) -> Date {
        let gap = 1 + self.rng.below(15) as u16;
        let can_up = anchor.year + gap <= YEAR_MAX;
        let can_down = anchor.year >= YEAR_MIN + gap;
        let year = if can_up && (!can_down || self.rng.chance(0.5)) {
            anchor.year + gap
        } else {
            // The range is 68 years and the gap at most 15, so one direction always fits.
            anchor.year - gap
        };
        self.date_in(year)
    }

    fn cnic(&mut self, entity: u64, area: u32, female: bool) -> [u8; 13] {
        let mut d = [0u8; 13];
        let mut a = area;
        for slot in d[..5].iter_mut().rev() {
            *slot = (a % 10) as u8;
            a /= 10;
        }
        let mut mid = permute7(entity, &self.cnic_key);
        for slot in d[5..12].iter_mut().rev() {
            *slot = (mid % 10) as u8;
            mid /= 10;
        }
        // Last digit: odd for men, even for women.
        d[12] = 2 * self.rng.below(5) as u8 + u8::from(!female);
        d
    }

    fn phone(&mut self) -> [u8; 11] {
        // Network prefixes by rough subscriber share: Jazz 0300-09, Telenor 0340-49,
        // Zong 0310-19, Ufone 0330-36, Jazz (ex-Warid) 0320-24.
        let (lo, hi) = match self.rng.weighted(&[0.36, 0.27, 0.22, 0.10, 0.05]) {
            0 => (0, 9),
            1 => (40, 49),
            2 => (10, 19),
            3 => (30, 36),
            _ => (20, 24),
        };
        let nn = lo + self.rng.below(hi - lo + 1);
        let mut d = [0u8; 11];
        d[1] = 3;
        d[2] = (nn / 10) as u8;
        d[3] = (nn % 10) as u8;
        d[4] = 1 + self.rng.below(9) as u8;
        for slot in &mut d[5..] {
            *slot = self.rng.below(10) as u8;
        }
        d
    }

    fn village(&mut self, province: u8) -> String {
        let lex = self.lex;
        let name = if self.rng.chance(0.6) {
            lex.male_single[self.rng.skew2(lex.male_single.len())].text
        } else {
            CLANS[self.rng.below(CLANS.len())].name
        };
        let prefixes: &[&str] = match province {
            3 | 6 => {
                if self.rng.chance(0.4) {
                    let n = 1 + self.rng.below(600);
                    let suffix = self.rng.pick(CHAK_SUFFIXES);
                    return format!("Chak No. {n}/{suffix}");
                }
                &["Kot", "Basti", "Dhok", "Pind", "Jhok"]
            }
            4 => &["Goth", "Goth", "Deh", "Village"],
            5 => &["Killi", "Kili", "Goth"],
            1 | 2 => &["Banda", "Dheri", "Kalay", "Killi"],
            _ => &["Village", "Mohallah"],
        };
        let prefix = self.rng.pick(prefixes);
        format!("{prefix} {name}")
    }

    fn address(&mut self, district: usize) -> Address {
        let d = &DISTRICTS[district];
        let p_rural = if d.weight >= 3.5 || d.province == 6 {
            0.1
        } else {
            0.5
        };
        if self.rng.chance(p_rural) {
            let locality = self.village(d.province);
            let post_office = match self.rng.below(10) {
                0..=2 => d.city.to_string(),
                3..=5 => locality.clone(),
                _ => self.village(d.province),
            };
            Address {
                rural: true,
                style: self.rng.below(RURAL_STYLES),
                house: 0,
                street: 0,
                locality,
                post_office,
                district,
            }
        } else {
            Address {
                rural: false,
                style: self.rng.below(URBAN_STYLES),
                house: 1 + self.rng.skew2(600) as u64,
                street: 1 + self.rng.below(40) as u64,
                locality: MOHALLAS[self.rng.skew15(MOHALLAS.len())].to_string(),
                post_office: String::new(),
                district,
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Rows: the truth rendered through one source's habits and errors
    // -----------------------------------------------------------------------------------------

    /// Renders one row (without its id) into `line`.
    fn row(&mut self, fam: &Family, p: &Person, line: &mut String) {
        line.clear();
        let src = &SOURCES[self.rng.weighted(&self.source_weights)];
        let m = src.noise;
        let case = self.case_mode(src, m);
        let mut f = std::mem::take(&mut self.field);

        self.render_cnic(&p.cnic, src, m, &mut f);
        push_csv(line, &f);
        line.push(',');

        self.render_name(&p.name, m, P_NAME_TYPO, &mut f);
        self.apply_case(&mut f, case);
        push_csv(line, &f);
        line.push(',');

        f.clear();
        if !self.rng.chance(P_FATHER_MISSING * m) {
            let father = match &p.husband {
                Some(h) if self.rng.chance(P_HUSBAND_AS_FATHER) => h,
                _ => &fam.father,
            };
            self.render_name(father, m, P_FATHER_TYPO, &mut f);
            self.apply_case(&mut f, case);
        }
        push_csv(line, &f);
        line.push(',');

        self.render_gender(p.female, src, m, &mut f);
        push_csv(line, &f);
        line.push(',');

        self.render_dob(p.dob, src, m, &mut f);
        push_csv(line, &f);
        line.push(',');

        self.render_district(fam.district, m, &mut f);
        self.apply_case(
            &mut f,
            if case == Case::Mixed {
                Case::AsIs
            } else {
                case
            },
        );
        push_csv(line, &f);
        line.push(',');

        self.render_address(&fam.address, m, &mut f);
        self.apply_case(
            &mut f,
            if case == Case::Mixed {
                Case::AsIs
            } else {
                case
            },
        );
        push_csv(line, &f);
        line.push(',');

        self.render_phone(fam.phone, m, &mut f);
        push_csv(line, &f);
        line.push(',');

        line.push_str(src.name);
        line.push(',');
        line.push('e');
        push_padded(line, p.entity, 7);

        self.field = f;
    }

    fn case_mode(&mut self, src: &Source, m: f64) -> Case {
        let r = self.rng.unit();
        if r < src.upper {
            Case::Upper
        } else if r < src.upper + P_LOWER * m {
            Case::Lower
        } else if r < src.upper + (P_LOWER + P_MIXED) * m {
            Case::Mixed
        } else {
            Case::AsIs
        }
    }

    fn apply_case(&mut self, s: &mut String, case: Case) {
        match case {
            Case::AsIs => {}
            Case::Upper => s.make_ascii_uppercase(),
            Case::Lower => s.make_ascii_lowercase(),
            Case::Mixed => {
                // Word by word, as when a clerk retypes part of a name.
                let mut out = String::with_capacity(s.len());
                for (i, w) in s.split(' ').enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    match self.rng.below(3) {
                        0 => out.extend(w.chars().map(|c| c.to_ascii_uppercase())),
                        1 => out.extend(w.chars().map(|c| c.to_ascii_lowercase())),
                        _ => out.push_str(w),
                    }
                }
                *s = out;
            }
        }
    }

    fn respell(&mut self, t: Tok, m: f64) -> &'static str {
        if t.group == NO_GROUP || !self.rng.chance(P_RESPELL * m) {
            return t.text;
        }
        let members = VARIANTS[usize::from(t.group)];
        let i = self.rng.below(members.len() - 1);
        // Uniform over the other spellings: the last one stands in for the current one.
        if members[i] == t.text {
            members[members.len() - 1]
        } else {
            members[i]
        }
    }

    fn render_name(&mut self, name: &PersonName, m: f64, p_typo: f64, out: &mut String) {
        out.clear();
        let mut honorific = name.honorific;
        if honorific.is_some() {
            if self.rng.chance(P_HONORIFIC_DROP * m) {
                honorific = None;
            }
        } else {
            // Clerks add honorifics less often than they drop them, and rarely to women.
            let p_add = if name.female {
                P_HONORIFIC_ADD_FEMALE
            } else {
                P_HONORIFIC_ADD_MALE
            };
            if self.rng.chance(p_add * m) {
                honorific = Some(self.honorific_for(name.female, name.clan.map(|c| c.0)));
            }
        }
        let (mut show_clan, mut clan_first) = (name.clan_written, name.clan_first);
        if name.clan.is_some() {
            if show_clan {
                if self.rng.chance(P_CLAN_DROP * m) {
                    show_clan = false;
                } else if self.rng.chance(P_CLAN_MOVE * m) {
                    clan_first = !clan_first;
                }
            } else if name.suffix.is_none() && self.rng.chance(P_CLAN_ADD * m) {
                show_clan = true;
                clan_first = false;
            }
        }
        let clan = name.clan.filter(|_| show_clan).map(|c| c.1);
        // "Malik Malik Asif" and "Syed Syed Ali" are not things clerks write.
        if let Some(h) = honorific
            && (clan.is_some_and(|c| c.same_name(h))
                || name.given.first().is_some_and(|g| g.same_name(h)))
        {
            honorific = None;
        }

        if let Some(h) = honorific {
            let w = self.respell(h, m);
            push_word(out, w);
        }
        if let Some(c) = clan
            && clan_first
        {
            let w = self.respell(c, m);
            push_word(out, w);
        }
        for &g in &name.given {
            let w = self.respell(g, m);
            push_word(out, w);
        }
        if let Some(c) = clan
            && !clan_first
        {
            let w = self.respell(c, m);
            push_word(out, w);
        }
        if let Some(s) = name.suffix {
            let w = self.respell(s, m);
            push_word(out, w);
        }
        if self.rng.chance(p_typo * m) {
            typo(&mut self.rng, out);
        }
    }

    fn render_cnic(&mut self, cnic: &[u8; 13], src: &Source, m: f64, out: &mut String) {
        out.clear();
        if self.rng.chance(P_CNIC_MISSING * m) {
            return;
        }
        let mut d: Vec<u8> = cnic.to_vec();
        if self.rng.chance(P_CNIC_DIGIT * m) {
            let i = self.rng.below(13);
            d[i] = (d[i] + 1 + self.rng.below(9) as u8) % 10;
        }
        if self.rng.chance(P_CNIC_TRANSPOSE * m) {
            // Prefer a pair of different digits, or the transposition changes nothing.
            for _ in 0..4 {
                let i = self.rng.below(12);
                if d[i] != d[i + 1] {
                    d.swap(i, i + 1);
                    break;
                }
            }
        }
        if self.rng.chance(P_CNIC_LENGTH * m) {
            let i = self.rng.below(13);
            if self.rng.chance(0.5) {
                d.remove(i);
            } else {
                d.insert(i, d[i]);
            }
        }
        let dashed = d.len() == 13 && self.rng.chance(src.cnic_dashed);
        for (i, &digit) in d.iter().enumerate() {
            if dashed && (i == 5 || i == 12) {
                out.push('-');
            }
            out.push(char::from(b'0' + digit));
        }
    }

    fn render_gender(&mut self, female: bool, src: &Source, m: f64, out: &mut String) {
        out.clear();
        if self.rng.chance(P_GENDER_MISSING * m) {
            return;
        }
        let female = female ^ self.rng.chance(P_GENDER_FLIP * m);
        let style = if self.rng.chance(0.9) {
            src.gender_style
        } else {
            self.rng.below(3)
        };
        out.push_str(match (style, female) {
            (0, false) => "M",
            (0, true) => "F",
            (1, false) => "Male",
            (1, true) => "Female",
            (_, false) => "m",
            (_, true) => "f",
        });
    }

    fn render_dob(&mut self, dob: Date, src: &Source, m: f64, out: &mut String) {
        out.clear();
        if self.rng.chance(P_DOB_MISSING * m) {
            return;
        }
        if self.rng.chance(P_DOB_YEAR_ONLY * m) {
            push_padded(out, u64::from(dob.year), 4);
            return;
        }
        let mut d = dob;
        if self.rng.chance(P_DOB_SWAP * m) && d.day <= 12 && d.day != d.month {
            (d.day, d.month) = (d.month, d.day);
        }
        if self.rng.chance(P_DOB_DIGIT * m) {
            d = self.mistype_date(d);
        }
        let format = if self.rng.chance(0.8) {
            src.dob_format
        } else {
            self.rng.below(4)
        };
        let (y, mo, da) = (u64::from(d.year), u64::from(d.month), u64::from(d.day));
        match format {
            0 => {
                push_padded(out, y, 4);
                out.push('-');
                push_padded(out, mo, 2);
                out.push('-');
                push_padded(out, da, 2);
            }
            1 | 3 => {
                let sep = if format == 1 { '/' } else { '-' };
                push_padded(out, da, 2);
                out.push(sep);
                push_padded(out, mo, 2);
                out.push(sep);
                push_padded(out, y, 4);
            }
            _ => {
                push_padded(out, y, 4);
                push_padded(out, mo, 2);
                push_padded(out, da, 2);
            }
        }
    }

    /// One digit wrong, keeping a valid date: the year's last digit or the day's last digit.
    fn mistype_date(&mut self, d: Date) -> Date {
        if self.rng.chance(0.5) {
            let unit = (d.day % 10 + 1 + self.rng.below(9) as u8) % 10;
            let day = d.day / 10 * 10 + unit;
            if day >= 1 && day <= days_in_month(d.year, d.month) {
                return Date { day, ..d };
            }
        }
        let unit = (d.year % 10 + 1 + self.rng.below(9) as u16) % 10;
        let year = d.year / 10 * 10 + unit;
        let day = d.day.min(days_in_month(year, d.month));
        Date { year, day, ..d }
    }

    fn render_district(&mut self, district: usize, m: f64, out: &mut String) {
        out.clear();
        if self.rng.chance(P_DISTRICT_MISSING * m) {
            return;
        }
        let lex = self.lex;
        let mut di = district;
        let near = &lex.neighbours[district];
        if !near.is_empty() && self.rng.chance(P_DISTRICT_NEIGHBOUR * m) {
            di = *self.rng.pick(near);
        }
        let d = &DISTRICTS[di];
        if !d.variants.is_empty() && self.rng.chance(P_DISTRICT_VARIANT) {
            let variant = *self.rng.pick::<&str>(d.variants);
            out.push_str(variant);
        } else {
            out.push_str(d.name);
        }
    }

    fn render_address(&mut self, a: &Address, m: f64, out: &mut String) {
        out.clear();
        if self.rng.chance(P_ADDRESS_MISSING * m) {
            return;
        }
        if self.rng.chance(P_ADDRESS_MOVED * m) {
            let moved = self.address(a.district);
            write_address(&moved, moved.style, out);
            return;
        }
        let styles = if a.rural { RURAL_STYLES } else { URBAN_STYLES };
        let style = if self.rng.chance(P_ADDRESS_REWORD) {
            (a.style + 1 + self.rng.below(styles - 1)) % styles
        } else {
            a.style
        };
        write_address(a, style, out);
    }

    fn render_phone(&mut self, phone: Option<[u8; 11]>, m: f64, out: &mut String) {
        out.clear();
        let Some(mut d) = phone else {
            return;
        };
        if self.rng.chance(P_PHONE_MISSING * m) {
            return;
        }
        if self.rng.chance(P_PHONE_CHANGED * m) {
            d = self.phone();
        }
        if self.rng.chance(P_PHONE_TYPO * m) {
            let i = 4 + self.rng.below(7);
            d[i] = (d[i] + 1 + self.rng.below(9) as u8) % 10;
        }
        let digits = |out: &mut String, ds: &[u8]| {
            for &x in ds {
                out.push(char::from(b'0' + x));
            }
        };
        match self.rng.weighted(&[0.55, 0.20, 0.10, 0.05, 0.07, 0.03]) {
            0 => {
                digits(out, &d[..4]);
                out.push('-');
                digits(out, &d[4..]);
            }
            1 => digits(out, &d),
            2 => {
                out.push_str("+92");
                digits(out, &d[1..]);
            }
            3 => {
                out.push_str("92");
                digits(out, &d[1..]);
            }
            4 => {
                digits(out, &d[..4]);
                out.push(' ');
                digits(out, &d[4..]);
            }
            _ => {
                out.push_str("+92 ");
                digits(out, &d[1..4]);
                out.push(' ');
                digits(out, &d[4..]);
            }
        }
    }
}

fn write_address(a: &Address, style: usize, out: &mut String) {
    let d = &DISTRICTS[a.district];
    let parts: &[Part] = if a.rural {
        match style {
            0 => &[
                Part::Locality,
                Part::Text(", P.O. "),
                Part::PostOffice,
                Part::Text(", Tehsil "),
                Part::City,
                Part::Text(", District "),
                Part::District,
            ],
            1 => &[
                Part::Locality,
                Part::Text(" PO "),
                Part::PostOffice,
                Part::Text(" Teh. "),
                Part::City,
            ],
            2 => &[
                Part::Text("Vill. "),
                Part::Locality,
                Part::Text(", Post Office "),
                Part::PostOffice,
                Part::Text(", Tehsil "),
                Part::City,
                Part::Text(", Distt. "),
                Part::District,
            ],
            _ => &[
                Part::Locality,
                Part::Text(", Tehsil "),
                Part::City,
                Part::Text(", District "),
                Part::District,
            ],
        }
    } else {
        match style {
            0 => &[
                Part::Text("House "),
                Part::House,
                Part::Text(", Street "),
                Part::Street,
                Part::Text(", "),
                Part::Locality,
                Part::Text(", "),
                Part::City,
            ],
            1 => &[
                Part::Text("H# "),
                Part::House,
                Part::Text(" St "),
                Part::Street,
                Part::Text(" "),
                Part::Locality,
                Part::Text(" "),
                Part::City,
            ],
            2 => &[
                Part::Text("H.No. "),
                Part::House,
                Part::Text(", St. No. "),
                Part::Street,
                Part::Text(", "),
                Part::Locality,
                Part::Text(", "),
                Part::City,
            ],
            3 => &[
                Part::Text("House No "),
                Part::House,
                Part::Text(" Street No "),
                Part::Street,
                Part::Text(" "),
                Part::Locality,
                Part::Text(" "),
                Part::City,
            ],
            _ => &[
                Part::Locality,
                Part::Text(", House "),
                Part::House,
                Part::Text(", Street "),
                Part::Street,
                Part::Text(", "),
                Part::City,
            ],
        }
    };
    for part in parts {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::House => push_padded(out, a.house, 1),
            Part::Street => push_padded(out, a.street, 1),
            Part::Locality => out.push_str(&a.locality),
            Part::PostOffice => out.push_str(&a.post_office),
            Part::City => out.push_str(d.city),
            Part::District => out.push_str(d.name),
        }
    }
}

/// A piece of an address template.
enum Part {
    Text(&'static str),
    House,
    Street,
    Locality,
    PostOffice,
    City,
    District,
}

// ---------------------------------------------------------------------------------------------
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

#[cfg(test)]
mod tests {
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
}
