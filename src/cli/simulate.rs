//! `hotline simulate`: persona-vs-persona Monte Carlo for balancing.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::timeline::Format;
use crate::sim::force::{Force, force};
use crate::sim::montecarlo::{self, Config, Tally, median_end_hour, wilson};
use crate::sim::world::World;

#[derive(clap::Args)]
pub struct Args {
    pub scenario: PathBuf,
    /// How many runs (at least 1).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: u64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads (default: all cores). The result does not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Fix a team's persona, e.g. `--persona cac=cac_coop` for
    /// scenarios/wrong-target.ron (repeatable).
    #[arg(long = "persona", value_name = "TEAM=PERSONA")]
    pub personas: Vec<String>,
    /// Every persona message of TYPE carries VALUE in FIELD, e.g.
    /// `--force share_sample.scope=indicators` (repeatable): how much a
    /// field's choice moves the outcomes.
    #[arg(long = "force", value_name = "TYPE.FIELD=VALUE")]
    pub force: Vec<Force>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

fn fixed(w: &World, specs: &[String]) -> Result<BTreeMap<usize, usize>, String> {
    let mut out = BTreeMap::new();
    for s in specs {
        let (t, p) = s
            .split_once('=')
            .ok_or_else(|| format!("`{s}`: write TEAM=PERSONA"))?;
        let team = *w.ids.teams.get(t).ok_or_else(|| {
            let teams: Vec<String> = (w.scenario.teams.iter())
                .map(|x| format!("`{}`", x.id))
                .collect();
            format!("unknown team `{t}`; the teams are {}", teams.join(", "))
        })?;
        let persona = *w.ids.personas.get(p).ok_or_else(|| {
            let theirs: Vec<String> = (w.scenario.personas.iter())
                .filter(|x| x.team == t)
                .map(|x| format!("`{}`", x.id))
                .collect();
            let mut m = format!("unknown persona `{p}`; team `{t}` has ");
            if theirs.is_empty() {
                m.push_str("no personas");
            } else {
                m.push_str(&theirs.join(", "));
            }
            let all = w.scenario.personas.iter().map(|x| x.id.as_str());
            if let Some(c) = crate::scenario::diag::closest(p, all) {
                m.push_str(&format!(" (did you mean `{c}`?)"));
            }
            m
        })?;
        if w.personas[persona].team != team {
            return Err(format!(
                "persona `{p}` plays team `{}`, not `{t}`",
                w.scenario.teams[w.personas[persona].team].id
            ));
        }
        out.insert(team, persona);
    }
    Ok(out)
}

pub fn run(a: Args) -> ExitCode {
    let Some(sc) = super::load::scenario(&a.scenario) else {
        return ExitCode::from(1);
    };
    let mut w = sc.world;
    for f in &a.force {
        match force(&w, f) {
            Ok((forced, 0)) => {
                eprintln!(
                    "warning: no persona sends `{}`; --force changes nothing",
                    f.msg
                );
                w = std::sync::Arc::new(forced);
            }
            Ok((forced, _)) => w = std::sync::Arc::new(forced),
            Err(e) => {
                eprintln!("error: --force {e}");
                return ExitCode::from(2);
            }
        }
    }
    let fixed = match fixed(&w, &a.personas) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let threads = a.threads.unwrap_or_else(crate::platform::threads).max(1);
    let cfg = Config {
        runs: a.runs,
        seed: a.seed,
        threads,
        fixed,
    };
    let progress = AtomicU64::new(0);
    let started = Instant::now();
    let tally = std::thread::scope(|s| {
        let worker = s.spawn(|| montecarlo::simulate(&w, &cfg, &progress));
        if std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(a.runs);
            while !worker.is_finished() {
                bar.set_position(progress.load(Ordering::Relaxed));
                std::thread::sleep(Duration::from_millis(100));
            }
            bar.finish_and_clear();
        }
        worker.join().expect("simulation")
    });
    let secs = started.elapsed().as_secs_f64();
    match a.format {
        Format::Human => {
            print_human(&w, &cfg, &tally, secs);
            for f in &a.force {
                println!("\nforced: {}.{}={}", f.msg, f.field, f.value);
            }
        }
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report(&w, &cfg, &tally)).expect("serialises")
        ),
    }
    ExitCode::SUCCESS
}

#[derive(Serialize)]
struct OutcomeRow<'a> {
    id: &'a str,
    valence: String,
    runs: u64,
    share: f64,
    ci95: (f64, f64),
}

#[derive(Serialize)]
struct Report<'a> {
    scenario: &'a str,
    runs: u64,
    seed: u64,
    outcomes: Vec<OutcomeRow<'a>>,
    no_outcome: u64,
    mean_peak_rung: f64,
    mean_end_minute: f64,
    median_end_hour: Option<usize>,
    expectations: BTreeMap<&'a str, (u64, u64)>,
    never: Never<'a>,
    pairings: BTreeMap<String, BTreeMap<&'a str, u64>>,
    truths: BTreeMap<String, BTreeMap<&'a str, u64>>,
    tally: &'a Tally,
}

#[derive(Serialize)]
struct Never<'a> {
    outcomes: Vec<&'a str>,
    injects: Vec<&'a str>,
    message_types: Vec<&'a str>,
    persona_rules: Vec<String>,
}

fn never<'a>(w: &'a World, t: &Tally) -> Never<'a> {
    let zero = |counts: &[u64], ids: Vec<&'a str>| -> Vec<&'a str> {
        ids.into_iter()
            .zip(counts)
            .filter(|(_, c)| **c == 0)
            .map(|(id, _)| id)
            .collect()
    };
    Never {
        outcomes: zero(
            &t.outcomes,
            w.scenario.outcomes.iter().map(|o| o.id.as_str()).collect(),
        ),
        // Reserve injects fire only by the facilitator's hand, which a
        // persona-vs-persona run never has: not a coverage gap.
        injects: zero(
            &t.injects_fired,
            w.scenario.injects.iter().map(|o| o.id.as_str()).collect(),
        )
        .into_iter()
        .filter(|id| {
            !w.scenario
                .injects
                .iter()
                .any(|i| i.id == *id && matches!(i.trigger, crate::scenario::Trigger::Reserve))
        })
        .collect(),
        message_types: zero(
            &t.sent,
            w.scenario.messages.iter().map(|o| o.id.as_str()).collect(),
        ),
        persona_rules: w
            .scenario
            .personas
            .iter()
            .zip(&t.rules_chosen)
            .flat_map(|(p, counts)| {
                p.rules
                    .iter()
                    .zip(counts)
                    .filter(|(_, c)| **c == 0)
                    .map(|(r, _)| format!("{}/{}", p.id, r.id))
            })
            .collect(),
    }
}

fn report<'a>(w: &'a World, cfg: &Config, t: &'a Tally) -> Report<'a> {
    let n = t.runs.max(1) as f64;
    let outcome_id = |i: usize| w.scenario.outcomes.get(i).map_or("none", |o| o.id.as_str());
    let by_outcome = |rows: &BTreeMap<String, Vec<u64>>| {
        (rows.iter())
            .map(|(k, v)| {
                let cells = v.iter().enumerate().map(|(i, c)| (outcome_id(i), *c));
                (k.clone(), cells.collect())
            })
            .collect()
    };
    Report {
        scenario: &w.scenario.meta.id,
        runs: t.runs,
        seed: cfg.seed,
        outcomes: w
            .scenario
            .outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| OutcomeRow {
                id: &o.id,
                valence: format!("{:?}", o.valence),
                runs: t.outcomes[i],
                share: t.outcomes[i] as f64 / n,
                ci95: wilson(t.outcomes[i], t.runs),
            })
            .collect(),
        no_outcome: t.outcomes[w.scenario.outcomes.len()],
        mean_peak_rung: t
            .peak_rungs
            .iter()
            .enumerate()
            .map(|(r, c)| r as f64 * *c as f64)
            .sum::<f64>()
            / n,
        mean_end_minute: t.end_minutes_sum as f64 / n,
        median_end_hour: median_end_hour(t),
        expectations: w
            .scenario
            .expectations
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), (t.exp_met[i], t.exp_missed[i])))
            .collect(),
        never: never(w, t),
        pairings: by_outcome(&t.pairings),
        truths: by_outcome(&t.truths),
        tally: t,
    }
}

fn pct(k: u64, n: u64) -> String {
    format!("{:5.1}%", 100.0 * k as f64 / n.max(1) as f64)
}

fn print_human(w: &World, cfg: &Config, t: &Tally, secs: f64) {
    let r = report(w, cfg, t);
    println!(
        "{}: {} runs, seed {}, {} threads, {:.2} s ({:.0} runs/s)",
        w.scenario.meta.title.en,
        t.runs,
        cfg.seed,
        cfg.threads,
        secs,
        t.runs as f64 / secs.max(1e-9)
    );
    println!("\noutcomes (95% Wilson interval)");
    for o in &r.outcomes {
        println!(
            "  {:<28} {:<6} {} [{:5.1}, {:5.1}]",
            o.id,
            o.valence,
            pct(o.runs, t.runs),
            o.ci95.0 * 100.0,
            o.ci95.1 * 100.0
        );
    }
    if r.no_outcome > 0 {
        println!("  {:<28} {:<6} {}", "(none)", "", pct(r.no_outcome, t.runs));
    }
    let rung = |x: f64| format!("{x:.2} (L{})", x.round());
    println!("\nmean peak rung: {}", rung(r.mean_peak_rung));
    println!(
        "time to outcome: mean {:.1} h, median hour {}",
        r.mean_end_minute / 60.0,
        r.median_end_hour.map_or("-".into(), |h| h.to_string())
    );
    println!(
        "mean events per run: {:.0}",
        t.events as f64 / t.runs.max(1) as f64
    );
    println!("\nexpectations (met / missed)");
    for (i, x) in w.scenario.expectations.iter().enumerate() {
        println!(
            "  {:<28} {} / {}",
            x.id,
            pct(t.exp_met[i], t.runs),
            pct(t.exp_missed[i], t.runs)
        );
    }
    println!("\nby persona pairing");
    breakdown(w, &t.pairings);
    if !t.truths.is_empty() {
        println!("\nby hidden truth");
        breakdown(w, &t.truths);
    }
    let nv = &r.never;
    println!("\nnever happened");
    let line = |what: &str, v: &[&str]| {
        println!(
            "  {what:<16} {}",
            if v.is_empty() {
                "-".into()
            } else {
                v.join(", ")
            }
        )
    };
    line("outcomes", &nv.outcomes);
    line("injects", &nv.injects);
    line("message types", &nv.message_types);
    let rules: Vec<&str> = nv.persona_rules.iter().map(String::as_str).collect();
    line("persona rules", &rules);
}

/// Outcome shares for each key of a breakdown (a pairing, a truth).
fn breakdown(w: &World, rows: &BTreeMap<String, Vec<u64>>) {
    for (k, v) in rows {
        let total: u64 = v.iter().sum();
        let cells: Vec<String> = v
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(i, c)| {
                format!(
                    "{} {}",
                    w.scenario.outcomes.get(i).map_or("none", |o| o.id.as_str()),
                    pct(*c, total).trim()
                )
            })
            .collect();
        println!("  {k:<34} n={total:<6} {}", cells.join(", "));
    }
}
