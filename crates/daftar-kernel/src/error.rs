//! Stable error codes: the `code` member of every problem+json response. Clients match
//! on these strings, so they never change meaning; add new ones instead.

use serde::Serialize;

/// Every error code Daftar answers with, in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request body or query failed validation; see `errors` for each field.
    ValidationFailed,
    /// The body is not well-formed JSON or form data.
    MalformedBody,
    /// The body is larger than the server accepts.
    BodyTooLarge,
    /// No such resource (or it belongs to another province).
    NotFound,
    /// Not logged in, or the token expired.
    Unauthenticated,
    /// Wrong username or password.
    BadCredentials,
    /// Too many failed logins; the account is locked for a while.
    AccountLocked,
    /// The account has been disabled by an administrator.
    AccountDisabled,
    /// Logged in, but the role does not allow this.
    Forbidden,
    /// The form's CSRF token is missing or wrong.
    CsrfFailed,
    /// The change conflicts with current data (duplicate, already retired, ...).
    Conflict,
    /// The server is overloaded; retry after the given time.
    Overloaded,
    /// The request took too long.
    Timeout,
    /// Something failed inside the server; details are in its log, not here.
    Internal,
}

impl ErrorCode {
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::ValidationFailed,
        ErrorCode::MalformedBody,
        ErrorCode::BodyTooLarge,
        ErrorCode::NotFound,
        ErrorCode::Unauthenticated,
        ErrorCode::BadCredentials,
        ErrorCode::AccountLocked,
        ErrorCode::AccountDisabled,
        ErrorCode::Forbidden,
        ErrorCode::CsrfFailed,
        ErrorCode::Conflict,
        ErrorCode::Overloaded,
        ErrorCode::Timeout,
        ErrorCode::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::MalformedBody => "malformed_body",
            ErrorCode::BodyTooLarge => "body_too_large",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::BadCredentials => "bad_credentials",
            ErrorCode::AccountLocked => "account_locked",
            ErrorCode::AccountDisabled => "account_disabled",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::CsrfFailed => "csrf_failed",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Overloaded => "overloaded",
            ErrorCode::Timeout => "timeout",
            ErrorCode::Internal => "internal",
        }
    }
}

/// One field that failed validation: its name (a path such as `parent` or
/// `items[2].code`), the id of a message saying how to fix it (rendered in the reader's
/// language at the edge), and an optional technical detail (e.g. a parser's words).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
            detail: None,
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_match_serde() {
        let mut seen = std::collections::HashSet::new();
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.as_str()));
            assert_eq!(serde_json_like(*c), c.as_str());
        }
    }

    fn serde_json_like(c: ErrorCode) -> String {
        // Debug is CamelCase; the serde name is its snake_case form.
        let dbg = format!("{c:?}");
        let mut out = String::new();
        for (i, ch) in dbg.chars().enumerate() {
            if ch.is_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        }
        out
    }
}
