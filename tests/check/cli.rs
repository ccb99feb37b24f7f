//! The command line's rough edges: each fails clearly, with the exit code
//! docs/diagnostics.md and docs/plans.md give.

use crate::{MINIMAL, hotline};

#[cfg(not(feature = "app"))]
#[test]
fn play_in_a_headless_build_says_the_app_was_not_built() {
    let (code, _, err) = hotline(&["play", MINIMAL]);
    assert_eq!(code, 2);
    assert!(err.contains("built without the desktop app"), "{err}");
}

#[test]
fn zero_runs_is_a_usage_error() {
    let (code, _, err) = hotline(&["simulate", MINIMAL, "--runs", "0"]);
    assert_eq!(code, 2);
    assert!(err.contains("--runs"), "{err}");
}

#[test]
fn an_unknown_persona_lists_the_teams_personas_and_suggests_one() {
    let (code, _, err) = hotline(&[
        "simulate",
        MINIMAL,
        "--runs",
        "1",
        "--persona",
        "cac=cac_dutty",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("team `cac` has `cac_duty`"), "{err}");
    assert!(err.contains("did you mean `cac_duty`?"), "{err}");
}

fn plan(dir: &std::path::Path, body: &str) -> String {
    let p = dir.join("plan.ron");
    std::fs::write(&p, body).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn an_existing_journal_is_an_io_error_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let p = plan(
        dir.path(),
        r#"(name: "n", steps: [(at: "1h", act: Note("x"))])"#,
    );
    let journal = dir.path().join("j.jsonl");
    std::fs::write(&journal, "keep me").unwrap();
    let (code, _, err) = hotline(&[
        "run",
        MINIMAL,
        "--plan",
        &p,
        "--journal",
        journal.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("never overwritten"), "{err}");
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), "keep me");
}

#[test]
fn a_plan_with_unknown_ids_gets_their_lines_and_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let p = plan(
        dir.path(),
        "(\n    name: \"n\",\n    scenario: \"minimal\",\n    steps: [\n        (at: \"1h\", act: Send(team: \"cac\", channel: \"email\", msg: \"ack\", reply_to: Last(\"notfy\"))),\n        (at: \"13h\", act: Note(\"late\")),\n    ],\n    expect: [Outcome(\"cooperaton\")],\n)\n",
    );
    let (code, _, err) = hotline(&["run", MINIMAL, "--plan", &p]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("plan.ron:5:"), "{err}");
    assert!(err.contains("did you mean `notify`?"), "{err}");
    assert!(err.contains("plan.ron:6:"), "{err}");
    assert!(err.contains("after the end"), "{err}");
    assert!(err.contains("did you mean `cooperation`?"), "{err}");
    // `check` recognises the plan and finds the same problems.
    let (code, out, _) = hotline(&["check", MINIMAL, &p]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("HL0103") && out.contains("HL0407") && out.contains("HL0106"),
        "{out}"
    );
}
