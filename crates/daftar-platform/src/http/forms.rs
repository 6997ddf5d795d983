//! Helpers for form pages (any module's): turning a validation error into the per-field messages and
//! the error summary the templates show.

use std::collections::BTreeMap;

use minijinja::{Value, context};

use crate::{
    error::{Error, MessageArgs},
    i18n::Lang,
    state::AppState,
};

/// `(errors by field, summary list)` for a template, in the reader's language; `None`
/// when the error is not about the form's fields.
pub fn form_errors(
    state: &AppState,
    lang: Lang,
    error: &Error,
) -> Option<(BTreeMap<String, String>, Vec<Value>)> {
    let no_args = MessageArgs::new();
    let fields: Vec<(String, String, &MessageArgs)> = match error {
        Error::Validation(fs) => fs
            .iter()
            .map(|f| (f.field.clone(), f.message.clone(), &no_args))
            .collect(),
        Error::Conflict {
            field: Some(f),
            message,
            args,
        } => vec![(f.clone(), message.clone(), args)],
        Error::BadCredentials => {
            vec![(
                "username".to_owned(),
                "err-bad-credentials".to_owned(),
                &no_args,
            )]
        }
        Error::AccountLocked { .. } => {
            vec![(
                "username".to_owned(),
                "err-account-locked".to_owned(),
                &no_args,
            )]
        }
        Error::AccountDisabled => vec![(
            "username".to_owned(),
            "err-account-disabled".to_owned(),
            &no_args,
        )],
        _ => return None,
    };
    let mut map = BTreeMap::new();
    let mut list = Vec::new();
    for (field, id, args) in fields {
        let msg = state.i18n.t_owned(lang, &id, args);
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
