//! `hotline new` writes a starting scenario that is clean under
//! `check --deny-warnings`, in which `simulate` reaches every outcome, that
//! has everything the issue asks of a template, and that is never written
//! over an existing file.

use std::path::Path;
use std::process::{Command, Output};

use hotline::scenario::{OutcomeTrigger, Trigger, Valence, Via, load_file};

fn hotline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(args)
        .output()
        .expect("the hotline binary runs")
}

fn new_in(dir: &Path, name: &str, extra: &[&str]) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut args = vec!["new", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = hotline(&args);
    assert!(
        out.status.success(),
        "hotline new failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

#[test]
fn the_new_scenario_passes_check_with_warnings_denied() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_in(
        dir.path(),
        "my-drill.ron",
        &["--title", "My \"first\" drill"],
    );
    let out = hotline(&["check", "--deny-warnings", path.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "check failed:\n{stdout}");
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
    let s = load_file(&path).unwrap().scenario;
    assert_eq!(s.meta.id, "my-drill");
    assert_eq!(s.meta.title.en, "My \"first\" drill");
}

#[test]
fn simulate_reaches_every_outcome_of_the_new_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_in(dir.path(), "drill.ron", &[]);
    let out = hotline(&[
        "simulate",
        path.to_str().unwrap(),
        "--runs",
        "600",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
    let never = &report["never"];
    assert_eq!(
        never["outcomes"],
        serde_json::json!([]),
        "outcomes never reached"
    );
    let rows = report["outcomes"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    for row in rows {
        assert!(row["runs"].as_u64().unwrap() > 0, "{row}");
    }
}

#[test]
fn the_new_scenario_has_what_the_template_promises() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_in(dir.path(), "full.ron", &[]);
    let s = load_file(&path).unwrap().scenario;
    assert_eq!(s.teams.len(), 2);
    let rungs: Vec<&str> = s.ladder.rungs.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(rungs, ["L0", "L1", "L2", "L3", "L4", "L5", "L6"]);
    let norms: Vec<&str> = s.norms.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        norms,
        ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"]
    );
    assert!(
        s.norms
            .iter()
            .all(|n| !n.text.en.is_empty() && !n.text.zh.is_empty())
    );
    for m in [
        "crisis_notification",
        "acknowledge",
        "request_assistance",
        "status_update",
        "assurance",
        "warning",
        "offer_review",
        "accept_review",
        "public_statement",
        "public_attribution",
        "suspend_hotline",
        "restore_hotline",
    ] {
        assert!(s.messages.iter().any(|x| x.id == m), "no message type {m}");
    }
    let notice = s
        .messages
        .iter()
        .find(|m| m.id == "crisis_notification")
        .unwrap();
    assert!(
        notice.fields.len() >= 5,
        "the notification lacks the annex's fields"
    );
    let triggers = |f: fn(&Trigger) -> bool| s.injects.iter().any(|i| f(&i.trigger));
    assert!(triggers(|t| matches!(t, Trigger::At(_))));
    assert!(triggers(|t| matches!(t, Trigger::When(_))));
    assert!(triggers(|t| matches!(t, Trigger::Reserve)));
    assert!(s.injects.iter().any(|i| matches!(i.via, Via::Spoof { .. })));
    assert!(s.injects.iter().any(|i| matches!(i.via, Via::Channel(_))));
    assert!(!s.expectations.is_empty());
    for v in [Valence::Good, Valence::Mixed, Valence::Bad] {
        assert!(
            s.outcomes.iter().any(|o| o.valence == v),
            "no {v:?} outcome"
        );
    }
    assert!(matches!(
        s.outcomes.last().unwrap().when,
        OutcomeTrigger::Timeout(_)
    ));
    for t in &s.teams {
        let n = s.personas.iter().filter(|p| p.team == t.id).count();
        assert_eq!(n, 3, "team {} has {n} personas", t.id);
    }
    assert!(!s.debrief.hot_wash.is_empty());
}

#[test]
fn new_refuses_to_overwrite_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    std::fs::write(&path, "my own work").unwrap();
    let out = hotline(&["new", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my own work");
}
