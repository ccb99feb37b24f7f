//! Printing a run's timeline and final state.

use serde::Serialize;

use crate::scenario::Lang;
use crate::sim::describe::{describe, offset, utc};
use crate::sim::{Engine, Event, Viewer, state_hash};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    #[serde(flatten)]
    event: &'a Event,
    text: String,
}

#[derive(Serialize)]
struct JsonRun<'a> {
    scenario: &'a str,
    seed: u64,
    events: Vec<JsonLine<'a>>,
    outcome: Option<&'a str>,
    ended_at: Option<u32>,
    variables: std::collections::BTreeMap<&'a str, f64>,
    rung: &'a str,
    peak_rung: &'a str,
    state_hash: String,
}

/// Prints the facilitator's timeline (everything) and the final state.
pub fn print(e: &Engine, format: Format, lang: Lang) {
    let w = e.world();
    let st = e.state();
    match format {
        Format::Human => {
            for ev in e.events() {
                println!(
                    "{:>9}  {}  {}",
                    offset(ev.t),
                    utc(w, ev.t),
                    describe(w, st, ev, Viewer::Facilitator, lang)
                );
            }
            println!();
            match st.outcome {
                Some(o) => println!(
                    "outcome: {} ({:?})",
                    w.scenario.outcomes[o].title.get(lang),
                    w.scenario.outcomes[o].valence
                ),
                None if st.ended() => println!("outcome: none"),
                None => println!(
                    "outcome: not yet (exercise still running at {})",
                    offset(st.now)
                ),
            }
            println!("variables: {}", crate::sim::describe::variables(w, st));
            println!(
                "rung: {} (peak {})",
                w.scenario.ladder.rungs[st.rung].id, w.scenario.ladder.rungs[st.peak_rung].id
            );
            println!("state hash: {}", state_hash(e));
        }
        Format::Json => {
            let run = JsonRun {
                scenario: &w.scenario.meta.id,
                seed: e.seed(),
                events: e
                    .events()
                    .iter()
                    .map(|ev| JsonLine {
                        event: ev,
                        text: describe(w, st, ev, Viewer::Facilitator, lang),
                    })
                    .collect(),
                outcome: st.outcome.map(|o| w.scenario.outcomes[o].id.as_str()),
                ended_at: st.ended_at,
                variables: w
                    .scenario
                    .variables
                    .iter()
                    .zip(&st.vars)
                    .map(|(v, x)| (v.id.as_str(), *x))
                    .collect(),
                rung: &w.scenario.ladder.rungs[st.rung].id,
                peak_rung: &w.scenario.ladder.rungs[st.peak_rung].id,
                state_hash: state_hash(e),
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&run).expect("runs serialise")
            );
        }
    }
}
