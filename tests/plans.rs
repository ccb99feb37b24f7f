//! Test plans as regression tests of the bundled scenarios.
//!
//! Every plan under `tests/plans/<scenario-id>/` is played through the
//! library against `scenarios/<scenario-id>.ron` and must pass; each bundled
//! scenario must have plans that reach a Good, a Mixed and a Bad outcome.
//! The deliberately wrong plans in `tests/fixtures/plans/bad-*.ron` must fail
//! the way they are meant to, through the library and through `hotline run`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use hotline::scenario::{Valence, load_file};
use hotline::sim::plan::{Expect, Plan, PlanAct, PlanFailure, load_plan, run};
use hotline::sim::{Session, World};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn world(scenario_id: &str) -> Arc<World> {
    let path = root().join("scenarios").join(format!("{scenario_id}.ron"));
    let loaded = load_file(&path).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
    Arc::new(World::compile(loaded.scenario))
}

/// Every `.ron` file under `dir`, recursively, in a stable order.
fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "ron") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The scenario a plan under `tests/plans/<id>/...` belongs to.
fn scenario_of(plan_path: &Path) -> String {
    let rel = plan_path
        .strip_prefix(root().join("tests/plans"))
        .expect("plan under tests/plans");
    rel.components()
        .next()
        .expect("plan in a scenario folder")
        .as_os_str()
        .to_string_lossy()
        .into_owned()
}

struct Played {
    plan: Plan,
    failures: Vec<PlanFailure>,
    session: Session,
}

fn play(plan_path: &Path, scenario_id: &str) -> Played {
    let plan = load_plan(plan_path).unwrap_or_else(|d| panic!("{}: {d:?}", plan_path.display()));
    let w = world(scenario_id);
    let truth = (plan.truth_in(&w)).unwrap_or_else(|e| panic!("{}: {e}", plan_path.display()));
    // As `hotline run` plays it: the plan's truth when it fixes one.
    let mut session = Session::with_truth(w, plan.seed.unwrap_or(1), truth);
    let failures = run(&mut session, &plan)
        .unwrap_or_else(|e| panic!("{}: session error: {e}", plan_path.display()));
    Played {
        plan,
        failures,
        session,
    }
}

fn bundled_scenarios() -> Vec<String> {
    ron_files(&root().join("scenarios"))
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect()
}

fn plan_paths() -> Vec<PathBuf> {
    ron_files(&root().join("tests/plans"))
}

#[test]
fn every_plan_passes() {
    let paths = plan_paths();
    assert!(
        paths.len() >= 9,
        "expected at least 9 plans, found {}",
        paths.len()
    );
    let mut problems = Vec::new();
    for path in &paths {
        let id = scenario_of(path);
        let p = play(path, &id);
        let name = path.display();
        for f in &p.failures {
            problems.push(format!("{name}: {f}"));
        }
        // A plan says which scenario it is for, and it is the folder's.
        if p.plan.scenario.as_deref() != Some(id.as_str()) {
            problems.push(format!(
                "{name}: `scenario` is {:?}, expected \"{id}\"",
                p.plan.scenario
            ));
        }
        if p.plan.name != path.file_stem().unwrap().to_string_lossy() {
            problems.push(format!("{name}: `name` differs from the file name"));
        }
        // A plan is a script of play with reasons, not just a pairing.
        if !p
            .plan
            .expect
            .iter()
            .any(|x| matches!(x, Expect::Outcome(_)))
        {
            problems.push(format!("{name}: no Outcome expectation"));
        }
        if p.plan.expect.len() < 4 {
            problems.push(format!("{name}: fewer than 4 expectations"));
        }
        let scripted = p.plan.steps.iter().any(|s| {
            matches!(
                s.act,
                PlanAct::Send { .. } | PlanAct::Authenticate { .. } | PlanAct::FireInject(_)
            )
        });
        if !scripted {
            problems.push(format!("{name}: no scripted team action"));
        }
        if p.plan.seed.is_none() && !p.plan.personas.is_empty() {
            problems.push(format!("{name}: uses personas but does not pin a seed"));
        }
        if !p.session.engine.ended() {
            problems.push(format!("{name}: the exercise did not end"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_bundled_scenario_has_good_mixed_and_bad_plans() {
    let mut reached: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in plan_paths() {
        let id = scenario_of(&path);
        let p = play(&path, &id);
        let e = &p.session.engine;
        let o = e
            .state()
            .outcome
            .unwrap_or_else(|| panic!("{}: ended without an outcome", path.display()));
        let valence = match e.world().scenario.outcomes[o].valence {
            Valence::Good => "Good",
            Valence::Mixed => "Mixed",
            Valence::Bad => "Bad",
        };
        reached.entry(id).or_default().insert(valence.to_string());
    }
    let scenarios = bundled_scenarios();
    assert_eq!(scenarios.len(), 4, "bundled scenarios: {scenarios:?}");
    for id in scenarios {
        let got = reached.get(&id).cloned().unwrap_or_default();
        for want in ["Good", "Mixed", "Bad"] {
            assert!(
                got.contains(want),
                "scenario `{id}` has no plan reaching a {want} outcome (reached: {got:?})"
            );
        }
    }
}

#[test]
fn a_plan_replays_identically() {
    // Same plan, same seed: the same run, event for event.
    let path = root().join("tests/plans/wrong-target/cooperative-takedown.ron");
    let a = play(&path, "wrong-target");
    let b = play(&path, "wrong-target");
    assert_eq!(
        hotline::sim::state_hash(&a.session.engine),
        hotline::sim::state_hash(&b.session.engine)
    );
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/plans").join(name)
}

#[test]
fn failed_expectations_are_reported_with_what_happened() {
    let p = play(&fixture("bad-expectation.ron"), "wrong-target");
    let f = &p.failures;
    assert_eq!(f.len(), 3, "{f:#?}");
    assert_eq!(
        f[0],
        PlanFailure::Expect {
            index: 0,
            what: "outcome `o_takedown`".into(),
            found: "outcome `o_drift`".into(),
        }
    );
    // The expectation that held (index 1) is not reported.
    assert!(
        matches!(&f[1], PlanFailure::Expect { index: 2, found, .. } if found == "it never held")
    );
    assert!(
        matches!(&f[2], PlanFailure::Expect { index: 3, what, found }
            if what.ends_with("at 12h") && found == "it did not hold"),
        "{:?}",
        f[2]
    );
    assert_eq!(
        f[0].to_string(),
        "expectation 1 failed: expected outcome `o_takedown`, found outcome `o_drift`"
    );
}

#[test]
fn a_refused_step_stops_the_plan() {
    let p = play(&fixture("bad-step-channel.ron"), "wrong-target");
    assert_eq!(
        p.failures,
        vec![PlanFailure::Step {
            index: 1,
            at: 60,
            reason: "channel `cert` does not carry `crisis_notification` messages".into(),
        }]
    );
    assert_eq!(
        p.failures[0].to_string(),
        "step 2 at 1h: channel `cert` does not carry `crisis_notification` messages"
    );
    // Nothing was sent: the refused action left no trace.
    assert!(p.session.engine.state().messages.is_empty());

    let p = play(&fixture("bad-step-field.ron"), "wrong-target");
    assert_eq!(
        p.failures,
        vec![PlanFailure::Step {
            index: 0,
            at: 20,
            reason: "`crisis_notification` needs the field `poc`".into(),
        }]
    );
}

#[test]
fn a_misspelt_plan_field_is_a_parse_error_with_a_position() {
    let d = load_plan(&fixture("bad-field-name.ron")).expect_err("must not parse");
    let start = d.start.as_ref().expect("a position");
    assert_eq!((start.line, start.col), (13, 5));
    assert!(
        d.message.contains("unknown field `expects`"),
        "{}",
        d.message
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `expect`?"));
}

#[test]
fn a_misspelt_field_inside_an_action_is_a_parse_error() {
    let dir = std::env::temp_dir().join(format!("hotline-plan-typo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("typo.ron");
    std::fs::write(
        &path,
        r#"(steps: [(at: "4h", act: Send(team: "cac", channel: "hotline_email", msg: "acknowledge", reply_too: Last("crisis_notification")))])"#,
    )
    .unwrap();
    let r = load_plan(&path);
    std::fs::remove_dir_all(&dir).ok();
    assert!(r.is_err(), "`reply_too` was accepted");
}

fn hotline_run(plan: &Path, scenario_id: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("run")
        .arg(root().join("scenarios").join(format!("{scenario_id}.ron")))
        .arg("--plan")
        .arg(plan)
        .arg("--quiet")
        .output()
        .expect("hotline runs")
}

#[test]
fn hotline_run_exits_1_on_wrong_plans_and_0_on_good_ones() {
    let good = hotline_run(
        &root().join("tests/plans/borrowed-flag/joint-review.ron"),
        "borrowed-flag",
    );
    let out = String::from_utf8_lossy(&good.stdout);
    assert_eq!(good.status.code(), Some(0), "{out}");
    assert!(out.contains("outcome: o_joint_review"), "{out}");

    let cases: [(&str, &[&str]); 4] = [
        (
            "bad-expectation.ron",
            &[
                "expectation 1 failed: expected outcome `o_takedown`, found outcome `o_drift`",
                "expectation 3 failed",
                "expectation 4 failed",
            ],
        ),
        (
            "bad-step-channel.ron",
            &["step 2 at 1h: channel `cert` does not carry `crisis_notification` messages"],
        ),
        (
            "bad-step-field.ron",
            &["step 1 at 20m: `crisis_notification` needs the field `poc`"],
        ),
        (
            "bad-field-name.ron",
            &[
                "unknown field `expects`",
                "bad-field-name.ron:13:5",
                "did you mean `expect`?",
            ],
        ),
    ];
    for (file, wants) in cases {
        let o = hotline_run(&fixture(file), "wrong-target");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{file}: {err}");
        for w in wants {
            assert!(err.contains(w), "{file}: stderr lacks {w:?}:\n{err}");
        }
        assert!(
            !err.contains("expectation 2 failed"),
            "{file}: a kept expectation was reported:\n{err}"
        );
    }
}
