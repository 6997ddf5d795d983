//! A whole linkage run over a dataset: block, compare, learn, score, cluster.

use rayon::prelude::*;

use crate::{
    blocking::{self, Candidates},
    cluster,
    data::Dataset,
    model::{self, Evidence, Model},
    profile::Profile,
};

/// Settings of a run.
#[derive(Clone, Debug)]
pub struct Options {
    /// Pairs at or above this match probability are reported (and clustered).
    pub threshold: f64,
    /// Seed for the random pairs that estimate u.
    pub seed: u64,
    /// A merge is refused when a cross pair's evidence (log2, without the prior) is below this.
    pub cluster_guard: f64,
    /// Whether a dedupe clusters its matches (a caller that clusters its own way says no).
    pub cluster: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threshold: 0.5,
            seed: 42,
            cluster_guard: -12.0,
            cluster: true,
        }
    }
}

/// Where a run is, for progress reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Blocking,
    Comparing { pairs: usize },
    Training,
    Scoring,
    Clustering,
}

/// A pair at or above the threshold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    pub a: u32,
    pub b: u32,
    pub probability: f32,
}

/// What a run found.
#[derive(Debug)]
pub struct Outcome {
    pub model: Model,
    pub candidates: usize,
    /// Pairs each blocking rule contributed, and blocks it skipped as too large.
    pub per_rule: Vec<(String, u64, u64)>,
    /// Matches ordered by (a, b).
    pub matches: Vec<Match>,
    /// For a dedupe: each record's cluster (the index of its first record).
    pub clusters: Option<Vec<u32>>,
}

/// Runs linkage: a dedupe when `ds.left_len == ds.len()`, otherwise a link of the left
/// records with the right ones.
pub fn run(
    ds: &Dataset,
    profile: &Profile,
    opts: &Options,
    progress: &mut dyn FnMut(Stage),
) -> Outcome {
    progress(Stage::Blocking);
    let keys = blocking::rule_keys(ds, profile);
    let cands: Candidates = blocking::candidates(ds, profile, &keys);
    drop(keys);
    progress(Stage::Comparing {
        pairs: cands.pairs.len(),
    });
    let comparators = profile.comparators();
    let patterns: Vec<u64> = cands
        .pairs
        .par_iter()
        .map(|&(a, b)| model::pattern(ds, &comparators, a as usize, b as usize))
        .collect();
    progress(Stage::Training);
    let model = model::train(ds, profile, &cands, &patterns, opts.seed);
    progress(Stage::Scoring);
    let threshold = opts.threshold;
    let mut matches: Vec<Match> = cands
        .pairs
        .par_iter()
        .zip(patterns.par_iter())
        .filter_map(|(&(a, b), &p)| {
            let prob = Model::probability(model.score_weight(ds, p, a as usize));
            (prob >= threshold).then_some(Match {
                a,
                b,
                probability: prob as f32,
            })
        })
        .collect();
    matches.par_sort_unstable_by_key(|m| (m.a, m.b));
    let per_rule = profile
        .blocking
        .iter()
        .zip(cands.per_rule.iter().zip(&cands.skipped_blocks))
        .map(|(r, (n, s))| (r.name.clone(), *n, *s))
        .collect();
    let candidates = cands.pairs.len();
    drop(patterns);
    drop(cands);
    let clusters = (opts.cluster && ds.left_len == ds.len()).then(|| {
        progress(Stage::Clustering);
        let edges: Vec<(u32, u32, f32)> =
            matches.iter().map(|m| (m.a, m.b, m.probability)).collect();
        cluster_edges(ds, profile, &model, &edges, opts.cluster_guard)
    });
    Outcome {
        model,
        candidates,
        per_rule,
        matches,
        clusters,
    }
}

/// Clusters a dedupe's records from matched pairs `(a, b, probability)`: every record
/// gets the smallest record index of its cluster. Merges that would join records with
/// evidence below `guard` against each other are refused (see [`cluster::clusters`]).
pub fn cluster_edges(
    ds: &Dataset,
    profile: &Profile,
    model: &Model,
    edges: &[(u32, u32, f32)],
    guard: f64,
) -> Vec<u32> {
    let comparators = profile.comparators();
    cluster::clusters(ds.len(), edges, guard, |x, y| {
        let p = model::pattern(ds, &comparators, x as usize, y as usize);
        model.score_weight(ds, p, x as usize) - model.prior_weight
    })
}

/// The evidence for one pair under a trained model.
pub fn explain(
    ds: &Dataset,
    profile: &Profile,
    model: &Model,
    a: usize,
    b: usize,
) -> (f64, Vec<Evidence>) {
    let comparators = profile.comparators();
    let p = model::pattern(ds, &comparators, a, b);
    (
        Model::probability(model.score_weight(ds, p, a)),
        model.explain(ds, p, a),
    )
}
