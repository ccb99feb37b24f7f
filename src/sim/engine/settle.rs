//! What follows from the state by itself, after every step: conditional
//! injects, SendBy windows that open, outcomes reached.

use super::{Due, Engine};
use crate::sim::cond::eval;
use crate::sim::event::EventKind;
use crate::sim::state::{ExpStatus, InjectState};
use crate::sim::world::{CRule, CTrigger};

impl Engine {
    /// Derives what follows from the current state.
    ///
    /// Conditions read only the state and the clock; every change of the
    /// state they read comes with an event that `moves_conditions`, and the
    /// clock matters only when it reaches an `After` threshold (the world's
    /// wakeups). So when neither happened since a settle that found nothing
    /// to do, every condition still says what it said then, and the passes
    /// are skipped: most steps (a delivery, a persona's tick that chose
    /// nothing, a deadline already met) change nothing a condition reads.
    pub(super) fn settle(&mut self) {
        if let Some((changes, until)) = self.settled
            && changes == self.changes
            && self.st.now < until
        {
            #[cfg(test)]
            self.assert_settled();
            return;
        }
        self.settled = None;
        if self.settle_passes() {
            let w = &self.world;
            let next = w.wakeups.partition_point(|&t| t <= self.st.now);
            let until = w.wakeups.get(next).copied().unwrap_or(u32::MAX);
            self.settled = Some((self.changes, until));
        }
    }

    /// Evaluates every condition of injects, expectations and outcomes,
    /// repeating while something changes, since one inject's effects can
    /// trigger another; bounded so a cycle in a scenario cannot hang the
    /// engine. True when a pass found nothing to do.
    fn settle_passes(&mut self) -> bool {
        let w = self.world.clone();
        for _ in 0..16 {
            if self.st.ended() {
                return false;
            }
            let before = self.events.len();
            for (i, inj) in w.injects.iter().enumerate() {
                if let CTrigger::When(c) = &inj.trigger
                    && self.st.injects[i] == InjectState::Waiting
                    && eval(&w, &self.st, c)
                {
                    self.draw_inject(i);
                }
            }
            for (i, x) in w.expectations.iter().enumerate() {
                if let CRule::SendBy {
                    by, after: Some(c), ..
                } = &x.rule
                    && self.st.exps[i].status == ExpStatus::Idle
                    && eval(&w, &self.st, c)
                {
                    let deadline = self.st.now.saturating_add(*by);
                    self.st.exps[i].status = ExpStatus::Pending;
                    self.st.exps[i].deadline = Some(deadline);
                    self.schedule(deadline, Due::SendByDeadline(i));
                }
            }
            for (i, o) in w.outcomes.iter().enumerate() {
                if !o.timeout && self.st.reached[i].is_none() && eval(&w, &self.st, &o.when) {
                    self.reach(i);
                    if self.st.ended() {
                        return false;
                    }
                }
            }
            if self.events.len() == before {
                return true;
            }
        }
        false
    }

    /// Tests check every skipped settle: full passes on a copy must find
    /// nothing to do.
    #[cfg(test)]
    fn assert_settled(&self) {
        let mut full = self.clone_light();
        full.settle_passes();
        assert!(
            full.events.is_empty() && full.st == self.st,
            "a skipped settle at minute {} missed {:?}",
            self.st.now,
            full.events
        );
    }
}

/// Whether an event may change what a condition (`sim::cond`) says: it
/// records a change of the state conditions read. The rest (a delivery
/// awaiting translation, a persona's draw, an overdue reply, a lost
/// message...) changes only what no condition reads. No wildcard: a new
/// kind of event must be sorted here.
pub(super) fn moves_conditions(kind: &EventKind) -> bool {
    use EventKind as K;
    match kind {
        // Sent counts, messages and their fields, norms broken.
        K::Sent { .. } | K::NormBroken { .. } => true,
        // Received counts, read messages, spoofs believed.
        K::Readable { .. } => true,
        // Spoofs exposed (and no longer believed).
        K::AuthResult { .. } => true,
        K::VarChanged { .. } | K::RungChanged { .. } => true,
        K::ChannelSuspended { .. } | K::ChannelRestored { .. } => true,
        K::InjectFired { .. } | K::InjectSkipped { .. } => true,
        K::ExpectationMet { .. } | K::ExpectationMissed { .. } => true,
        K::OutcomeReached { .. } | K::Ended { .. } => true,
        K::TruthDrawn { .. } | K::ModuleEnded { .. } => true,
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
        | K::Action { .. } => false,
    }
}
