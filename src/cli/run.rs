//! `hotline run`: a headless, scripted exercise from a test plan.

use std::path::PathBuf;
use std::process::ExitCode;

use super::LangArg;
use super::timeline::{self, Format};
use crate::scenario::diag::render;
use crate::scenario::spans::Spans;
use crate::sim::journal::JournalError;
use crate::sim::plan::{self, load_plan};
use crate::sim::session::{self, Session, SessionError};

#[derive(clap::Args)]
pub struct Args {
    /// The scenario file.
    pub scenario: PathBuf,
    /// The test plan (RON): timed actions, personas and expectations.
    #[arg(long)]
    pub plan: PathBuf,
    /// Overrides the plan's seed (default 1).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Write every action to this journal as it happens.
    #[arg(long, conflicts_with = "resume")]
    pub journal: Option<PathBuf>,
    /// Continue an interrupted run from its journal, appending to it.
    #[arg(long)]
    pub resume: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
    /// Print only the result, not the timeline.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(a: Args) -> ExitCode {
    let Some(sc) = super::load::scenario(&a.scenario) else {
        return ExitCode::from(1);
    };
    let plan = match load_plan(&a.plan) {
        Ok(p) => p,
        Err(d) => {
            let src = std::fs::read_to_string(&a.plan).ok();
            eprintln!("{}", render(&d, src.as_deref()));
            return ExitCode::from(if d.start.is_some() { 1 } else { 2 });
        }
    };
    if let Some(id) = &plan.scenario
        && *id != sc.world.scenario.meta.id
    {
        eprintln!(
            "error: {}: this plan is for scenario `{id}`, not `{}`",
            a.plan.display(),
            sc.world.scenario.meta.id
        );
        return ExitCode::from(1);
    }
    // Unknown ids and steps after the end, all at their lines, before a
    // run that would stop at the first.
    let src = std::fs::read_to_string(&a.plan).unwrap_or_default();
    let src = src.trim_start_matches('\u{feff}');
    let file = a.plan.display().to_string();
    let found = plan::check_plan(&plan, &Spans::new(src), &file, &sc.world.scenario);
    if !found.is_empty() {
        for d in &found {
            eprintln!("{}", render(d, Some(src)));
        }
        return ExitCode::from(1);
    }
    let seed = a.seed.or(plan.seed).unwrap_or(1);
    let mut header = sc.header(seed);
    let truth = match plan.truth_in(&sc.world) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {}: {e}", a.plan.display());
            return ExitCode::from(1);
        }
    };
    header.truth = plan.truth.clone();
    let opened = match (&a.journal, &a.resume) {
        (Some(j), _) => Session::journalled(sc.world.clone(), &header, j),
        (None, Some(r)) => Session::resume_scripted(sc.world.clone(), &header, r).map(|(s, j)| {
            if let Some(line) = j.torn_line {
                eprintln!("warning: {}:{line}: the last record was cut short (the run was killed while writing it); skipped", r.display());
            }
            if j.header.seed != seed {
                eprintln!("note: resuming with the journal's seed {}", j.header.seed);
            }
            s
        }),
        (None, None) => Ok(Session::with_truth(sc.world.clone(), seed, truth)),
    };
    let mut session = match opened {
        Ok(s) => s,
        // The journal cannot be written (it exists already, or its folder
        // does not): a problem with the command line's paths, exit 2.
        Err(SessionError::Journal(e @ JournalError::Io { .. })) if a.journal.is_some() => {
            eprintln!("error: {e}");
            if a.journal.as_ref().is_some_and(|j| j.exists()) {
                eprintln!(
                    "  = help: a journal is never overwritten: pick a new path, or continue it with `--resume`"
                );
            }
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let failures = match plan::run(&mut session, &plan) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if session.unreplayed() > 0 {
        eprintln!(
            "error: the journal holds {} more actions than this plan makes: it belongs to another plan",
            session.unreplayed()
        );
        return ExitCode::from(1);
    }
    if a.quiet && a.format == Format::Human {
        let e = &session.engine;
        let w = e.world();
        let outcome = e
            .state()
            .outcome
            .map(|o| w.scenario.outcomes[o].id.as_str());
        print_result(outcome, &session::state_hash(e));
    } else {
        timeline::print(&session.engine, a.format, a.lang.into());
    }
    if failures.is_empty() {
        if a.format == Format::Human {
            println!(
                "plan `{}`: all {} expectations met",
                plan.name,
                plan.expect.len()
            );
        }
        ExitCode::SUCCESS
    } else {
        for f in &failures {
            eprintln!("FAILED {}: {f}", a.plan.display());
        }
        ExitCode::from(1)
    }
}

/// The two closing lines of a quiet run; `hotline serve` and `hotline join`
/// print the same, so a script compares runs with one `grep`.
pub(super) fn print_result(outcome: Option<&str>, state_hash: &str) {
    println!("outcome: {}", outcome.unwrap_or("none"));
    println!("state hash: {state_hash}");
}
