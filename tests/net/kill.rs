//! A server killed with SIGKILL at random moments and started again with
//! `--resume`: the seats reconnect with the same codes and the exercise
//! ends in the state hash of an uninterrupted run.

use std::time::{Duration, Instant};

use super::support::*;

fn kill_and_resume(plan_rel: &str, scenario_id: &str, rand: &mut Rand) {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("w.journal");
    let j = journal.to_str().unwrap().to_string();
    let opened = scenario(scenario_id);
    let plan = plan(&root().join(plan_rel));
    let seed = plan.seed.unwrap_or(1);
    let want = offline(&opened, &plan, seed);
    let sc = root().join(format!("scenarios/{scenario_id}.ron"));
    let sc = sc.to_str().unwrap().to_string();
    let port = free_port();
    let bind = format!("127.0.0.1:{port}");
    let seed_s = seed.to_string();
    let log = dir.path().join("serve.log");
    let (mut child, first) = serve_logged(
        &[
            &sc,
            "--bind",
            &bind,
            "--seed",
            &seed_s,
            "--autostart",
            "--codes-json",
            "--journal",
            &j,
        ],
        true,
        Some(&log),
    );
    let url = first["url"].as_str().unwrap().to_string();
    let codes = codes_of(&first);
    let roles = roles(&opened, &plan);
    let seats = std::thread::spawn(move || {
        play_all(
            &url,
            &codes,
            roles,
            |_| hotline::net::client::ewebsock_transport(),
            |_| Box::new(|_| {}),
        )
    });
    let mut kills = Vec::new();
    for _ in 0..3 {
        let wait = 20 + rand.below(250);
        std::thread::sleep(Duration::from_millis(wait));
        if seats.is_finished() {
            break;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        kills.push(wait);
        child = serve_logged(&[&sc, "--bind", &bind, "--resume", &j], false, Some(&log)).0;
    }
    let t0 = Instant::now();
    while !seats.is_finished() && t0.elapsed() < LIMIT {
        std::thread::sleep(Duration::from_millis(20));
    }
    let results = seats.join().unwrap();
    let _ = child.kill();
    let _ = child.wait();
    // What the journal says was done, and when, and what the servers said,
    // for a failure's message.
    let actions = || {
        std::fs::read_to_string(&log).unwrap_or_default()
            + &std::fs::read_to_string(&journal)
                .unwrap_or_default()
                .lines()
                .filter(|l| !l.contains(r#""Tick""#))
                .map(|l| l.chars().take(110).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
    };
    for (seat, r) in results {
        let f = r.unwrap_or_else(|e| {
            panic!(
                "{plan_rel} kills after {kills:?} ms: {seat}: {e}\n{}",
                actions()
            )
        });
        assert_eq!(
            (f.outcome, f.state_hash),
            want,
            "{plan_rel}: seat {seat} after kills at {kills:?} ms; journal:\n{}",
            actions()
        );
    }
}

#[test]
fn a_server_killed_at_random_moments_and_resumed_ends_in_the_uninterrupted_state_hash() {
    // HOTLINE_KILL_SEED=n tries other moments.
    let seed = std::env::var("HOTLINE_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_abcd);
    let mut rand = Rand(seed);
    for _ in 0..2 {
        kill_and_resume(
            "tests/plans/borrowed-flag/joint-review.ron",
            "borrowed-flag",
            &mut rand,
        );
        kill_and_resume(
            "tests/plans/poisoned-update/joint-fix.ron",
            "poisoned-update",
            &mut rand,
        );
        kill_and_resume(
            "tests/plans/wrong-target/cooperative-takedown.ron",
            "wrong-target",
            &mut rand,
        );
    }
}
