//! Text normalisation shared by indexing and querying.
//!
//! The same folding is applied to documents and to the user's query, so a
//! word typed with Arabic letter variants, diacritics, tatweel or invisible
//! joiners finds the word as stored in Urdu (and vice versa).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Longest word (in bytes, after normalisation) that is indexed or searched.
/// Longer runs are usually garbage (hashes, base64) and would only bloat the
/// term dictionary.
pub(crate) const MAX_WORD_BYTES: usize = 80;

/// Lowercases and folds `text`: Arabic/Persian letter variants become the
/// Urdu forms, Arabic-Indic digits become ASCII, diacritics and invisible
/// formatting characters are removed. Everything else is kept as is.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Appends the normalised form of `c` to `out` (nothing if `c` is removed).
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lc in c.to_lowercase() {
        if let Some(m) = map_char(lc) {
            out.push(m);
        }
    }
}

/// Maps one already lowercased char; `None` means "remove it".
fn map_char(c: char) -> Option<char> {
    let mapped = match c {
        // Yeh: Arabic yeh, alef maksura, Farsi/Kashmiri/Pashto yeh variants,
        // yeh with hamza above.
        '\u{0620}' | '\u{063D}'..='\u{063F}' | '\u{0649}' | '\u{064A}' | '\u{0626}' => '\u{06CC}',
        '\u{06CD}' | '\u{06CE}' | '\u{06D0}' | '\u{06D1}' => '\u{06CC}',
        // Kaf: Arabic kaf, swash kaf.
        '\u{0643}' | '\u{06AA}' => '\u{06A9}',
        // Heh gol: teh marbuta, Arabic heh, ae, heh goal with hamza, heh with yeh above.
        '\u{0629}' | '\u{0647}' | '\u{06D5}' | '\u{06C2}' | '\u{06C0}' => '\u{06C1}',
        // Alef: with madda, hamza above/below, wasla.
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => '\u{0627}',
        // Waw with hamza.
        '\u{0624}' => '\u{0648}',
        // Arabic-Indic and Extended Arabic-Indic (Urdu/Persian) digits.
        '\u{0660}'..='\u{0669}' => digit(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => digit(c as u32 - 0x06F0),
        // Removed: harakat, superscript alef, Quranic marks, honorifics,
        // tatweel, Latin combining accents, soft hyphen, zero-width chars,
        // BOM and bidi controls.
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0610}'..='\u{061A}'
        | '\u{0640}'
        | '\u{0300}'..='\u{036F}'
        | '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => return None,
        // Common Latin accented letters (already lowercase here).
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'ī' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        other => other,
    };
    Some(mapped)
}

fn digit(d: u32) -> char {
    char::from_digit(d, 10).unwrap_or('0')
}

/// Splits `text` into normalised words, calling `f(word, start, end)` where
/// `start..end` is the byte range of the word in the *original* text (so a
/// snippet can be cut from the text as written). Removed characters (e.g. a
/// ZWNJ or a diacritic) do not break a word; anything else that is not
/// alphanumeric after normalisation does. Words longer than
/// [`MAX_WORD_BYTES`] are skipped.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(&str, usize, usize)) {
    let mut word = String::new();
    let mut scratch = String::new();
    let mut start = 0;
    let mut end = 0;
    let mut emit = |word: &mut String, start: usize, end: usize| {
        if !word.is_empty() && word.len() <= MAX_WORD_BYTES {
            f(word, start, end);
        }
        word.clear();
    };
    for (offset, c) in text.char_indices() {
        scratch.clear();
        fold_char(c, &mut scratch);
        for n in scratch.chars() {
            if n.is_alphanumeric() {
                if word.is_empty() {
                    start = offset;
                }
                word.push(n);
                end = offset + c.len_utf8();
            } else {
                emit(&mut word, start, end);
            }
        }
    }
    emit(&mut word, start, end);
}

/// The normalised words of `text`, in order (duplicates kept).
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w, _, _| out.push(w.to_string()));
    out
}

/// Tokenizer: [`normalise`] then split on anything not alphanumeric. Token
/// offsets point into the original text, so snippets keep its spelling.
#[derive(Clone, Default)]
pub(crate) struct DaftarTokenizer;

pub(crate) struct WordStream {
    tokens: std::vec::IntoIter<Token>,
    current: Token,
}

impl Tokenizer for DaftarTokenizer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        let mut tokens = Vec::new();
        for_each_word(text, |word, from, to| {
            let position = tokens.len();
            tokens.push(Token {
                offset_from: from,
                offset_to: to,
                position,
                text: word.to_string(),
                position_length: 1,
            });
        });
        WordStream {
            tokens: tokens.into_iter(),
            current: Token::default(),
        }
    }
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(t) => {
                self.current = t;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letter_variants_fold_to_urdu() {
        // "Pakistan ki" / "kitab" typed with Arabic kaf and yeh vs Urdu ones.
        assert_eq!(normalise("كتاب"), normalise("کتاب"));
        assert_eq!(normalise("كي"), "کی");
        assert_eq!(normalise("علي"), normalise("علی"));
        assert_eq!(normalise("مدرسة"), normalise("مدرسہ"));
        assert_eq!(normalise("مدرسه"), "مدرسہ");
        assert_eq!(normalise("آج"), "اج");
        assert_eq!(normalise("مؤثر"), "موثر");
        assert_eq!(normalise("ئ"), "ی");
        // Yeh barree is kept.
        assert_eq!(normalise("ہے"), "ہے");
    }

    #[test]
    fn diacritics_and_tatweel_removed() {
        assert_eq!(normalise("مُحَمَّد"), "محمد");
        assert_eq!(normalise("مـحـمـد"), "محمد");
        assert_eq!(normalise("رحمٰن"), "رحمن");
        assert_eq!(normalise("کِتَاب"), normalise("كتاب"));
    }

    #[test]
    fn invisible_characters_removed() {
        assert_eq!(normalise("می\u{200C}شود"), "میشود");
        assert_eq!(normalise("\u{FEFF}\u{200F}فائل\u{200D}\u{200B}"), "فایل");
        assert_eq!(normalise("\u{202B}abc\u{202C}\u{2067}x\u{2069}"), "abcx");
        assert_eq!(words("می\u{200C}شود"), vec!["میشود"]);
    }

    #[test]
    fn mixed_sentence() {
        let s = "File No. SO(ADMIN)1-23/2024 کی منظوری DONE";
        assert_eq!(normalise(s), "file no. so(admin)1-23/2024 کی منظوری done");
        assert_eq!(
            words(s),
            vec![
                "file",
                "no",
                "so",
                "admin",
                "1",
                "23",
                "2024",
                "کی",
                "منظوری",
                "done"
            ]
        );
    }

    #[test]
    fn digits_fold_to_ascii() {
        assert_eq!(normalise("۲۰۲۴"), "2024");
        assert_eq!(normalise("٢٠٢٤"), "2024");
        assert_eq!(words("نمبر ۱۲۳"), vec!["نمبر", "123"]);
    }

    #[test]
    fn latin_case_and_accents() {
        assert_eq!(normalise("CAFÉ Café cafe\u{301}"), "cafe cafe cafe");
        assert_eq!(normalise("İstanbul"), "istanbul");
        assert_eq!(normalise("ΣΟΦΙΑ"), "σοφια");
    }

    #[test]
    fn word_offsets_point_into_original_text() {
        let text = "ab, كِتاب!";
        let mut got = Vec::new();
        for_each_word(text, |w, s, e| got.push((w.to_string(), &text[s..e])));
        assert_eq!(
            got,
            vec![("ab".to_string(), "ab"), ("کتاب".to_string(), "كِتاب")]
        );
    }

    #[test]
    fn overlong_words_skipped() {
        let long = "x".repeat(MAX_WORD_BYTES + 1);
        assert_eq!(words(&format!("a {long} b")), vec!["a", "b"]);
        assert!(words("  ()\"' /").is_empty());
    }
}
