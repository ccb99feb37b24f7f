//! Per-team performance figures and the tension curve, derived from an
//! engine's events and state. Shared by the after-action report and the
//! app's debrief screen, so both always show the same numbers.

use super::engine::Engine;
use super::event::{EventKind, MsgId};
use super::state::{ExpStatus, MsgStatus};
use super::world::{CEffect, Ix, World};
use crate::scenario::{ChannelKind, Direction, Role};

/// What a team did, and how well it kept its commitments.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TeamMetrics {
    pub team: Ix,
    /// Messages the team (or its persona) sent; spoofs in its name excluded.
    pub messages_sent: u32,
    /// Of those, sent by a computer persona.
    pub sent_by_persona: u32,
    /// Sent messages whose type escalates or de-escalates.
    pub escalating: u32,
    pub deescalating: u32,
    /// Median minutes from a message's arrival at this team to its reply,
    /// over messages the team answered.
    pub median_reply: Option<u32>,
    /// Messages to this team that carried a reply deadline, split by how
    /// the deadline went. `acks_open` are unanswered with time still left.
    /// Acknowledgements and exposed spoofs are not owed a reply.
    pub acks_on_time: u32,
    pub acks_late: u32,
    pub acks_open: u32,
    /// Calls this team placed that nobody picked up.
    pub calls_unanswered: u32,
    /// Calls to this team that it did not pick up.
    pub calls_missed: u32,
    pub norms_broken: u32,
    /// Expectations held against this team, by final status.
    pub expectations_met: u32,
    pub expectations_missed: u32,
    pub expectations_open: u32,
    /// Sum of the weights of met expectations, and of judged ones (met or
    /// missed): their ratio is the team's score.
    pub weight_met: f64,
    pub weight_judged: f64,
    /// Highest rung the ladder stood on right after this team's messages
    /// pushed the ladder variable up, whether or not that push crossed a
    /// rung boundary: a team that added tension on a rung others had
    /// reached still drove it there. None if its messages never raised it.
    pub peak_rung: Option<Ix>,
}

impl TeamMetrics {
    /// Weighted share of judged expectations met, 0..=1.
    pub fn score(&self) -> Option<f64> {
        (self.weight_judged > 0.0).then(|| self.weight_met / self.weight_judged)
    }
}

/// What moved the ladder variable: the nearest preceding event that applies
/// effects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    Start,
    /// A message's send effects or read effects; `team` is its real sender.
    Message {
        msg: MsgId,
        team: Option<Ix>,
    },
    Inject(Ix),
    Expectation(Ix),
    /// Exposing a spoof undoes its effects.
    Authentication(MsgId),
    Facilitator,
}

/// The ladder variable's value from minute `t` on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TensionPoint {
    pub t: u32,
    pub value: f64,
    pub rung: Ix,
    /// Sequence number of the event that set it (0 for the start).
    pub seq: u32,
    pub cause: Cause,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub teams: Vec<TeamMetrics>,
    /// One point at the start, then one per change, in order.
    pub tension: Vec<TensionPoint>,
    pub peak_rung: Ix,
    /// Last minute the figures cover: the end, or the clock if still going.
    pub until: u32,
    pub ended: bool,
    pub spoofs_exposed: u32,
    pub spoofs_believed: u32,
}

pub fn metrics(e: &Engine) -> Metrics {
    let w = e.world();
    let tension = tension(e);
    let teams = (0..w.team_count())
        .map(|t| team_metrics(e, t, &tension))
        .collect();
    let st = e.state();
    Metrics {
        teams,
        tension,
        peak_rung: st.peak_rung,
        until: st.ended_at.unwrap_or(st.now),
        ended: st.ended(),
        spoofs_exposed: st.spoofs_exposed,
        spoofs_believed: st.spoofs_believed,
    }
}

/// The ladder variable over time, each change tagged with its cause.
pub fn tension(e: &Engine) -> Vec<TensionPoint> {
    let w = e.world();
    let st = e.state();
    let lv = w.ladder_var;
    let def = &w.scenario.variables[lv];
    let initial = def.initial.clamp(def.min, def.max);
    let mut out = vec![TensionPoint {
        t: 0,
        value: initial,
        rung: w.rung_for(initial),
        seq: 0,
        cause: Cause::Start,
    }];
    let mut cause = Cause::Start;
    for ev in e.events() {
        // Effects are applied synchronously right after the event that
        // triggers them, so the latest such event is the cause.
        match &ev.kind {
            EventKind::Sent { msg } | EventKind::Readable { msg } => {
                let team = st.message(*msg).and_then(|m| m.from);
                cause = Cause::Message { msg: *msg, team };
            }
            EventKind::InjectFired { inject, .. } => cause = Cause::Inject(*inject),
            // A message's send effects follow the expectations its sending
            // settles, so an expectation only takes the blame when its own
            // effects can move the ladder.
            EventKind::ExpectationMet { exp } if touches(&w.expectations[*exp].on_met, lv) => {
                cause = Cause::Expectation(*exp)
            }
            EventKind::ExpectationMissed { exp }
                if touches(&w.expectations[*exp].on_missed, lv) =>
            {
                cause = Cause::Expectation(*exp)
            }
            EventKind::AuthResult { msg, .. } => cause = Cause::Authentication(*msg),
            EventKind::Action { .. } => cause = Cause::Facilitator,
            EventKind::VarChanged { var, to, .. } if *var == lv => out.push(TensionPoint {
                t: ev.t,
                value: *to,
                rung: w.rung_for(*to),
                seq: ev.seq,
                cause,
            }),
            _ => {}
        }
    }
    out
}

/// Whether any of `effects` (nested ones included) can change variable `v`.
fn touches(effects: &[CEffect], v: Ix) -> bool {
    effects.iter().any(|e| match e {
        CEffect::Add(x, _) | CEffect::Set(x, _) => *x == v,
        CEffect::When(_, es) => touches(es, v),
        CEffect::ByField(_, cases) => cases.iter().any(|(_, es)| touches(es, v)),
        CEffect::Suspend(_) | CEffect::Restore(_) => false,
    })
}

fn team_metrics(e: &Engine, t: Ix, tension: &[TensionPoint]) -> TeamMetrics {
    let w: &World = e.world();
    let st = e.state();
    let now = st.ended_at.unwrap_or(st.now);
    let mut m = TeamMetrics {
        team: t,
        ..TeamMetrics::default()
    };
    let mut reply_times = Vec::new();
    for msg in &st.messages {
        let voice = w.scenario.channels[msg.channel].kind == ChannelKind::Voice;
        if msg.from == Some(t) {
            m.messages_sent += 1;
            m.sent_by_persona += msg.by_persona as u32;
            match w.scenario.messages[msg.mtype].direction {
                Direction::Escalate => m.escalating += 1,
                Direction::Deescalate => m.deescalating += 1,
                Direction::Neutral => {}
            }
            if voice && msg.status == MsgStatus::Unanswered {
                m.calls_unanswered += 1;
            }
        }
        if msg.to != Some(t) {
            continue;
        }
        if voice && msg.status == MsgStatus::Unanswered {
            m.calls_missed += 1;
        }
        if let (Some(arrived), Some(answered)) = (msg.delivered_at, msg.answered_at) {
            reply_times.push(answered.saturating_sub(arrived));
        }
        // An acknowledgement needs no acknowledgement, and a spoof the team
        // exposed deserves no answer, whatever deadline the channel set.
        let owed = w.scenario.messages[msg.mtype].role != Role::Acknowledge && !msg.exposed;
        if let Some(due) = msg.reply_due.filter(|_| owed) {
            match msg.answered_at {
                Some(a) if a <= due => m.acks_on_time += 1,
                Some(_) => m.acks_late += 1,
                // Once the exercise is over nothing can still be answered.
                None if now > due || st.ended() => m.acks_late += 1,
                None => m.acks_open += 1,
            }
        }
    }
    m.median_reply = median(&mut reply_times);
    let n_norms = w.scenario.norms.len();
    m.norms_broken = st.norms[t * n_norms..(t + 1) * n_norms].iter().sum();
    for (i, x) in w.expectations.iter().enumerate() {
        if x.team != t {
            continue;
        }
        let weight = w.scenario.expectations[i].weight.max(0.0);
        match st.exps[i].status {
            ExpStatus::Met => {
                m.expectations_met += 1;
                m.weight_met += weight;
                m.weight_judged += weight;
            }
            ExpStatus::Missed => {
                m.expectations_missed += 1;
                m.weight_judged += weight;
            }
            ExpStatus::Idle | ExpStatus::Pending => m.expectations_open += 1,
        }
    }
    m.peak_rung = tension
        .windows(2)
        .filter(|p| p[1].value > p[0].value)
        .filter(|p| matches!(p[1].cause, Cause::Message { team: Some(s), .. } if s == t))
        .map(|p| p[1].rung)
        .max();
    m
}

/// Median in whole minutes; for an even count, the mean of the two middle
/// values rounded down, so the figure never claims a speed nobody had.
fn median(xs: &mut [u32]) -> Option<u32> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_unstable();
    let n = xs.len();
    Some(if n % 2 == 1 {
        xs[n / 2]
    } else {
        ((xs[n / 2 - 1] as u64 + xs[n / 2] as u64) / 2) as u32
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_odd_even_and_empty() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [7]), Some(7));
        assert_eq!(median(&mut [30, 10, 20]), Some(20));
        assert_eq!(median(&mut [40, 10, 20, 30]), Some(25));
        assert_eq!(median(&mut [u32::MAX, u32::MAX]), Some(u32::MAX));
    }

    #[test]
    fn score_needs_a_judged_expectation() {
        let mut m = TeamMetrics {
            expectations_open: 1,
            ..TeamMetrics::default()
        };
        assert_eq!(m.score(), None);
        m.weight_met = 1.0;
        m.weight_judged = 3.0;
        assert_eq!(m.score(), Some(1.0 / 3.0));
    }
}
