//! Pure types every Daftar crate shares. No IO, no async: everything here can be
//! unit-tested in isolation and used from any layer.

pub mod calendar;
pub mod cnic;
pub mod codes;
pub mod date;
pub mod error;
pub mod id;
pub mod money;

pub use calendar::WorkingCalendar;
pub use cnic::Cnic;
pub use codes::Code;
pub use date::{CivilDate, FiscalYear};
pub use error::{ErrorCode, FieldError};
pub use id::{Id, TenantId};
pub use money::Money;
