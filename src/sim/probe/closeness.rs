//! How near a run came to a Good outcome, to guide the search across the
//! plateau where no candidate reaches Good yet: an outcome's condition is
//! graded from 0 to 1 instead of judged true or false.

use crate::scenario::{Op, Valence};
use crate::sim::cond::eval;
use crate::sim::engine::Engine;
use crate::sim::state::State;
use crate::sim::world::{CCond, World};

/// The Good outcomes' conditions: those judged at any moment, and those
/// judged when time runs out.
pub struct Closeness {
    anytime: Vec<CCond>,
    at_end: Vec<CCond>,
    /// Per variable, the span a gap is measured against.
    spans: Vec<f64>,
}

impl Closeness {
    pub fn new(w: &World) -> Closeness {
        let mut c = Closeness {
            anytime: Vec::new(),
            at_end: Vec::new(),
            spans: (w.scenario.variables.iter())
                .map(|v| (v.max - v.min).max(1e-9))
                .collect(),
        };
        for (o, def) in w.scenario.outcomes.iter().enumerate() {
            if def.valence == Valence::Good {
                let when = w.outcomes[o].when.clone();
                if w.outcomes[o].timeout {
                    c.at_end.push(when);
                } else {
                    c.anytime.push(when);
                }
            }
        }
        c
    }

    /// Nearness of the `When` Good outcomes now, in thousandths.
    pub fn now(&self, e: &Engine) -> u32 {
        self.best(&self.anytime, e)
    }

    /// Nearness of the `Timeout` Good outcomes; meaningful at the end.
    pub fn at_end(&self, e: &Engine) -> u32 {
        self.best(&self.at_end, e)
    }

    fn best(&self, conds: &[CCond], e: &Engine) -> u32 {
        let (w, st) = (e.world(), e.state());
        (conds.iter())
            .map(|c| (self.grade(w, st, c) * 1000.0).round() as u32)
            .max()
            .unwrap_or(0)
    }

    /// 1 when the condition holds; otherwise a share for how much of it
    /// holds (All), or how far a variable is from its threshold.
    fn grade(&self, w: &World, st: &State, c: &CCond) -> f64 {
        match c {
            CCond::All(v) if !v.is_empty() => {
                v.iter().map(|c| self.grade(w, st, c)).sum::<f64>() / v.len() as f64
            }
            CCond::Any(v) => (v.iter()).map(|c| self.grade(w, st, c)).fold(0.0, f64::max),
            CCond::Var(v, op, x) if !eval(w, st, c) => {
                let gap = (st.vars[*v] - x).abs();
                let near = 1.0 - (gap / self.spans[*v]).min(1.0);
                // Equality is a point, not a side: half marks at most.
                if matches!(op, Op::Eq | Op::Ne) {
                    near / 2.0
                } else {
                    near * 0.9
                }
            }
            CCond::RungAtLeast(r) if !eval(w, st, c) => {
                let want = w.scenario.ladder.rungs[*r].from;
                let gap = (want - st.vars[w.ladder_var]).max(0.0);
                0.9 * (1.0 - (gap / self.spans[w.ladder_var]).min(1.0))
            }
            // Anything else (and any kind of condition added later) is
            // simply true or false.
            _ => f64::from(u8::from(eval(w, st, c))),
        }
    }
}
