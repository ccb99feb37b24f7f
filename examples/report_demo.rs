//! Plays a bundled scenario with computer personas on both sides and writes
//! its journal, for demonstrating the after-action report (see
//! scripts/report-screenshot.sh).
//!
//! cargo run --example report_demo -- OUT.journal [SCENARIO.ron] [SEED]

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use hotline::sim::{Action, Session, World, session};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first().map(PathBuf::from) else {
        eprintln!("usage: report_demo OUT.journal [SCENARIO.ron] [SEED]");
        return ExitCode::from(2);
    };
    let scenario = args.get(1).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scenarios/wrong-target.ron"
        ))
    });
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(11);
    match run(&out, &scenario, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(out: &std::path::Path, scenario: &std::path::Path, seed: u64) -> Result<(), String> {
    let loaded = hotline::scenario::load_file(scenario)
        .map_err(|d| format!("{}: {} diagnostics", scenario.display(), d.len()))?;
    let world = Arc::new(World::compile(loaded.scenario));
    let header = session::header(&world, &loaded.source, seed, Some(scenario));
    let mut s = Session::journalled(world.clone(), &header, out).map_err(|e| e.to_string())?;
    // The first persona of each team plays it; the facilitator takes notes
    // along the way, as in a workshop.
    let mut actions: Vec<(u32, Action)> = Vec::new();
    for t in &world.scenario.teams {
        if let Some(p) = world.scenario.personas.iter().find(|p| p.team == t.id) {
            actions.push((
                0,
                Action::SetPersona {
                    team: t.id.clone(),
                    persona: Some(p.id.clone()),
                },
            ));
        }
    }
    actions.push((
        0,
        Action::Note("Both teams played by computer personas for the demonstration.".into()),
    ));
    actions.push((
        6 * 60,
        Action::Note(
            "First acknowledgement arrived outside Beijing office hours: discuss 24/7 staffing."
                .into(),
        ),
    ));
    actions.push((
        20 * 60,
        Action::Note(
            "Check whether the public line matched the confidence held at the time.".into(),
        ),
    ));
    for (t, a) in actions {
        if s.engine.ended() {
            break;
        }
        s.submit(t, a).map_err(|e| e.to_string())?;
    }
    Ok(())
}
