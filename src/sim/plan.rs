//! Test plans: a scripted exercise plus what must come of it. Authors use
//! them as tests of their scenarios, the way Yarn Spinner authors use test
//! plans for dialogue.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

use super::action::{Action, Audience};
use super::cond::eval;
use super::engine::Engine;
use super::event::MsgId;
use super::session::{Session, SessionError};
use super::world::{CCond, World};
use crate::scenario::diag::Diagnostic;
use crate::scenario::load::{parse_error, ron_options};
use crate::scenario::{AuthMethod, Cond, Minutes, Text};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default)]
    pub name: String,
    /// The scenario id this plan is for; checked when given.
    #[serde(default)]
    pub scenario: Option<String>,
    #[serde(default)]
    pub seed: Option<u64>,
    /// Teams handed to computer personas at the start: team id to persona id.
    #[serde(default)]
    pub personas: BTreeMap<String, String>,
    #[serde(default)]
    pub steps: Vec<Step>,
    #[serde(default)]
    pub expect: Vec<Expect>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub at: Minutes,
    pub act: PlanAct,
}

/// Which message an action refers to. Ids are only known at run time, so
/// plans usually say "the latest message of this type that reached me".
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum MsgRef {
    Last(String),
    Id(MsgId),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum PlanAct {
    Send {
        team: String,
        channel: String,
        msg: String,
        #[serde(default)]
        fields: BTreeMap<String, String>,
        #[serde(default)]
        text: String,
        #[serde(default)]
        reply_to: Option<MsgRef>,
    },
    Authenticate {
        team: String,
        message: MsgRef,
        method: AuthMethod,
    },
    SetPersona {
        team: String,
        persona: Option<String>,
    },
    FireInject(String),
    CustomInject {
        to: Audience,
        title: Text,
        #[serde(default)]
        text: Text,
    },
    Override {
        var: String,
        value: f64,
    },
    Note(String),
    Pause,
    Resume,
    SetSpeed(u32),
    End,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Expect {
    /// The exercise ends with this outcome.
    Outcome(String),
    /// The condition holds when the exercise ends.
    Holds(Cond),
    /// The condition holds at this minute.
    HoldsAt(Minutes, Cond),
    /// The condition holds at some point.
    Ever(Cond),
    /// The condition never holds.
    Never(Cond),
}

pub fn load_plan(path: &Path) -> Result<Plan, Box<Diagnostic>> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        Box::new(Diagnostic::new(
            crate::scenario::Code::Io,
            &file,
            format!("cannot read the plan: {e}"),
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    ron_options()
        .from_str(text)
        .map_err(|e| Box::new(parse_error::from_ron(&e, &file)))
}

/// What went wrong in a plan run.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanFailure {
    /// A step the engine refused: the plan itself is wrong.
    Step {
        index: usize,
        at: u32,
        reason: String,
    },
    /// An expectation that did not come true, and what happened instead.
    Expect {
        index: usize,
        what: String,
        found: String,
    },
}

impl std::fmt::Display for PlanFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanFailure::Step { index, at, reason } => {
                write!(f, "step {} at {}: {reason}", index + 1, Minutes(*at))
            }
            PlanFailure::Expect { index, what, found } => {
                write!(
                    f,
                    "expectation {} failed: expected {what}, found {found}",
                    index + 1
                )
            }
        }
    }
}

enum Compiled {
    Outcome(Option<usize>, String),
    Holds(CCond),
    HoldsAt(u32, CCond),
    Ever(CCond),
    Never(CCond),
}

fn resolve(e: &Engine, team: &str, r: &MsgRef) -> Result<MsgId, String> {
    match r {
        MsgRef::Id(id) => Ok(*id),
        MsgRef::Last(ty) => {
            let w = e.world();
            let t = *w
                .ids
                .teams
                .get(team)
                .ok_or_else(|| format!("unknown team `{team}`"))?;
            let mt = *w
                .ids
                .messages
                .get(ty)
                .ok_or_else(|| format!("unknown message type `{ty}`"))?;
            e.state()
                .messages
                .iter()
                .rev()
                .find(|m| {
                    m.mtype == mt
                        && m.delivered_at.is_some()
                        && (m.to == Some(t) || (m.to.is_none() && m.from != Some(t)))
                })
                .map(|m| m.id)
                .ok_or_else(|| format!("no `{ty}` message has reached team `{team}` yet"))
        }
    }
}

fn to_action(e: &Engine, act: &PlanAct) -> Result<Action, String> {
    Ok(match act.clone() {
        PlanAct::Send {
            team,
            channel,
            msg,
            fields,
            text,
            reply_to,
        } => {
            let reply_to = reply_to.map(|r| resolve(e, &team, &r)).transpose()?;
            Action::Send {
                team,
                channel,
                msg,
                fields,
                text,
                reply_to,
            }
        }
        PlanAct::Authenticate {
            team,
            message,
            method,
        } => {
            let message = resolve(e, &team, &message)?;
            Action::Authenticate {
                team,
                message,
                method,
            }
        }
        PlanAct::SetPersona { team, persona } => Action::SetPersona { team, persona },
        PlanAct::FireInject(i) => Action::FireInject(i),
        PlanAct::CustomInject { to, title, text } => Action::CustomInject { to, title, text },
        PlanAct::Override { var, value } => Action::Override { var, value },
        PlanAct::Note(n) => Action::Note(n),
        PlanAct::Pause => Action::Pause,
        PlanAct::Resume => Action::Resume,
        PlanAct::SetSpeed(s) => Action::SetSpeed(s),
        PlanAct::End => Action::End,
    })
}

/// Every action a plan makes at the start: handing teams to personas.
pub fn persona_actions(plan: &Plan) -> Vec<Action> {
    plan.personas
        .iter()
        .map(|(team, p)| Action::SetPersona {
            team: team.clone(),
            persona: Some(p.clone()),
        })
        .collect()
}

/// Plays a plan on `session` to the end and checks its expectations. A
/// resumed session replays its journalled steps as the plan reaches them,
/// so what the plan observes is the same as in an uninterrupted run.
pub fn run(session: &mut Session, plan: &Plan) -> Result<Vec<PlanFailure>, SessionError> {
    let world = session.engine.world().clone();
    let mut failures = Vec::new();
    let mut compiled = Vec::new();
    for (i, x) in plan.expect.iter().enumerate() {
        let c = |c: &Cond| world.compile_cond(c);
        let r = match x {
            Expect::Outcome(o) => Ok(Compiled::Outcome(
                world.ids.outcomes.get(o).copied(),
                o.clone(),
            )),
            Expect::Holds(cond) => c(cond).map(Compiled::Holds),
            Expect::HoldsAt(t, cond) => c(cond).map(|k| Compiled::HoldsAt(t.0, k)),
            Expect::Ever(cond) => c(cond).map(Compiled::Ever),
            Expect::Never(cond) => c(cond).map(Compiled::Never),
        };
        match r {
            Ok(k) => compiled.push((i, k)),
            Err(reason) => failures.push(PlanFailure::Expect {
                index: i,
                what: "a valid condition".into(),
                found: reason,
            }),
        }
    }
    if !failures.is_empty() {
        return Ok(failures);
    }

    // Actions: personas at minute 0, then steps in time order.
    let mut acts: Vec<(usize, u32, Option<PlanAct>)> = Vec::new();
    for (i, s) in plan.steps.iter().enumerate() {
        acts.push((i, s.at.0, Some(s.act.clone())));
    }
    acts.sort_by_key(|(i, t, _)| (*t, *i));
    let mut checkpoints: Vec<u32> = compiled
        .iter()
        .filter_map(|(_, k)| {
            if let Compiled::HoldsAt(t, _) = k {
                Some(*t)
            } else {
                None
            }
        })
        .collect();
    checkpoints.sort_unstable();

    let mut ever = vec![false; compiled.len()];
    let mut never_broken: Vec<Option<u32>> = vec![None; compiled.len()];
    let mut at_results: Vec<Option<bool>> = vec![None; compiled.len()];
    let observe = |e: &Engine, ever: &mut Vec<bool>, never: &mut Vec<Option<u32>>| {
        for (j, (_, k)) in compiled.iter().enumerate() {
            match k {
                Compiled::Ever(c) if !ever[j] => ever[j] = eval(&world, e.state(), c),
                Compiled::Never(c) if never[j].is_none() && eval(&world, e.state(), c) => {
                    never[j] = Some(e.now())
                }
                _ => {}
            }
        }
    };

    for a in persona_actions(plan) {
        session.submit(0, a)?;
    }
    let mut cp = checkpoints.iter().peekable();
    let run_checkpoints = |session: &mut Session,
                           upto: u32,
                           cp: &mut std::iter::Peekable<std::slice::Iter<u32>>,
                           at_results: &mut Vec<Option<bool>>,
                           ever: &mut Vec<bool>,
                           never: &mut Vec<Option<u32>>| {
        while let Some(&&t) = cp.peek() {
            if t > upto {
                break;
            }
            cp.next();
            session.engine.advance_with(t, |e| observe(e, ever, never));
            for (j, (_, k)) in compiled.iter().enumerate() {
                if let Compiled::HoldsAt(ct, c) = k
                    && *ct == t
                {
                    at_results[j] = Some(eval(&world, session.engine.state(), c));
                }
            }
        }
    };
    for (index, at, act) in acts {
        let Some(act) = act else { continue };
        run_checkpoints(
            session,
            at,
            &mut cp,
            &mut at_results,
            &mut ever,
            &mut never_broken,
        );
        if session.engine.ended() {
            break;
        }
        session
            .engine
            .advance_with(at, |e| observe(e, &mut ever, &mut never_broken));
        let action = match to_action(&session.engine, &act) {
            Ok(a) => a,
            Err(reason) => {
                failures.push(PlanFailure::Step { index, at, reason });
                return Ok(failures);
            }
        };
        match session.submit(at, action) {
            Ok(()) => observe(&session.engine, &mut ever, &mut never_broken),
            Err(SessionError::Action { err, .. }) => {
                failures.push(PlanFailure::Step {
                    index,
                    at,
                    reason: err.to_string(),
                });
                return Ok(failures);
            }
            Err(e) => return Err(e),
        }
    }
    run_checkpoints(
        session,
        u32::MAX,
        &mut cp,
        &mut at_results,
        &mut ever,
        &mut never_broken,
    );
    session
        .engine
        .advance_with(u32::MAX, |e| observe(e, &mut ever, &mut never_broken));
    // Record how far the run went, so a replay ends in the same state.
    let end = session.engine.now();
    session.submit(end, Action::Tick)?;

    let st = session.engine.state();
    let outcome_name = |o: Option<usize>| {
        o.map_or("no outcome".to_string(), |o| {
            format!("outcome `{}`", world.s.outcomes[o].id)
        })
    };
    for (j, (i, k)) in compiled.iter().enumerate() {
        let fail = |what: String, found: String| PlanFailure::Expect {
            index: *i,
            what,
            found,
        };
        match k {
            Compiled::Outcome(want, id) => {
                if *want != st.outcome || want.is_none() {
                    failures.push(fail(format!("outcome `{id}`"), outcome_name(st.outcome)));
                }
            }
            Compiled::Holds(c) => {
                if !eval(&world, st, c) {
                    failures.push(fail(
                        format!("{:?} at the end", plan_cond(&plan.expect[*i])),
                        state_summary(&session.engine),
                    ));
                }
            }
            Compiled::HoldsAt(t, _) => {
                if at_results[j] != Some(true) {
                    let found = match at_results[j] {
                        None => format!(
                            "the exercise ended at {} before it",
                            Minutes(st.ended_at.unwrap_or(0))
                        ),
                        _ => "it did not hold".into(),
                    };
                    failures.push(fail(
                        format!("{:?} at {}", plan_cond(&plan.expect[*i]), Minutes(*t)),
                        found,
                    ));
                }
            }
            Compiled::Ever(_) => {
                if !ever[j] {
                    failures.push(fail(
                        format!("{:?} at some point", plan_cond(&plan.expect[*i])),
                        "it never held".into(),
                    ));
                }
            }
            Compiled::Never(_) => {
                if let Some(t) = never_broken[j] {
                    failures.push(fail(
                        format!("never {:?}", plan_cond(&plan.expect[*i])),
                        format!("it held at {}", Minutes(t)),
                    ));
                }
            }
        }
    }
    Ok(failures)
}

fn plan_cond(x: &Expect) -> &Cond {
    match x {
        Expect::Holds(c) | Expect::HoldsAt(_, c) | Expect::Ever(c) | Expect::Never(c) => c,
        Expect::Outcome(_) => &Cond::Always,
    }
}

/// Variables and rung, for failure messages.
pub fn state_summary(e: &Engine) -> String {
    let w: &World = e.world();
    let st = e.state();
    format!(
        "{} (rung {})",
        super::describe::variables(w, st),
        w.s.ladder.rungs[st.rung].id
    )
}
