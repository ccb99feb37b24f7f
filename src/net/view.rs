//! What one seat may know, computed from the engine's visibility tags: its
//! events, the messages those events concern (as the seat knows them), and
//! the scenario without what is not its own. The server sends exactly this;
//! a local seat of the app can fold the same batches, so a panel never
//! learns whether its exercise is local or remote.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::proto::{Reveal, Seat};
use crate::scenario::{self as sc, Cond, OutcomeTrigger, Scenario, Text, Trigger};
use crate::sim::{Engine, Event, EventKind, Message, MsgId, MsgStatus, Viewer, World};

/// The engine's viewer for a seat; None for a team the scenario lacks.
pub fn viewer(w: &World, seat: &Seat) -> Option<Viewer> {
    match seat {
        Seat::Team(id) => w.ids.teams.get(id).map(|&t| Viewer::Team(t)),
        Seat::Facilitator => Some(Viewer::Facilitator),
        Seat::Observer => Some(Viewer::Public),
    }
}

/// The message an event concerns, if any.
pub fn msg_of(kind: &EventKind) -> Option<MsgId> {
    match *kind {
        EventKind::Sent { msg }
        | EventKind::CallUnanswered { msg, .. }
        | EventKind::Lost { msg }
        | EventKind::Delivered { msg, .. }
        | EventKind::Readable { msg }
        | EventKind::ReplyOverdue { msg }
        | EventKind::AuthStarted { msg, .. }
        | EventKind::AuthResult { msg, .. }
        | EventKind::NormBroken { msg, .. } => Some(msg),
        EventKind::InjectFired { msg, .. } => msg,
        _ => None,
    }
}

/// A message as `viewer` knows it. A receiver does not know a believed
/// spoof for one, nor whether a computer wrote it, and reads nothing before
/// its translation; a sender knows of its message only what its own events
/// said (not when the other side received, read or answered it).
pub fn message(m: &Message, viewer: Viewer) -> Message {
    let mut m = m.clone();
    let me = match viewer {
        Viewer::Facilitator => return m,
        Viewer::Team(t) => Some(t),
        Viewer::Public => None,
    };
    let mine = me.is_some() && m.from == me && m.spoof.is_none();
    if m.spoof.is_some() && !m.exposed {
        m.spoof = None;
        m.from = m.shown_from;
    }
    if !mine {
        m.by_persona = false;
    }
    if mine && m.to.is_some() {
        if m.status != MsgStatus::Unanswered {
            m.status = MsgStatus::InFlight;
        }
        m.delivered_at = None;
        m.readable_at = None;
        m.answered_at = None;
        m.reply_due = None;
    }
    let addressed = m.to.is_none() || (m.to == me && me.is_some());
    let readable = mine || (addressed && m.status == MsgStatus::Readable);
    if !readable {
        m.text = Arc::from("");
        m.fields = Default::default();
    }
    m
}

/// The scenario as `viewer` may know it. Lists keep their length and order,
/// since events name items by index: what a seat may not know is replaced
/// by a placeholder, filled in later by a [`Reveal`] when it happens.
pub fn scenario(s: &Scenario, viewer: Viewer) -> Scenario {
    let me = match viewer {
        Viewer::Facilitator => return s.clone(),
        Viewer::Team(t) => s.teams.get(t).map(|t| t.id.clone()),
        Viewer::Public => None,
    };
    let mut s = s.clone();
    let own = |team: &str| me.as_deref() == Some(team);
    for t in s.teams.iter_mut().filter(|t| !own(&t.id)) {
        t.briefing = Text::default();
        for o in &mut t.objectives {
            o.text = Text::default();
        }
    }
    for v in s.variables.iter_mut().filter(|v| !v.public) {
        v.initial = v.min;
    }
    // What a message does to the state is the facilitator's model.
    for m in &mut s.messages {
        m.on_send.clear();
        m.effects.clear();
    }
    for (i, inj) in s.injects.iter_mut().enumerate() {
        *inj = sc::Inject {
            id: format!("inject-{i}"),
            trigger: Trigger::Reserve,
            probability: 1.0,
            from: None,
            to: sc::Audience::Facilitator,
            via: sc::Via::News,
            title: Text::default(),
            text: Text::default(),
            effects: Vec::new(),
            exposed: Vec::new(),
            ..inj.clone()
        };
    }
    let any_msg = s.messages.first().map(|m| m.id.clone()).unwrap_or_default();
    for (i, x) in s.expectations.iter_mut().enumerate() {
        *x = sc::Expectation {
            id: format!("expectation-{i}"),
            text: Text::default(),
            objective: None,
            rule: sc::Rule::Avoid {
                msg: any_msg.clone(),
                before: None,
            },
            on_met: Vec::new(),
            on_missed: Vec::new(),
            ..x.clone()
        };
    }
    for (i, o) in s.outcomes.iter_mut().enumerate() {
        *o = placeholder_outcome(i, o);
    }
    for (i, p) in s.personas.iter_mut().enumerate() {
        p.rules.clear();
        if !own(&p.team) {
            p.id = format!("persona-{i}");
            p.name = Text::default();
            p.description = Text::default();
        }
    }
    for q in &mut s.debrief.hot_wash {
        q.when = None;
    }
    // What really happened is the facilitator's until the debrief; nothing
    // left in this copy refers to a truth (injects, outcomes, persona rules
    // and expectations are placeholders).
    s.truths.clear();
    // A module's questions for another team are that team's business.
    for m in &mut s.modules {
        m.questions.retain(|q| q.team.as_deref().is_none_or(&own));
    }
    let own_objectives: BTreeSet<String> = s
        .teams
        .iter()
        .filter(|t| own(&t.id))
        .flat_map(|t| t.objectives.iter().map(|o| o.id.clone()))
        .collect();
    for c in s.debrief.criteria.iter_mut() {
        if !own_objectives.contains(&c.objective) {
            c.text = Text::default();
        }
    }
    s
}

fn placeholder_outcome(i: usize, o: &sc::Outcome) -> sc::Outcome {
    sc::Outcome {
        id: format!("outcome-{i}"),
        title: Text::default(),
        text: Text::default(),
        valence: sc::Valence::Mixed,
        // Never evaluated (a seat's copy runs no engine), but it must load:
        // `Always` in each would make every later placeholder unreachable,
        // which the checker refuses (HL0505).
        when: OutcomeTrigger::Timeout(Cond::After(sc::Minutes(1))),
        ..o.clone()
    }
}

/// The scenario item an event shows `viewer`, if it shows one: news from an
/// inject (never a spoof's facilitator note), or the outcome reached.
pub fn reveal(w: &World, ev: &Event, viewer: Viewer) -> Option<Reveal> {
    if viewer == Viewer::Facilitator || !ev.vis.allows(viewer) {
        return None;
    }
    let s = &w.scenario;
    match ev.kind {
        EventKind::InjectFired {
            inject: index,
            msg: None,
        } => {
            let inj = s.injects.get(index)?;
            let via = match &inj.via {
                sc::Via::Spoof { .. } => return None,
                v => v.clone(),
            };
            Some(Reveal::Inject {
                index,
                inject: Box::new(sc::Inject {
                    trigger: Trigger::Reserve,
                    probability: 1.0,
                    via,
                    effects: Vec::new(),
                    exposed: Vec::new(),
                    ..inj.clone()
                }),
            })
        }
        EventKind::OutcomeReached { outcome: index } => {
            let o = s.outcomes.get(index)?;
            Some(Reveal::Outcome {
                index,
                outcome: Box::new(sc::Outcome {
                    when: OutcomeTrigger::Timeout(Cond::Always),
                    ..o.clone()
                }),
            })
        }
        _ => None,
    }
}

/// What a seat has been sent so far; each batch carries what is new.
#[derive(Debug, Clone)]
pub struct SeatStream {
    pub viewer: Viewer,
    /// Engine events looked at (an index into `Engine::events`).
    scanned: usize,
    /// The seat's events so far: their engine indices, in order.
    seen: Vec<u32>,
    known: BTreeSet<MsgId>,
    /// Each known message as last sent on the current connection.
    sent: HashMap<MsgId, Message>,
}

/// The part of a seat's stream to send.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub from: u32,
    pub events: Vec<Event>,
    pub messages: Vec<Message>,
    pub reveal: Vec<Reveal>,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.messages.is_empty() && self.reveal.is_empty()
    }
}

impl SeatStream {
    pub fn new(viewer: Viewer) -> SeatStream {
        SeatStream {
            viewer,
            scanned: 0,
            seen: Vec::new(),
            known: BTreeSet::new(),
            sent: HashMap::new(),
        }
    }

    /// How many events the seat's stream holds.
    pub fn len(&self) -> u32 {
        self.seen.len() as u32
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// The engine's new events this seat may see, numbered as the seat's
    /// own, and its known messages that changed.
    pub fn next(&mut self, e: &Engine) -> Batch {
        let from = self.len();
        let mut b = Batch {
            from,
            ..Batch::default()
        };
        for ev in &e.events()[self.scanned.min(e.events().len())..] {
            if !ev.vis.allows(self.viewer) {
                continue;
            }
            if let Some(m) = msg_of(&ev.kind) {
                self.known.insert(m);
            }
            b.reveal.extend(reveal(e.world(), ev, self.viewer));
            b.events.push(Event {
                seq: self.len(),
                ..ev.clone()
            });
            self.seen.push(ev.seq);
        }
        self.scanned = e.events().len();
        for &id in &self.known {
            let Some(m) = e.state().message(id) else {
                continue;
            };
            let m = message(m, self.viewer);
            if self.sent.get(&id) != Some(&m) {
                self.sent.insert(id, m.clone());
                b.messages.push(m);
            }
        }
        b
    }

    /// Everything a (re)connecting client lacks: the events after the
    /// first `have`, every known message and every reveal, since the
    /// client may have lost its copy of those. None if the client claims
    /// more events than the seat ever had.
    pub fn backlog(&mut self, e: &Engine, have: u32) -> Option<Batch> {
        self.next(e);
        if have > self.len() {
            return None;
        }
        let events = e.events();
        let mut b = Batch {
            from: have,
            ..Batch::default()
        };
        for (n, &g) in self.seen.iter().enumerate() {
            let ev = &events[g as usize];
            b.reveal.extend(reveal(e.world(), ev, self.viewer));
            if n as u32 >= have {
                b.events.push(Event {
                    seq: n as u32,
                    ..ev.clone()
                });
            }
        }
        b.messages = self.sent.values().cloned().collect();
        b.messages.sort_by_key(|m| m.id);
        Some(b)
    }

    /// The engine event behind the seat's `n`th event (tests and audits).
    pub fn engine_index(&self, n: u32) -> Option<u32> {
        self.seen.get(n as usize).copied()
    }
}
