//! The search for one team against one set of opponents: a scan of every
//! single act at T+0, then an evolutionary loop (keep the best few, mutate
//! them, add a few random newcomers), then the best shortened step by step
//! and confirmed on seeds the search never saw.
//!
//! Candidates are compared on one fixed list of training seeds, which makes
//! comparisons fair (common random numbers) and the search a pure function
//! of its seed and budget. The rates reported come from the confirmation
//! seeds alone, so a strategy tuned to lucky training draws shows up as it
//! is.

use std::collections::HashSet;
use std::time::Instant;

use super::score::{Bench, Score};
use super::strategy::{MAX_STEPS, Step, Strategy, mutate, random_strategy};
use crate::sim::rng::{Rng, derive_seed};

/// Training seeds per candidate and opponent.
pub const TRAIN: usize = 24;
/// Seeds per candidate and opponent in the opening scan.
const SCAN: usize = 6;
/// Confirmation seeds per finalist and opponent: seeds 1 to 500, the same
/// for every search so that figures compare.
pub const CONFIRM: u64 = 500;
/// Strategies kept from one generation to the next, and made in each.
const KEEP: usize = 8;
const BROOD: usize = 24;
const NEWCOMERS: usize = 4;
pub const FINALISTS: usize = 3;
/// Kept strategies shortened in search of the finalists.
const SHORTENED: usize = FINALISTS + 2;
/// Seeds per opponent on which a step is judged for shortening, and the
/// runs (out of these) a shorter strategy may lose.
const TRIM: usize = 100;
const SLACK: i64 = 2;

pub struct Limits {
    /// Playthroughs, confirmation included.
    pub budget: u64,
    pub seed: u64,
    /// Stop the loop at this moment even with budget left.
    pub deadline: Option<Instant>,
}

pub struct Finalist {
    pub strategy: Strategy,
    /// Over the confirmation seeds.
    pub score: Score,
}

pub struct Found {
    pub playthroughs: u64,
    /// Best first, by their confirmed scores.
    pub finalists: Vec<Finalist>,
}

/// A strategy with its training score.
type Scored = (Strategy, Score);

struct Search<'a, 'b> {
    bench: &'a Bench<'b>,
    train: Vec<u64>,
    trim: Vec<u64>,
    rng: Rng,
    spent: u64,
    seen: HashSet<Strategy>,
}

/// `start` joins the opening pool: strategies found by earlier searches.
pub fn search(bench: &Bench, limits: &Limits, start: &[Strategy]) -> Found {
    if bench.moves.is_empty() {
        return Found {
            playthroughs: 0,
            finalists: Vec::new(),
        };
    }
    let opps = bench.opponents.len() as u64;
    // Shortening and confirmation at their most, kept aside for the end.
    let reserve = (SHORTENED as u64 * (MAX_STEPS as u64 + 1) * TRIM as u64
        + (FINALISTS as u64 + 1) * CONFIRM)
        * opps;
    let budget = limits.budget.saturating_sub(reserve);
    let seeds = |from: usize, n: usize| -> Vec<u64> {
        (from..from + n)
            .map(|i| derive_seed(limits.seed, i as u64))
            .collect()
    };
    let mut s = Search {
        bench,
        train: seeds(0, TRAIN),
        trim: seeds(TRAIN, TRIM),
        rng: Rng::new(derive_seed(limits.seed, 0x5052_4f42)),
        spent: 0,
        seen: HashSet::new(),
    };
    let mut pool = s.scan(budget / 3, start);
    let cost = BROOD as u64 * TRAIN as u64 * opps;
    while s.spent + cost <= budget && limits.deadline.is_none_or(|d| Instant::now() < d) {
        let brood = s.brood(&pool);
        let scored = s.score(brood, Seeds::Train);
        pool.extend(scored);
        rank(&mut pool);
        pool.truncate(KEEP);
    }
    let mut finalists: Vec<Strategy> = Vec::new();
    for (strategy, score) in pool.iter().take(SHORTENED) {
        let short = s.shorten(score.pruned(strategy));
        if finalists.len() < FINALISTS && !finalists.contains(&short) {
            finalists.push(short);
        }
    }
    // The best as found, too: shortening may have cost it a little.
    if let Some((strategy, score)) = pool.first() {
        let whole = score.pruned(strategy);
        if !finalists.contains(&whole) {
            finalists.push(whole);
        }
    }
    let confirm: Vec<u64> = (1..=CONFIRM).collect();
    let scores = bench.score(&finalists, &confirm);
    s.spent += finalists.len() as u64 * CONFIRM * opps;
    let mut out: Vec<Finalist> = (finalists.into_iter().zip(scores))
        .map(|(strategy, score)| Finalist { strategy, score })
        .collect();
    out.sort_by(|a, b| {
        (b.score.key(&b.strategy).cmp(&a.score.key(&a.strategy)))
            .then_with(|| a.strategy.cmp(&b.strategy))
    });
    out.truncate(FINALISTS);
    Found {
        playthroughs: s.spent,
        finalists: out,
    }
}

/// Best first; equal keys in a fixed order so the search is repeatable.
fn rank(pool: &mut [Scored]) {
    pool.sort_by(|(sa, a), (sb, b)| b.key(sb).cmp(&a.key(sa)).then_with(|| sa.cmp(sb)));
}

impl Search<'_, '_> {
    fn score(&mut self, strategies: Vec<Strategy>, which: Seeds) -> Vec<Scored> {
        let seeds = match which {
            Seeds::Scan => &self.train[..SCAN],
            Seeds::Train => &self.train[..],
            Seeds::Trim => &self.trim[..],
        };
        let scores = self.bench.score(&strategies, seeds);
        self.spent += (strategies.len() * seeds.len() * self.bench.opponents.len()) as u64;
        strategies.into_iter().zip(scores).collect()
    }

    /// Every single act at T+0 on a few seeds (as many as `budget` allows,
    /// in a shuffled order), the best of them then scored in full: a cheap
    /// one-message exploit is found here, and the loop starts from the
    /// acts that do something.
    fn scan(&mut self, budget: u64, start: &[Strategy]) -> Vec<Scored> {
        let moves = self.bench.moves;
        let mut singles: Vec<Strategy> = (moves.singles().into_iter())
            .map(|act| Strategy::new(vec![Step { at: 0, act }]))
            .collect();
        for i in (1..singles.len()).rev() {
            let j = ((self.rng.unit() * (i + 1) as f64) as usize).min(i);
            singles.swap(i, j);
        }
        let each = (SCAN * self.bench.opponents.len()) as u64;
        singles.truncate((budget / each.max(1)) as usize);
        self.seen.extend(singles.iter().cloned());
        let mut scanned = self.score(singles, Seeds::Scan);
        rank(&mut scanned);
        let mut best: Vec<Strategy> = scanned.into_iter().take(KEEP).map(|(s, _)| s).collect();
        for s in start {
            if self.seen.insert(s.clone()) {
                best.push(s.clone());
            }
        }
        let mut pool = self.score(best, Seeds::Train);
        rank(&mut pool);
        pool
    }

    /// Children of the kept strategies (the better ones more often), and a
    /// few random newcomers; none the search has already scored.
    fn brood(&mut self, pool: &[Scored]) -> Vec<Strategy> {
        let moves = self.bench.moves;
        let mut out = Vec::with_capacity(BROOD);
        while out.len() < BROOD {
            let mut child = Strategy::default();
            for _ in 0..8 {
                child = if pool.is_empty() || out.len() < NEWCOMERS {
                    random_strategy(&mut self.rng, moves)
                } else {
                    let a = (self.rng.unit() * pool.len() as f64) as usize;
                    let b = (self.rng.unit() * pool.len() as f64) as usize;
                    let parent = &pool[a.min(b).min(pool.len() - 1)].0;
                    mutate(&mut self.rng, moves, parent)
                };
                if !self.seen.contains(&child) {
                    break;
                }
            }
            self.seen.insert(child.clone());
            out.push(child);
        }
        out
    }

    /// Each step in turn left out, for good if that costs at most
    /// [`SLACK`] of the Good runs, or of the Good and Mixed ones, compared
    /// with the strategy as it came (so losses cannot add up). Measured on
    /// seeds of its own: on the training seeds, where the strategy was
    /// chosen, a useless step can look useful by luck. Cheap scripts are
    /// short.
    fn shorten(&mut self, mut best: Strategy) -> Strategy {
        if best.steps.len() <= 1 {
            return best;
        }
        let level = |sc: &Score, s: &Strategy| {
            let k = sc.key(s);
            (i64::from(k.0), i64::from(k.1 + k.2))
        };
        let (_, first) = self.score(vec![best.clone()], Seeds::Trim).remove(0);
        let floor = level(&first, &best);
        let opps = self.bench.opponents.len() as i64;
        let mut i = best.steps.len();
        while i > 0 && best.steps.len() > 1 {
            i -= 1;
            let shorter = best.filtered(|j| j != i);
            let (s, sc) = self.score(vec![shorter], Seeds::Trim).remove(0);
            let (good, fine) = level(&sc, &s);
            if good + SLACK >= floor.0 && fine + SLACK * opps >= floor.1 {
                best = sc.pruned(&s);
                i = i.min(best.steps.len());
            }
        }
        best
    }
}

/// Which seed list a score is on.
#[derive(Clone, Copy)]
enum Seeds {
    Scan,
    Train,
    Trim,
}
