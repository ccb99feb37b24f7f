//! Playthroughs per second: one full persona-vs-persona run of each bundled
//! scenario, and a 2-thread batch to show scaling.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hotline::sim::montecarlo::{self, Config};
use hotline::sim::{Engine, World};

const BUNDLED: [&str; 4] = [
    "wrong-target",
    "borrowed-flag",
    "poisoned-update",
    "safe-conduct",
];

fn world(id: &str) -> Arc<World> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{id}.ron"));
    let loaded = hotline::scenario::load_file(&path).expect("bundled scenario loads");
    Arc::new(World::compile(loaded.scenario))
}

fn playthrough(c: &mut Criterion) {
    let mut g = c.benchmark_group("playthrough");
    g.throughput(Throughput::Elements(1));
    for id in BUNDLED {
        let w = world(id);
        let cfg = Config {
            runs: 1,
            seed: 1,
            threads: 1,
            fixed: Default::default(),
        };
        // One engine started over for every run, as `simulate` and
        // `probe` play them.
        let mut e = Engine::new(w.clone(), 0);
        let mut i = 0u64;
        g.bench_function(id, |b| {
            b.iter(|| {
                i += 1;
                montecarlo::play_in(&mut e, &cfg, i)
            })
        });
    }
    g.finish();
}

fn batch(c: &mut Criterion) {
    let mut g = c.benchmark_group("simulate_1000");
    g.sample_size(10);
    g.throughput(Throughput::Elements(1000));
    let w = world("wrong-target");
    for threads in [1, 2] {
        let cfg = Config {
            runs: 1000,
            seed: 1,
            threads,
            fixed: Default::default(),
        };
        g.bench_function(format!("wrong-target/{threads}-threads"), |b| {
            b.iter(|| montecarlo::simulate(&w, &cfg, &AtomicU64::new(0)))
        });
    }
    g.finish();
}

criterion_group!(benches, playthrough, batch);
criterion_main!(benches);
