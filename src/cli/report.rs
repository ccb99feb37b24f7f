//! `hotline report`: replay a journal and write the after-action report.
//! Exit 0 on success, 1 when the journal or scenario is at fault, 2 on a
//! usage error.

use std::path::PathBuf;
use std::process::ExitCode;

use super::LangArg;
use crate::report::{self, Format};

#[derive(clap::Args)]
pub struct Args {
    /// The exercise journal to report on.
    pub journal: PathBuf,
    /// Output file; `.html` or `.md` chooses the format.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Language of the report.
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
    /// The scenario file, if not where the journal says or among the
    /// bundled scenarios.
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// Play on with no further actions until the exercise ends, instead of
    /// reporting the state at the last journalled action.
    #[arg(long)]
    pub to_end: bool,
}

pub fn run(a: Args) -> ExitCode {
    let Some(format) = Format::from_path(&a.output) else {
        eprintln!(
            "error: cannot tell the report format from `{}`: name it *.html or *.md",
            a.output.display()
        );
        return ExitCode::from(2);
    };
    let bundled = super::load::bundled_dir();
    let replayed =
        match report::replay_journal(&a.journal, a.scenario.as_deref(), &bundled, a.to_end) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        };
    let text = report::render(&replayed, format, a.lang.into());
    if let Err(e) = std::fs::write(&a.output, text) {
        eprintln!("error: {}: {e}", a.output.display());
        return ExitCode::from(1);
    }
    let state = if replayed.engine.ended() {
        "ended"
    } else {
        "interrupted"
    };
    println!(
        "wrote {} ({} actions, exercise {state}, scenario {})",
        a.output.display(),
        replayed.journal.records.len(),
        replayed.scenario_path.display()
    );
    ExitCode::SUCCESS
}
