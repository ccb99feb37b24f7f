//! The engine's private shortcuts, checked. Under `cfg(test)` every settle
//! that is skipped runs in full on a copy and must find nothing to do, so
//! these tests only need to play a lot: persona runs and the test plans.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::sim::montecarlo::{self, Config};
use crate::sim::plan::{load_plan, run};
use crate::sim::{Session, World};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn world(path: &Path) -> Arc<World> {
    let loaded = crate::scenario::load_file(path).expect("scenario loads");
    Arc::new(World::compile(loaded.scenario))
}

/// The bundled scenarios and the engine's fixtures, compiled.
fn persona_worlds() -> Vec<(PathBuf, Arc<World>)> {
    let scenarios = [
        "wrong-target",
        "borrowed-flag",
        "poisoned-update",
        "safe-conduct",
    ]
    .map(|id| root().join("scenarios").join(format!("{id}.ron")));
    let fixtures = ["mechanics", "decisions"].map(|id| {
        root()
            .join("tests/fixtures/engine")
            .join(format!("{id}.ron"))
    });
    (scenarios.into_iter().chain(fixtures))
        .map(|path| {
            let w = world(&path);
            (path, w)
        })
        .collect()
}

fn runs_from(seed: u64) -> Config {
    Config {
        runs: 1,
        seed,
        threads: 1,
        fixed: Default::default(),
    }
}

#[test]
fn skipped_settles_miss_nothing_in_persona_runs() {
    for (_, w) in persona_worlds() {
        let cfg = runs_from(11);
        for i in 0..200 {
            montecarlo::play(&w, &cfg, i);
        }
    }
}

#[test]
fn skipped_settles_miss_nothing_in_plans() {
    let mut played = 0;
    for id in ["wrong-target", "borrowed-flag", "poisoned-update"] {
        let w = world(&root().join("scenarios").join(format!("{id}.ron")));
        let dir = root().join("tests/plans").join(id);
        let mut plans: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("plan folder")
            .map(|e| e.expect("plan entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        plans.sort();
        for path in plans {
            let plan = load_plan(&path).expect("plan loads");
            let mut session = Session::new(w.clone(), plan.seed.unwrap_or(1));
            run(&mut session, &plan).expect("plan plays");
            played += 1;
        }
    }
    assert!(played >= 9, "only {played} plans played");
}

#[test]
fn an_engine_started_over_plays_each_run_as_a_new_engine_would() {
    for (path, w) in persona_worlds() {
        let cfg = runs_from(5);
        // One engine for every run, as a Monte Carlo thread keeps it.
        let mut reused = crate::sim::Engine::new(w.clone(), 99);
        for i in 0..40 {
            let fresh = montecarlo::play(&w, &cfg, i);
            montecarlo::play_in(&mut reused, &cfg, i);
            assert_eq!(fresh.events(), reused.events(), "{path:?} run {i}");
            assert_eq!(fresh.state(), reused.state(), "{path:?} run {i}");
            assert_eq!(fresh.seed(), reused.seed());
        }
    }
}

#[test]
fn an_engine_rebuilt_from_a_seat_plays_a_fresh_run_when_started_over() {
    let (_, w) = persona_worlds().swap_remove(0);
    let clock = super::SeenClock {
        now: 90,
        paused: false,
        speed: 1,
        ended: false,
    };
    let mut seen = crate::sim::Engine::seen(w.clone(), Vec::new(), Vec::new(), clock);
    seen.restart(7, None);
    seen.run_to_end();
    let mut fresh = crate::sim::Engine::new(w, 7);
    fresh.run_to_end();
    assert_eq!(seen.events(), fresh.events());
    assert_eq!(seen.state(), fresh.state());
}
