//! `hotline play`: open the desktop app on a scenario (or a journal).

use std::path::PathBuf;
use std::process::ExitCode;

use super::LangArg;
use crate::app::{Launch, Mode, Screen};

#[derive(clap::Args)]
pub struct Args {
    /// Scenario file (.ron); omit with --resume.
    #[arg(required_unless_present = "resume")]
    pub scenario: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "solo")]
    pub mode: Mode,
    /// Solo: the team the student plays (default: the first).
    #[arg(long)]
    pub team: Option<String>,
    #[arg(long)]
    pub seed: Option<u64>,
    /// The screen to open on.
    #[arg(long, value_enum)]
    pub screen: Option<Screen>,
    /// Save a PNG of the window and exit (with --exit-after-frames).
    #[arg(long)]
    pub screenshot: Option<PathBuf>,
    /// Exit after this many frames (the screenshot is taken on the last).
    #[arg(long)]
    pub exit_after_frames: Option<u32>,
    /// Reopen a journalled exercise where it stopped.
    #[arg(long, conflicts_with = "scenario")]
    pub resume: Option<PathBuf>,
    /// Run the clock this many exercise minutes before showing the window
    /// (demos and screenshots).
    #[arg(long)]
    pub advance: Option<u32>,
    /// Interface and scenario language.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Window size in logical pixels, e.g. 1280x800.
    #[arg(long, value_parser = parse_size)]
    pub window_size: Option<(u32, u32)>,
    /// Workshop: let teams join from their own computers at once, the
    /// server listening on ADDR:PORT (e.g. 0.0.0.0:7878).
    #[arg(long)]
    pub share: Option<std::net::SocketAddr>,
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("`{s}`: expected WIDTHxHEIGHT, e.g. 1280x800"))?;
    let n = |v: &str| {
        v.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (200..=10_000).contains(n))
            .ok_or_else(|| format!("`{s}`: expected WIDTHxHEIGHT, e.g. 1280x800"))
    };
    Ok((n(w)?, n(h)?))
}

pub fn run(a: Args) -> ExitCode {
    crate::app::run(Launch {
        scenario: a.scenario,
        mode: a.mode,
        team: a.team,
        seed: a.seed,
        screen: a.screen,
        screenshot: a.screenshot,
        exit_after_frames: a.exit_after_frames,
        resume: a.resume,
        advance: a.advance,
        lang: a.lang.map(Into::into),
        window_size: a.window_size,
        join: None,
        share: a.share,
    })
}
