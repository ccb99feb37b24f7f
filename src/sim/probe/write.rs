//! Writing a found strategy as a test plan that `hotline run` replays: the
//! steps the engine accepted in one confirmation run, that run's seed and
//! opponent, and its outcome as the expectation. The plan is played through
//! the plan runner before it is returned, so what is written passes.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::closeness::Closeness;
use super::play::{Opponent, Ready, play};
use super::report::{Rates, Report, SearchReport, StrategyReport, TeamReport};
use crate::scenario::Minutes;
use crate::sim::plan::{self, Expect, MsgRef, Plan, PlanAct, Step};
use crate::sim::session::Session;
use crate::sim::world::World;

/// What to write: a strategy of a team's search, against one opponent.
pub struct Pick<'a> {
    pub team: &'a TeamReport,
    pub search: &'a SearchReport,
    pub strategy: &'a StrategyReport,
    pub rates: &'a Rates,
}

/// The strategy with the highest Good share over every search (the first
/// found on a tie), against the opponent it does best with.
pub fn best(r: &Report) -> Option<Pick<'_>> {
    let mut out: Option<Pick> = None;
    let rank = |x: &Rates| (x.good, x.mixed);
    for team in &r.teams {
        for search in &team.searches {
            for strategy in &search.strategies {
                let rates =
                    (strategy.rates.iter()).reduce(|a, b| if rank(b) > rank(a) { b } else { a })?;
                if out.as_ref().is_none_or(|o| rank(rates) > rank(o.rates)) {
                    out = Some(Pick {
                        team,
                        search,
                        strategy,
                        rates,
                    });
                }
            }
        }
    }
    out
}

/// The plan for `pick` and its RON text, or why it could not be made.
pub fn write_plan(w: &Arc<World>, r: &Report, pick: &Pick) -> Result<(Plan, String), String> {
    let seed = (pick.rates.example_seed).ok_or("the strategy has no confirmation run")?;
    let opp = match &pick.rates.persona {
        None => Opponent::Silent,
        Some(p) => Opponent::Persona(*w.ids.personas.get(p).ok_or("unknown persona")?),
    };
    let steps: Vec<(u32, PlanAct)> = (pick.strategy.steps.iter())
        .map(|s| (s.minute, s.act.clone()))
        .collect();
    // Only the steps this run accepted: the plan runner stops at a refused
    // step, and leaving out a refused one changes nothing in the run.
    let run = play(
        w,
        &Closeness::new(w),
        opp,
        &Ready::from_steps(steps.clone()),
        seed,
    );
    let mut personas = BTreeMap::new();
    if let Opponent::Persona(p) = opp {
        let team = &w.scenario.teams[w.personas[p].team].id;
        personas.insert(team.clone(), w.scenario.personas[p].id.clone());
    }
    let plan = Plan {
        name: format!("probe-{}-vs-{}", pick.team.team, pick.rates.against),
        scenario: Some(r.scenario.clone()),
        seed: Some(seed),
        personas,
        // The seed draws the truth (if any) as it did in the probe's run.
        truth: None,
        steps: (steps.into_iter().enumerate())
            .filter(|(i, _)| (run.accepted >> i) & 1 == 1)
            .map(|(_, (at, act))| Step {
                at: Minutes(at),
                act,
            })
            .collect(),
        expect: (pick.rates.example_outcome.iter())
            .map(|o| Expect::Outcome(o.clone()))
            .collect(),
    };
    let mut session = Session::new(w.clone(), seed);
    let failures = plan::run(&mut session, &plan).map_err(|e| e.to_string())?;
    if let Some(f) = failures.first() {
        return Err(format!("the written plan does not replay: {f}"));
    }
    let text = ron_text(r, pick, &plan);
    Ok((plan, text))
}

fn q(s: &str) -> String {
    ron::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

fn msg_ref(r: &MsgRef) -> String {
    match r {
        MsgRef::Last(t) => format!("Last({})", q(t)),
        MsgRef::Id(i) => format!("Id({i})"),
    }
}

/// One act as a person would write it in a plan.
fn act_text(a: &PlanAct) -> String {
    match a {
        PlanAct::Send {
            team,
            channel,
            msg,
            fields,
            reply_to,
            ..
        } => {
            let mut s = format!(
                "Send(team: {}, channel: {}, msg: {}",
                q(team),
                q(channel),
                q(msg)
            );
            if !fields.is_empty() {
                let kv: Vec<String> = (fields.iter())
                    .map(|(k, v)| format!("{}: {}", q(k), q(v)))
                    .collect();
                s += &format!(", fields: {{{}}}", kv.join(", "));
            }
            if let Some(r) = reply_to {
                s += &format!(", reply_to: {}", msg_ref(r));
            }
            s + ")"
        }
        PlanAct::Authenticate {
            team,
            message,
            method,
        } => format!(
            "Authenticate(team: {}, message: {}, method: {method:?})",
            q(team),
            msg_ref(message)
        ),
        other => ron::to_string(other).unwrap_or_default(),
    }
}

fn ron_text(r: &Report, pick: &Pick, plan: &Plan) -> String {
    let x = pick.rates;
    let pct = |v: f64| format!("{:.1}%", v * 100.0);
    let against = match &x.persona {
        None => "a silent other team".to_string(),
        Some(p) => format!("the persona `{p}`"),
    };
    let mut s = format!(
        "// Written by `hotline probe` (seed {}, budget {} playthroughs per search):\n\
         // a strategy of team `{}` against {against}.\n\
         // Over seeds 1-{} it ended Good in {}, Mixed in {}, Bad in {} of runs.\n\
         // With seed {} it ends in {}; steps the engine refused in this run are left out.\n(\n",
        r.seed,
        r.budget,
        pick.team.team,
        x.seeds,
        pct(x.good),
        pct(x.mixed),
        pct(x.bad),
        plan.seed.unwrap_or(1),
        x.example_outcome
            .as_deref()
            .map_or("no outcome".into(), |o| format!("`{o}`")),
    );
    s += &format!("    name: {},\n", q(&plan.name));
    s += &format!(
        "    scenario: {},\n",
        q(plan.scenario.as_deref().unwrap_or(""))
    );
    s += &format!("    seed: {},\n", plan.seed.unwrap_or(1));
    let personas: Vec<String> = (plan.personas.iter())
        .map(|(t, p)| format!("{}: {}", q(t), q(p)))
        .collect();
    s += &format!("    personas: {{{}}},\n", personas.join(", "));
    s += "    steps: [\n";
    for st in &plan.steps {
        s += &format!(
            "        (at: {}, act: {}),\n",
            q(&st.at.to_string()),
            act_text(&st.act)
        );
    }
    s += "    ],\n    expect: [\n";
    for e in &plan.expect {
        if let Expect::Outcome(o) = e {
            s += &format!("        Outcome({}),\n", q(o));
        }
    }
    s += "    ],\n)\n";
    s
}
