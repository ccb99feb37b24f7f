//! Test plans: a scripted exercise plus what must come of it. Authors use
//! them as tests of their scenarios, the way Yarn Spinner authors use test
//! plans for dialogue.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

use super::action::{Action, ActionOf};
use super::engine::Engine;
use super::event::MsgId;
use super::world::World;
use crate::scenario::diag::Diagnostic;
use crate::scenario::load::{parse_error, ron_options};
use crate::scenario::{Cond, Minutes};

mod check;
mod runner;
pub use check::{check_plan, check_plan_str, looks_like_plan};
pub use runner::run;

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
    /// The hidden truth to play under (a truth id); drawn from the seed
    /// when not given.
    #[serde(default)]
    pub truth: Option<String>,
    #[serde(default)]
    pub steps: Vec<Step>,
    #[serde(default)]
    pub expect: Vec<Expect>,
}

impl Plan {
    /// The truth this plan fixes, as the world's index; an unknown id is
    /// an error listing the scenario's truths.
    pub fn truth_in(&self, w: &World) -> Result<Option<super::world::Ix>, String> {
        let Some(t) = &self.truth else {
            return Ok(None);
        };
        if let Some(&ix) = w.ids.truths.get(t) {
            return Ok(Some(ix));
        }
        let known: Vec<&str> = w.scenario.truths.iter().map(|t| t.id.as_str()).collect();
        Err(format!(
            "unknown truth `{t}` (this scenario's truths: {})",
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        ))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub at: Minutes,
    pub act: PlanAct,
}

/// Which message an action refers to. Ids are only known at run time, so
/// plans usually say "the latest message of this type that reached me".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum MsgRef {
    Last(String),
    Id(MsgId),
}

/// An action in a plan: the engine's own, naming messages by [`MsgRef`].
pub type PlanAct = ActionOf<MsgRef>;

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
    let text = crate::platform::fs::read_to_string(path).map_err(|e| {
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

/// The engine's action for a plan's: each message reference resolved
/// against the run as it stands.
pub(crate) fn to_action(e: &Engine, act: &PlanAct) -> Result<Action, String> {
    act.clone().try_map_msg(|team, r| resolve(e, team, &r))
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

/// Variables and rung, for failure messages.
pub fn state_summary(e: &Engine) -> String {
    let w: &World = e.world();
    let st = e.state();
    format!(
        "{} (rung {})",
        super::describe::variables(w, st),
        w.scenario.ladder.rungs[st.rung].id
    )
}
