//! A strategy: a short list of timed acts, and the random changes the
//! search makes to it. Every change draws from the search's own seeded
//! stream, so a search is repeatable.

use super::moves::{Act, Moves};
use crate::sim::rng::Rng;

/// Longer scripts are not cheap scripts, and each step costs search time.
pub const MAX_STEPS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Step {
    pub at: u32,
    pub act: Act,
}

/// Steps in time order; steps of the same minute keep their order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Strategy {
    pub steps: Vec<Step>,
}

impl Strategy {
    pub fn new(mut steps: Vec<Step>) -> Strategy {
        steps.sort_by_key(|s| s.at);
        Strategy { steps }
    }

    /// The strategy without the steps `keep` says no to.
    pub fn filtered(&self, keep: impl Fn(usize) -> bool) -> Strategy {
        let steps = (self.steps.iter().enumerate())
            .filter(|(i, _)| keep(*i))
            .map(|(_, s)| s.clone())
            .collect();
        Strategy { steps }
    }
}

/// An index below `n`, uniformly.
fn below(rng: &mut Rng, n: usize) -> usize {
    let u = rng.unit();
    index(u, n)
}

fn index(u: f64, n: usize) -> usize {
    ((u * n as f64) as usize).min(n.saturating_sub(1))
}

/// A time from the grid, most often an early one (the square of a uniform
/// draw leans towards 0).
fn early_time(rng: &mut Rng, m: &Moves) -> u32 {
    let u = rng.unit();
    m.times[index(u * u, m.times.len())]
}

/// Any act the team can make, sends far more often than checks.
pub fn random_act(rng: &mut Rng, m: &Moves) -> Act {
    if !m.auths.is_empty() && (m.sends.is_empty() || rng.chance(0.1)) {
        return Act::Authenticate(below(rng, m.auths.len()));
    }
    let menu = below(rng, m.sends.len());
    let s = &m.sends[menu];
    Act::Send {
        menu,
        channel: below(rng, s.channels.len()),
        values: s.values.iter().map(|v| below(rng, v.len())).collect(),
        // Mostly unprompted: an answer needs something to answer.
        reply: if rng.chance(0.6) {
            0
        } else {
            below(rng, s.replies.len())
        },
    }
}

pub fn random_strategy(rng: &mut Rng, m: &Moves) -> Strategy {
    let n = 1 + below(rng, 4);
    Strategy::new(
        (0..n)
            .map(|_| Step {
                at: early_time(rng, m),
                act: random_act(rng, m),
            })
            .collect(),
    )
}

/// One to three random changes: add, drop, replace, retune or move a step.
pub fn mutate(rng: &mut Rng, m: &Moves, s: &Strategy) -> Strategy {
    let mut steps = s.steps.clone();
    let changes = 1 + usize::from(rng.chance(0.4)) + usize::from(rng.chance(0.2));
    for _ in 0..changes {
        let n = steps.len();
        let kind = if n == 0 { 0 } else { below(rng, 7) };
        match kind {
            // Add a new step, or repeat one at another time.
            0 | 1 if n < MAX_STEPS => {
                let act = if kind == 1 && n > 0 {
                    steps[below(rng, n)].act.clone()
                } else {
                    random_act(rng, m)
                };
                steps.push(Step {
                    at: early_time(rng, m),
                    act,
                });
            }
            2 if n > 1 => {
                steps.remove(below(rng, n));
            }
            3 => {
                let i = below(rng, n);
                steps[i].act = random_act(rng, m);
            }
            4 | 5 => {
                let i = below(rng, n);
                steps[i].act = retune(rng, m, &steps[i].act);
            }
            _ => {
                let i = below(rng, n);
                steps[i].at = shift(rng, m, steps[i].at);
            }
        }
    }
    Strategy::new(steps)
}

/// The same act with one of its channel, a field's value or its reply
/// changed.
fn retune(rng: &mut Rng, m: &Moves, act: &Act) -> Act {
    let Act::Send {
        menu,
        channel,
        values,
        reply,
    } = act
    else {
        return random_act(rng, m);
    };
    let s = &m.sends[*menu];
    let (mut channel, mut values, mut reply) = (*channel, values.clone(), *reply);
    match below(rng, 3) {
        0 if !values.is_empty() => {
            let f = below(rng, values.len());
            values[f] = below(rng, s.values[f].len());
        }
        1 => channel = below(rng, s.channels.len()),
        _ => reply = below(rng, s.replies.len()),
    }
    Act::Send {
        menu: *menu,
        channel,
        values,
        reply,
    }
}

/// A nearby time on the grid, earlier a little more often than later.
fn shift(rng: &mut Rng, m: &Moves, at: u32) -> u32 {
    let i = m.times.iter().position(|&t| t >= at).unwrap_or(0) as i64;
    let d = 1 + below(rng, 3) as i64;
    let j = if rng.chance(0.55) { i - d } else { i + d };
    m.times[j.clamp(0, m.times.len() as i64 - 1) as usize]
}
