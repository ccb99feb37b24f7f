//! `hotline join`: take a workshop seat. Headless for now (a plan, a
//! persona or a watcher); the app's window joins through the same client.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use crate::net::headless::{self, Role};
use crate::scenario::diag::render;
use crate::sim::plan::load_plan;

#[derive(clap::Args)]
pub struct Args {
    /// The address `hotline serve` printed, e.g. ws://192.168.1.20:7878/ws.
    pub url: String,
    /// The seat's join code.
    pub code: String,
    /// Hand this seat's team to the computer persona NAME.
    #[arg(long, conflicts_with_all = ["plan", "watch"])]
    pub persona: Option<String>,
    /// Play this seat's steps of a test plan.
    #[arg(long, conflicts_with = "watch")]
    pub plan: Option<PathBuf>,
    /// Only watch (an observer, or a team a persona plays).
    #[arg(long)]
    pub watch: bool,
    /// Give up after this many seconds.
    #[arg(long, default_value_t = 24 * 3600)]
    pub timeout: u64,
}

pub fn run(a: Args) -> ExitCode {
    let role = match (&a.persona, &a.plan, a.watch) {
        (Some(p), _, _) => Role::Persona(p.clone()),
        (_, Some(path), _) => match load_plan(path) {
            Ok(p) => Role::Plan(p),
            Err(d) => {
                let src = std::fs::read_to_string(path).ok();
                eprintln!("{}", render(&d, src.as_deref()));
                return ExitCode::from(2);
            }
        },
        (_, _, true) => Role::Watch,
        _ => {
            eprintln!(
                "error: joining with a window is not available yet; pass --plan PLAN, --persona NAME or --watch"
            );
            return ExitCode::from(2);
        }
    };
    let url = with_path(&a.url);
    match headless::play(&url, &a.code, role, Duration::from_secs(a.timeout)) {
        Ok(f) => {
            for r in &f.refusals {
                eprintln!("refused: {r}");
            }
            super::run::print_result(f.outcome.as_deref(), &f.state_hash);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// `ws://host:port` means the server's `/ws`.
fn with_path(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    if rest.contains('/') {
        url.to_string()
    } else {
        format!("{url}/ws")
    }
}
