//! Scoring strategies over seeds, on several threads. Each candidate's
//! score is a sum of integers over a fixed list of runs, so it does not
//! depend on which thread played which run, nor on how many threads there
//! were.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::closeness::Closeness;
use super::moves::Moves;
use super::play::{Opponent, Ready, Run, play_in, valence};
use super::strategy::Strategy;
use crate::scenario::Valence;
use crate::sim::engine::Engine;
use crate::sim::world::{Ix, World};

/// Outcome counts of a strategy against one opponent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub runs: u32,
    pub good: u32,
    pub mixed: u32,
    pub bad: u32,
    pub none: u32,
    /// Sum over runs of the nearness to Good, in thousandths.
    pub near: u64,
    /// The first seed (in list order) whose run ended Good, else Mixed,
    /// else any: what a written plan replays.
    pub example: Option<(u64, Option<Ix>)>,
    example_rank: u8,
}

impl Counts {
    fn add(&mut self, w: &World, seed: u64, r: &Run) {
        self.runs += 1;
        self.near += u64::from(r.near);
        let rank = match valence(w, r) {
            Some(Valence::Good) => {
                self.good += 1;
                3
            }
            Some(Valence::Mixed) => {
                self.mixed += 1;
                2
            }
            Some(Valence::Bad) => {
                self.bad += 1;
                1
            }
            None => {
                self.none += 1;
                1
            }
        };
        if rank > self.example_rank {
            self.example_rank = rank;
            self.example = Some((seed, r.outcome));
        }
    }
}

/// A strategy's results against each opponent of its search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub per_opponent: Vec<Counts>,
    /// Per step, in how many runs the engine accepted it.
    pub accepted: Vec<u32>,
}

impl Score {
    /// What the search maximises, compared in order: Good in the worst
    /// case over opponents, Good in all, Mixed, nearness to Good, then
    /// fewer steps that did anything, then earlier ones.
    pub fn key(&self, s: &Strategy) -> (u32, u32, u32, u64, i64, i64) {
        let o = &self.per_opponent;
        let used = self.accepted.iter().filter(|&&n| n > 0).count() as i64;
        let time: i64 = (s.steps.iter().zip(&self.accepted))
            .filter(|(_, n)| **n > 0)
            .map(|(st, _)| i64::from(st.at))
            .sum();
        (
            o.iter().map(|c| c.good).min().unwrap_or(0),
            o.iter().map(|c| c.good).sum(),
            o.iter().map(|c| c.mixed).sum(),
            o.iter().map(|c| c.near).sum(),
            -used,
            -time,
        )
    }

    /// The strategy without steps no run accepted: they changed nothing,
    /// so it plays exactly the same.
    pub fn pruned(&self, s: &Strategy) -> Strategy {
        s.filtered(|i| self.accepted[i] > 0)
    }

    /// The strategy pruned, with this score fitted to it: the same runs.
    pub fn prune(mut self, s: &Strategy) -> (Strategy, Score) {
        let short = self.pruned(s);
        self.accepted.retain(|&n| n > 0);
        (short, self)
    }
}

/// The fixed context of a search: the world, the team's moves, the
/// opponents, the nearness measure and the thread count.
pub struct Bench<'a> {
    pub world: &'a Arc<World>,
    pub moves: &'a Moves,
    pub opponents: &'a [Opponent],
    pub near: &'a Closeness,
    pub threads: usize,
}

impl Bench<'_> {
    /// Scores every strategy on every seed against every opponent. Work is
    /// handed out one (strategy, opponent) pair at a time.
    pub fn score(&self, strategies: &[Strategy], seeds: &[u64]) -> Vec<Score> {
        let jobs = strategies.len() * self.opponents.len();
        let next = AtomicUsize::new(0);
        let threads = self.threads.clamp(1, jobs.max(1));
        let done: Vec<Vec<(usize, Counts, Vec<u32>)>> = std::thread::scope(|sc| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    sc.spawn(|| {
                        // A copy per thread: the engine clones its
                        // Arc<World> constantly, and a shared count would
                        // bounce one cache line between the cores.
                        let w = Arc::new(World::clone(self.world));
                        let mut out = Vec::new();
                        loop {
                            let j = next.fetch_add(1, Ordering::Relaxed);
                            if j >= jobs {
                                break out;
                            }
                            let (s, o) = (j / self.opponents.len(), j % self.opponents.len());
                            let (c, a) = self.one(&w, &strategies[s], self.opponents[o], seeds);
                            out.push((j, c, a));
                        }
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|h| h.join().expect("probe thread"))
                .collect()
        });
        let mut scores: Vec<Score> = (strategies.iter())
            .map(|s| Score {
                per_opponent: vec![Counts::default(); self.opponents.len()],
                accepted: vec![0; s.steps.len()],
            })
            .collect();
        for (j, counts, acc) in done.into_iter().flatten() {
            let sc = &mut scores[j / self.opponents.len()];
            sc.per_opponent[j % self.opponents.len()] = counts;
            for (a, b) in sc.accepted.iter_mut().zip(acc) {
                *a += b;
            }
        }
        scores
    }

    fn one(
        &self,
        w: &Arc<World>,
        s: &Strategy,
        opp: Opponent,
        seeds: &[u64],
    ) -> (Counts, Vec<u32>) {
        let ready = Ready::new(w, self.moves, s);
        let mut counts = Counts::default();
        let mut acc = vec![0; s.steps.len()];
        let mut e = Engine::new(w.clone(), 0);
        for &seed in seeds {
            let r = play_in(&mut e, self.near, opp, &ready, seed);
            counts.add(w, seed, &r);
            for (i, a) in acc.iter_mut().enumerate() {
                *a += ((r.accepted >> i) & 1) as u32;
            }
        }
        (counts, acc)
    }
}
