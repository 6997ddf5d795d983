//! Similarity of strings and token lists: Jaro-Winkler, bounded Damerau-Levenshtein, token sets.

use std::cell::RefCell;

/// Values up to this many bytes (or chars) are compared with stack buffers only.
pub(super) const STACK: usize = 64;

/// Damerau-Levenshtein's fallback keeps rows for strings up to this long on the stack.
pub(super) const DL_STACK: usize = 32;

/// Tokens per name up to this many are matched with stack buffers only.
pub(super) const STACK_TOKENS: usize = 16;

/// Token-pair scores kept on the stack (8 by 8 tokens); more go on the heap.
pub(super) const SCORE_STACK: usize = 64;

/// Calls `f` with the chars of `s`, gathered on the stack when they fit.
pub(super) fn with_chars<R>(s: &str, f: impl FnOnce(&[char]) -> R) -> R {
    let mut buf = ['\0'; STACK];
    let mut n = 0;
    for c in s.chars() {
        if n == STACK {
            let v: Vec<char> = s.chars().collect();
            return f(&v);
        }
        buf[n] = c;
        n += 1;
    }
    f(&buf[..n])
}

// ---------------------------------------------------------------------------
// Jaro-Winkler
// ---------------------------------------------------------------------------

/// Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, max prefix 4).
///
/// 1.0 exactly when the strings are equal; two empty strings are equal, and an empty
/// string against a non-empty one scores 0. As in Winkler's original definition, the
/// prefix bonus is applied only when the Jaro similarity exceeds 0.7, so that a shared
/// first letter does not lift two unrelated strings. Characters are compared as
/// Unicode scalar values.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.is_ascii() && b.is_ascii() {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        let jaro = if fits_word(a) && fits_word(b) && !b.is_empty() {
            with_pattern(b, |pm| jaro_bits(a, b.len(), pm))
        } else {
            jaro_slices(a, b)
        };
        winkler(a, b, jaro)
    } else {
        with_chars(a, |ca| {
            with_chars(b, |cb| winkler(ca, cb, jaro_slices(ca, cb)))
        })
    }
}

/// Adds Winkler's bonus for a common prefix to a Jaro similarity.
pub(super) fn winkler<T: PartialEq>(a: &[T], b: &[T], jaro: f64) -> f64 {
    if jaro <= 0.7 {
        return jaro;
    }
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count();
    jaro + 0.1 * prefix as f64 * (1.0 - jaro)
}

// Bit-parallel kernels. For ASCII strings of at most 64 bytes, a per-thread table gives,
// for each byte value, the bit set of the positions where it occurs in one string; the
// kernels then do a few word operations per byte of the other string instead of a scan.
// The table is cleared entry by entry after use, so it is never zeroed wholesale.

/// Whether a byte string is short enough for the bit-parallel kernels.
pub(super) fn fits_word(s: &[u8]) -> bool {
    s.len() <= 64
}

thread_local! {
    static PATTERN: RefCell<[u64; 128]> = const { RefCell::new([0; 128]) };
}

/// Calls `f` with the position masks of the ASCII string `s` (at most 64 bytes).
pub(super) fn with_pattern<R>(s: &[u8], f: impl FnOnce(&[u64; 128]) -> R) -> R {
    fn fill(pm: &mut [u64; 128], s: &[u8]) {
        for (j, &c) in s.iter().enumerate() {
            pm[usize::from(c & 0x7f)] |= 1u64 << j;
        }
    }
    PATTERN.with(|cell| match cell.try_borrow_mut() {
        Ok(mut pm) => {
            fill(&mut pm, s);
            let result = f(&pm);
            for &c in s {
                pm[usize::from(c & 0x7f)] = 0;
            }
            result
        }
        // Only reachable if a kernel were ever re-entered; stay correct regardless.
        Err(_) => {
            let mut pm = [0u64; 128];
            fill(&mut pm, s);
            f(&pm)
        }
    })
}

/// Jaro similarity of `a` against the string `b` of length `lb` whose position masks
/// are `pm`; both at most 64 bytes, `b` non-empty.
pub(super) fn jaro_bits(a: &[u8], lb: usize, pm: &[u64; 128]) -> f64 {
    let la = a.len();
    if la == 0 {
        return 0.0;
    }
    let window = (la.max(lb) / 2).saturating_sub(1);
    // The positions of `b` within the window around position `i` of `a`, slid along
    // as `i` advances. Positions past `lb` need no masking: `pm` has no bits there.
    let mut bound = if window >= 63 {
        u64::MAX
    } else {
        (1u64 << (window + 1)) - 1
    };
    let mut a_matched = 0u64;
    let mut b_matched = 0u64;
    for (i, &c) in a.iter().enumerate() {
        let candidates = pm[usize::from(c & 0x7f)] & bound & !b_matched;
        // The lowest set bit: the first unmatched equal byte, as in the scan.
        let first = candidates & candidates.wrapping_neg();
        b_matched |= first;
        a_matched |= u64::from(first != 0) << i;
        bound = if i < window {
            (bound << 1) | 1
        } else {
            bound << 1
        };
    }
    let matches = a_matched.count_ones();
    if matches == 0 {
        return 0.0;
    }
    let mut half_transpositions = 0u32;
    let (mut am, mut bm) = (a_matched, b_matched);
    while am != 0 {
        let i = am.trailing_zeros();
        let j = bm.trailing_zeros();
        am &= am - 1;
        bm &= bm - 1;
        // The byte of `b` at `j` is the one whose mask has bit `j` set.
        if pm[usize::from(a[i as usize] & 0x7f)] & (1u64 << j) == 0 {
            half_transpositions += 1;
        }
    }
    let m = f64::from(matches);
    let t = f64::from(half_transpositions) / 2.0;
    (m / la as f64 + m / lb as f64 + (m - t) / m) / 3.0
}

pub(super) fn jaro_slices<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    let (la, lb) = (a.len(), b.len());
    if la == 0 && lb == 0 {
        return 1.0;
    }
    if la == 0 || lb == 0 {
        return 0.0;
    }
    let window = (la.max(lb) / 2).saturating_sub(1);
    let mut a_stack = [false; STACK];
    let mut b_stack = [false; STACK];
    let mut a_heap;
    let mut b_heap;
    let (a_matched, b_matched): (&mut [bool], &mut [bool]) = if la <= STACK && lb <= STACK {
        (&mut a_stack[..la], &mut b_stack[..lb])
    } else {
        a_heap = vec![false; la];
        b_heap = vec![false; lb];
        (&mut a_heap, &mut b_heap)
    };

    let mut matches = 0usize;
    for (i, x) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(lb);
        for j in lo..hi {
            if !b_matched[j] && b[j] == *x {
                a_matched[i] = true;
                b_matched[j] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }

    // Matched characters that are out of order, counted in pairs.
    let mut half_transpositions = 0usize;
    let mut b_matches = b.iter().zip(b_matched.iter()).filter(|(_, m)| **m);
    for (x, _) in a.iter().zip(a_matched.iter()).filter(|(_, m)| **m) {
        if let Some((y, _)) = b_matches.next()
            && x != y
        {
            half_transpositions += 1;
        }
    }
    let m = matches as f64;
    let t = half_transpositions as f64 / 2.0;
    (m / la as f64 + m / lb as f64 + (m - t) / m) / 3.0
}

// ---------------------------------------------------------------------------
// Damerau-Levenshtein (optimal string alignment)
// ---------------------------------------------------------------------------

/// Damerau-Levenshtein (optimal string alignment: insert, delete, substitute, adjacent transposition) distance, bounded: returns `max + 1` as soon as the distance must exceed `max`.
///
/// So the result is `min(distance, max + 1)`. Optimal string alignment edits no
/// substring twice, so `"ca"` → `"abc"` is 3, not 2 as in unrestricted Damerau-
/// Levenshtein; for typing slips in identifiers the two agree. Characters are compared
/// as Unicode scalar values.
pub fn damerau_levenshtein(a: &str, b: &str, max: usize) -> usize {
    if a == b {
        return 0;
    }
    if a.is_ascii() && b.is_ascii() {
        let over = max.saturating_add(1);
        let (a, b) = strip_common_affixes(a.as_bytes(), b.as_bytes());
        let (a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
        if a.len() - b.len() > max {
            return over;
        }
        if b.is_empty() {
            return a.len().min(over);
        }
        if fits_word(b) {
            with_pattern(b, |pm| osa_bits(a, b.len(), pm)).min(over)
        } else {
            osa_slices(a, b, max)
        }
    } else {
        with_chars(a, |ca| with_chars(b, |cb| osa_slices(ca, cb, max)))
    }
}

/// The two strings without their common prefix and suffix, which never need an edit,
/// transpositions included.
pub(super) fn strip_common_affixes<'a, T: PartialEq>(a: &'a [T], b: &'a [T]) -> (&'a [T], &'a [T]) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (&a[..a.len() - suffix], &b[..b.len() - suffix])
}

/// Optimal-string-alignment distance between `a` and the non-empty string of length
/// `lb` (at most 64) whose position masks are `pm`: Hyyrö's bit-parallel algorithm
/// (2003), one column of the dynamic-programming matrix per byte of `a`.
pub(super) fn osa_bits(a: &[u8], lb: usize, pm: &[u64; 128]) -> usize {
    let mut vp = u64::MAX;
    let mut vn = 0u64;
    let mut d0 = 0u64;
    let mut pm_old = 0u64;
    let mut dist = lb;
    let last = 1u64 << (lb - 1);
    for &c in a {
        let pm_j = pm[usize::from(c & 0x7f)];
        let transposed = ((!d0 & pm_j) << 1) & pm_old;
        d0 = ((pm_j & vp).wrapping_add(vp) ^ vp) | pm_j | vn | transposed;
        let hp = vn | !(d0 | vp);
        let hn = d0 & vp;
        if hp & last != 0 {
            dist += 1;
        }
        if hn & last != 0 {
            dist -= 1;
        }
        let hp = (hp << 1) | 1;
        let hn = hn << 1;
        vp = hn | !(d0 | hp);
        vn = hp & d0;
        pm_old = pm_j;
    }
    dist
}

pub(super) fn osa_slices<T: PartialEq>(a: &[T], b: &[T], max: usize) -> usize {
    let over = max.saturating_add(1);
    let (a, b) = strip_common_affixes(a, b);
    // The inner loop runs over the shorter string; the distance is symmetric.
    let (a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
    let (la, lb) = (a.len(), b.len());
    if la - lb > max {
        return over;
    }
    if lb == 0 {
        return la.min(over);
    }

    let mut stack = [[0usize; DL_STACK + 1]; 3];
    let mut heap;
    let [r0, r1, r2] = &mut stack;
    let (mut before, mut prev, mut cur): (&mut [usize], &mut [usize], &mut [usize]) =
        if lb <= DL_STACK {
            (&mut r0[..=lb], &mut r1[..=lb], &mut r2[..=lb])
        } else {
            heap = vec![0usize; 3 * (lb + 1)];
            let (h0, rest) = heap.split_at_mut(lb + 1);
            let (h1, h2) = rest.split_at_mut(lb + 1);
            (h0, h1, h2)
        };
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=la {
        cur[0] = i;
        let mut row_min = i;
        for j in 1..=lb {
            let substitution = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut d = substitution.min(prev[j] + 1).min(cur[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        // Each row's minimum is at most one more than the previous row's and the
        // transposition reaches back only one further, so once a whole row is over
        // the bound every later row is too.
        if row_min > max {
            return over;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[lb].min(over)
}

// ---------------------------------------------------------------------------
// token set
// ---------------------------------------------------------------------------

/// The minimum Jaro-Winkler for two tokens to count as the same word in [`token_set`].
pub(super) const TOKEN_MATCH: f64 = 0.90;

/// Token-set similarity of two space-separated token lists in [0, 1]: tokens are matched one to one greedily by best Jaro-Winkler (a pair counts if JW >= 0.90); score = matched / max(len_a, len_b). Order does not matter ("khan ali" vs "ali khan" is 1.0).
///
/// Tokens are separated by ASCII whitespace and repeated separators are ignored. Two
/// empty lists score 1.0, an empty list against a non-empty one 0.0. Ties between equally good pairs go to the earlier tokens, so the
/// result is deterministic.
pub fn token_set(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    with_tokens(a, |ta| with_tokens(b, |tb| token_set_slices(ta, tb)))
}

/// The tokens of a normalised value. Splitting on any ASCII whitespace and skipping
/// empty tokens costs nothing extra and tolerates values that were not quite normalised.
pub(super) fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split_ascii_whitespace()
}

/// Calls `f` with the tokens of `s`, gathered on the stack when they fit.
pub(super) fn with_tokens<R>(s: &str, f: impl FnOnce(&[&str]) -> R) -> R {
    let mut buf = [""; STACK_TOKENS];
    let mut n = 0;
    for t in tokens(s) {
        if n == STACK_TOKENS {
            let v: Vec<&str> = tokens(s).collect();
            return f(&v);
        }
        buf[n] = t;
        n += 1;
    }
    f(&buf[..n])
}

pub(super) fn token_set_slices(ta: &[&str], tb: &[&str]) -> f64 {
    let (la, lb) = (ta.len(), tb.len());
    if la == 0 && lb == 0 {
        return 1.0;
    }
    if la == 0 || lb == 0 {
        return 0.0;
    }
    let mut used_stack = [false; 2 * STACK_TOKENS];
    let mut used_heap;
    let used: &mut [bool] = if la + lb <= used_stack.len() {
        &mut used_stack[..la + lb]
    } else {
        used_heap = vec![false; la + lb];
        &mut used_heap
    };
    let (used_a, used_b) = used.split_at_mut(la);

    // Equal tokens first. Only equal strings have a Jaro-Winkler of 1, and the greedy
    // pass below takes the best pair with the lowest indices first, so pairing equal
    // tokens in index order up front is what it would do, without scoring them.
    let mut matched = 0usize;
    for (i, x) in ta.iter().enumerate() {
        if let Some(j) = (0..lb).find(|&j| !used_b[j] && tb[j] == *x) {
            used_a[i] = true;
            used_b[j] = true;
            matched += 1;
        }
    }
    let longest = la.max(lb) as f64;
    if matched == la.min(lb) {
        return matched as f64 / longest;
    }

    let mut score_stack = [0.0f64; SCORE_STACK];
    let mut score_heap;
    let scores: &mut [f64] = if la * lb <= SCORE_STACK {
        &mut score_stack[..la * lb]
    } else {
        score_heap = vec![0.0; la * lb];
        &mut score_heap
    };
    for (j, y) in tb.iter().enumerate() {
        if !used_b[j] {
            score_column(ta, used_a, y, |i, score| scores[i * lb + j] = score);
        }
    }
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for i in (0..la).filter(|&i| !used_a[i]) {
            for j in (0..lb).filter(|&j| !used_b[j]) {
                let s = scores[i * lb + j];
                if s >= TOKEN_MATCH && best.is_none_or(|(bs, _, _)| s > bs) {
                    best = Some((s, i, j));
                }
            }
        }
        let Some((_, i, j)) = best else { break };
        used_a[i] = true;
        used_b[j] = true;
        matched += 1;
    }
    matched as f64 / longest
}

/// Scores every unused token of `ta` against `y`, reporting `(index, jw)`. A pair that
/// cannot reach [`TOKEN_MATCH`] may be reported as 0 without being scored. ASCII
/// tokens share one position table for `y`.
pub(super) fn score_column(
    ta: &[&str],
    used_a: &[bool],
    y: &str,
    mut report: impl FnMut(usize, f64),
) {
    let yb = y.as_bytes();
    let unused = ta.iter().enumerate().filter(|(i, _)| !used_a[*i]);
    if !(y.is_ascii() && fits_word(yb)) {
        for (i, x) in unused {
            report(i, jaro_winkler(x, y));
        }
        return;
    }
    with_pattern(yb, |pm| {
        for (i, x) in unused {
            let xb = x.as_bytes();
            let score = if !(x.is_ascii() && fits_word(xb)) {
                jaro_winkler(x, y)
            } else if can_reach_token_match(xb, yb) {
                winkler(xb, yb, jaro_bits(xb, yb.len(), pm))
            } else {
                0.0
            };
            report(i, score);
        }
    });
}

/// Whether two non-empty ASCII tokens could have a Jaro-Winkler of at least
/// [`TOKEN_MATCH`], judging only by their lengths and common prefix: at best every
/// character of the shorter matches in order.
pub(super) fn can_reach_token_match(x: &[u8], y: &[u8]) -> bool {
    let (lx, ly) = (x.len() as f64, y.len() as f64);
    let m = lx.min(ly);
    let jaro = (m / lx + m / ly + 1.0) / 3.0;
    winkler(x, y, jaro) >= TOKEN_MATCH
}

// ---------------------------------------------------------------------------
// comparators
// ---------------------------------------------------------------------------
