//! English and Urdu, from Fluent files each module ships. A message missing in one
//! language is a test failure, never a silent fallback.

use std::collections::BTreeSet;

use fluent_bundle::{FluentArgs, FluentResource, concurrent::FluentBundle};
use serde::Serialize;

/// The languages Daftar speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ur,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ur];

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "ur" => Some(Lang::Ur),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ur => "ur",
        }
    }

    /// Text direction for `<html dir=...>`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::En => "ltr",
            Lang::Ur => "rtl",
        }
    }
}

/// Fluent bundles for every language, built once at start-up.
pub struct I18n {
    bundles: Vec<(Lang, FluentBundle<FluentResource>, BTreeSet<String>)>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").finish_non_exhaustive()
    }
}

impl I18n {
    /// Builds the bundles from `(lang, fluent source)` pairs. A syntax error or a
    /// message defined twice is an error naming the message.
    pub fn new(sources: &[(&str, &str)]) -> Result<I18n, String> {
        let mut bundles = Vec::new();
        for lang in Lang::ALL {
            let langid: unic_langid::LanguageIdentifier =
                lang.code().parse().map_err(|e| format!("{e:?}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Bidi isolation marks are left to the markup (<bdi>), not inserted in text.
            bundle.set_use_isolating(false);
            let mut ids = BTreeSet::new();
            for (l, src) in sources.iter().filter(|(l, _)| *l == lang.code()) {
                let res = FluentResource::try_new((*src).to_owned())
                    .map_err(|(_, errs)| format!("{l}: fluent syntax error: {errs:?}"))?;
                for entry in res.entries() {
                    if let fluent_syntax::ast::Entry::Message(m) = entry {
                        ids.insert(m.id.name.to_owned());
                    }
                }
                bundle
                    .add_resource(res)
                    .map_err(|errs| format!("{l}: {errs:?}"))?;
            }
            bundles.push((lang, bundle, ids));
        }
        Ok(I18n { bundles })
    }

    /// The message `id` in `lang`, with arguments. An unknown id renders as the id, so a
    /// slip is visible on the page (and the completeness test catches it first).
    pub fn t(&self, lang: Lang, id: &str, args: &[(&str, String)]) -> String {
        let Some((_, bundle, _)) = self.bundles.iter().find(|(l, _, _)| *l == lang) else {
            return id.to_owned();
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(id, lang = lang.code(), "missing message");
            return id.to_owned();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            // Numbers are passed as numbers, so plural forms select correctly.
            match v.parse::<i64>() {
                Ok(n) => fargs.set(*k, n),
                Err(_) => fargs.set(*k, v.clone()),
            }
        }
        let mut errors = Vec::new();
        let out = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
        out.into_owned()
    }

    /// `t` with owned arguments, as an error carries them.
    pub fn t_owned(&self, lang: Lang, id: &str, args: &[(String, String)]) -> String {
        let args: Vec<(&str, String)> = args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        self.t(lang, id, &args)
    }

    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundles
            .iter()
            .any(|(l, _, ids)| *l == lang && ids.contains(id))
    }

    /// Messages defined in one language and not the other: `(missing in, id)`.
    pub fn missing(&self) -> Vec<(Lang, String)> {
        let mut out = Vec::new();
        for (lang, _, ids) in &self.bundles {
            for (other, _, other_ids) in &self.bundles {
                if other != lang {
                    out.extend(other_ids.difference(ids).map(|id| (*lang, id.clone())));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_reports_gaps() {
        let i = I18n::new(&[
            ("en", "hello = Hello, { $name }\nonly-en = Only"),
            ("ur", "hello = سلام، { $name }"),
        ])
        .expect("valid");
        assert_eq!(
            i.t(Lang::En, "hello", &[("name", "Ali".into())]),
            "Hello, Ali"
        );
        assert_eq!(
            i.t(Lang::Ur, "hello", &[("name", "Ali".into())]),
            "سلام، Ali"
        );
        assert_eq!(i.missing(), vec![(Lang::Ur, "only-en".to_owned())]);
        assert_eq!(i.t(Lang::Ur, "nope", &[]), "nope");
    }
}
