//! What follows from the state by itself, after every step: conditional
//! injects, SendBy windows that open, outcomes reached.
//!
//! Conditions read only the state and the clock. Every change of the state
//! they read comes with an event, sorted by the part of the state it
//! changes (`aspects`), and the clock matters only when it reaches an
//! `After` threshold (the world's wakeups). A condition none of whose
//! aspects changed since a settle that found nothing to do still says what
//! it said then, which was "no" (a "yes" would have done something), so
//! settling skips it; most steps (a delivery, a persona's tick that chose
//! nothing, a deadline already met) change nothing any condition reads.

use std::sync::Arc;

use super::aspects::{ALL, Aspects, CLOCK, reads};
use super::{Due, Run};
use crate::sim::cond::eval;
use crate::sim::state::{ExpStatus, InjectState};
use crate::sim::world::{CRule, CTrigger, Ix, World};

/// A condition settling evaluates.
#[derive(Clone, Copy)]
enum Watched {
    Inject(Ix),
    SendBy(Ix),
    Outcome(Ix),
}

/// What settling knows about the conditions it watches.
#[derive(Clone)]
pub(super) struct Watch {
    /// Settling's conditions in the order it evaluates them, each with
    /// the aspects it reads.
    list: Arc<[(Watched, Aspects)]>,
    /// Aspects changed since the last settle that found nothing to do.
    pub(super) dirty: Aspects,
    /// The next minute at which the clock alone may change a condition.
    until: u32,
}

impl Watch {
    pub(super) fn new(w: &World) -> Watch {
        let injects = w.injects.iter().enumerate().filter_map(|(i, inj)| {
            let CTrigger::When(c) = &inj.trigger else {
                return None;
            };
            Some((Watched::Inject(i), reads(c)))
        });
        let send_bys = w.expectations.iter().enumerate().filter_map(|(i, x)| {
            let CRule::SendBy { after: Some(c), .. } = &x.rule else {
                return None;
            };
            Some((Watched::SendBy(i), reads(c)))
        });
        let outcomes = (w.outcomes.iter().enumerate())
            .filter(|(_, o)| !o.timeout)
            .map(|(i, o)| (Watched::Outcome(i), reads(&o.when)));
        Watch {
            list: injects.chain(send_bys).chain(outcomes).collect(),
            dirty: ALL,
            until: 0,
        }
    }

    /// As at the start of a run: nothing known, everything to evaluate.
    pub(super) fn restart(&mut self) {
        self.dirty = ALL;
        self.until = 0;
    }
}

impl Run {
    /// Derives what follows from the current state.
    pub(super) fn settle(&mut self, w: &World) {
        if self.st.now >= self.watch.until {
            self.watch.dirty |= CLOCK;
        }
        if self.watch.dirty != 0 && self.settle_passes(w, false) {
            let next = w.wakeups.partition_point(|&t| t <= self.st.now);
            self.watch.until = w.wakeups.get(next).copied().unwrap_or(u32::MAX);
            self.watch.dirty = 0;
        }
        #[cfg(test)]
        self.assert_settled(w);
    }

    /// Evaluates the watched conditions (those whose aspects changed,
    /// or all), repeating while something changes, since one inject's
    /// effects can trigger another; bounded so a cycle in a scenario cannot
    /// hang the engine. True when a pass found nothing to do.
    fn settle_passes(&mut self, w: &World, all: bool) -> bool {
        for _ in 0..16 {
            if self.st.ended() {
                return false;
            }
            let before = self.events.len();
            // By index: holding the list (an `Arc` clone) across the
            // `&mut self` calls below cost two atomic operations a settle.
            for k in 0..self.watch.list.len() {
                let (watched, aspects) = self.watch.list[k];
                if !all && self.watch.dirty & aspects == 0 {
                    continue;
                }
                match watched {
                    Watched::Inject(i) => {
                        if self.st.injects[i] == InjectState::Waiting
                            && let CTrigger::When(c) = &w.injects[i].trigger
                            && eval(w, &self.st, c)
                        {
                            self.draw_inject(w, i);
                        }
                    }
                    Watched::SendBy(i) => {
                        if self.st.exps[i].status == ExpStatus::Idle
                            && let CRule::SendBy {
                                by, after: Some(c), ..
                            } = &w.expectations[i].rule
                            && eval(w, &self.st, c)
                        {
                            let deadline = self.st.now.saturating_add(*by);
                            self.st.exps[i].status = ExpStatus::Pending;
                            self.st.exps[i].deadline = Some(deadline);
                            self.schedule(deadline, Due::SendByDeadline(i));
                        }
                    }
                    Watched::Outcome(i) => {
                        if self.st.reached[i].is_none() && eval(w, &self.st, &w.outcomes[i].when) {
                            self.reach(w, i);
                            if self.st.ended() {
                                return false;
                            }
                        }
                    }
                }
            }
            if self.events.len() == before {
                return true;
            }
        }
        false
    }

    /// Tests check every settle that left nothing to do: full passes over
    /// every condition, on a copy, must find nothing either.
    #[cfg(test)]
    fn assert_settled(&self, w: &World) {
        if self.watch.dirty != 0 || self.st.ended() {
            return;
        }
        let mut full = self.clone_light();
        full.settle_passes(w, true);
        assert!(
            full.events.is_empty() && full.st == self.st,
            "settling at minute {} missed {:?}",
            self.st.now,
            full.events
        );
    }
}
