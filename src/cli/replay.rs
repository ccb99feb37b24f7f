//! `hotline replay`: the timeline and final state rebuilt from a journal.

use std::path::PathBuf;
use std::process::ExitCode;

use super::LangArg;
use super::timeline::{self, Format};
use crate::sim::open::replay_journal;

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
    let bundled = super::load::bundled_dir();
    match replay_journal(&a.journal, a.scenario.as_deref(), &bundled, false) {
        Ok(r) => {
            if let Some(line) = r.journal.torn_line {
                eprintln!(
                    "warning: {}:{line}: the last record was cut short; skipped",
                    a.journal.display()
                );
            }
            timeline::print(&r.engine, a.format, a.lang.into());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
