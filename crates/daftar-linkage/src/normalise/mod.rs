//! Normalisers: turn one raw field value into the canonical form that comparators and
//! blocking keys work on.
//!
//! They run once per record, so they may allocate; the comparators in
//! [`crate::compare`] run once per candidate pair and do not. Every normaliser returns
//! `None` (or an empty result) rather than guessing when the input carries no usable
//! evidence, because a wrong value links records that a missing one would not.

use std::collections::{HashMap, HashSet};

// ---------------------------------------------------------------------------
// clean
// ---------------------------------------------------------------------------

/// Lower-case, ASCII-fold common Latin diacritics, turn punctuation (.,-'/_() etc.) into spaces, collapse whitespace, trim. Arabic-script text is kept (lower-casing is a no-op).
///
/// Details beyond the one-line contract:
/// - Apostrophes and their look-alikes (`'` `’` `‘` `ʼ` `ʻ` `ʿ` `ʾ` `` ` `` `´`) are
///   *deleted*, not turned into spaces: in romanised Urdu and Arabic they mark an ayn or
///   hamza inside a word (`Sa'eed`, `Ja'far`, `Mas'ud`), and splitting there would make
///   two tokens out of one name.
/// - Combining accents are dropped, so decomposed input folds like precomposed input.
/// - In Arabic script, short-vowel marks (harakat) and the tatweel are dropped, Arabic
///   yeh/alef maksura are written as the Urdu (Farsi) yeh `ی` and Arabic kaf as keheh
///   `ک`, because keyboards differ in which of these they type.
/// - Arabic-Indic and Urdu (extended) digits become ASCII digits.
///
/// The result contains only letters, digits and single ASCII spaces, with no leading or
/// trailing space; `clean(clean(s)) == clean(s)`.
pub fn clean(s: &str) -> String {
    clean_impl(s, false)
}

/// The worker behind [`clean`] and [`text`]: `keep_hash` keeps `#` as a token of its own
/// so that [`text`] can read `H#12` / `Street # 5` as house and street numbers.
fn clean_impl(s: &str, keep_hash: bool) -> String {
    let mut out = Cleaner {
        out: String::with_capacity(s.len()),
        pending_space: false,
    };
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if c == '\'' || c == '`' {
                // Deleted: see the doc comment of `clean`.
            } else if c == '#' && keep_hash {
                out.space();
                out.push('#');
                out.space();
            } else {
                out.space();
            }
            continue;
        }
        for lc in c.to_lowercase() {
            fold_char(lc, &mut out);
        }
    }
    out.out
}

/// An output buffer that writes at most one space between tokens and none at the ends.
struct Cleaner {
    out: String,
    pending_space: bool,
}

impl Cleaner {
    fn push(&mut self, c: char) {
        if self.pending_space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.pending_space = false;
        self.out.push(c);
    }

    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            self.push(c);
        }
    }

    fn space(&mut self) {
        self.pending_space = true;
    }
}

/// Writes one lower-cased non-ASCII character: folded to ASCII, kept, dropped, or a space.
fn fold_char(c: char, out: &mut Cleaner) {
    let folded = match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ' | 'ả' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ḍ' | 'ð' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ẽ' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' | 'ḥ' | 'ḫ' | 'ẖ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ị' => 'i',
        'ĵ' => 'j',
        'ķ' | 'ḳ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' | 'ḷ' => 'l',
        'ṁ' | 'ṃ' => 'm',
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ṅ' | 'ṇ' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' | 'ọ' => 'o',
        'ŕ' | 'ŗ' | 'ř' | 'ṛ' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ṣ' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ṭ' | 'ț' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ụ' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' | 'ẓ' | 'ẕ' => 'z',
        'æ' => return out.push_str("ae"),
        'œ' => return out.push_str("oe"),
        'ß' => return out.push_str("ss"),
        'þ' => return out.push_str("th"),
        // Apostrophe look-alikes mark ayn/hamza inside a word: delete.
        '’' | '‘' | 'ʼ' | 'ʻ' | 'ʿ' | 'ʾ' | '´' => return,
        // Combining accents, Arabic harakat and superscript alef, tatweel, zero-width
        // characters and the byte-order mark carry no identity.
        '\u{0300}'..='\u{036F}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{0640}'
        | '\u{200B}'..='\u{200F}'
        | '\u{FEFF}' => return,
        // Keyboard variants of the same Urdu letters.
        'ي' | 'ى' => 'ی',
        'ك' => 'ک',
        '\u{0660}'..='\u{0669}' => digit_from(c, '\u{0660}'),
        '\u{06F0}'..='\u{06F9}' => digit_from(c, '\u{06F0}'),
        c if c.is_alphanumeric() => c,
        _ => return out.space(),
    };
    out.push(folded);
}

/// The ASCII digit for `c`, given the zero of its digit block.
fn digit_from(c: char, zero: char) -> char {
    let offset = u32::from(c) - u32::from(zero);
    char::from_digit(offset, 10).unwrap_or('0')
}

/// `c` as an ASCII digit if it is one in ASCII, Arabic-Indic or Urdu (extended) digits.
fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{0660}'..='\u{0669}' => Some(digit_from(c, '\u{0660}')),
        '\u{06F0}'..='\u{06F9}' => Some(digit_from(c, '\u{06F0}')),
        _ => None,
    }
}

/// Dash-like characters people paste from word processors in place of `-`.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}'
    )
}

// ---------------------------------------------------------------------------
// names
// ---------------------------------------------------------------------------

/// Tables for names: romanisation variants mapped to one canonical spelling, and honorifics that come and go.
///
/// Invariants: every key is already [`clean`]ed; a word is either a variant or an
/// honorific, never both (the later `add_*` call wins). Keys are usually single tokens;
/// a key of several words is matched as a whole phrase by [`name`]. Mappings are not
/// chained: a variant maps straight to its canonical spelling, which is not looked up
/// again.
#[derive(Clone, Debug)]
pub struct NameTable {
    variants: HashMap<String, String>,
    honorifics: HashSet<String>,
    /// The most words in any key, so that [`name`] only tries phrases when some exist.
    max_phrase: usize,
}

impl NameTable {
    /// The built-in Pakistani table (see below).
    ///
    /// Maps romanisation variants of common Pakistani given and clan names to one
    /// spelling (including every spelling and abbreviation of Muhammad, and `ch` to
    /// `chaudhry`) and drops honorifics such as Syed, Malik, Mian, Hafiz, Haji, Sardar,
    /// Mir, Rana, Mr/Mrs, Dr and Mst.
    pub fn pakistani() -> NameTable {
        let mut table = NameTable::empty();
        for (canonical, variants) in PAKISTANI_VARIANTS {
            for variant in *variants {
                table
                    .variants
                    .insert((*variant).to_owned(), (*canonical).to_owned());
            }
        }
        table.honorifics = PAKISTANI_HONORIFICS
            .iter()
            .map(|w| (*w).to_owned())
            .collect();
        table
    }

    /// An empty table (for non-Pakistani data such as FEBRL).
    ///
    /// With it, [`name`] only cleans, drops connectors and keeps tokens as written; in
    /// particular `m` stays an initial rather than becoming Muhammad.
    pub fn empty() -> NameTable {
        NameTable {
            variants: HashMap::new(),
            honorifics: HashSet::new(),
            max_phrase: 1,
        }
    }

    /// Adds (or overrides) a variant: `variant` is written as `canonical` after normalising. Both are cleaned first.
    ///
    /// A variant that was an honorific stops being one. Does nothing if either side
    /// cleans to the empty string. A variant of several words is matched as a phrase;
    /// a canonical spelling of several words (`abdulrehman` → `abdul rehman`) is
    /// written as those words.
    pub fn add_variant(&mut self, variant: &str, canonical: &str) {
        let variant = clean(variant);
        let canonical = clean(canonical);
        if variant.is_empty() || canonical.is_empty() {
            return;
        }
        self.note_phrase(&variant);
        self.honorifics.remove(&variant);
        self.variants.insert(variant, canonical);
    }

    /// Adds an honorific (dropped from names).
    ///
    /// The word is cleaned first; a word that was a variant stops being one. A
    /// several-word honorific is dropped only when the whole phrase occurs.
    pub fn add_honorific(&mut self, word: &str) {
        let word = clean(word);
        if word.is_empty() {
            return;
        }
        self.note_phrase(&word);
        self.variants.remove(&word);
        self.honorifics.insert(word);
    }

    fn note_phrase(&mut self, key: &str) {
        let words = key.split(' ').count();
        self.max_phrase = self.max_phrase.max(words);
    }

    /// The canonical spelling of one cleaned token (itself if unknown).
    pub fn canonical<'a>(&'a self, token: &'a str) -> &'a str {
        self.variants.get(token).map_or(token, String::as_str)
    }

    /// Whether a cleaned token (or phrase) is an honorific that [`name`] drops.
    pub fn is_honorific(&self, token: &str) -> bool {
        self.honorifics.contains(token)
    }
}

/// Words that join a person's name to a parent's or husband's: "son of" (bin, ibn,
/// walad) and "daughter of" (bint, binte).
const CONNECTORS: &[&str] = &[
    "bin", "binte", "bint", "binti", "bnt", "ibn", "ibne", "walad", "wald",
];

/// The first letters of `s/o`, `d/o`, `w/o` and `c/o` (son, daughter, wife of; care of),
/// which [`clean`] splits into two tokens such as `s o`.
fn is_relation_pair(first: &str, second: &str) -> bool {
    second == "o" && matches!(first, "s" | "d" | "w" | "c")
}

/// A person's name normalised for comparison: cleaned, split into tokens, honorifics dropped, each token mapped to its canonical spelling, Muhammad and its abbreviations (m, md, mohd, muhd, mohammad, mohammed, muhammed, muhamad, mohamed, ...) written `muhammad`; tokens kept in their original order and joined by single spaces. A single-letter token other than the Muhammad abbreviation `m` is kept (initials). "bin"/"binte"/"bint"/"s/o"/"d/o"/"w/o" connectors are dropped. Returns None when nothing is left.
///
/// The Muhammad spellings come from the table: [`NameTable::pakistani`] has them and
/// [`NameTable::empty`] does not. Honorifics are checked before variants, and the
/// longest matching phrase wins when the table has several-word keys. Phrases are
/// matched against the cleaned words as written, before single-word variants apply.
pub fn name(s: &str, table: &NameTable) -> Option<String> {
    let cleaned = clean(s);
    let tokens: Vec<&str> = cleaned.split(' ').filter(|t| !t.is_empty()).collect();
    let mut out = String::with_capacity(cleaned.len() + 8);
    let mut phrase = String::new();
    let mut i = 0;
    'tokens: while i < tokens.len() {
        let token = tokens[i];
        if let Some(&next) = tokens.get(i + 1)
            && is_relation_pair(token, next)
        {
            i += 2;
            continue;
        }
        if CONNECTORS.contains(&token) {
            i += 1;
            continue;
        }
        // Longest phrase first; only tables with several-word keys pay for this.
        let longest = table.max_phrase.min(tokens.len() - i);
        for len in (2..=longest).rev() {
            phrase.clear();
            for (k, t) in tokens[i..i + len].iter().enumerate() {
                if k > 0 {
                    phrase.push(' ');
                }
                phrase.push_str(t);
            }
            if table.is_honorific(&phrase) {
                i += len;
                continue 'tokens;
            }
            if let Some(canonical) = table.variants.get(phrase.as_str()) {
                push_token(&mut out, canonical);
                i += len;
                continue 'tokens;
            }
        }
        if !table.is_honorific(token) {
            push_token(&mut out, table.canonical(token));
        }
        i += 1;
    }
    if out.is_empty() { None } else { Some(out) }
}

fn push_token(out: &mut String, token: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(token);
}

// ---------------------------------------------------------------------------
// identifiers
// ---------------------------------------------------------------------------

/// The digits of a CNIC: Some(13 digits) for a well-formed one (dashes/spaces allowed); also Some(digits) when there are 12 or 14 digits (a mistyped CNIC is still evidence, compared by edit distance); None otherwise (empty, letters, too short/long).
///
/// Urdu and Arabic-Indic digits are read as digits, and typographic dashes as dashes.
/// Dashes are not required to be in the `XXXXX-XXXXXXX-X` places, because mistyped
/// numbers are kept too.
pub fn cnic(s: &str) -> Option<String> {
    let mut digits = String::with_capacity(13);
    for c in s.chars() {
        if let Some(d) = ascii_digit(c) {
            digits.push(d);
        } else if !(c.is_whitespace() || is_dash(c)) {
            return None;
        }
    }
    matches!(digits.len(), 12..=14).then_some(digits)
}

/// A Pakistani phone as its national significant number without the leading 0: mobiles `03XX-XXXXXXX`, `03XXXXXXXXX`, `+92 3XX XXXXXXX`, `923XXXXXXXXX`, `0092...`, `3XXXXXXXXX` all become `3XXXXXXXXX` (10 digits). Landlines with an area code (e.g. `042-35761234`, `+92 42 35761234`) become the digits without the leading 0 / 92. Returns None if fewer than 7 digits remain.
///
/// Also: `+92 (0)300...` drops the bracketed trunk zero; a number with 11 or more
/// digits that starts with `92` is read as carrying the country code (Pakistani
/// national numbers have at most 10 digits); a foreign number (`+44...`, `0044...`)
/// keeps its country code, without `+`/`00`, so it cannot collide with a Pakistani one.
/// Only digits, spaces and `+ - ( ) . /` are allowed; anything else (letters such as
/// "N/A" or "ext") gives None. Several numbers separated by `,` or `;` give the first
/// that parses. More than 15 digits (the E.164 maximum) gives None.
pub fn phone(s: &str) -> Option<String> {
    s.split([',', ';']).find_map(phone_one)
}

fn phone_one(s: &str) -> Option<String> {
    let mut digits = String::with_capacity(16);
    let mut plus = false;
    for c in s.chars() {
        if let Some(d) = ascii_digit(c) {
            digits.push(d);
        } else if (c == '+' || c == '\u{FF0B}') && digits.is_empty() {
            plus = true;
        } else if !(c.is_whitespace() || is_dash(c) || matches!(c, '(' | ')' | '.' | '/')) {
            return None;
        }
    }
    let d = digits.as_str();
    let national = if plus {
        d.strip_prefix("92").unwrap_or(d)
    } else if let Some(rest) = d.strip_prefix("0092") {
        rest
    } else if let Some(rest) = d.strip_prefix("00") {
        // Another country's international prefix: keep its country code.
        rest
    } else if d.len() >= 11 && d.starts_with("92") {
        &d[2..]
    } else {
        d
    };
    // The trunk zero: domestic `0300...`, and `+92 (0)300...`.
    let national = if plus && !d.starts_with("92") {
        national
    } else {
        national.trim_start_matches('0')
    };
    (7..=15)
        .contains(&national.len())
        .then(|| national.to_owned())
}

// ---------------------------------------------------------------------------
// dates
// ---------------------------------------------------------------------------

/// A date of birth, possibly partial.
///
/// Invariants (kept by [`date`] and [`PartialDate::from_key`]): `day` is set only when
/// `month` is; `month` is 1..=12; `day` is valid for the month and year. Records often
/// carry only the year of birth, so a year-only date is ordinary, not an error. A
/// year-and-month date is representable (key `YYYY-MM`) though [`date`] never makes one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    /// The year, e.g. 1985.
    pub year: u16,
    /// The month 1..=12, if known.
    pub month: Option<u8>,
    /// The day of the month, if known (only together with `month`).
    pub day: Option<u8>,
}

impl PartialDate {
    /// `YYYY-MM-DD`, or `YYYY` for a year-only date: the form stored and compared.
    ///
    /// A year-and-month date is written `YYYY-MM`. A day without a month (which breaks
    /// the invariant) is ignored. Keys of dates in the same precision sort by date.
    pub fn key(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            (None, _) => format!("{:04}", self.year),
        }
    }

    /// Parses a key produced by `key()` back.
    ///
    /// Strict: exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with zero-padded fields and a
    /// real calendar date; any four-digit year. None for anything else.
    pub fn from_key(s: &str) -> Option<PartialDate> {
        let b = s.as_bytes();
        let year = u16::try_from(fixed_digits(b.get(0..4)?)?).ok()?;
        let (month, day) = match b.len() {
            4 => (None, None),
            7 if b[4] == b'-' => (Some(fixed_digits(&b[5..7])?), None),
            10 if b[4] == b'-' && b[7] == b'-' => (
                Some(fixed_digits(&b[5..7])?),
                Some(fixed_digits(&b[8..10])?),
            ),
            _ => return None,
        };
        let month = month.map(u8::try_from).transpose().ok()?;
        let day = day.map(u8::try_from).transpose().ok()?;
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return None;
        }
        if let (Some(m), Some(d)) = (month, day)
            && (d == 0 || d > days_in_month(year, m))
        {
            return None;
        }
        Some(PartialDate { year, month, day })
    }
}

/// The value of a run of ASCII digits (at most 9), or None if any byte is not a digit.
fn fixed_digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 {
        return None;
    }
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Accepts `YYYY-MM-DD`, `DD/MM/YYYY`, `DD-MM-YYYY`, `DD.MM.YYYY`, `YYYYMMDD` and `YYYY` (year only); years 1900..=2100; validates day-of-month (leap years). None for anything else.
///
/// Also accepted, being unambiguous: one-digit days and months (`7/3/1985`), any of
/// the three separators in either order (`1985/03/07`), Urdu digits, surrounding
/// spaces, and an ISO date followed by a time (`1985-03-07T00:00:00`,
/// `1985-03-07 00:00`), as database exports write dates of birth. Two-digit years and
/// month-first (US) dates are not guessed at.
pub fn date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    let owned: String;
    let s = if s.is_ascii() {
        s
    } else {
        owned = s.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect();
        owned.as_str()
    };
    let b = s.as_bytes();
    // An ISO date with a time part.
    let s = if b.len() > 10 && b[4] == b'-' && b[7] == b'-' && matches!(b[10], b'T' | b' ') {
        &s[..10]
    } else {
        s
    };
    let b = s.as_bytes();
    let (year, month, day) = if b.iter().all(u8::is_ascii_digit) {
        match b.len() {
            4 => (fixed_digits(b)?, None, None),
            8 => (
                fixed_digits(&b[0..4])?,
                Some(fixed_digits(&b[4..6])?),
                Some(fixed_digits(&b[6..8])?),
            ),
            _ => return None,
        }
    } else {
        let sep = *b.iter().find(|c| !c.is_ascii_digit())?;
        if !matches!(sep, b'-' | b'/' | b'.') {
            return None;
        }
        let mut parts = s.split(char::from(sep));
        let (p0, p1, p2) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let short = |p: &str| matches!(p.len(), 1 | 2);
        let (y, m, d) = if p0.len() == 4 && short(p1) && short(p2) {
            (p0, p1, p2)
        } else if p2.len() == 4 && short(p0) && short(p1) {
            (p2, p1, p0)
        } else {
            return None;
        };
        (
            fixed_digits(y.as_bytes())?,
            Some(fixed_digits(m.as_bytes())?),
            Some(fixed_digits(d.as_bytes())?),
        )
    };
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let year = u16::try_from(year).ok()?;
    let month = month.map(u8::try_from).transpose().ok()?;
    let day = day.map(u8::try_from).transpose().ok()?;
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return None;
    }
    if let (Some(m), Some(d)) = (month, day)
        && (d == 0 || d > days_in_month(year, m))
    {
        return None;
    }
    Some(PartialDate { year, month, day })
}

// ---------------------------------------------------------------------------
// sex
// ---------------------------------------------------------------------------

/// 'm' or 'f' from m, male, man, mr, f, female, woman, mrs, ms, miss (any case), and Urdu مرد/مذکر → 'm', عورت/خاتون/مؤنث → 'f'. None otherwise.
///
/// The value is [`clean`]ed first, so `Mr.` and ` MALE ` are read. مونث (without the
/// hamza, as often typed) is read as 'f' too.
pub fn gender(s: &str) -> Option<char> {
    match clean(s).as_str() {
        "m" | "male" | "man" | "mr" | "مرد" | "مذکر" => Some('m'),
        "f" | "female" | "woman" | "mrs" | "ms" | "miss" | "عورت" | "خاتون" | "مؤنث" | "مونث" => {
            Some('f')
        }
        _ => None,
    }
}

/// The sex a CNIC's last digit indicates ('m' odd, 'f' even), for a 13-digit CNIC; None otherwise.
///
/// Takes the output of [`cnic`]. A disagreement with the recorded sex is a data-quality
/// warning, not a reason to reject either value.
pub fn cnic_sex(cnic_digits: &str) -> Option<char> {
    let b = cnic_digits.as_bytes();
    if b.len() != 13 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let last = b[12] - b'0';
    Some(if last.is_multiple_of(2) { 'f' } else { 'm' })
}

// ---------------------------------------------------------------------------
// free text
// ---------------------------------------------------------------------------

/// Free text such as an address: cleaned, with common abbreviations expanded (st→street, rd→road, mohalla/mohallah/muhalla→mohalla, h#/house no/hno→house, no→(dropped), colony/clny→colony, blk/block→block, sec/sector→sector), tokens in original order. None if empty.
///
/// Also: a `#` on its own is dropped like `no` (`Street # 5` → `street 5`), and a few
/// more abbreviations seen in Pakistani addresses are expanded (`mkn`/`makan` → house,
/// `ph` → phase, `mkt` → market, `nr` → near, `opp` → opposite, `dist`/`distt` →
/// district, `teh`/`tahsil` → tehsil, `vill` → village, `bldg` → building,
/// `bazar` → bazaar, `chk` → chak). A lone `h` stays unless `#` or `no` follows it.
pub fn text(s: &str) -> Option<String> {
    let cleaned = clean_impl(s, true);
    let tokens: Vec<&str> = cleaned.split(' ').filter(|t| !t.is_empty()).collect();
    let mut out = String::with_capacity(cleaned.len() + 16);
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        let next = tokens.get(i + 1).copied();
        i += 1;
        let word = match token {
            "h" if matches!(next, Some("#" | "no")) => {
                i += 1;
                "house"
            }
            "#" | "no" => continue,
            "hno" | "mkn" | "makan" => "house",
            "st" | "str" => "street",
            "rd" => "road",
            "mohalla" | "mohallah" | "muhalla" | "muhallah" | "mohala" | "mahalla" | "mahallah" => {
                "mohalla"
            }
            "colony" | "clny" | "colny" => "colony",
            "blk" | "block" => "block",
            "sec" | "sector" => "sector",
            "ph" => "phase",
            "mkt" => "market",
            "nr" => "near",
            "opp" => "opposite",
            "dist" | "distt" => "district",
            "teh" | "tahsil" => "tehsil",
            "vill" => "village",
            "bldg" => "building",
            "bazar" => "bazaar",
            "chk" => "chak",
            other => other,
        };
        push_token(&mut out, word);
    }
    if out.is_empty() { None } else { Some(out) }
}

mod tables;

use tables::{PAKISTANI_HONORIFICS, PAKISTANI_VARIANTS};

#[cfg(test)]
mod tests;
