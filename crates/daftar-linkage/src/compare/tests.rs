use super::similarity::*;
use super::*;

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() < 1e-4
}

#[test]
fn jaro_winkler_known_values() {
    let cases: &[(&str, &str, f64)] = &[
        ("martha", "marhta", 0.9611),
        ("dwayne", "duane", 0.84),
        ("dixon", "dicksonx", 0.8133),
        ("jellyfish", "smellyfish", 0.8963),
        ("thorkel", "thorgier", 0.8679),
        ("dinsdale", "d", 0.7375),
        ("abc", "abc", 1.0),
        ("", "", 1.0),
        ("abc", "", 0.0),
        ("", "abc", 0.0),
        ("abc", "xyz", 0.0),
        ("a", "a", 1.0),
        ("a", "b", 0.0),
        // Jaro 0.6111 (below 0.7): no prefix bonus despite the shared "a".
        ("ab", "ac", 0.6667),
        ("hussain", "husain", 0.9667),
        ("ahmad", "ahmed", 0.9067),
        // Non-ASCII goes through the char path and agrees with the byte path.
        ("مارثا", "ماراث", 0.9533),
        ("çartha", "çarhta", 0.9611),
    ];
    for (a, b, want) in cases {
        let got = jaro_winkler(a, b);
        assert!(close(got, *want), "jw({a:?}, {b:?}) = {got}, want {want}");
        let back = jaro_winkler(b, a);
        assert!(close(got, back), "jw is symmetric on {a:?}, {b:?}");
        assert!((0.0..=1.0).contains(&got));
    }
}

#[test]
fn jaro_winkler_long_strings_use_the_heap_path() {
    let a = "a".repeat(100) + "xyz";
    let b = "a".repeat(100) + "xzy";
    let got = jaro_winkler(&a, &b);
    assert!(got > 0.99 && got < 1.0, "{got}");
    let c = "é".repeat(70);
    assert_eq!(jaro_winkler(&c, &c), 1.0);
    let d = "é".repeat(69) + "e";
    assert!(jaro_winkler(&c, &d) > 0.98);
}

#[test]
fn damerau_levenshtein_table() {
    let cases: &[(&str, &str, usize, usize)] = &[
        ("3520212345671", "3520212345671", 2, 0),
        ("3520212345671", "3520213245671", 2, 1),
        ("3520212345671", "3520212345672", 2, 1),
        ("3520212345671", "352021234567", 2, 1),
        ("3520212345671", "35202123456711", 2, 1),
        ("3520212345671", "3520212345617", 2, 1),
        ("3520212345671", "4520212345672", 2, 2),
        ("3520212345671", "4520212345672", 1, 2),
        ("3520212345671", "9999999999999", 2, 3),
        ("3520212345671", "9999999999999", 20, 13),
        ("3520212345671", "35202", 3, 4),
        ("kitten", "sitting", 5, 3),
        ("damerau", "aderua", 10, 3),
        ("damerau", "aderuaxyz", 10, 6),
        ("stewart", "colbert", 10, 5),
        ("abcdefghijkl", "bacedfgihjlk", 10, 4),
        ("foobar", "ofobar", 10, 1),
        ("specter", "spectre", 10, 1),
        (
            "The quick brown fox jumped over the angry dog.",
            "Lehem ipsum dolor sit amet, dicta latine an eam.",
            100,
            36,
        ),
        ("kitten", "sitting", 2, 3),
        ("ab", "ba", 1, 1),
        ("abcdef", "badcfe", 5, 3),
        // Optimal string alignment: no substring edited twice.
        ("ca", "abc", 5, 3),
        ("", "", 0, 0),
        ("", "abc", 5, 3),
        ("abc", "", 1, 2),
        ("abc", "abd", 0, 1),
        ("a", "b", 0, 1),
        ("héllo", "hlélo", 2, 1),
        ("héllo", "hello", 2, 1),
        ("محمد", "محمود", 2, 1),
    ];
    for (a, b, max, want) in cases {
        assert_eq!(
            damerau_levenshtein(a, b, *max),
            *want,
            "dl({a:?}, {b:?}, {max})"
        );
        assert_eq!(
            damerau_levenshtein(b, a, *max),
            *want,
            "dl({b:?}, {a:?}, {max})"
        );
    }
}

#[test]
fn damerau_levenshtein_long_strings_use_the_heap_path() {
    let a = "0123456789".repeat(10);
    let mut b = a.clone();
    b.replace_range(50..52, "10");
    assert_eq!(damerau_levenshtein(&a, &b, 3), 1);
    assert_eq!(damerau_levenshtein(&a, &"9".repeat(100), 3), 4);
    assert_eq!(damerau_levenshtein(&a, &"9".repeat(100), usize::MAX), 90);
}

/// A small deterministic generator (xorshift), so the cross-checks need no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A string over a small alphabet, often a mutation of `base`.
    fn string(&mut self, base: &[u8], alphabet: &[u8], max_len: usize) -> Vec<u8> {
        if base.is_empty() || self.below(4) == 0 {
            let len = self.below(max_len + 1);
            return (0..len)
                .map(|_| alphabet[self.below(alphabet.len())])
                .collect();
        }
        let mut s = base.to_vec();
        for _ in 0..self.below(4) {
            let at = self.below(s.len() + 1);
            match self.below(4) {
                0 if at < s.len() => s[at] = alphabet[self.below(alphabet.len())],
                1 if at < s.len() => {
                    s.remove(at);
                }
                2 if at + 1 < s.len() => s.swap(at, at + 1),
                _ => s.insert(at, alphabet[self.below(alphabet.len())]),
            }
        }
        s
    }
}

/// Optimal string alignment by the textbook full matrix: no affix stripping, no
/// early exit, no bit tricks.
fn naive_osa(a: &[u8], b: &[u8]) -> usize {
    let (la, lb) = (a.len(), b.len());
    let mut d = vec![vec![0usize; lb + 1]; la + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=la {
        for j in 1..=lb {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[la][lb]
}

/// The bit-parallel kernels agree with the plain dynamic programmes they replace,
/// on lengths either side of the 64-byte word.
#[test]
fn bit_parallel_kernels_match_the_reference() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let alphabets: [&[u8]; 3] = [b"ab", b"0123456789", b"abcdefghij klmnop"];
    for round in 0..20_000 {
        let alphabet = alphabets[round % alphabets.len()];
        let max_len = if round % 10 == 0 { 70 } else { 20 };
        let a = rng.string(&[], alphabet, max_len);
        let b = rng.string(&a, alphabet, max_len);
        let (sa, sb) = (
            std::str::from_utf8(&a).expect("ascii"),
            std::str::from_utf8(&b).expect("ascii"),
        );
        let reference = if a == b {
            1.0
        } else {
            winkler(&a, &b, jaro_slices(&a, &b))
        };
        let fast = jaro_winkler(sa, sb);
        assert!(
            (fast - reference).abs() < 1e-12,
            "jw({sa:?}, {sb:?}): {fast} vs {reference}"
        );
        let max = rng.below(6);
        let reference = naive_osa(&a, &b).min(max + 1);
        assert_eq!(
            damerau_levenshtein(sa, sb, max),
            reference,
            "dl({sa:?}, {sb:?}, {max})"
        );
        assert_eq!(
            osa_slices(&a, &b, max),
            reference,
            "bounded reference dl({sa:?}, {sb:?}, {max})"
        );
    }
}

#[test]
fn token_set_table() {
    let cases: &[(&str, &str, f64)] = &[
        ("khan ali", "ali khan", 1.0),
        ("muhammad ali khan", "khan muhammad ali", 1.0),
        ("muhammad ali", "muhammad ali khan", 2.0 / 3.0),
        ("muhammad aslam", "muhammad akram", 0.5),
        ("ali", "muhammad ali khan", 1.0 / 3.0),
        ("hussain shah", "husain shah", 1.0),
        ("aslam  khan", "khan aslam", 1.0),
        ("ali ali", "ali", 0.5),
        ("ali ali", "ali ali", 1.0),
        ("abc", "xyz", 0.0),
        ("", "", 1.0),
        ("", "ali", 0.0),
        ("ali", " ", 0.0),
        // One to one: a token is matched at most once.
        ("hasan hassan", "hassan", 0.5),
        ("hasan hasnain", "hassan hasnain", 1.0),
        ("muhammad muhammad ali", "muhammad ali", 2.0 / 3.0),
    ];
    for (a, b, want) in cases {
        let got = token_set(a, b);
        assert!(
            close(got, *want),
            "token_set({a:?}, {b:?}) = {got}, want {want}"
        );
        assert!(close(token_set(b, a), got), "symmetric on {a:?}, {b:?}");
    }
}

/// Greedy token matching by the book: every pair scored, no shortcuts.
fn reference_token_set(a: &str, b: &str) -> f64 {
    let ta: Vec<&str> = tokens(a).collect();
    let tb: Vec<&str> = tokens(b).collect();
    if ta.is_empty() || tb.is_empty() {
        return if ta.len() == tb.len() { 1.0 } else { 0.0 };
    }
    let jw = |x: &str, y: &str| {
        let (cx, cy): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
        if cx == cy {
            1.0
        } else {
            winkler(&cx, &cy, jaro_slices(&cx, &cy))
        }
    };
    let mut used_a = vec![false; ta.len()];
    let mut used_b = vec![false; tb.len()];
    let mut matched = 0;
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for (i, x) in ta.iter().enumerate() {
            for (j, y) in tb.iter().enumerate() {
                let s = jw(x, y);
                if !used_a[i]
                    && !used_b[j]
                    && s >= TOKEN_MATCH
                    && best.is_none_or(|(bs, _, _)| s > bs)
                {
                    best = Some((s, i, j));
                }
            }
        }
        let Some((_, i, j)) = best else { break };
        used_a[i] = true;
        used_b[j] = true;
        matched += 1;
    }
    f64::from(matched) / ta.len().max(tb.len()) as f64
}

#[test]
fn token_set_matches_the_reference() {
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    let words = [
        "ali", "aly", "alee", "muhammad", "muhamad", "khan", "khaan", "hassan", "hasan", "husnain",
        "hasnain", "aslam", "aslem", "akram", "shah", "محمد", "علی",
    ];
    for round in 0..5_000 {
        let n = 1 + rng.below(if round % 50 == 0 { 20 } else { 5 });
        let a: Vec<&str> = (0..n).map(|_| words[rng.below(words.len())]).collect();
        let m = 1 + rng.below(5);
        let b: Vec<&str> = (0..m).map(|_| words[rng.below(words.len())]).collect();
        let (a, b) = (a.join(" "), b.join(" "));
        let want = reference_token_set(&a, &b);
        let got = token_set(&a, &b);
        assert!(
            (got - want).abs() < 1e-12,
            "token_set({a:?}, {b:?}) = {got}, want {want}"
        );
    }
}

#[test]
fn token_set_many_tokens() {
    let a: Vec<String> = (0..20).map(|i| format!("w{i:02}x")).collect();
    let mut b = a.clone();
    b.reverse();
    assert_eq!(token_set(&a.join(" "), &b.join(" ")), 1.0);
    assert!(close(token_set(&a.join(" "), &a[..10].join(" ")), 0.5));
}

fn name_cmp() -> Comparator {
    Comparator::Name {
        high: 0.92,
        low: 0.80,
    }
}

#[test]
fn name_levels() {
    let c = name_cmp();
    let cases: &[(&str, &str, u8)] = &[
        ("muhammad ali khan", "muhammad ali khan", 0),
        ("muhammad ali khan", "khan muhammad ali", 1),
        ("ali khan", "khan ali", 1),
        ("muhammad aslam chaudhry", "chaudhry muhammad aslam", 1),
        // One misspelt token: token_set is 1.0.
        ("muhammad aslam", "muhammad aslem", 2),
        ("nasreen akhtar", "nasreen akhter", 2),
        // Joined or split tokens: whole-name JW.
        ("abdulrehman", "abdul rehman", 2),
        ("muhammad abdulrehman", "muhammad abdul rehman", 2),
        ("shahnawaz", "shah nawaz", 2),
        // Vowels spelt differently: the consonants agree.
        ("ashfaq", "ishfaq", 3),
        ("muhammad ashfaq", "muhammad ishfaq", 3),
        ("muhammad adeel", "muhammad adil", 3),
        ("kausar", "kosar", 3),
        ("shaukat ali", "ali shoukat", 2),
        // Four of five tokens agree.
        ("a b c d e", "a b c d f", 4),
        ("ali", "muhammad ali khan", 5),
        ("muhammad ali", "muhammad ali khan", 5),
        ("aslam", "muhammad aslam chaudhry", 5),
        ("fatima bibi", "fatima", 5),
        // The shared "muhammad " start earns nothing.
        ("muhammad aslam", "muhammad akram", 6),
        ("abdul rehman", "abdul razzaq", 6),
        ("ghulam rasool", "ghulam abbas", 6),
        // "muhammad" alone is not containment evidence.
        ("muhammad", "muhammad ali", 6),
        ("muhammad muhammad", "muhammad ali muhammad", 6),
        ("ali", "hassan", 6),
        ("ali ali", "ali", 5),
        ("ali", "ali ali khan", 5),
        ("ali ali", "ali khan hassan", 6),
        ("محمد علی", "علی محمد", 1),
        ("محمد علی", "احمد", 6),
    ];
    for (a, b, want) in cases {
        assert_eq!(c.compare(a, b), *want, "name({a:?}, {b:?})");
        assert_eq!(c.compare(b, a), *want, "name({b:?}, {a:?})");
    }
}

#[test]
fn name_thresholds_are_used() {
    let strict = Comparator::Name {
        high: 0.99,
        low: 0.95,
    };
    let loose = Comparator::Name {
        high: 0.85,
        low: 0.60,
    };
    let cases: &[(&Comparator, &str, &str, u8)] = &[
        // A token within JW 0.90 counts as a full match, so token_set is 1.0.
        (&strict, "muhammad aslam", "muhammad aslem", 2),
        (&strict, "muhammad ali", "muhammad ali khan", 5),
        // The consonants agree: "sounds alike", whatever the thresholds.
        (&strict, "ashfaq", "ishfaq", 3),
        (&loose, "ashfaq", "ishfaq", 2),
        (&strict, "muhammad aslam", "muhammad akram", 6),
        (&loose, "muhammad ali", "muhammad ali khan", 4),
        // JW("aslam", "akram") = 0.76 after the shared "muhammad".
        (&loose, "muhammad aslam", "muhammad akram", 4),
    ];
    for (c, a, b, want) in cases {
        assert_eq!(c.compare(a, b), *want, "{c:?} on {a:?}, {b:?}");
    }
}

#[test]
fn fuzzy_levels() {
    let c = Comparator::Fuzzy {
        thresholds: vec![0.92, 0.80],
    };
    let reversed = Comparator::Fuzzy {
        thresholds: vec![0.80, 0.92],
    };
    let none = Comparator::Fuzzy { thresholds: vec![] };
    let cases: &[(&str, &str, u8, u8)] = &[
        ("model town", "model town", 0, 0),
        ("martha", "marhta", 1, 1),
        ("dwayne", "duane", 2, 1),
        ("dixon", "dicksonx", 2, 1),
        ("abc", "xyz", 3, 1),
        ("lahore", "karachi", 3, 1),
    ];
    for (a, b, want, want_none) in cases {
        assert_eq!(c.compare(a, b), *want, "fuzzy({a:?}, {b:?})");
        assert_eq!(reversed.compare(a, b), *want, "any threshold order");
        assert_eq!(none.compare(a, b), *want_none, "no thresholds");
    }
}

#[test]
fn digits_levels() {
    let c = Comparator::Digits { max_edits: 2 };
    let zero = Comparator::Digits { max_edits: 0 };
    let cases: &[(&str, &str, u8, u8)] = &[
        ("3520212345671", "3520212345671", 0, 0),
        ("3520212345671", "3520213245671", 1, 1),
        ("3520212345671", "3520212345672", 1, 1),
        ("3520212345671", "352021234567", 1, 1),
        ("3520212345671", "4520212345672", 2, 1),
        ("3520212345671", "3520298765431", 3, 1),
        ("3001234567", "3001234576", 1, 1),
        ("3001234567", "3211234567", 2, 1),
        ("3001234567", "4235761234", 3, 1),
    ];
    for (a, b, want, want_zero) in cases {
        assert_eq!(c.compare(a, b), *want, "digits({a:?}, {b:?})");
        assert_eq!(zero.compare(a, b), *want_zero, "digits/0({a:?}, {b:?})");
    }
}

#[test]
fn date_levels() {
    let c = Comparator::Date;
    let cases: &[(&str, &str, u8)] = &[
        ("1985-03-07", "1985-03-07", 0),
        ("1985", "1985", 0),
        ("1985-03-07", "1985-07-03", 1),
        ("1985-03-12", "1985-12-03", 1),
        ("1985-03-07", "1985-03-08", 2),
        ("1985-03-07", "1958-03-07", 2),
        ("1985-03-07", "1986-03-07", 2),
        ("1985-03-17", "1985-03-71", 5),
        ("1985-03-07", "1985-03-21", 3),
        ("1985-03-07", "1985-11-21", 4),
        ("1985-03-07", "1985", 4),
        ("1985", "1985-03-07", 4),
        ("1985-03", "1985-03-27", 3),
        ("1985-03", "1985-04", 4),
        ("1985-03-07", "1987-05-09", 5),
        ("1985", "1986", 5),
        ("1985", "1986-03-07", 5),
        ("1985-03-07", "not a date", 5),
        ("junk", "other junk", 5),
    ];
    for (a, b, want) in cases {
        assert_eq!(c.compare(a, b), *want, "date({a:?}, {b:?})");
        assert_eq!(c.compare(b, a), *want, "date({b:?}, {a:?})");
    }
}

#[test]
fn exact_levels() {
    let c = Comparator::Exact;
    let cases: &[(&str, &str, u8)] = &[("m", "m", 0), ("m", "f", 1), ("lahore", "Lahore", 1)];
    for (a, b, want) in cases {
        assert_eq!(c.compare(a, b), *want, "exact({a:?}, {b:?})");
    }
}

#[test]
fn labels_and_level_counts() {
    let fuzzy = Comparator::Fuzzy {
        thresholds: vec![0.8, 0.925],
    };
    let cases: &[(Comparator, &[&str])] = &[
        (Comparator::Exact, &["exact", "different"]),
        (name_cmp(), &NAME_LABELS),
        (Comparator::Date, &DATE_LABELS),
        (fuzzy, &["exact", "jw>=0.925", "jw>=0.80", "different"]),
        (
            Comparator::Digits { max_edits: 2 },
            &["exact", "1 edit", "2 edits", "different"],
        ),
        (Comparator::Digits { max_edits: 0 }, &["exact", "different"]),
    ];
    for (c, want) in cases {
        assert_eq!(c.labels(), *want, "labels of {c:?}");
        assert_eq!(c.level_count(), want.len(), "level_count of {c:?}");
    }
}

#[test]
fn levels_stay_in_range_and_zero_means_equal() {
    let comparators = [
        Comparator::Exact,
        name_cmp(),
        Comparator::Fuzzy {
            thresholds: vec![0.95, 0.9, 0.8],
        },
        Comparator::Digits { max_edits: 2 },
        Comparator::Date,
    ];
    let values = [
        "muhammad ali khan",
        "khan muhammad ali",
        "ali",
        "muhammad",
        "3520212345671",
        "3520213245671",
        "1985-03-07",
        "1985-07-03",
        "1985",
        "محمد علی",
        "x",
    ];
    for c in &comparators {
        for a in values {
            for b in values {
                let level = c.compare(a, b);
                assert!(usize::from(level) < c.level_count(), "{c:?} {a} {b}");
                assert_eq!(level == 0, a == b, "{c:?} {a} {b}");
            }
        }
    }
}
