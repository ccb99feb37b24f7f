//! `hotline probe`: a search for cheap one-team scripts that reach a Good
//! outcome, against a silent other team and against each of its personas.
//! A scenario where such a script exists teaches that script, not judgement;
//! the bars say how much of that a bundled scenario may allow.
//!
//! Everything here uses the engine's public API (new, apply, advance, state)
//! and plays steps the way a test plan does, so a strategy found here
//! replays as a plan with `hotline run`.

use std::sync::Arc;
use std::time::{Duration, Instant};

mod closeness;
mod moves;
mod play;
mod report;
mod score;
mod search;
mod strategy;
mod write;

pub use play::Opponent;
pub use report::EVERY;
pub use report::{Bars, Rates, Report, SearchReport, StepReport, StrategyReport, TeamReport};
pub use search::{CONFIRM, TRAIN};
pub use write::{Pick, best, write_plan};

use crate::sim::world::{Ix, World};

/// Playthroughs per search by default: see docs/scenario-format.md
/// ("Probe") for the speed it was chosen from.
pub const DEFAULT_BUDGET: u64 = 150_000;
/// Below this the confirmation runs would leave the search next to nothing.
pub const MIN_BUDGET: u64 = 10_000;

/// Who to probe against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Against {
    /// A silent other team, each of its personas, and all of them at once.
    All,
    Silent,
    Persona(Ix),
}

#[derive(Debug, Clone)]
pub struct Options {
    /// The teams to probe, each in turn.
    pub teams: Vec<Ix>,
    pub against: Against,
    /// Playthroughs per search (one team against one opponent or set of
    /// opponents), confirmation included.
    pub budget: u64,
    pub seed: u64,
    pub threads: usize,
    /// A wall-clock cap per search; results then depend on the machine.
    pub seconds: Option<f64>,
}

/// The searches for one team: (label, opponents).
fn searches(w: &World, team: Ix, against: Against) -> Vec<(String, Vec<Opponent>)> {
    let theirs: Vec<Ix> = (0..w.personas.len())
        .filter(|&p| w.personas[p].team != team)
        .collect();
    let persona = |p: Ix| {
        (
            w.scenario.personas[p].id.clone(),
            vec![Opponent::Persona(p)],
        )
    };
    match against {
        Against::Silent => vec![("silent".into(), vec![Opponent::Silent])],
        Against::Persona(p) => vec![persona(p)],
        Against::All => {
            let mut v = vec![("silent".into(), vec![Opponent::Silent])];
            v.extend(theirs.iter().map(|&p| persona(p)));
            // With one persona, "every persona" is that persona's search.
            if theirs.len() > 1 {
                let all = theirs.iter().map(|&p| Opponent::Persona(p)).collect();
                v.push((report::EVERY.into(), all));
            }
            v
        }
    }
}

/// Runs every search the options ask for.
pub fn probe(w: &Arc<World>, opts: &Options) -> Report {
    let near = closeness::Closeness::new(w);
    let mut teams = Vec::new();
    for &team in &opts.teams {
        let moves = moves::Moves::new(w, team);
        let mut found = Vec::new();
        // What the searches against one opponent found: the search against
        // every persona starts from these, since a script that wins against
        // each one alone is the likeliest to win against all.
        let mut earlier = Vec::new();
        for (label, opponents) in searches(w, team, opts.against) {
            let bench = score::Bench {
                world: w,
                moves: &moves,
                opponents: &opponents,
                near: &near,
                threads: opts.threads,
            };
            let limits = search::Limits {
                budget: opts.budget,
                seed: opts.seed,
                deadline: (opts.seconds)
                    .map(|s| Instant::now() + Duration::from_secs_f64(s.clamp(0.0, 1e6))),
            };
            let start = if opponents.len() > 1 {
                &earlier[..]
            } else {
                &[]
            };
            let result = search::search(&bench, &limits, start);
            earlier.extend(result.finalists.iter().map(|f| f.strategy.clone()));
            found.push(report::search_report(w, &moves, label, &opponents, result));
        }
        teams.push(report::team_report(w, team, found));
    }
    report::report(w, opts, teams)
}
