//! `hotline join`: take a workshop seat, in the app's window or headless
//! (a plan, a persona or a watcher), through the same client.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use crate::net::client::ewebsock_transport;
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
    /// Headless: print each message that reaches the seat's team as a JSON
    /// line on delivery, and again when it becomes readable.
    #[arg(long)]
    pub print_messages: bool,
    /// Give up after this many seconds.
    #[arg(long, default_value_t = 24 * 3600)]
    pub timeout: u64,
    /// In the window: save a PNG of it and exit (with --exit-after-frames).
    #[arg(long, conflicts_with_all = ["plan", "persona", "watch"])]
    pub screenshot: Option<PathBuf>,
    /// In the window: exit after this many frames.
    #[arg(long, conflicts_with_all = ["plan", "persona", "watch"])]
    pub exit_after_frames: Option<u32>,
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
        _ => return window(a),
    };
    let url = crate::net::client::join_url(&a.url);
    let mut log = headless::MessageLog::default();
    let print = |c: &mut crate::net::client::Client| {
        let Some(m) = c.model().filter(|_| a.print_messages) else {
            return;
        };
        let lines = log.lines(m);
        for l in &lines {
            println!("{l}");
        }
        if !lines.is_empty() {
            use std::io::Write;
            let _ = std::io::stdout().flush();
        }
    };
    let limit = Duration::from_secs(a.timeout);
    match headless::play_with(&url, &a.code, role, limit, ewebsock_transport(), print) {
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

/// Opens the app at the seat.
#[cfg(feature = "app")]
fn window(a: Args) -> ExitCode {
    crate::app::run(crate::app::Launch {
        join: Some((a.url, a.code)),
        screenshot: a.screenshot,
        exit_after_frames: a.exit_after_frames,
        ..Default::default()
    })
}

#[cfg(not(feature = "app"))]
fn window(_: Args) -> ExitCode {
    eprintln!(
        "error: this hotline was built without the desktop app, so it cannot open a window; pass --plan PLAN, --persona NAME or --watch to take the seat headless"
    );
    ExitCode::from(2)
}
