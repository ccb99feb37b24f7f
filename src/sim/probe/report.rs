//! What a probe found, in a form both the text and the JSON output read:
//! per team and opponent, the best strategies with their confirmed rates
//! and their steps, and the verdict against the bars.

use serde::Serialize;

use super::Options;
use super::moves::Moves;
use super::play::Opponent;
use super::score::Counts;
use super::search::{CONFIRM, Found};
use crate::scenario::{AuthMethod, Minutes};
use crate::sim::plan::{MsgRef, PlanAct};
use crate::sim::world::{Ix, World};

/// The label of the search against all the other team's personas at once.
pub const EVERY: &str = "every persona";

/// A Good outcome in more than this share of seeds against a silent other
/// team, or against every persona, is a scenario a cheap script wins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bars {
    pub silent: f64,
    pub every_persona: f64,
}

pub const BARS: Bars = Bars {
    silent: 0.10,
    every_persona: 0.50,
};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub scenario: String,
    pub seed: u64,
    /// Playthroughs per search.
    pub budget: u64,
    /// Each finalist's rates are over seeds 1 to this.
    pub confirm_seeds: u64,
    pub bars: Bars,
    pub teams: Vec<TeamReport>,
    /// Whether some team beat a bar.
    pub beaten: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamReport {
    pub team: String,
    pub searches: Vec<SearchReport>,
    /// The best Good share found against a silent other team.
    pub silent_good: Option<f64>,
    /// The best Good share found against each persona at once (the worst
    /// of its shares over the personas).
    pub every_persona_good: Option<f64>,
    pub beats_silent_bar: bool,
    pub beats_persona_bar: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchReport {
    /// "silent", a persona id, or "every persona".
    pub against: String,
    pub playthroughs: u64,
    /// Best first.
    pub strategies: Vec<StrategyReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrategyReport {
    /// The Good share, the worst over the opponents.
    pub good: f64,
    /// Per opponent.
    pub rates: Vec<Rates>,
    pub steps: Vec<StepReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rates {
    /// "silent" or a persona id.
    pub against: String,
    /// The persona, None when silent.
    #[serde(skip)]
    pub persona: Option<String>,
    pub seeds: u32,
    pub good: f64,
    pub mixed: f64,
    pub bad: f64,
    pub none: f64,
    /// The first confirmation seed with the best valence reached, and its
    /// outcome: the run a written plan replays.
    pub example_seed: Option<u64>,
    pub example_outcome: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepReport {
    /// "1h30m" after the start.
    pub at: String,
    pub minute: u32,
    /// In words.
    pub says: String,
    /// As a plan writes it.
    pub act: PlanAct,
}

fn rates(w: &World, opp: Opponent, c: &Counts) -> Rates {
    let share = |k: u32| f64::from(k) / f64::from(c.runs.max(1));
    let persona = match opp {
        Opponent::Silent => None,
        Opponent::Persona(p) => Some(w.scenario.personas[p].id.clone()),
    };
    Rates {
        against: persona.clone().unwrap_or_else(|| "silent".into()),
        persona,
        seeds: c.runs,
        good: share(c.good),
        mixed: share(c.mixed),
        bad: share(c.bad),
        none: share(c.none),
        example_seed: c.example.map(|(s, _)| s),
        example_outcome: (c.example)
            .and_then(|(_, o)| o)
            .map(|o| w.scenario.outcomes[o].id.clone()),
    }
}

pub fn search_report(
    w: &World,
    moves: &Moves,
    against: String,
    opponents: &[Opponent],
    found: Found,
) -> SearchReport {
    let strategies = (found.finalists.iter())
        .map(|f| {
            let rates: Vec<Rates> = (opponents.iter().zip(&f.score.per_opponent))
                .map(|(o, c)| rates(w, *o, c))
                .collect();
            StrategyReport {
                good: rates.iter().map(|r| r.good).fold(1.0, f64::min),
                rates,
                steps: (f.strategy.steps.iter())
                    .map(|s| {
                        let act = moves.plan_act(w, &s.act);
                        StepReport {
                            at: Minutes(s.at).to_string(),
                            minute: s.at,
                            says: says(&act),
                            act,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    SearchReport {
        against,
        playthroughs: found.playthroughs,
        strategies,
    }
}

pub fn team_report(w: &World, team: Ix, searches: Vec<SearchReport>) -> TeamReport {
    let best = |label: &str| {
        (searches.iter())
            .find(|s| s.against == label)
            .map(|s| s.strategies.iter().map(|x| x.good).fold(0.0, f64::max))
    };
    let theirs: Vec<&str> = (w.scenario.personas.iter())
        .zip(&w.personas)
        .filter(|(_, c)| c.team != team)
        .map(|(p, _)| p.id.as_str())
        .collect();
    let silent_good = best("silent");
    let every_persona_good = match theirs.as_slice() {
        [] => None,
        [one] => best(one),
        _ => best(EVERY),
    };
    TeamReport {
        team: w.scenario.teams[team].id.clone(),
        beats_silent_bar: silent_good.is_some_and(|g| g > BARS.silent),
        beats_persona_bar: every_persona_good.is_some_and(|g| g > BARS.every_persona),
        silent_good,
        every_persona_good,
        searches,
    }
}

pub fn report(w: &World, opts: &Options, teams: Vec<TeamReport>) -> Report {
    Report {
        scenario: w.scenario.meta.id.clone(),
        seed: opts.seed,
        budget: opts.budget,
        confirm_seeds: CONFIRM,
        bars: BARS,
        beaten: (teams.iter()).any(|t| t.beats_silent_bar || t.beats_persona_bar),
        teams,
    }
}

/// A step in words: what is sent, on which channel, with which values, in
/// answer to what.
pub fn says(act: &PlanAct) -> String {
    let last = |r: &MsgRef| match r {
        MsgRef::Last(t) => format!("the latest `{t}`"),
        MsgRef::Id(i) => format!("message #{i}"),
    };
    match act {
        PlanAct::Send {
            channel,
            msg,
            fields,
            reply_to,
            ..
        } => {
            let mut s = format!("send `{msg}` on `{channel}`");
            let values: Vec<String> = (fields.iter())
                .map(|(k, v)| format!("{k}: {v:?}"))
                .collect();
            if !values.is_empty() {
                s += &format!(" {{{}}}", values.join(", "));
            }
            if let Some(r) = reply_to {
                s += &format!(", answering {}", last(r));
            }
            s
        }
        PlanAct::Authenticate {
            message, method, ..
        } => {
            let how = match method {
                AuthMethod::CodeWord => "by code word",
                AuthMethod::OutOfBand => "out of band",
            };
            format!("authenticate {} {how}", last(message))
        }
        other => format!("{other:?}"),
    }
}
