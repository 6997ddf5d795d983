//! Record linkage tuned for Pakistani person records.
//!
//! A profile says, per field, how to normalise it and how to compare two values (in
//! agreement levels). Candidate pairs come from several blocking rules; match (m) and
//! non-match (u) probabilities are learned from the data itself (u from random pairs, m
//! by expectation-maximisation), with term-frequency adjustment so that agreeing on a
//! common name counts less than agreeing on a rare one. Each pair gets a match
//! probability and a per-field explanation; pairs above a threshold are clustered into
//! entities. Pure library: no database, no HTTP.

pub mod blocking;
pub mod cluster;
pub mod compare;
pub mod data;
pub mod evaluate;
pub mod model;
pub mod normalise;
pub mod profile;
pub mod run;
pub mod synth;

pub use data::{Dataset, DatasetBuilder, ReadError, Rejected};
pub use profile::Profile;
pub use run::{Match, Options, Outcome, Stage, cluster_edges, run};
