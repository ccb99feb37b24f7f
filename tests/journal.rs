//! The journal survives being killed at any moment, refuses journals of
//! other scenarios, and reports damage clearly.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use hotline::sim::Action;
use hotline::sim::journal::Journal;
use hotline::sim::session::{self, Session};

const MECH: &str = "tests/fixtures/engine/mechanics.ron";

fn journalled(path: &std::path::Path, seed: u64) -> Session {
    let w = common::mechanics();
    let header = session::header(&w, &common::source(MECH), seed, None);
    Session::journalled(w, &header, path).unwrap()
}

#[test]
fn a_torn_last_line_is_reported_skipped_and_cut_before_appending() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("torn.journal");
    let mut s = journalled(&path, 1);
    s.submit(5, Action::Note("kept".into())).unwrap();
    drop(s);
    // A write interrupted halfway through a record.
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(b"{\"t\":9,\"action\":{\"No")
        .unwrap();
    let j = Journal::read(&path).unwrap();
    assert_eq!(j.records.len(), 1);
    assert_eq!(j.torn_line, Some(3));

    let w = common::mechanics();
    let header = session::header(&w, &common::source(MECH), 1, None);
    let (mut resumed, _) = Session::resume(w, &header, &path).unwrap();
    resumed.submit(20, Action::Note("after".into())).unwrap();
    let again = Journal::read(&path).unwrap();
    assert_eq!(again.torn_line, None);
    assert_eq!(
        again.records.iter().map(|r| r.t).collect::<Vec<_>>(),
        vec![5, 20]
    );
}

#[test]
fn a_journal_of_another_scenario_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.journal");
    journalled(&path, 1).submit(5, Action::Pause).unwrap();
    let w = common::mechanics();
    let edited = common::source(MECH).replace("initial: 20", "initial: 25");
    let header = session::header(&w, &edited, 1, None);
    let err = Session::resume(w, &header, &path)
        .err()
        .expect("refused")
        .to_string();
    assert!(
        err.contains("another version of scenario `mechanics`"),
        "{err}"
    );
}

#[test]
fn damaged_journals_get_errors_with_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty", b"", "empty journal"),
        (
            "garbage",
            b"\xff\xfe not json\n",
            ":1: not a Hotline journal header",
        ),
        ("middle", b"", ":3: not a journal record"),
        (
            "backwards",
            b"",
            ":3: record at minute 4 comes after one at minute 9",
        ),
    ];
    for (name, bytes, want) in cases {
        let path = dir.path().join(format!("{name}.journal"));
        match name {
            "middle" | "backwards" => {
                let mut s = journalled(&path, 1);
                s.submit(9, Action::Note("a".into())).unwrap();
                s.submit(12, Action::Note("b".into())).unwrap();
                drop(s);
                let text = std::fs::read_to_string(&path).unwrap();
                let mut lines: Vec<String> = text.lines().map(String::from).collect();
                lines[2] = if name == "middle" {
                    "{oops".into()
                } else {
                    lines[2].replace("\"t\":12", "\"t\":4")
                };
                std::fs::write(&path, lines.join("\n") + "\n").unwrap();
            }
            _ => std::fs::write(&path, bytes).unwrap(),
        }
        let err = Journal::read(&path)
            .err()
            .unwrap_or_else(|| panic!("{name} accepted"))
            .to_string();
        assert!(err.contains(want), "{name}: {err}");
    }
}

#[test]
fn the_cli_replays_what_it_ran_and_refuses_a_missing_journal() {
    let dir = tempfile::tempdir().unwrap();
    let j = dir.path().join("run.journal");
    let plan = dir.path().join("plan.ron");
    std::fs::write(
        &plan,
        r#"Plan(name: "notify", seed: 3, personas: {"cac": "coop"},
            steps: [(at: "30m", act: Send(team: "dhs", channel: "email", msg: "notify", fields: {"systems": "x"}))],
            expect: [Ever(Met("cac-acks"))])"#,
    )
    .unwrap();
    let bin = env!("CARGO_BIN_EXE_hotline");
    let scenario = common::path(MECH);
    let run = Command::new(bin)
        .arg("run")
        .arg(&scenario)
        .arg("--plan")
        .arg(&plan)
        .arg("--journal")
        .arg(&j)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let hash = |out: &[u8]| {
        String::from_utf8_lossy(out)
            .lines()
            .find(|l| l.starts_with("state hash:"))
            .map(String::from)
    };
    let live = hash(&run.stdout).expect("run prints a state hash");
    let replay = Command::new(bin).arg("replay").arg(&j).output().unwrap();
    assert!(
        replay.status.success(),
        "{}",
        String::from_utf8_lossy(&replay.stderr)
    );
    assert_eq!(hash(&replay.stdout), Some(live));
    let json = Command::new(bin)
        .args(["replay", "--format", "json"])
        .arg(&j)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v["state_hash"].as_str().unwrap().len() == 64);

    let missing = Command::new(bin)
        .args(["replay", "/nonexistent/x.journal"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/x.journal"));
}

/// Starts `hotline run` with a journal, kills it with SIGKILL at a random
/// moment, resumes, and checks the end state equals an uninterrupted run.
#[test]
fn killed_runs_resume_to_the_same_state() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("long.ron");
    // Thousands of journalled steps, so a kill can land mid-run on any
    // machine; personas that act meanwhile so the engine has work too.
    let mut steps = String::new();
    for i in 0..1500 {
        steps += &format!("(at: \"{}m\", act: Note(\"n{i}\")),", i * 9 / 5);
    }
    std::fs::write(
        &plan,
        format!(r#"Plan(name: "long", seed: 5, personas: {{"cac": "coop", "dhs": "notifier"}}, steps: [{steps}], expect: [])"#),
    )
    .unwrap();
    let bin = env!("CARGO_BIN_EXE_hotline");
    let scenario = common::path(MECH);
    let hash_of = |out: &[u8]| {
        String::from_utf8_lossy(out)
            .lines()
            .find_map(|l| l.strip_prefix("state hash: ").map(String::from))
            .expect("hash printed")
    };
    let full = Command::new(bin)
        .arg("run")
        .arg(&scenario)
        .arg("--plan")
        .arg(&plan)
        .arg("-q")
        .output()
        .unwrap();
    assert!(full.status.success());
    let want = hash_of(&full.stdout);

    let complete = {
        let j = dir.path().join("complete.journal");
        let out = Command::new(bin)
            .arg("run")
            .arg(&scenario)
            .arg("--plan")
            .arg(&plan)
            .arg("--journal")
            .arg(&j)
            .arg("-q")
            .output()
            .unwrap();
        assert_eq!(hash_of(&out.stdout), want, "journalling changes nothing");
        Journal::read(&j).unwrap().records.len()
    };
    let mut interrupted = 0;
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for round in 0..8 {
        let j = dir.path().join(format!("k{round}.journal"));
        let mut child = Command::new(bin)
            .arg("run")
            .arg(&scenario)
            .arg("--plan")
            .arg(&plan)
            .arg("--journal")
            .arg(&j)
            .arg("-q")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Kill once the journal holds a random number of lines (or the run
        // has finished on its own).
        let target = 2 + (seed % 1200) as usize;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while child.try_wait().unwrap().is_none() && std::time::Instant::now() < deadline {
            let lines = std::fs::read(&j)
                .map(|b| b.iter().filter(|&&c| c == b'\n').count())
                .unwrap_or(0);
            if lines >= target {
                break;
            }
            std::thread::sleep(std::time::Duration::from_micros(100));
        }
        let _ = child.kill();
        let _ = child.wait();
        if !j.exists() || std::fs::read(&j).unwrap().is_empty() {
            continue; // killed before the header: nothing to resume
        }
        let before = Journal::read(&j).map(|r| r.records.len()).unwrap_or(0);
        if before < complete {
            interrupted += 1;
        }
        let resumed = Command::new(bin)
            .arg("run")
            .arg(&scenario)
            .arg("--plan")
            .arg(&plan)
            .arg("--resume")
            .arg(&j)
            .arg("-q")
            .output()
            .unwrap();
        assert!(
            resumed.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&resumed.stderr)
        );
        assert_eq!(hash_of(&resumed.stdout), want, "round {round}");
        // And the journal now replays to the same state too.
        let replay = Command::new(bin).arg("replay").arg(&j).output().unwrap();
        assert_eq!(hash_of(&replay.stdout), want, "round {round} replay");
    }
    assert!(
        interrupted >= 2,
        "only {interrupted} of 8 kills landed mid-run"
    );
}
