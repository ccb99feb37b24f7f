//! The exercise state: everything a fold over the actions produces.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

use super::event::MsgId;
use super::world::{Ix, World};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MsgStatus {
    InFlight,
    Unanswered,
    Lost,
    /// Arrived, waiting for translation.
    Delivered,
    Readable,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub id: MsgId,
    pub mtype: Ix,
    pub channel: Ix,
    /// The real sender; None for a third party's spoof.
    pub from: Option<Ix>,
    /// Who the receiver believes sent it.
    pub shown_from: Option<Ix>,
    /// None on a public channel.
    pub to: Option<Ix>,
    pub sent_at: u32,
    pub reply_to: Option<MsgId>,
    /// The inject that planted it, for spoofs.
    pub spoof: Option<Ix>,
    pub by_persona: bool,
    /// Shared: a persona sends the same fields and text in every run, and
    /// each seat's view of a message copies it.
    pub fields: Arc<BTreeMap<String, String>>,
    pub text: Arc<str>,
    pub status: MsgStatus,
    pub delivered_at: Option<u32>,
    pub readable_at: Option<u32>,
    /// When a reply of an expected type was sent.
    pub answered_at: Option<u32>,
    pub reply_due: Option<u32>,
    pub exposed: bool,
    /// How much it counts: 1 for a first gesture, less for a repeat (the
    /// type's `repeats`), 0 for one that counts for nothing (a reply-only
    /// message answering no open offer, a repeat past its limit).
    #[serde(default = "one")]
    pub weight: f64,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InjectState {
    Waiting,
    Fired(u32),
    Skipped(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExpStatus {
    /// Nothing has asked anything of the team yet.
    Idle,
    Pending,
    Met,
    Missed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpState {
    pub status: ExpStatus,
    /// Open SendBy window: its deadline.
    pub deadline: Option<u32>,
    pub met: u32,
    pub missed: u32,
}

/// One ReplyWithin instance: `msg` reached the team, which owes a reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplyWait {
    pub exp: Ix,
    pub msg: MsgId,
    pub deadline: u32,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub now: u32,
    pub vars: Vec<f64>,
    pub rung: Ix,
    pub peak_rung: Ix,
    pub suspended: Vec<bool>,
    pub messages: Vec<Message>,
    /// sent[team * n_msg_types + type]
    pub sent: Vec<u32>,
    pub received: Vec<u32>,
    pub injects: Vec<InjectState>,
    pub exps: Vec<ExpState>,
    pub waits: Vec<ReplyWait>,
    /// norms[team * n_norms + norm]
    pub norms: Vec<u32>,
    pub reached: Vec<Option<u32>>,
    pub outcome: Option<Ix>,
    pub ended_at: Option<u32>,
    pub spoofs_exposed: u32,
    pub spoofs_believed: u32,
    /// The persona playing each team, if any.
    pub personas: Vec<Option<Ix>>,
    /// Bumped when a team changes hands, so a replaced persona's pending
    /// acts are dropped.
    pub persona_gen: Vec<u32>,
    pub paused: bool,
    /// Multiplier of the scenario's clock speed (1x to 60x).
    pub speed: u32,
    /// The hidden truth drawn at the start, if the scenario has truths.
    pub truth: Option<Ix>,
    /// How many modules have ended (the index of the current one).
    pub module: Ix,
    /// counted[team * n_msg_types + type]: messages that counted, for
    /// the type's `repeats`, and when the last one was sent.
    pub counted: Vec<u32>,
    pub last_counted: Vec<Option<u32>>,
}

impl State {
    pub fn new(w: &World) -> State {
        let mut s = State {
            now: 0,
            vars: Vec::new(),
            rung: 0,
            peak_rung: 0,
            suspended: Vec::new(),
            // A playthrough sends a few dozen: growing from empty moved
            // them (large structs) four or five times.
            messages: Vec::with_capacity(32),
            sent: Vec::new(),
            received: Vec::new(),
            injects: Vec::new(),
            exps: Vec::new(),
            waits: Vec::new(),
            norms: Vec::new(),
            reached: Vec::new(),
            outcome: None,
            ended_at: None,
            spoofs_exposed: 0,
            spoofs_believed: 0,
            personas: Vec::new(),
            persona_gen: Vec::new(),
            paused: false,
            speed: 1,
            truth: None,
            module: 0,
            counted: Vec::new(),
            last_counted: Vec::new(),
        };
        s.reset(w);
        s
    }

    /// Back to the state at the start of an exercise, keeping the memory of
    /// its tables: a Monte Carlo thread plays thousands of runs in one
    /// state. Every field is named, so a new one cannot be forgotten here.
    pub fn reset(&mut self, w: &World) {
        fn refill<T: Clone>(v: &mut Vec<T>, n: usize, x: T) {
            v.clear();
            v.resize(n, x);
        }
        let State {
            now,
            vars,
            rung,
            peak_rung,
            suspended,
            messages,
            sent,
            received,
            injects,
            exps,
            waits,
            norms,
            reached,
            outcome,
            ended_at,
            spoofs_exposed,
            spoofs_believed,
            personas,
            persona_gen,
            paused,
            speed,
            truth,
            module,
            counted,
            last_counted,
        } = self;
        let s = &w.scenario;
        let teams = s.teams.len();
        let per_type = teams * s.messages.len();
        vars.clear();
        vars.extend(s.variables.iter().map(|v| v.initial.clamp(v.min, v.max)));
        *rung = w.rung_for(vars[w.ladder_var]);
        *peak_rung = *rung;
        *now = 0;
        suspended.clear();
        suspended.extend(s.channels.iter().map(|c| c.suspended));
        messages.clear();
        refill(sent, per_type, 0);
        refill(received, per_type, 0);
        refill(injects, s.injects.len(), InjectState::Waiting);
        let idle = ExpState {
            status: ExpStatus::Idle,
            deadline: None,
            met: 0,
            missed: 0,
        };
        refill(exps, s.expectations.len(), idle);
        waits.clear();
        refill(norms, teams * s.norms.len(), 0);
        refill(reached, s.outcomes.len(), None);
        *outcome = None;
        *ended_at = None;
        *spoofs_exposed = 0;
        *spoofs_believed = 0;
        refill(personas, teams, None);
        refill(persona_gen, teams, 0);
        *paused = false;
        *speed = 1;
        *truth = None;
        *module = 0;
        refill(counted, per_type, 0);
        refill(last_counted, per_type, None);
    }

    pub fn ended(&self) -> bool {
        self.ended_at.is_some()
    }

    pub fn message(&self, id: MsgId) -> Option<&Message> {
        self.messages.get(id as usize)
    }
}
