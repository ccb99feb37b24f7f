//! The engine: actions in, events out.
//!
//! Time jumps from one due item to the next, so a 48-hour exercise costs
//! what its events cost. Everything random is drawn from one seeded stream
//! in a fixed order, which makes a run a pure function of (scenario, seed,
//! actions).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use super::action::{Action, ActionError};
use super::cond::eval;
use super::event::{Event, EventKind, MsgId, Vis};
use super::rng::Rng;
use super::state::{ExpStatus, InjectState, State};
use super::world::{CEffect, CRule, CTrigger, Ix, World};

/// Work the engine has promised to do at a given minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Due {
    Deliver(MsgId),
    Readable(MsgId),
    ReplyDeadline(MsgId),
    WaitDeadline(usize),
    SendByDeadline(Ix),
    AvoidEnd(Ix),
    Inject(Ix),
    Wakeup,
    AuthResult {
        msg: MsgId,
        team: Ix,
    },
    PersonaAct {
        team: Ix,
        era: u32,
        rule: Ix,
        choice: Ix,
        stim: Option<MsgId>,
    },
    PersonaTick {
        team: Ix,
        era: u32,
        rule: Ix,
    },
    Timeout,
}

#[derive(Clone)]
pub struct Engine {
    pub(super) world: Arc<World>,
    pub(super) st: State,
    pub(super) rng: Rng,
    pub(super) queue: BinaryHeap<Reverse<(u32, u64, Due)>>,
    pub(super) qseq: u64,
    pub(super) events: Vec<Event>,
    pub(super) seed: u64,
}

impl Engine {
    pub fn new(world: Arc<World>, seed: u64) -> Engine {
        let st = State::new(&world);
        let mut e = Engine {
            st,
            rng: Rng::new(seed),
            queue: BinaryHeap::new(),
            qseq: 0,
            events: Vec::new(),
            seed,
            world,
        };
        e.emit(Vis::PUBLIC, EventKind::Started { seed });
        let w = e.world.clone();
        for (i, inj) in w.injects.iter().enumerate() {
            if let CTrigger::At(t) = inj.trigger {
                e.schedule(t, Due::Inject(i));
            }
        }
        for (i, x) in w.expectations.iter().enumerate() {
            match &x.rule {
                CRule::SendBy {
                    by, after: None, ..
                } => {
                    e.st.exps[i].status = ExpStatus::Pending;
                    e.st.exps[i].deadline = Some(*by);
                    e.schedule(*by, Due::SendByDeadline(i));
                }
                CRule::Avoid { before, .. } => {
                    e.st.exps[i].status = ExpStatus::Pending;
                    if let Some(b) = before {
                        e.schedule(*b, Due::AvoidEnd(i));
                    }
                }
                _ => {}
            }
        }
        for &t in &w.wakeups {
            e.schedule(t, Due::Wakeup);
        }
        e.schedule(w.duration, Due::Timeout);
        e.settle();
        e
    }

    pub fn world(&self) -> &Arc<World> {
        &self.world
    }
    pub fn state(&self) -> &State {
        &self.st
    }
    pub fn events(&self) -> &[Event] {
        &self.events
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn now(&self) -> u32 {
        self.st.now
    }
    pub fn ended(&self) -> bool {
        self.st.ended()
    }

    /// The minute of the next thing the engine will do on its own.
    pub fn next_due(&self) -> Option<u32> {
        if self.st.ended() {
            return None;
        }
        self.queue.peek().map(|Reverse((t, _, _))| *t)
    }

    pub(super) fn schedule(&mut self, t: u32, due: Due) {
        self.qseq += 1;
        self.queue.push(Reverse((t, self.qseq, due)));
    }

    pub(super) fn emit(&mut self, vis: Vis, kind: EventKind) {
        let seq = self.events.len() as u32;
        self.events.push(Event {
            seq,
            t: self.st.now,
            vis,
            kind,
        });
    }

    /// Runs everything due up to and including minute `t`, then sets the
    /// clock to `t` (never past the end).
    pub fn advance_to(&mut self, t: u32) {
        self.advance_with(t, |_| {});
    }

    /// `advance_to`, calling `observe` after each step (plans use it to
    /// check conditions that must hold, or never hold, at any moment).
    pub fn advance_with(&mut self, t: u32, mut observe: impl FnMut(&Engine)) {
        while !self.st.ended() {
            match self.queue.peek() {
                Some(Reverse((due_t, _, _))) if *due_t <= t => {}
                _ => break,
            }
            let Some(Reverse((due_t, _, due))) = self.queue.pop() else {
                break;
            };
            self.st.now = self.st.now.max(due_t);
            self.run_due(due);
            self.settle();
            observe(self);
        }
        if !self.st.ended() {
            self.st.now = self.st.now.max(t.min(self.world.duration));
        }
    }

    /// Plays on with no further actions until the exercise ends.
    pub fn run_to_end(&mut self) {
        self.advance_to(u32::MAX);
    }

    /// Checks an action without applying it.
    pub fn check(&self, action: &Action) -> Result<(), ActionError> {
        self.clone_light().apply_inner(action).map(|_| ())
    }

    /// A copy for dry runs: the event log is not needed to validate.
    fn clone_light(&self) -> Engine {
        Engine {
            world: self.world.clone(),
            st: self.st.clone(),
            rng: self.rng.clone(),
            queue: BinaryHeap::new(),
            qseq: self.qseq,
            events: Vec::new(),
            seed: self.seed,
        }
    }

    /// Applies an action at the current minute.
    pub fn apply(&mut self, action: &Action) -> Result<(), ActionError> {
        // Validate on a copy first so a refused action leaves no trace.
        self.check(action)?;
        self.apply_checked(action)
    }

    /// Applies an action that `check` accepted in this very state, without
    /// a second dry run: a session checks, journals, then applies. Given an
    /// unchecked action that is refused, it may leave a partial change.
    pub fn apply_checked(&mut self, action: &Action) -> Result<(), ActionError> {
        self.apply_inner(action)?;
        self.settle();
        Ok(())
    }

    fn apply_inner(&mut self, action: &Action) -> Result<(), ActionError> {
        if matches!(action, Action::Tick) {
            return Ok(());
        }
        if self.st.ended() && !matches!(action, Action::Note(_)) {
            return Err(ActionError::Ended);
        }
        let w = self.world.clone();
        let unknown = |kind: &'static str, id: &str| ActionError::Unknown {
            kind,
            id: id.to_string(),
        };
        match action {
            Action::Send {
                team,
                channel,
                msg,
                fields,
                text,
                reply_to,
            } => {
                let t = *w.ids.teams.get(team).ok_or_else(|| unknown("team", team))?;
                let ch = *w
                    .ids
                    .channels
                    .get(channel)
                    .ok_or_else(|| unknown("channel", channel))?;
                let mt = *w
                    .ids
                    .messages
                    .get(msg)
                    .ok_or_else(|| unknown("message type", msg))?;
                super::send::validate_fields(&w, mt, fields)?;
                self.send(t, ch, mt, fields.clone(), text.clone(), *reply_to, false)?;
            }
            Action::Authenticate {
                team,
                message,
                method,
            } => {
                let t = *w.ids.teams.get(team).ok_or_else(|| unknown("team", team))?;
                self.authenticate(t, *message, *method)?;
            }
            Action::SetPersona { team, persona } => {
                let t = *w.ids.teams.get(team).ok_or_else(|| unknown("team", team))?;
                let p = match persona {
                    Some(p) => {
                        let ix = *w.ids.personas.get(p).ok_or_else(|| unknown("persona", p))?;
                        if w.personas[ix].team != t {
                            return Err(ActionError::WrongTeam {
                                persona: p.clone(),
                                team: team.clone(),
                            });
                        }
                        Some(ix)
                    }
                    None => None,
                };
                self.emit(
                    Vis::FACILITATOR,
                    EventKind::Action {
                        action: action.clone(),
                    },
                );
                self.set_persona(t, p);
            }
            Action::Pause | Action::Resume => {
                self.st.paused = matches!(action, Action::Pause);
                self.emit(
                    Vis::PUBLIC,
                    EventKind::Action {
                        action: action.clone(),
                    },
                );
            }
            Action::SetSpeed(s) => {
                if !(1..=60).contains(s) {
                    return Err(ActionError::BadSpeed(*s));
                }
                self.st.speed = *s;
                self.emit(
                    Vis::PUBLIC,
                    EventKind::Action {
                        action: action.clone(),
                    },
                );
            }
            Action::FireInject(id) => {
                let i = *w.ids.injects.get(id).ok_or_else(|| unknown("inject", id))?;
                if !matches!(w.injects[i].trigger, CTrigger::Reserve) {
                    return Err(ActionError::NotReserve(id.clone()));
                }
                if self.st.injects[i] != InjectState::Waiting {
                    return Err(ActionError::AlreadyFired(id.clone()));
                }
                self.fire_inject(i);
            }
            Action::CustomInject { to, title, text } => {
                let vis = super::inject::audience_vis(&w, to).ok_or_else(|| match to {
                    super::action::Audience::Team(t) => unknown("team", t),
                    _ => ActionError::Ended,
                })?;
                let pick = |x: &crate::scenario::Text| {
                    if x.en.is_empty() {
                        x.zh.clone()
                    } else {
                        x.en.clone()
                    }
                };
                self.emit(
                    vis,
                    EventKind::CustomInject {
                        title: pick(title),
                        text: pick(text),
                    },
                );
            }
            Action::Override { var, value } => {
                let v = *w
                    .ids
                    .vars
                    .get(var)
                    .ok_or_else(|| unknown("variable", var))?;
                let def = &w.s.variables[v];
                if !value.is_finite() || *value < def.min || *value > def.max {
                    return Err(ActionError::OutOfRange {
                        var: var.clone(),
                        value: *value,
                    });
                }
                self.emit(
                    Vis::FACILITATOR,
                    EventKind::Action {
                        action: action.clone(),
                    },
                );
                self.set_var(v, *value);
            }
            Action::Note(_) => self.emit(
                Vis::FACILITATOR,
                EventKind::Action {
                    action: action.clone(),
                },
            ),
            Action::Tick => {}
            Action::End => {
                self.emit(
                    Vis::FACILITATOR,
                    EventKind::Action {
                        action: action.clone(),
                    },
                );
                self.time_out();
            }
        }
        Ok(())
    }

    fn run_due(&mut self, due: Due) {
        match due {
            Due::Deliver(m) => self.deliver(m),
            Due::Readable(m) => self.readable(m),
            Due::ReplyDeadline(m) => self.reply_deadline(m),
            Due::WaitDeadline(i) => self.wait_deadline(i),
            Due::SendByDeadline(e) => {
                if self.st.exps[e].status == ExpStatus::Pending {
                    self.exp_missed(e);
                }
            }
            Due::AvoidEnd(e) => {
                if self.st.exps[e].status == ExpStatus::Pending {
                    self.exp_met(e);
                }
            }
            Due::Inject(i) => {
                if self.st.injects[i] == InjectState::Waiting {
                    self.draw_inject(i);
                }
            }
            Due::Wakeup => {}
            Due::AuthResult { msg, team } => self.auth_result(msg, team),
            Due::PersonaAct {
                team,
                era,
                rule,
                choice,
                stim,
            } => {
                if self.st.persona_gen[team] == era {
                    self.persona_act(team, rule, choice, stim);
                }
            }
            Due::PersonaTick { team, era, rule } => {
                if self.st.persona_gen[team] == era {
                    self.persona_tick(team, rule);
                }
            }
            Due::Timeout => self.time_out(),
        }
    }

    /// Derives what follows from the current state: conditional injects,
    /// SendBy windows and outcomes. Repeats while something changes, since
    /// one inject's effects can trigger another; bounded so a cycle in a
    /// scenario cannot hang the engine.
    pub(super) fn settle(&mut self) {
        let w = self.world.clone();
        for _ in 0..16 {
            if self.st.ended() {
                return;
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
                        return;
                    }
                }
            }
            if self.events.len() == before {
                return;
            }
        }
    }

    fn reach(&mut self, o: Ix) {
        self.st.reached[o] = Some(self.st.now);
        self.emit(Vis::PUBLIC, EventKind::OutcomeReached { outcome: o });
        if self.world.s.outcomes[o].ends {
            self.end(Some(o));
        }
    }

    fn end(&mut self, outcome: Option<Ix>) {
        // Expectations still open are judged as they stand: nothing sent
        // that an Avoid forbade means it was kept.
        let w = self.world.clone();
        for (i, x) in w.expectations.iter().enumerate() {
            if matches!(x.rule, CRule::Avoid { .. }) && self.st.exps[i].status == ExpStatus::Pending
            {
                self.exp_met(i);
            }
        }
        self.st.outcome = outcome;
        self.st.ended_at = Some(self.st.now);
        self.emit(Vis::PUBLIC, EventKind::Ended { outcome });
    }

    fn time_out(&mut self) {
        if self.st.ended() {
            return;
        }
        let w = self.world.clone();
        let pick = w
            .outcomes
            .iter()
            .position(|o| o.timeout && eval(&w, &self.st, &o.when));
        match pick {
            Some(o) => {
                self.st.reached[o] = Some(self.st.now);
                self.emit(Vis::PUBLIC, EventKind::OutcomeReached { outcome: o });
                self.end(Some(o));
            }
            None => self.end(None),
        }
    }

    pub(super) fn set_var(&mut self, v: Ix, value: f64) {
        let def = &self.world.s.variables[v];
        let to = value.clamp(def.min, def.max);
        let from = self.st.vars[v];
        if to == from {
            return;
        }
        let vis = if def.public {
            Vis::PUBLIC
        } else {
            Vis::FACILITATOR
        };
        self.st.vars[v] = to;
        self.emit(vis, EventKind::VarChanged { var: v, from, to });
        if v == self.world.ladder_var {
            let rung = self.world.rung_for(to);
            if rung != self.st.rung {
                let from = self.st.rung;
                self.st.rung = rung;
                self.st.peak_rung = self.st.peak_rung.max(rung);
                self.emit(Vis::PUBLIC, EventKind::RungChanged { from, to: rung });
            }
        }
    }

    pub(super) fn apply_effects(&mut self, effects: &[CEffect], by: Option<Ix>) {
        for e in effects {
            match e {
                CEffect::Add(v, x) => self.set_var(*v, self.st.vars[*v] + x),
                CEffect::Set(v, x) => self.set_var(*v, *x),
                CEffect::Suspend(c) => self.suspend(*c, by, true),
                CEffect::Restore(c) => self.suspend(*c, by, false),
                CEffect::When(c, es) => {
                    if eval(&self.world, &self.st, c) {
                        self.apply_effects(es, by);
                    }
                }
            }
        }
    }

    fn suspend(&mut self, ch: Ix, by: Option<Ix>, on: bool) {
        if self.st.suspended[ch] == on {
            return;
        }
        self.st.suspended[ch] = on;
        let mut vis = Vis::FACILITATOR;
        for &t in &self.world.channels[ch].endpoints {
            vis = vis.with(t);
        }
        if self.world.channels[ch].endpoints.is_empty() {
            vis = Vis::PUBLIC;
        }
        let kind = if on {
            EventKind::ChannelSuspended { channel: ch, by }
        } else {
            EventKind::ChannelRestored { channel: ch, by }
        };
        self.emit(vis, kind);
    }

    pub(super) fn exp_met(&mut self, e: Ix) {
        let x = &mut self.st.exps[e];
        x.met += 1;
        if x.status == ExpStatus::Missed || x.status == ExpStatus::Met {
            return;
        }
        x.status = ExpStatus::Met;
        self.emit(Vis::FACILITATOR, EventKind::ExpectationMet { exp: e });
        let w = self.world.clone();
        self.apply_effects(&w.expectations[e].on_met, None);
    }

    pub(super) fn exp_missed(&mut self, e: Ix) {
        let x = &mut self.st.exps[e];
        x.missed += 1;
        if x.status == ExpStatus::Missed {
            return;
        }
        x.status = ExpStatus::Missed;
        self.emit(Vis::FACILITATOR, EventKind::ExpectationMissed { exp: e });
        let w = self.world.clone();
        self.apply_effects(&w.expectations[e].on_missed, None);
    }

    /// Events a viewer may see.
    pub fn view(&self, viewer: super::event::Viewer) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(move |e| e.vis.allows(viewer))
    }
}
