//! Evaluating compiled conditions against the state.

use super::state::{ExpStatus, InjectState, State};
use super::world::{CCond, World};
use crate::scenario::Op;

pub fn compare(a: f64, op: Op, b: f64) -> bool {
    match op {
        Op::Lt => a < b,
        Op::Le => a <= b,
        Op::Gt => a > b,
        Op::Ge => a >= b,
        Op::Eq => (a - b).abs() < 1e-9,
        Op::Ne => (a - b).abs() >= 1e-9,
    }
}

pub fn eval(w: &World, s: &State, c: &CCond) -> bool {
    let n_msg = w.messages.len();
    let per_team = |counts: &[u32], by: Option<usize>, i: usize, stride: usize| -> u32 {
        match by {
            Some(t) => counts[t * stride + i],
            None => (0..w.team_count()).map(|t| counts[t * stride + i]).sum(),
        }
    };
    match c {
        CCond::Always => true,
        CCond::All(v) => v.iter().all(|c| eval(w, s, c)),
        CCond::Any(v) => v.iter().any(|c| eval(w, s, c)),
        CCond::Not(c) => !eval(w, s, c),
        CCond::Var(v, op, x) => compare(s.vars[*v], *op, *x),
        CCond::RungAtLeast(r) => s.rung >= *r,
        CCond::After(t) => s.now >= *t,
        CCond::Sent { msg, by, count } => per_team(&s.sent, *by, *msg, n_msg) >= *count,
        CCond::Received { msg, by } => per_team(&s.received, *by, *msg, n_msg) > 0,
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
