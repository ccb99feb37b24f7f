//! The parts of the state a condition reads, and the parts an event
//! records a change of, as bit sets: when the two do not meet, the event
//! cannot have changed what the condition says (see `settle`).
//!
//! Sent and received counts and variables get a bit per message type or
//! variable, folded modulo the bits available: two types sharing a bit
//! only cost a needless evaluation, never a missed one.

use crate::sim::event::EventKind;
use crate::sim::state::State;
use crate::sim::world::{CCond, Ix};

pub(super) type Aspects = u64;

const SUSPENDED: Aspects = 1 << 0;
const INJECTS: Aspects = 1 << 1;
const EXPECTATIONS: Aspects = 1 << 2;
const OUTCOMES: Aspects = 1 << 3;
const SPOOFS: Aspects = 1 << 4;
const NORMS: Aspects = 1 << 5;
const MODULE: Aspects = 1 << 6;
const TRUTH: Aspects = 1 << 7;
const RUNG: Aspects = 1 << 8;
pub(super) const CLOCK: Aspects = 1 << 9;
pub(super) const ALL: Aspects = Aspects::MAX;

/// Bits 10..28 for variables, 28..46 for sent counts and 46..64 for
/// received counts.
const FOLD: usize = 18;
fn var(v: Ix) -> Aspects {
    1 << (10 + v % FOLD)
}
fn sent(mt: Ix) -> Aspects {
    1 << (10 + FOLD + mt % FOLD)
}
fn received(mt: Ix) -> Aspects {
    1 << (10 + 2 * FOLD + mt % FOLD)
}

/// What a condition reads. No wildcard: a new kind of condition must say.
pub(super) fn reads(c: &CCond) -> Aspects {
    match c {
        CCond::Always => 0,
        CCond::All(v) | CCond::Any(v) => v.iter().map(reads).fold(0, |a, b| a | b),
        CCond::Not(c) => reads(c),
        CCond::Var(v, ..) => var(*v),
        CCond::RungAtLeast(_) => RUNG,
        CCond::After(_) => CLOCK,
        // Counts of the type and, for field tests, the messages of the
        // type sent (whose fields and replies never change); spoofs, which
        // such tests leave out, arrive only with an inject.
        CCond::Sent { msg, .. } => sent(*msg),
        // Counts and, for field tests, when messages of the type were read.
        CCond::Received { msg, .. } => received(*msg),
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

/// What an event records a change of, in state `st` just after it (its
/// message, if any, is already in the log). The rest (a delivery awaiting
/// translation, a persona's draw, an overdue reply, a lost message...)
/// changes only what no condition reads. No wildcard: a new kind of event
/// must be sorted here.
pub(super) fn changed_by(st: &State, kind: &EventKind) -> Aspects {
    use EventKind as K;
    match kind {
        // Sent counts and the message log.
        K::Sent { msg } => st.message(*msg).map_or(ALL, |m| sent(m.mtype)),
        K::NormBroken { .. } => NORMS,
        // Received counts, when the message was read, spoofs believed.
        K::Readable { msg } => st.message(*msg).map_or(ALL, |m| received(m.mtype) | SPOOFS),
        // Spoofs exposed (and no longer believed).
        K::AuthResult { .. } => SPOOFS,
        K::VarChanged { var: v, .. } => var(*v),
        K::RungChanged { .. } => RUNG,
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
