//! Evaluating compiled conditions against the state.

use super::event::MsgId;
use super::state::{ExpStatus, InjectState, Message, State};
use super::world::{CCond, Ix, World};
use crate::scenario::fields::passes;
use crate::scenario::model::FieldTest;

/// A condition on the state alone (no message being applied).
pub fn eval(w: &World, s: &State, c: &CCond) -> bool {
    eval_in(w, s, c, None)
}

/// A condition read while the effects of message `ctx` apply: `Field`
/// tests read that message (and hold for nothing else).
pub fn eval_in(w: &World, s: &State, c: &CCond, ctx: Option<MsgId>) -> bool {
    let n_msg = w.messages.len();
    let per_team = |counts: &[u32], by: Option<usize>, i: usize, stride: usize| -> u32 {
        match by {
            Some(t) => counts[t * stride + i],
            None => (0..w.team_count()).map(|t| counts[t * stride + i]).sum(),
        }
    };
    match c {
        CCond::Always => true,
        CCond::All(v) => v.iter().all(|c| eval_in(w, s, c, ctx)),
        CCond::Any(v) => v.iter().any(|c| eval_in(w, s, c, ctx)),
        CCond::Not(c) => !eval_in(w, s, c, ctx),
        CCond::Var(v, op, x) => op.holds(s.vars[*v], *x),
        CCond::RungAtLeast(r) => s.rung >= *r,
        CCond::After(t) => s.now >= *t,
        CCond::Sent {
            msg,
            by,
            count,
            fields,
            reply_to,
        } => {
            if fields.is_empty() && reply_to.is_none() {
                return per_team(&s.sent, *by, *msg, n_msg) >= *count;
            }
            let replies = |m: &Message| {
                reply_to.is_none_or(|want| {
                    m.reply_to
                        .and_then(|r| s.message(r))
                        .is_some_and(|o| o.mtype == want)
                })
            };
            let n = (s.messages.iter())
                .filter(|m| m.from.is_some() && m.spoof.is_none())
                .filter(|m| by.is_none_or(|t| m.from == Some(t)))
                .filter(|m| said(m, *msg, fields) && replies(m))
                .count();
            n as u32 >= *count
        }
        CCond::Received { msg, by, fields } => {
            if fields.is_empty() {
                return per_team(&s.received, *by, *msg, n_msg) > 0;
            }
            (s.messages.iter())
                .filter(|m| m.readable_at.is_some() && said(m, *msg, fields))
                .any(|m| by.is_none_or(|t| reaches(m, t)))
        }
        CCond::Field(t) => ctx
            .and_then(|id| s.message(id))
            .is_some_and(|m| passes(t, &m.fields)),
        CCond::Truth(t) => s.truth == Some(*t),
        CCond::ModuleEnded(i) => s.module > *i,
        CCond::Fired(i) => matches!(s.injects[*i], InjectState::Fired(_)),
        CCond::Met(e) => s.exps[*e].status == ExpStatus::Met,
        CCond::Missed(e) => s.exps[*e].status == ExpStatus::Missed,
        CCond::Suspended(ch) => s.suspended[*ch],
        CCond::SpoofExposed => s.spoofs_exposed > 0,
        CCond::SpoofBelieved => s.spoofs_believed > 0,
        CCond::NormBroken { norm, by } => {
            per_team(&s.norms, *by, *norm, w.scenario.norms.len()) > 0
        }
        CCond::Reached(o) => s.reached[*o].is_some(),
    }
}

/// A message of type `mt` that counts and passes every field test.
fn said(m: &Message, mt: Ix, fields: &[FieldTest]) -> bool {
    m.mtype == mt && m.weight > 0.0 && fields.iter().all(|t| passes(t, &m.fields))
}

/// Whether team `t` was a receiver of `m` (a public message reaches every
/// team but its sender).
fn reaches(m: &Message, t: Ix) -> bool {
    match m.to {
        Some(to) => to == t,
        None => m.from != Some(t),
    }
}
