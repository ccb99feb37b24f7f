//! What follows from the state by itself, after every step: conditional
//! injects, SendBy windows that open, outcomes reached.
//!
//! Conditions read only the state and the clock. Every change of the state
//! they read comes with an event, sorted here by the part of the state it
//! changes (its aspect), and the clock matters only when it reaches an
//! `After` threshold (the world's wakeups). A condition none of whose
//! aspects changed since a settle that found nothing to do still says what
//! it said then, which was "no" (a "yes" would have done something), so
//! settling skips it; most steps (a delivery, a persona's tick that chose
//! nothing, a deadline already met) change nothing any condition reads.

use std::sync::Arc;

use super::{Due, Engine};
use crate::sim::cond::eval;
use crate::sim::event::EventKind;
use crate::sim::state::{ExpStatus, InjectState};
use crate::sim::world::{CCond, CRule, CTrigger, Ix, World};

// Aspects of the state, one bit each.
const SENT: u32 = 1 << 0;
const RECEIVED: u32 = 1 << 1;
const VARS: u32 = 1 << 2;
const SUSPENDED: u32 = 1 << 3;
const INJECTS: u32 = 1 << 4;
const EXPECTATIONS: u32 = 1 << 5;
const OUTCOMES: u32 = 1 << 6;
const SPOOFS: u32 = 1 << 7;
const NORMS: u32 = 1 << 8;
const MODULE: u32 = 1 << 9;
const TRUTH: u32 = 1 << 10;
const CLOCK: u32 = 1 << 11;
const ALL: u32 = u32::MAX;

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
    list: Arc<[(Watched, u32)]>,
    /// Aspects changed since the last settle that found nothing to do.
    pub(super) dirty: u32,
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
}

impl Engine {
    /// Derives what follows from the current state.
    pub(super) fn settle(&mut self) {
        if self.st.now >= self.watch.until {
            self.watch.dirty |= CLOCK;
        }
        if self.watch.dirty != 0 && self.settle_passes(false) {
            let w = &self.world;
            let next = w.wakeups.partition_point(|&t| t <= self.st.now);
            self.watch.until = w.wakeups.get(next).copied().unwrap_or(u32::MAX);
            self.watch.dirty = 0;
        }
        #[cfg(test)]
        self.assert_settled();
    }

    /// Evaluates the watched conditions (those whose aspects changed,
    /// or all), repeating while something changes, since one inject's
    /// effects can trigger another; bounded so a cycle in a scenario cannot
    /// hang the engine. True when a pass found nothing to do.
    fn settle_passes(&mut self, all: bool) -> bool {
        let w = self.world.clone();
        let list = self.watch.list.clone();
        for _ in 0..16 {
            if self.st.ended() {
                return false;
            }
            let before = self.events.len();
            for &(watched, aspects) in list.iter() {
                if !all && self.watch.dirty & aspects == 0 {
                    continue;
                }
                match watched {
                    Watched::Inject(i) => {
                        if self.st.injects[i] == InjectState::Waiting
                            && let CTrigger::When(c) = &w.injects[i].trigger
                            && eval(&w, &self.st, c)
                        {
                            self.draw_inject(i);
                        }
                    }
                    Watched::SendBy(i) => {
                        if self.st.exps[i].status == ExpStatus::Idle
                            && let CRule::SendBy {
                                by, after: Some(c), ..
                            } = &w.expectations[i].rule
                            && eval(&w, &self.st, c)
                        {
                            let deadline = self.st.now.saturating_add(*by);
                            self.st.exps[i].status = ExpStatus::Pending;
                            self.st.exps[i].deadline = Some(deadline);
                            self.schedule(deadline, Due::SendByDeadline(i));
                        }
                    }
                    Watched::Outcome(i) => {
                        if self.st.reached[i].is_none() && eval(&w, &self.st, &w.outcomes[i].when) {
                            self.reach(i);
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
    fn assert_settled(&self) {
        if self.watch.dirty != 0 || self.st.ended() {
            return;
        }
        let mut full = self.clone_light();
        full.settle_passes(true);
        assert!(
            full.events.is_empty() && full.st == self.st,
            "settling at minute {} missed {:?}",
            self.st.now,
            full.events
        );
    }
}

/// The aspects of the state a condition reads. No wildcard: a new kind of
/// condition must say what it reads.
fn reads(c: &CCond) -> u32 {
    match c {
        CCond::Always => 0,
        CCond::All(v) | CCond::Any(v) => v.iter().map(reads).fold(0, |a, b| a | b),
        CCond::Not(c) => reads(c),
        CCond::Var(..) | CCond::RungAtLeast(_) => VARS,
        CCond::After(_) => CLOCK,
        // Counts and, for field tests, the messages sent: spoofs, which
        // such tests leave out, arrive only with an inject.
        CCond::Sent { .. } => SENT,
        // Counts and, for field tests, when messages were read.
        CCond::Received { .. } => RECEIVED,
        // The message being applied: settling applies none.
        CCond::Field(_) => 0,
        CCond::Truth(_) => TRUTH,
        CCond::ModuleEnded(_) => MODULE,
        CCond::Fired(_) => INJECTS,
        CCond::Met(_) | CCond::Missed(_) => EXPECTATIONS,
        CCond::Suspended(_) => SUSPENDED,
        CCond::SpoofExposed | CCond::SpoofBelieved => SPOOFS,
        CCond::NormBroken { .. } => NORMS,
        CCond::Reached(_) => OUTCOMES,
    }
}

/// The aspects of the state an event records a change of. The rest (a
/// delivery awaiting translation, a persona's draw, an overdue reply, a
/// lost message...) change only what no condition reads. No wildcard: a
/// new kind of event must be sorted here.
pub(super) fn aspects(kind: &EventKind) -> u32 {
    use EventKind as K;
    match kind {
        // Sent counts and the message log.
        K::Sent { .. } => SENT,
        K::NormBroken { .. } => NORMS,
        // Received counts, when a message was read, spoofs believed.
        K::Readable { .. } => RECEIVED | SPOOFS,
        // Spoofs exposed (and no longer believed).
        K::AuthResult { .. } => SPOOFS,
        K::VarChanged { .. } | K::RungChanged { .. } => VARS,
        K::ChannelSuspended { .. } | K::ChannelRestored { .. } => SUSPENDED,
        K::InjectFired { .. } | K::InjectSkipped { .. } => INJECTS,
        K::ExpectationMet { .. } | K::ExpectationMissed { .. } => EXPECTATIONS,
        K::OutcomeReached { .. } | K::Ended { .. } => OUTCOMES,
        K::TruthDrawn { .. } => TRUTH,
        K::ModuleEnded { .. } => MODULE,
        K::Started { .. }
        | K::Discounted { .. }
        | K::ModuleStarted { .. }
        | K::CallUnanswered { .. }
        | K::Lost { .. }
        | K::Delivered { .. }
        | K::ReplyOverdue { .. }
        | K::AuthStarted { .. }
        | K::CustomInject { .. }
        | K::PersonaChose { .. }
        | K::PersonaBlocked { .. }
        | K::Action { .. } => 0,
    }
}
