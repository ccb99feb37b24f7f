//! The engine: actions in, events out.
//!
//! Time jumps from one due item to the next, so a 48-hour exercise costs
//! what its events cost. Everything random is drawn from one seeded stream
//! in a fixed order, which makes a run a pure function of (scenario, seed,
//! actions).

use std::sync::Arc;

use super::action::{Action, ActionError};
use super::event::{Event, EventKind, MsgId, Viewer, Vis};
use super::rng::{Rng, derive_seed};
use super::state::{ExpStatus, InjectState, State};
use super::world::{CRule, CTrigger, Ix, World};

// The engine's parts share its private fields and helpers; nothing outside
// this folder reaches into them.
mod act;
mod agenda;
mod aspects;
mod inject;
mod persona;
mod rules;
mod seen;
mod send;
mod settle;
#[cfg(test)]
mod tests;

pub use seen::SeenClock;

/// Work the engine has promised to do at a given minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Due {
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
    /// Rule and choice as u32 keep a `Due` to 32 bytes (see below).
    PersonaAct {
        team: Ix,
        era: u32,
        rule: u32,
        choice: u32,
        stim: Option<MsgId>,
    },
    PersonaTick {
        team: Ix,
        era: u32,
        rule: Ix,
    },
    ModuleEnd(Ix),
    Timeout,
}

// An agenda entry (minute and item) is then 40 bytes, and a push moves the
// entries due sooner than it: small items keep that cheap.
const _: () = assert!(std::mem::size_of::<Due>() <= 32);
// The log holds about a hundred events a run, written once and copied with it.
const _: () = assert!(std::mem::size_of::<Event>() <= 72);

/// One exercise: the scenario it plays, shared and never changed, and the
/// run, which every step changes.
#[derive(Clone)]
pub struct Engine {
    world: Arc<World>,
    run: Run,
}

/// Everything the engine changes. Its methods are handed the world rather
/// than reaching for the engine's `Arc`: cloning that `Arc` to hold it
/// across a `&mut self` call cost two atomic operations a call, hundreds
/// per playthrough: without them, 100,000 Wrong Target runs took 2.1 s
/// instead of 3.3 s.
#[derive(Clone)]
struct Run {
    st: State,
    rng: Rng,
    queue: agenda::Agenda,
    events: Vec<Event>,
    seed: u64,
    /// Which conditions `settle` must look at again (see `settle`).
    watch: settle::Watch,
    /// The agenda every run starts with (see `opening`), worked out at the
    /// first start of this engine's memory and kept for the next ones.
    opening: agenda::Agenda,
}

/// The stream the hidden truth is drawn from: separate from the engine's,
/// so fixing the truth (a plan, a host) leaves every other draw of the run
/// as it was.
const TRUTH_STREAM: u64 = 0x5452_5554;

impl Engine {
    /// A new exercise whose hidden truth (if the scenario has truths) is
    /// drawn from the seed.
    pub fn new(world: Arc<World>, seed: u64) -> Engine {
        Engine::with_truth(world, seed, None)
    }

    /// A new exercise with its hidden truth fixed (None: drawn).
    pub fn with_truth(world: Arc<World>, seed: u64, truth: Option<Ix>) -> Engine {
        let run = Run::start(&world, seed, truth);
        Engine { world, run }
    }

    /// The same scenario from the start, as `with_truth` would begin it,
    /// reusing this engine's memory (its log, tables and agenda): a Monte
    /// Carlo thread plays every run in one engine.
    pub fn restart(&mut self, seed: u64, truth: Option<Ix>) {
        self.run.restart(&self.world, seed, truth);
    }

    pub fn world(&self) -> &Arc<World> {
        &self.world
    }
    pub fn state(&self) -> &State {
        &self.run.st
    }
    pub fn events(&self) -> &[Event] {
        &self.run.events
    }
    pub fn seed(&self) -> u64 {
        self.run.seed
    }
    pub fn now(&self) -> u32 {
        self.run.st.now
    }
    pub fn ended(&self) -> bool {
        self.run.st.ended()
    }

    /// The minute of the next thing the engine will do on its own.
    pub fn next_due(&self) -> Option<u32> {
        if self.run.st.ended() {
            return None;
        }
        self.run.queue.next_time()
    }

    /// Runs everything due up to and including minute `t`, then sets the
    /// clock to `t` (never past the end).
    pub fn advance_to(&mut self, t: u32) {
        self.advance_with(t, |_| {});
    }

    /// `advance_to`, calling `observe` after each step (plans use it to
    /// check conditions that must hold, or never hold, at any moment).
    pub fn advance_with(&mut self, t: u32, mut observe: impl FnMut(&Engine)) {
        loop {
            let (w, run) = (&*self.world, &mut self.run);
            if run.st.ended() || run.queue.next_time().is_none_or(|due_t| due_t > t) {
                break;
            }
            let Some((due_t, due)) = run.queue.pop() else {
                break;
            };
            run.st.now = run.st.now.max(due_t);
            run.run_due(w, due);
            run.settle(w);
            observe(self);
        }
        let st = &mut self.run.st;
        if !st.ended() {
            st.now = st.now.max(t.min(self.world.duration));
        }
    }

    /// Plays on with no further actions until the exercise ends.
    pub fn run_to_end(&mut self) {
        self.advance_to(u32::MAX);
    }

    /// Checks an action without applying it.
    pub fn check(&self, action: &Action) -> Result<(), ActionError> {
        self.run.clone_light().apply_inner(&self.world, action)
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
        let (w, run) = (&*self.world, &mut self.run);
        run.apply_inner(w, action)?;
        run.settle(w);
        Ok(())
    }

    /// The chance that a call on `ch` to `to` is answered now.
    pub fn answer_probability(&self, ch: Ix, to: Ix) -> f64 {
        self.run.answer_probability(&self.world, ch, to)
    }

    /// Events a viewer may see.
    pub fn view(&self, viewer: Viewer) -> impl Iterator<Item = &Event> {
        self.run.events.iter().filter(move |e| e.vis.allows(viewer))
    }
}

impl Run {
    fn start(w: &World, seed: u64, truth: Option<Ix>) -> Run {
        let mut run = Run {
            st: State::new(w),
            rng: Rng::new(seed),
            // The bundled scenarios never keep more than 41 items waiting.
            queue: agenda::Agenda::with_capacity(48),
            // A playthrough of a bundled scenario logs 113 to 128 events on
            // average: room for them up front saves regrowths, each copying
            // the log.
            events: Vec::with_capacity(256),
            seed,
            watch: settle::Watch::new(w),
            opening: agenda::Agenda::default(),
        };
        run.begin(w, truth);
        run
    }

    fn restart(&mut self, w: &World, seed: u64, truth: Option<Ix>) {
        let Run {
            st,
            rng,
            // `begin` copies the opening into it.
            queue: _,
            events,
            seed: run_seed,
            watch,
            opening: _,
        } = self;
        st.reset(w);
        *rng = Rng::new(seed);
        events.clear();
        *run_seed = seed;
        watch.restart();
        self.begin(w, truth);
    }

    /// What happens at minute 0 of every run: the truth drawn, the timed
    /// items scheduled, and a first settle.
    fn begin(&mut self, w: &World, truth: Option<Ix>) {
        let seed = self.seed;
        let e = self;
        e.emit(Vis::PUBLIC, EventKind::Started { seed });
        let truths = &w.scenario.truths;
        if !truths.is_empty() {
            let fixed = truth.is_some_and(|t| t < truths.len());
            let t = match truth {
                Some(t) if fixed => t,
                _ => {
                    let weights: Vec<f64> = truths.iter().map(|t| t.weight.max(0.0)).collect();
                    Rng::new(derive_seed(seed, TRUTH_STREAM)).pick_weighted(&weights)
                }
            };
            e.st.truth = Some(t);
            e.emit(Vis::FACILITATOR, EventKind::TruthDrawn { truth: t, fixed });
        }
        if !w.scenario.modules.is_empty() {
            e.emit(Vis::PUBLIC, EventKind::ModuleStarted { module: 0 });
        }
        for (i, x) in w.expectations.iter().enumerate() {
            match &x.rule {
                CRule::SendBy {
                    by, after: None, ..
                } => {
                    e.st.exps[i].status = ExpStatus::Pending;
                    e.st.exps[i].deadline = Some(*by);
                }
                CRule::Avoid { .. } => e.st.exps[i].status = ExpStatus::Pending,
                _ => {}
            }
        }
        // Never empty once worked out: it holds at least the end.
        if e.opening.is_empty() {
            e.opening = Run::opening(w);
        }
        e.queue.copy_from(&e.opening);
        e.settle(w);
    }

    /// The timed items every run starts with, the same in every run, in
    /// the order they are scheduled (ties keep it): module ends, timed
    /// injects, the deadlines of expectations open from the start, wakeups
    /// and the end. Worked out once per engine: inserting them one by one
    /// at every start was 4% of the instructions of a Wrong Target run.
    fn opening(w: &World) -> agenda::Agenda {
        let mut a = agenda::Agenda::with_capacity(48);
        for (i, m) in w.scenario.modules.iter().enumerate() {
            a.push(m.until.0, Due::ModuleEnd(i));
        }
        for (i, inj) in w.injects.iter().enumerate() {
            if let CTrigger::At(t) = inj.trigger {
                a.push(t, Due::Inject(i));
            }
        }
        for (i, x) in w.expectations.iter().enumerate() {
            match &x.rule {
                CRule::SendBy {
                    by, after: None, ..
                } => a.push(*by, Due::SendByDeadline(i)),
                CRule::Avoid {
                    before: Some(b), ..
                } => a.push(*b, Due::AvoidEnd(i)),
                _ => {}
            }
        }
        for &t in &w.wakeups {
            a.push(t, Due::Wakeup);
        }
        a.push(w.duration, Due::Timeout);
        a
    }

    fn schedule(&mut self, t: u32, due: Due) {
        self.queue.push(t, due);
    }

    fn emit(&mut self, vis: Vis, kind: EventKind) {
        self.watch.dirty |= aspects::changed_by(&self.st, &kind);
        let seq = self.events.len() as u32;
        self.events.push(Event {
            seq,
            t: self.st.now,
            vis,
            kind,
        });
    }

    /// A copy for dry runs: the event log is not needed to validate.
    fn clone_light(&self) -> Run {
        Run {
            st: self.st.clone(),
            rng: self.rng.clone(),
            queue: agenda::Agenda::default(),
            events: Vec::new(),
            seed: self.seed,
            watch: self.watch.clone(),
            opening: agenda::Agenda::default(),
        }
    }

    fn run_due(&mut self, w: &World, due: Due) {
        match due {
            Due::Deliver(m) => self.deliver(w, m),
            Due::Readable(m) => self.readable(w, m),
            Due::ReplyDeadline(m) => self.reply_deadline(m),
            Due::WaitDeadline(i) => self.wait_deadline(w, i),
            Due::SendByDeadline(e) => {
                if self.st.exps[e].status == ExpStatus::Pending {
                    self.exp_missed(w, e);
                }
            }
            Due::AvoidEnd(e) => {
                if self.st.exps[e].status == ExpStatus::Pending {
                    self.exp_met(w, e);
                }
            }
            Due::Inject(i) => {
                if self.st.injects[i] == InjectState::Waiting {
                    self.draw_inject(w, i);
                }
            }
            Due::Wakeup => {}
            Due::AuthResult { msg, team } => self.auth_result(w, msg, team),
            Due::PersonaAct {
                team,
                era,
                rule,
                choice,
                stim,
            } => {
                if self.st.persona_gen[team] == era {
                    self.persona_act(w, team, rule as Ix, choice as Ix, stim);
                }
            }
            Due::PersonaTick { team, era, rule } => {
                if self.st.persona_gen[team] == era {
                    self.persona_tick(w, team, rule);
                }
            }
            Due::ModuleEnd(i) => self.end_module(w, i),
            Due::Timeout => self.time_out(w),
        }
    }

    /// The end of module `i`: its questions are asked and the next module
    /// opens. Stopping the clock for discussion is the clock's business
    /// (`sim::pace`): the engine only says the module ended.
    fn end_module(&mut self, w: &World, i: Ix) {
        self.st.module = self.st.module.max(i + 1);
        self.emit(Vis::PUBLIC, EventKind::ModuleEnded { module: i });
        if i + 1 < w.scenario.modules.len() {
            self.emit(Vis::PUBLIC, EventKind::ModuleStarted { module: i + 1 });
        }
    }
}
