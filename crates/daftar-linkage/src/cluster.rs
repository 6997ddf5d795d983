//! Clustering matched pairs into entities: connected components, built from the
//! strongest pairs down, refusing a merge that would put two records with strong
//! evidence against each other in one entity (chaining A~B~C when A and C clearly differ).

/// Union-find with member lists for the guard.
struct Sets {
    parent: Vec<u32>,
    members: Vec<Vec<u32>>,
}

impl Sets {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }
}

/// Members compared on each side when checking a merge (the guard's cost stays bounded).
const GUARD_SAMPLE: usize = 12;

/// Assigns every record (0..n) a cluster: the smallest record index in its cluster.
/// `edges` are (a, b, probability) above the threshold. `evidence(x, y)` is the evidence
/// for a pair without the prior, in log2 units; a merge is refused when any compared
/// cross pair falls below `guard`.
pub fn clusters(
    n: usize,
    edges: &[(u32, u32, f32)],
    guard: f64,
    evidence: impl Fn(u32, u32) -> f64,
) -> Vec<u32> {
    let mut order: Vec<usize> = (0..edges.len()).collect();
    order.sort_unstable_by(|&x, &y| {
        edges[y]
            .2
            .total_cmp(&edges[x].2)
            .then(edges[x].0.cmp(&edges[y].0))
            .then(edges[x].1.cmp(&edges[y].1))
    });
    let mut s = Sets {
        parent: (0..n as u32).collect(),
        members: (0..n as u32).map(|i| vec![i]).collect(),
    };
    for i in order {
        let (a, b, _) = edges[i];
        let (ra, rb) = (s.find(a), s.find(b));
        if ra == rb {
            continue;
        }
        let ok = s.members[ra as usize].iter().take(GUARD_SAMPLE).all(|&x| {
            s.members[rb as usize]
                .iter()
                .take(GUARD_SAMPLE)
                .all(|&y| (x == a && y == b) || evidence(x, y) >= guard)
        });
        if !ok {
            continue;
        }
        let (big, small) = if s.members[ra as usize].len() >= s.members[rb as usize].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        let moved = std::mem::take(&mut s.members[small as usize]);
        s.members[big as usize].extend(moved);
        s.parent[small as usize] = big;
    }
    let mut label = vec![u32::MAX; n];
    let mut out = vec![0u32; n];
    for i in 0..n as u32 {
        let r = s.find(i) as usize;
        if label[r] == u32::MAX {
            label[r] = i;
        }
        out[i as usize] = label[r];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_and_the_guard() {
        // 0-1-2 chained, 3-4 together, 5 alone; 0 and 2 strongly disagree.
        let edges = [(0, 1, 0.99), (1, 2, 0.9), (3, 4, 0.8)];
        let free = clusters(6, &edges, -10.0, |_, _| 0.0);
        assert_eq!(free, vec![0, 0, 0, 3, 3, 5]);
        let guarded = clusters(6, &edges, -10.0, |x, y| {
            if (x, y) == (0, 2) || (x, y) == (2, 0) {
                -20.0
            } else {
                5.0
            }
        });
        assert_eq!(
            guarded,
            vec![0, 0, 2, 3, 3, 5],
            "2 is not chained onto 0 through 1"
        );
    }
}
