//! `hotline probe`: it finds a planted cheap exploit with its default
//! budget, finds nothing where no team can win alone, writes plans that
//! `hotline run` replays, and is a pure function of seed and budget.

mod common;

use std::process::Command;
use std::sync::Arc;

use hotline::scenario::Valence;
use hotline::sim::plan::{PlanAct, load_plan, run};
use hotline::sim::probe::{self, Against, DEFAULT_BUDGET, Options, Report};
use hotline::sim::{Session, World};

const PLANTED: &str = "tests/fixtures/probe/planted.ron";
const FAIR: &str = "tests/fixtures/probe/fair.ron";

fn team(w: &World, id: &str) -> usize {
    w.ids.teams[id]
}

fn probe(w: &Arc<World>, teams: &[&str], against: Against, budget: u64, threads: usize) -> Report {
    let opts = Options {
        teams: teams.iter().map(|t| team(w, t)).collect(),
        against,
        budget,
        seed: 1,
        threads,
        seconds: None,
    };
    probe::probe(w, &opts)
}

fn hotline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hotline"))
}

#[test]
fn the_default_budget_finds_the_planted_exploit() {
    let w = common::world(PLANTED);
    let r = probe(&w, &["blue"], Against::Silent, DEFAULT_BUDGET, 2);
    let best = &r.teams[0].searches[0].strategies[0];
    assert!(best.good > 0.95, "{best:#?}");
    // The needle: a firm handshake over the fast wire, within the first
    // hour (a limp or crushing one does nothing for trust).
    let planted = best.steps.iter().any(|s| {
        s.minute <= 60
            && matches!(&s.act, PlanAct::Send { msg, channel, fields, .. }
                if msg == "handshake" && channel == "wire"
                    && fields.get("grip").map(String::as_str) == Some("firm"))
    });
    assert!(planted, "{best:#?}");
    assert!(r.teams[0].beats_silent_bar && r.beaten);
}

#[test]
fn the_other_team_cannot_use_the_planted_exploit() {
    let w = common::world(PLANTED);
    let r = probe(&w, &["red"], Against::Silent, 20_000, 2);
    assert_eq!(r.teams[0].silent_good, Some(0.0));
    assert!(!r.beaten);
}

#[test]
fn where_no_team_can_win_alone_nothing_beats_the_bars() {
    let w = common::world(FAIR);
    let r = probe(&w, &["blue", "red"], Against::All, 20_000, 2);
    for t in &r.teams {
        assert_eq!(t.silent_good, Some(0.0), "{}", t.team);
        // One persona answers a pledge now and then; the other never does,
        // so no script wins against every persona.
        assert_eq!(t.every_persona_good, Some(0.0), "{}", t.team);
        let wary = (t.searches.iter())
            .find(|s| s.against.ends_with("_wary"))
            .expect("a search against the wary persona");
        assert!(wary.strategies[0].good > 0.5, "{wary:#?}");
    }
    assert!(!r.beaten);
}

#[test]
fn the_written_plan_replays_as_hotline_run_does_and_reaches_good() {
    let w = common::world(PLANTED);
    let r = probe(&w, &["blue"], Against::All, 20_000, 2);
    let pick = probe::best(&r).expect("a strategy");
    let (_, text) = probe::write_plan(&w, &r, &pick).expect("a plan");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::write(&path, &text).unwrap();
    let plan = load_plan(&path).unwrap_or_else(|d| panic!("{d:?}\n{text}"));
    let mut session = Session::new(w.clone(), plan.seed.expect("a seed"));
    let failures = run(&mut session, &plan).unwrap();
    assert!(failures.is_empty(), "{failures:?}\n{text}");
    let o = session.engine.state().outcome.expect("an outcome");
    assert_eq!(w.scenario.outcomes[o].valence, Valence::Good, "{text}");
    // And through the command line.
    let out = hotline()
        .args([
            "run",
            &common::path(PLANTED).display().to_string(),
            "--plan",
        ])
        .arg(&path)
        .arg("-q")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_same_seed_and_budget_give_the_same_result_on_any_number_of_threads() {
    let w = common::world("scenarios/wrong-target.ron");
    let a = probe(&w, &["dhs"], Against::Silent, 12_000, 1);
    let b = probe(&w, &["dhs"], Against::Silent, 12_000, 2);
    assert_eq!(a, b);
}

#[test]
fn the_command_line_writes_json_and_a_plan_against_a_persona() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("found.ron");
    let out = hotline()
        .args(["probe", &common::path(PLANTED).display().to_string()])
        .args([
            "--team",
            "blue",
            "--against",
            "red_rude",
            "--budget",
            "10000",
        ])
        .args(["--format", "json", "--write-plan"])
        .arg(&plan)
        .output()
        .unwrap();
    // One persona of two judges no bar: exit 0 however well it is beaten.
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["scenario"], "planted");
    let search = &v["teams"][0]["searches"][0];
    assert_eq!(search["against"], "red_rude");
    assert!(
        search["strategies"][0]["rates"][0]["good"]
            .as_f64()
            .unwrap()
            > 0.95
    );
    assert!(v["written_plan"].is_string());
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(text.contains("personas: {\"red\": \"red_rude\"}"), "{text}");
    let run = hotline()
        .args([
            "run",
            &common::path(PLANTED).display().to_string(),
            "--plan",
        ])
        .arg(&plan)
        .arg("-q")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn the_command_line_exits_1_on_an_exploit_and_0_when_nothing_beats_the_bars() {
    let out = hotline()
        .args(["probe", &common::path(PLANTED).display().to_string()])
        .args(["--team", "blue", "--against", "silent", "--budget", "10000"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("BEATEN"), "{text}");
    let out = hotline()
        .args(["probe", &common::path(FAIR).display().to_string()])
        .args(["--team", "red", "--budget", "10000"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("no strategy found beats the bars"), "{text}");
}

#[test]
fn bad_input_exits_2_and_says_why() {
    let planted = common::path(PLANTED).display().to_string();
    let cases: [&[&str]; 6] = [
        &["probe", &planted, "--team", "green"],
        &["probe", &planted, "--against", "nobody"],
        &["probe", &planted, "--team", "red", "--against", "red_rude"],
        &["probe", &planted, "--budget", "5"],
        &["probe", &planted, "--time", "-1"],
        &["probe", "tests/fixtures/probe/no-such-file.ron"],
    ];
    for args in cases {
        let out = hotline().args(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.trim().is_empty(), "{args:?}");
    }
}
