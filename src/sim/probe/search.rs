//! The search for one team against one set of opponents: a scan of every
//! single act at T+0, then an evolutionary loop (keep the best few, mutate
//! them, add a few random newcomers), then the kept ones shortened step by
//! step, the best of them chosen on seeds of their own and confirmed on
//! seeds 1 to 500.
//!
//! Within a round of generations candidates are compared on one list of
//! training seeds, which makes comparisons fair (common random numbers);
//! each round draws a new list and scores the kept strategies again, so
//! that none survives on lucky draws for long. Every list derives from the
//! search's seed: the search is a pure function of seed and budget. The
//! rates reported come from the confirmation seeds alone.

use std::collections::HashSet;
use std::time::Instant;

use super::score::{Bench, Score};
use super::strategy::{MAX_STEPS, Step, Strategy, mutate, random_strategy};
use crate::sim::rng::{Rng, derive_seed};

/// Training seeds per candidate and opponent.
pub const TRAIN: usize = 24;
/// Generations in a round of the same training seeds.
const ROUND: u64 = 8;
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
/// Seeds per opponent on which a step is judged for shortening and the
/// finalists are chosen, and the runs (out of these) a shorter strategy
/// may lose.
const TRIM: usize = 64;
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
    seed: u64,
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
    let reserve =
        (KEEP as u64 * (MAX_STEPS as u64 + 1) * TRIM as u64 + FINALISTS as u64 * CONFIRM) * opps;
    let budget = limits.budget.saturating_sub(reserve);
    let mut s = Search {
        bench,
        seed: limits.seed,
        train: Vec::new(),
        trim: seed_list(limits.seed, 0, TRIM),
        rng: Rng::new(derive_seed(limits.seed, 0x5052_4f42)),
        spent: 0,
        seen: HashSet::new(),
    };
    s.new_round(0);
    let mut pool = s.scan(budget / 3, start);
    let brood = BROOD as u64 * TRAIN as u64 * opps;
    let rescore = KEEP as u64 * TRAIN as u64 * opps;
    let mut generation = 0;
    loop {
        let round = generation > 0 && generation % ROUND == 0;
        let cost = brood + if round { rescore } else { 0 };
        if s.spent + cost > budget || limits.deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        if round {
            s.new_round(generation / ROUND);
            let kept = pool.into_iter().map(|(st, _)| st).collect();
            pool = s.score(kept, Seeds::Train);
        }
        let children = s.brood(&pool);
        pool.extend(s.score(children, Seeds::Train));
        rank(&mut pool);
        pool.truncate(KEEP);
        generation += 1;
    }
    // Each kept strategy shortened, and the best as found too (shortening
    // may have cost it a little); the finalists chosen on the trim seeds.
    let mut finals: Vec<Scored> = Vec::new();
    for (i, (strategy, score)) in pool.iter().enumerate() {
        let whole = score.pruned(strategy);
        let (first, short) = s.shorten(whole.clone());
        for (st, sc) in [short]
            .into_iter()
            .chain((i == 0).then_some((whole, first)))
        {
            if !finals.iter().any(|(f, _)| *f == st) {
                finals.push((st, sc));
            }
        }
    }
    rank(&mut finals);
    finals.truncate(FINALISTS);
    let finalists: Vec<Strategy> = finals.into_iter().map(|(st, _)| st).collect();
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
    Found {
        playthroughs: s.spent,
        finalists: out,
    }
}

/// `n` seeds from the search's stream, from index `from` on: the trim
/// seeds first, then one list of training seeds per round.
fn seed_list(seed: u64, from: usize, n: usize) -> Vec<u64> {
    (from..from + n)
        .map(|i| derive_seed(seed, i as u64))
        .collect()
}

/// Best first; equal keys in a fixed order so the search is repeatable.
fn rank(pool: &mut [Scored]) {
    pool.sort_by(|(sa, a), (sb, b)| b.key(sb).cmp(&a.key(sa)).then_with(|| sa.cmp(sb)));
}

impl Search<'_, '_> {
    fn new_round(&mut self, round: u64) {
        self.train = seed_list(self.seed, TRIM + round as usize * TRAIN, TRAIN);
    }

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
    /// [`SLACK`] runs (per opponent) of the Good runs in the worst case, of
    /// the Good runs in all, and of the Good and Mixed ones, compared with
    /// the strategy as it came (so losses cannot add up). Measured on seeds
    /// of its own: on the training seeds, where the strategy was chosen, a
    /// useless step can look useful by luck. Cheap scripts are short.
    /// Returns the strategy's score on the trim seeds as it came, and the
    /// shortened strategy with its own.
    fn shorten(&mut self, mut best: Strategy) -> (Score, Scored) {
        let level = |sc: &Score, s: &Strategy| {
            let k = sc.key(s);
            [i64::from(k.0), i64::from(k.1), i64::from(k.1 + k.2)]
        };
        let (_, first) = self.score(vec![best.clone()], Seeds::Trim).remove(0);
        let floor = level(&first, &best);
        let opps = self.bench.opponents.len() as i64;
        let slack = [SLACK, SLACK * opps, SLACK * opps];
        let mut score = first.clone();
        let mut i = best.steps.len();
        while i > 0 && best.steps.len() > 1 {
            i -= 1;
            let shorter = best.filtered(|j| j != i);
            let (s, sc) = self.score(vec![shorter], Seeds::Trim).remove(0);
            let l = level(&sc, &s);
            if (0..3).all(|k| l[k] + slack[k] >= floor[k]) {
                (best, score) = (s, sc);
            }
        }
        // Steps the trim runs never accepted go too: they changed nothing.
        (first, score.prune(&best))
    }
}

/// Which seed list a score is on.
#[derive(Clone, Copy)]
enum Seeds {
    Scan,
    Train,
    Trim,
}
