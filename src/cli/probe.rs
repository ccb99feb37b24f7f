//! `hotline probe`: searches for a cheap one-team script that reaches a
//! Good outcome; exit 1 when one beats the bars, so CI can run it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use serde::Serialize;

use super::timeline::Format;
use crate::sim::probe::{
    self, Against, DEFAULT_BUDGET, MIN_BUDGET, Options, Report, SearchReport, TeamReport,
};
use crate::sim::world::World;

#[derive(clap::Args)]
#[command(
    after_help = "Exit status: 0 when no strategy beats the bars (Good in more than 10% of \
    seeds against a silent other team, or in more than 50% against every persona of it), 1 when \
    one does, 2 on a usage or input error (the scenario does not load, an unknown team or \
    persona, a plan that cannot be written)."
)]
pub struct Args {
    pub scenario: PathBuf,
    /// The team to probe (default: each team in turn).
    #[arg(long)]
    pub team: Option<String>,
    /// `silent`, a persona id of the other team, or `all` (silent, each
    /// persona, and every persona at once).
    #[arg(long, default_value = "all")]
    pub against: String,
    /// Playthroughs per search (one team against one opponent), the 500
    /// confirmation seeds of each of 3 finalists included.
    #[arg(long, default_value_t = DEFAULT_BUDGET)]
    pub budget: u64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads (default: all cores). The result does not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Stop each search after this many seconds even with budget left (the
    /// result then depends on the machine's speed).
    #[arg(long, value_name = "SECONDS")]
    pub time: Option<f64>,
    /// Write the best strategy found as a test plan that `hotline run` replays.
    #[arg(long, value_name = "PATH")]
    pub write_plan: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

/// The teams and opponents the arguments name, or why they are wrong.
fn choose(w: &World, a: &Args) -> Result<(Vec<usize>, Against), String> {
    let team = match &a.team {
        None => None,
        Some(t) => Some(*w.ids.teams.get(t).ok_or_else(|| {
            let known: Vec<&str> = w.scenario.teams.iter().map(|t| t.id.as_str()).collect();
            format!("unknown team `{t}` (teams: {})", known.join(", "))
        })?),
    };
    let against = match a.against.as_str() {
        "all" => Against::All,
        "silent" => Against::Silent,
        p => Against::Persona(
            *w.ids
                .personas
                .get(p)
                .ok_or_else(|| format!("`--against {p}`: not `silent`, `all` or a persona id"))?,
        ),
    };
    let mut teams: Vec<usize> = team.map_or_else(|| (0..w.team_count()).collect(), |t| vec![t]);
    if let Against::Persona(p) = against {
        // A persona plays its own team; the probe is of the others.
        let theirs = w.personas[p].team;
        if team == Some(theirs) {
            return Err(format!(
                "persona `{}` plays team `{}` itself: probe another team against it",
                a.against, w.scenario.teams[theirs].id
            ));
        }
        teams.retain(|&t| t != theirs);
    }
    if a.budget < MIN_BUDGET {
        return Err(format!("--budget must be at least {MIN_BUDGET}"));
    }
    if a.time.is_some_and(|s| !s.is_finite() || s <= 0.0) {
        return Err("--time must be a positive number of seconds".into());
    }
    Ok((teams, against))
}

#[derive(Serialize)]
struct Json<'a> {
    #[serde(flatten)]
    report: &'a Report,
    threads: usize,
    seconds: f64,
    written_plan: Option<String>,
}

pub fn run(a: Args) -> ExitCode {
    let Some(sc) = super::load::scenario(&a.scenario) else {
        return ExitCode::from(2);
    };
    let w = sc.world;
    let (teams, against) = match choose(&w, &a) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let threads = a.threads.unwrap_or_else(crate::platform::threads).max(1);
    let opts = Options {
        teams,
        against,
        budget: a.budget,
        seed: a.seed,
        threads,
        seconds: a.time,
    };
    let started = Instant::now();
    let report = probe::probe(&w, &opts);
    let secs = started.elapsed().as_secs_f64();
    let mut written = None;
    if let Some(path) = &a.write_plan {
        let made = probe::best(&report)
            .ok_or_else(|| "no strategy was found".to_string())
            .and_then(|pick| probe::write_plan(&w, &report, &pick));
        match made.and_then(|(_, text)| {
            std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
        }) {
            Ok(()) => written = Some(path.display().to_string()),
            Err(e) => {
                eprintln!("error: cannot write the plan: {e}");
                return ExitCode::from(2);
            }
        }
    }
    match a.format {
        Format::Human => print_human(&w, &report, threads, secs, written.as_deref()),
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&Json {
                report: &report,
                threads,
                seconds: secs,
                written_plan: written,
            })
            .expect("serialises")
        ),
    }
    ExitCode::from(u8::from(report.beaten))
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn print_search(s: &SearchReport, other: &str) {
    let whom = match s.against.as_str() {
        "silent" => format!("a silent `{other}`"),
        probe::EVERY => format!("every persona of `{other}` at once"),
        p => format!("`{p}`"),
    };
    println!("  against {whom} ({} playthroughs)", s.playthroughs);
    if s.strategies.is_empty() {
        println!("    nothing found");
    }
    for (i, st) in s.strategies.iter().enumerate() {
        if let [r] = st.rates.as_slice() {
            let none = if r.none > 0.0 {
                format!("  none {}", pct(r.none))
            } else {
                String::new()
            };
            println!(
                "    {}. Good {}  Mixed {}  Bad {}{none}",
                i + 1,
                pct(r.good),
                pct(r.mixed),
                pct(r.bad)
            );
        } else {
            let each: Vec<String> = (st.rates.iter())
                .map(|r| format!("{} {}", r.against, pct(r.good)))
                .collect();
            println!(
                "    {}. Good {} at worst ({})",
                i + 1,
                pct(st.good),
                each.join(", ")
            );
        }
        for step in &st.steps {
            println!("         +{:<8} {}", step.at, step.says);
        }
    }
}

fn print_bars(t: &TeamReport, r: &Report) {
    let line = |what: &str, got: Option<f64>, bar: f64, beaten: bool| {
        if let Some(g) = got {
            let verdict = if beaten {
                "> bar: BEATEN"
            } else {
                "<= bar: holds"
            };
            println!(
                "  bar, {what}: best Good {} (bar {}) {verdict}",
                pct(g),
                pct(bar)
            );
        }
    };
    line("silent", t.silent_good, r.bars.silent, t.beats_silent_bar);
    line(
        "every persona",
        t.every_persona_good,
        r.bars.every_persona,
        t.beats_persona_bar,
    );
}

fn print_human(w: &World, r: &Report, threads: usize, secs: f64, written: Option<&str>) {
    println!(
        "{} ({}): probe seed {}, {} playthroughs per search, {threads} threads",
        w.scenario.meta.title.en, r.scenario, r.seed, r.budget
    );
    println!("rates over confirmation seeds 1-{}", r.confirm_seeds);
    let mut total = 0;
    for t in &r.teams {
        let other: Vec<&str> = (w.scenario.teams.iter())
            .map(|x| x.id.as_str())
            .filter(|x| *x != t.team)
            .collect();
        println!("\nteam {}", t.team);
        for s in &t.searches {
            total += s.playthroughs;
            print_search(s, &other.join(", "));
        }
        print_bars(t, r);
    }
    println!(
        "\n{:.1} s, {total} playthroughs ({:.0} per second)",
        secs,
        total as f64 / secs.max(1e-9)
    );
    if let Some(p) = written {
        println!("plan written to {p}");
    }
    if r.beaten {
        println!("verdict: a one-team strategy beats the bars (exit 1)");
    } else {
        println!("verdict: no strategy found beats the bars");
    }
}
