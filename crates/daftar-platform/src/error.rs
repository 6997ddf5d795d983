//! The platform's error type, shared by module services. Only `http::problem` turns it
//! into status codes; here it says what went wrong in domain terms.

use daftar_kernel::{ErrorCode, FieldError};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A message's arguments by name, as a conflict carries them to the HTTP edge.
pub type MessageArgs = Vec<(String, String)>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No such thing for this tenant. Also the answer when it exists in another
    /// province: a user never learns that another province's data exists.
    #[error("not found")]
    NotFound,
    #[error("not logged in")]
    Unauthenticated,
    #[error("wrong username or password")]
    BadCredentials,
    #[error("account locked until {until}")]
    AccountLocked { until: String },
    #[error("account disabled")]
    AccountDisabled,
    #[error("not permitted")]
    Forbidden,
    #[error("CSRF token missing or wrong")]
    Csrf,
    /// Input failed validation; each entry names the field and a message id.
    #[error("validation failed: {0:?}")]
    Validation(Vec<FieldError>),
    /// The change conflicts with current data; `field` names the culprit if one does.
    /// `message` is a Fluent message id, `args` its arguments (a file's number, who holds
    /// it); the HTTP edge renders it in the reader's language.
    #[error("conflict: {message} {args:?}")]
    Conflict {
        field: Option<String>,
        message: String,
        args: MessageArgs,
    },
    /// The body is not well-formed JSON or form data (or not of the declared type).
    #[error("malformed body: {0}")]
    Malformed(String),
    #[error("body too large")]
    TooLarge,
    #[error("overloaded")]
    Overloaded,
    #[error("timed out")]
    Timeout,
    #[error("database error: {0}")]
    Db(sqlx::Error),
    #[error("{0}")]
    Internal(String),
}

impl Error {
    /// A single-field validation error. `message` is a Fluent message id such as
    /// `err-required`; the HTTP edge renders it in the reader's language.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Validation(vec![FieldError::new(field, message)])
    }

    /// A conflict with a Fluent message id and its arguments, optionally about a field.
    pub fn conflict(field: Option<&str>, message: &str, args: &[(&str, &str)]) -> Self {
        Error::Conflict {
            field: field.map(str::to_owned),
            message: message.to_owned(),
            args: args
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NotFound => ErrorCode::NotFound,
            Error::Unauthenticated => ErrorCode::Unauthenticated,
            Error::BadCredentials => ErrorCode::BadCredentials,
            Error::AccountLocked { .. } => ErrorCode::AccountLocked,
            Error::AccountDisabled => ErrorCode::AccountDisabled,
            Error::Forbidden => ErrorCode::Forbidden,
            Error::Csrf => ErrorCode::CsrfFailed,
            Error::Validation(_) => ErrorCode::ValidationFailed,
            Error::Conflict { .. } => ErrorCode::Conflict,
            Error::Malformed(_) => ErrorCode::MalformedBody,
            Error::TooLarge => ErrorCode::BodyTooLarge,
            Error::Overloaded => ErrorCode::Overloaded,
            Error::Timeout => ErrorCode::Timeout,
            Error::Db(_) | Error::Internal(_) => ErrorCode::Internal,
        }
    }
}

/// Store errors are mapped here once: a missing row is `NotFound`, a unique violation
/// is a `Conflict`, anything else stays an opaque database error.
impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => Error::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => Error::Conflict {
                field: None,
                message: "err-duplicate".to_owned(),
                args: Vec::new(),
            },
            _ => Error::Db(e),
        }
    }
}

/// Collects field errors while parsing a request, so one response names them all.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn new() -> Self {
        Problems::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// Parses `value` with `parse`, recording `message` against `field` on failure.
    pub fn check<T, E>(
        &mut self,
        field: &str,
        message: &str,
        value: std::result::Result<T, E>,
    ) -> Option<T> {
        match value {
            Ok(v) => Some(v),
            Err(_) => {
                self.add(field, message);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` if nothing was recorded, otherwise the validation error.
    pub fn finish(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(self.0))
        }
    }
}
