//! The `hotline` command line: thin wrappers over the library.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod check;
mod graph;
mod join;
mod load;
mod lsp;
mod new;
#[cfg(feature = "app")]
mod play;
mod probe;
mod replay;
mod report;
mod run;
mod serve;
mod simulate;
mod timeline;

/// `--lang en|zh`, for every command that writes for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    En,
    Zh,
}

impl From<LangArg> for crate::scenario::Lang {
    fn from(l: LangArg) -> crate::scenario::Lang {
        match l {
            LangArg::En => crate::scenario::Lang::En,
            LangArg::Zh => crate::scenario::Lang::Zh,
        }
    }
}

#[derive(Parser)]
#[command(
    name = "hotline",
    version,
    about = "Tabletop exercises for crisis communication between two governments"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Check scenario files or folders and print diagnostics.
    Check(check::Args),
    /// Write a complete, commented starting scenario (never overwrites).
    New(new::Args),
    /// Language server for scenario files, over stdio (for editors).
    Lsp,
    /// Play a scripted exercise from a test plan and check its expectations.
    Run(run::Args),
    /// Rebuild an exercise from its journal and print the timeline.
    Replay(replay::Args),
    /// Persona-vs-persona Monte Carlo: outcome distribution and coverage.
    Simulate(simulate::Args),
    /// Draw the scenario's causal map (SVG or DOT), dead ends outlined.
    Graph(graph::Args),
    /// Search for cheap one-team strategies that reach a Good outcome.
    Probe(probe::Args),
    /// Write the after-action report (HTML or Markdown) for a journal.
    Report(report::Args),
    /// Host a workshop: teams, facilitator and projector join over the network.
    Serve(serve::Args),
    /// Join a workshop's seat in the app's window, or headless with --plan, --persona or --watch.
    Join(join::Args),
    /// Open the desktop app on a scenario.
    #[cfg(feature = "app")]
    Play(play::Args),
    /// Open the desktop app (not part of this build).
    #[cfg(not(feature = "app"))]
    #[command(disable_help_flag = true)]
    Play {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
        args: Vec<String>,
    },
}

/// `pipe_output` runs first for the commands whose output is made for a
/// pipe (`| head`, `| less`), never for those that hold sockets or a window.
pub fn main(pipe_output: fn()) -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    if cli.command.as_ref().is_some_and(Command::writes_for_a_pipe) {
        pipe_output();
    }
    match cli.command {
        Some(Command::Check(a)) => check::run(a),
        Some(Command::New(a)) => new::run(a),
        Some(Command::Lsp) => lsp::run(),
        Some(Command::Run(a)) => run::run(a),
        Some(Command::Replay(a)) => replay::run(a),
        Some(Command::Simulate(a)) => simulate::run(a),
        Some(Command::Probe(a)) => probe::run(a),
        Some(Command::Graph(a)) => graph::run(a),
        Some(Command::Report(a)) => report::run(a),
        Some(Command::Serve(a)) => serve::run(a),
        Some(Command::Join(a)) => join::run(a),
        #[cfg(feature = "app")]
        Some(Command::Play(a)) => play::run(a),
        #[cfg(not(feature = "app"))]
        Some(Command::Play { .. }) => {
            eprintln!(
                "error: this hotline was built without the desktop app (`--no-default-features`), so `play` is not available; build it with the default features (`cargo build --release`), or use `run`, `simulate` or `join` here"
            );
            ExitCode::from(2)
        }
        None => default_job(),
    }
}

impl Command {
    fn writes_for_a_pipe(&self) -> bool {
        !matches!(
            self,
            Command::Lsp | Command::Serve(_) | Command::Join(_) | Command::Play { .. }
        )
    }
}

/// What `cargo run --release` does with no arguments: the app, on the
/// scenario library.
#[cfg(feature = "app")]
fn default_job() -> ExitCode {
    crate::app::run(crate::app::Launch::default())
}

/// Without the app, the main job is checking the bundled scenarios.
#[cfg(not(feature = "app"))]
fn default_job() -> ExitCode {
    println!("Hotline was built without the desktop app; checking the bundled scenarios.");
    check::run_bundled()
}
