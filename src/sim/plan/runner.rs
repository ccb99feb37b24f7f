//! Playing a plan: its steps in time order, its expectations watched as the
//! exercise runs and judged when it ends.

use std::sync::Arc;

use super::{Expect, Plan, PlanAct, PlanFailure, persona_actions, state_summary, to_action};
use crate::scenario::{Cond, Minutes};
use crate::sim::action::Action;
use crate::sim::cond::eval;
use crate::sim::engine::Engine;
use crate::sim::session::{Session, SessionError};
use crate::sim::world::{CCond, Ix, World};

/// One expectation, compiled, with what has been seen of it so far.
enum Watch {
    Outcome(Option<Ix>, String),
    Holds(CCond),
    HoldsAt {
        t: u32,
        cond: CCond,
        held: Option<bool>,
    },
    Ever {
        cond: CCond,
        held: bool,
    },
    Never {
        cond: CCond,
        broken_at: Option<u32>,
    },
}

/// Plays a plan on `session` to the end and checks its expectations. A
/// resumed session replays its journalled steps as the plan reaches them,
/// so what the plan observes is the same as in an uninterrupted run.
pub fn run(session: &mut Session, plan: &Plan) -> Result<Vec<PlanFailure>, SessionError> {
    let world = session.engine.world().clone();
    let watches = match compile(&world, plan) {
        Ok(w) => w,
        Err(failures) => return Ok(failures),
    };
    let mut runner = PlanRunner {
        session,
        plan,
        world,
        watches,
    };
    for a in persona_actions(plan) {
        runner.session.submit(0, a)?;
    }
    if let Some(failure) = runner.play_steps()? {
        return Ok(vec![failure]);
    }
    runner.finish()?;
    Ok(runner.judge())
}

/// Every expectation compiled, or why each one that cannot be is invalid.
fn compile(world: &World, plan: &Plan) -> Result<Vec<(usize, Watch)>, Vec<PlanFailure>> {
    let mut watches = Vec::new();
    let mut failures = Vec::new();
    for (i, x) in plan.expect.iter().enumerate() {
        let c = |c: &Cond| world.compile_cond(c);
        let watch = match x {
            Expect::Outcome(o) => Ok(Watch::Outcome(
                world.ids.outcomes.get(o).copied(),
                o.clone(),
            )),
            Expect::Holds(cond) => c(cond).map(Watch::Holds),
            Expect::HoldsAt(t, cond) => c(cond).map(|cond| Watch::HoldsAt {
                t: t.0,
                cond,
                held: None,
            }),
            Expect::Ever(cond) => c(cond).map(|cond| Watch::Ever { cond, held: false }),
            Expect::Never(cond) => c(cond).map(|cond| Watch::Never {
                cond,
                broken_at: None,
            }),
        };
        match watch {
            Ok(w) => watches.push((i, w)),
            Err(reason) => failures.push(PlanFailure::Expect {
                index: i,
                what: "a valid condition".into(),
                found: reason,
            }),
        }
    }
    if failures.is_empty() {
        Ok(watches)
    } else {
        Err(failures)
    }
}

/// Notes, after each step of the engine, which `Ever` conditions have held
/// and when a `Never` condition first did.
fn observe(watches: &mut [(usize, Watch)], world: &World, e: &Engine) {
    for (_, w) in watches {
        match w {
            Watch::Ever { cond, held } if !*held => *held = eval(world, e.state(), cond),
            Watch::Never { cond, broken_at }
                if broken_at.is_none() && eval(world, e.state(), cond) =>
            {
                *broken_at = Some(e.now());
            }
            _ => {}
        }
    }
}

struct PlanRunner<'a> {
    session: &'a mut Session,
    plan: &'a Plan,
    world: Arc<World>,
    /// Each expectation with its index in the plan.
    watches: Vec<(usize, Watch)>,
}

impl PlanRunner<'_> {
    /// Runs the steps in time order (file order within a minute), stopping
    /// at the end of the exercise or at the first step the engine refuses.
    fn play_steps(&mut self) -> Result<Option<PlanFailure>, SessionError> {
        let plan = self.plan;
        let mut steps: Vec<(usize, u32, &PlanAct)> = plan
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| (i, s.at.0, &s.act))
            .collect();
        steps.sort_by_key(|(i, t, _)| (*t, *i));
        for (index, at, act) in steps {
            self.checkpoints_until(at);
            if self.session.engine.ended() {
                break;
            }
            self.advance_to(at);
            if let Err(reason) = self.step(at, act)? {
                return Ok(Some(PlanFailure::Step { index, at, reason }));
            }
        }
        Ok(None)
    }

    /// One step: its action resolved, submitted and observed; Err(reason)
    /// when the plan is wrong.
    fn step(&mut self, at: u32, act: &PlanAct) -> Result<Result<(), String>, SessionError> {
        let action = match to_action(&self.session.engine, act) {
            Ok(a) => a,
            Err(reason) => return Ok(Err(reason)),
        };
        match self.session.submit(at, action) {
            Ok(()) => {
                observe(&mut self.watches, &self.world, &self.session.engine);
                Ok(Ok(()))
            }
            Err(SessionError::Action { err, .. }) => Ok(Err(err.to_string())),
            Err(e) => Err(e),
        }
    }

    /// Runs the clock to `t`, observing every step of the engine.
    fn advance_to(&mut self, t: u32) {
        let (watches, world) = (&mut self.watches, &self.world);
        self.session
            .engine
            .advance_with(t, |e| observe(watches, world, e));
    }

    /// Runs the clock through each `HoldsAt` minute up to `upto` not yet
    /// reached, judging those conditions there.
    fn checkpoints_until(&mut self, upto: u32) {
        let mut due: Vec<u32> = self
            .watches
            .iter()
            .filter_map(|(_, w)| match w {
                Watch::HoldsAt { t, held: None, .. } if *t <= upto => Some(*t),
                _ => None,
            })
            .collect();
        due.sort_unstable();
        due.dedup();
        for t in due {
            self.advance_to(t);
            let st = self.session.engine.state();
            for (_, w) in &mut self.watches {
                if let Watch::HoldsAt { t: at, cond, held } = w
                    && *at == t
                {
                    *held = Some(eval(&self.world, st, cond));
                }
            }
        }
    }

    /// Plays on to the end, and records how far the run went so a replay
    /// ends in the same state.
    fn finish(&mut self) -> Result<(), SessionError> {
        self.checkpoints_until(u32::MAX);
        self.advance_to(u32::MAX);
        let end = self.session.engine.now();
        self.session.submit(end, Action::Tick)
    }

    /// Every expectation that did not come true, and what happened instead.
    fn judge(&self) -> Vec<PlanFailure> {
        let e = &self.session.engine;
        let st = e.state();
        let mut failures = Vec::new();
        for (i, w) in &self.watches {
            let cond = plan_cond(&self.plan.expect[*i]);
            let failed = match w {
                Watch::Outcome(want, id) => (*want != st.outcome || want.is_none()).then(|| {
                    let found = st.outcome.map_or("no outcome".to_string(), |o| {
                        format!("outcome `{}`", self.world.scenario.outcomes[o].id)
                    });
                    (format!("outcome `{id}`"), found)
                }),
                Watch::Holds(c) => (!eval(&self.world, st, c))
                    .then(|| (format!("{cond:?} at the end"), state_summary(e))),
                Watch::HoldsAt { t, held, .. } => (*held != Some(true)).then(|| {
                    let found = match held {
                        None => format!(
                            "the exercise ended at {} before it",
                            Minutes(st.ended_at.unwrap_or(0))
                        ),
                        _ => "it did not hold".into(),
                    };
                    (format!("{cond:?} at {}", Minutes(*t)), found)
                }),
                Watch::Ever { held, .. } => {
                    (!*held).then(|| (format!("{cond:?} at some point"), "it never held".into()))
                }
                Watch::Never { broken_at, .. } => broken_at.map(|t| {
                    (
                        format!("never {cond:?}"),
                        format!("it held at {}", Minutes(t)),
                    )
                }),
            };
            if let Some((what, found)) = failed {
                failures.push(PlanFailure::Expect {
                    index: *i,
                    what,
                    found,
                });
            }
        }
        failures
    }
}

fn plan_cond(x: &Expect) -> &Cond {
    match x {
        Expect::Holds(c) | Expect::HoldsAt(_, c) | Expect::Ever(c) | Expect::Never(c) => c,
        Expect::Outcome(_) => &Cond::Always,
    }
}
