//! `hotline replay`: the timeline and final state rebuilt from a journal.

use std::path::PathBuf;
use std::process::ExitCode;

use super::timeline::{self, Format, LangArg};
use crate::sim::journal::Journal;
use crate::sim::session::{self, Session};

#[derive(clap::Args)]
pub struct Args {
    pub journal: PathBuf,
    /// The scenario, when the journal's recorded path has moved.
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
}

pub fn run(a: Args) -> ExitCode {
    let j = match Journal::read(&a.journal) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if let Some(line) = j.torn_line {
        eprintln!(
            "warning: {}:{line}: the last record was cut short; skipped",
            a.journal.display()
        );
    }
    let Some(path) = super::load::scenario_for_journal(&j.header, a.scenario.as_deref()) else {
        eprintln!(
            "error: cannot find scenario `{}` for {}: pass it with --scenario",
            j.header.scenario,
            a.journal.display()
        );
        return ExitCode::from(1);
    };
    let Some(sc) = super::load::scenario(&path) else {
        return ExitCode::from(1);
    };
    let expected = session::header(&sc.world, &sc.loaded.source, j.header.seed, Some(&path));
    if let Err(e) = session::check_header(&j.header, &expected, &a.journal) {
        eprintln!("error: {e}");
        return ExitCode::from(1);
    }
    match Session::replay(sc.world.clone(), &j) {
        Ok(s) => {
            timeline::print(&s.engine, a.format, a.lang.into());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: {e}", a.journal.display());
            ExitCode::from(1)
        }
    }
}
