//! Helpers for form pages (any module's): turning a validation error into the per-field messages and
//! the error summary the templates show.

use std::collections::BTreeMap;

use minijinja::{Value, context};

use crate::{error::Error, i18n::Lang, state::AppState};

/// `(errors by field, summary list)` for a template, in the reader's language; `None`
/// when the error is not about the form's fields.
pub fn form_errors(
    state: &AppState,
    lang: Lang,
    error: &Error,
) -> Option<(BTreeMap<String, String>, Vec<Value>)> {
    let fields: Vec<(String, String)> = match error {
        Error::Validation(fs) => fs
            .iter()
            .map(|f| (f.field.clone(), f.message.clone()))
            .collect(),
        Error::Conflict {
            field: Some(f),
            message,
        } => vec![(f.clone(), message.clone())],
        Error::BadCredentials => vec![("username".to_owned(), "err-bad-credentials".to_owned())],
        Error::AccountLocked { .. } => {
            vec![("username".to_owned(), "err-account-locked".to_owned())]
        }
        Error::AccountDisabled => vec![("username".to_owned(), "err-account-disabled".to_owned())],
        _ => return None,
    };
    let mut map = BTreeMap::new();
    let mut list = Vec::new();
    for (field, id) in fields {
        let msg = state.i18n.t(lang, &id, &[]);
        list.push(context! { field => &field, message => &msg });
        map.entry(field).or_insert(msg);
    }
    Some((map, list))
}

/// A `next` location is followed only if it stays on this site.
pub fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/\\") {
        next
    } else {
        "/"
    }
}
