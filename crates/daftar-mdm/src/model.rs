//! Types of the reference registries.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The two effective-dated registries: geography and organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Registry {
    Geo,
    Org,
}

impl Registry {
    pub fn as_str(self) -> &'static str {
        match self {
            Registry::Geo => "geo",
            Registry::Org => "org",
        }
    }

    /// The audit entity type of a unit of this registry.
    pub fn entity(self) -> &'static daftar_platform::audit::EntitySpec {
        match self {
            Registry::Geo => &crate::store::GEO_UNIT,
            Registry::Org => &crate::store::ORG_UNIT,
        }
    }
}

/// A unit as of a date: its identity, and the version in force then.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct Unit {
    pub code: String,
    pub level: String,
    pub name: String,
    pub name_ur: String,
    /// The parent's code; `null` for a province or a department.
    #[serde(serialize_with = "empty_as_null")]
    #[schema(value_type = Option<String>)]
    pub parent: String,
    /// For offices: the geography unit where the office sits.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub location: String,
    pub effective_from: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retired_on: Option<String>,
}

/// Writes an empty string as `null`: the store keeps "no parent" as `''`.
fn empty_as_null<S: serde::Serializer>(v: &str, s: S) -> Result<S::Ok, S::Error> {
    if v.is_empty() {
        s.serialize_none()
    } else {
        s.serialize_str(v)
    }
}

/// One version of a unit's name and place, and the notification behind it.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct Version {
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub name: String,
    pub name_ur: String,
    pub parent: String,
    pub location: String,
    pub kind: String,
    pub notification_no: String,
    pub notification_date: String,
}

/// A unit with everything its page or API answer shows.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct UnitDetail {
    #[serde(flatten)]
    pub unit: Unit,
    pub as_of: String,
    /// The parent unit as of the same date.
    pub parent_unit: Option<Unit>,
    pub children: Vec<Unit>,
    pub history: Vec<Version>,
    /// For a retired unit: the codes that replaced it.
    pub successors: Vec<String>,
    /// Units this one replaced.
    pub predecessors: Vec<String>,
}

/// A sanctioned post in an office.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct Post {
    pub code: String,
    pub office: String,
    pub designation: String,
    pub designation_ur: String,
    pub bps: i64,
}

/// A public holiday of the province's calendar.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct Holiday {
    pub day: String,
    pub name: String,
    pub name_ur: String,
    pub kind: String,
    pub note: String,
}

/// The notification behind a change: its number, its date, and when it takes effect.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Notification {
    pub notification_no: String,
    /// `YYYY-MM-DD`.
    pub notification_date: String,
    /// `YYYY-MM-DD`.
    pub effective_date: String,
    #[serde(default)]
    pub note: String,
}

/// A new unit, as created on its own or as the product of a split or merge.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUnit {
    pub code: String,
    pub level: String,
    pub name: String,
    pub name_ur: String,
    #[serde(default)]
    pub parent: String,
    #[serde(default)]
    pub location: String,
}

/// A child moved to a new parent as part of a split or merge.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Move {
    pub code: String,
    pub to: String,
}

/// A new unit.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateChange {
    pub notification: Notification,
    pub unit: NewUnit,
}

/// A new name (English and Urdu) for an existing unit.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RenameChange {
    pub notification: Notification,
    pub code: String,
    pub name: String,
    pub name_ur: String,
}

/// New units carved out of `from`; children listed in `moves` go to their new parents.
/// If `retire_source`, `from` ends and points to the new units as successors.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SplitChange {
    pub notification: Notification,
    pub from: String,
    pub into: Vec<NewUnit>,
    #[serde(default)]
    pub moves: Vec<Move>,
    #[serde(default)]
    pub retire_source: bool,
}

/// `sources` end and are replaced by `into` (an existing unit, or `new_unit`); their
/// children move to it.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeChange {
    pub notification: Notification,
    pub sources: Vec<String>,
    pub into: String,
    #[serde(default)]
    pub new_unit: Option<NewUnit>,
}

/// The unit ends; `successors` (if any) take its place. It must have no children left.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RetireChange {
    pub notification: Notification,
    pub code: String,
    #[serde(default)]
    pub successors: Vec<String>,
}

/// A change to a registry, as notified by the government; `kind` says which.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    Create(CreateChange),
    Rename(RenameChange),
    Split(SplitChange),
    Merge(MergeChange),
    Retire(RetireChange),
}

impl Change {
    /// Reads a change from JSON in two steps (the `kind`, then that kind's fields), so
    /// a field error names the field's full path.
    pub fn from_json(mut v: serde_json::Value) -> Result<Change, daftar_platform::Error> {
        use daftar_platform::{Error, http::extract::from_json_value};
        let Some(obj) = v.as_object_mut() else {
            return Err(Error::field("body", "err-invalid-value"));
        };
        let kind = obj
            .remove("kind")
            .and_then(|k| k.as_str().map(str::to_owned));
        Ok(match kind.as_deref() {
            Some("create") => Change::Create(from_json_value(v)?),
            Some("rename") => Change::Rename(from_json_value(v)?),
            Some("split") => Change::Split(from_json_value(v)?),
            Some("merge") => Change::Merge(from_json_value(v)?),
            Some("retire") => Change::Retire(from_json_value(v)?),
            _ => return Err(Error::field("kind", "err-change-kind")),
        })
    }

    pub fn notification(&self) -> &Notification {
        match self {
            Change::Create(c) => &c.notification,
            Change::Rename(c) => &c.notification,
            Change::Split(c) => &c.notification,
            Change::Merge(c) => &c.notification,
            Change::Retire(c) => &c.notification,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Change::Create(_) => "create",
            Change::Rename(_) => "rename",
            Change::Split(_) => "split",
            Change::Merge(_) => "merge",
            Change::Retire(_) => "retire",
        }
    }
}
