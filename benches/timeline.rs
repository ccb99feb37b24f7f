//! Timeline cost per frame with a long log: the view model for the visible
//! window, and a whole egui frame (view model, lanes, chart, tessellation)
//! without the GPU. A frame budget at 60 Hz is 16 ms.

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use bevy_egui::egui;
use criterion::{Criterion, criterion_group, criterion_main};
use hotline::app::timeline::{TimelineState, TimelineVm, timeline_panel};
use hotline::scenario::{Lang, Text};
use hotline::sim::{Action, Audience, Engine, Viewer, World};

fn world() -> Arc<World> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/wrong-target.ron");
    let loaded = hotline::scenario::load_file(&path).expect("bundled scenario loads");
    Arc::new(World::compile(loaded.scenario))
}

fn set_personas(e: &mut Engine, w: &World, on: bool) {
    for tm in &w.scenario.teams {
        let persona = w.scenario.personas.iter().find(|p| p.team == tm.id);
        let set = Action::SetPersona {
            team: tm.id.clone(),
            persona: persona.filter(|_| on).map(|p| p.id.clone()),
        };
        let _ = e.apply(&set);
    }
}

/// Personas play both teams for ten hours, then hand back (so no outcome
/// ends the run early) while a busy facilitator keeps adding public
/// injects and nudging the ladder, until 10,000 events exist.
fn long_run(w: &Arc<World>, seed: u64) -> Engine {
    let mut e = Engine::new(w.clone(), seed);
    set_personas(&mut e, w, true);
    let var = &w.scenario.variables[w.ladder_var];
    let mut t = 0;
    while e.events().len() < 10_000 && !e.ended() {
        t += 1;
        e.advance_to(t);
        if t == 600 {
            set_personas(&mut e, w, false);
        }
        for i in 0..6 {
            let inject = Action::CustomInject {
                to: Audience::Public,
                title: Text {
                    en: format!("Wire report {t}.{i}"),
                    zh: String::new(),
                },
                text: Text::default(),
            };
            let _ = e.apply(&inject);
        }
        if t % 5 == 0 {
            // Stay in the lower rungs.
            let value = var.min + (var.max - var.min) * 0.1 * f64::from(t % 3);
            let _ = e.apply(&Action::Override {
                var: var.id.clone(),
                value,
            });
        }
    }
    e
}

/// The first seed whose run reaches 10,000 events.
fn busy_engine(w: &Arc<World>) -> Engine {
    (1..=50)
        .map(|seed| long_run(w, seed))
        .find(|e| e.events().len() >= 10_000)
        .expect("some seed runs to 10,000 events")
}

fn frame(ctx: &egui::Context, vm: &TimelineVm, st: &mut TimelineState) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        ..Default::default()
    };
    let mut out = ctx.run_ui(input, |ui| timeline_panel(ui, vm, st, vm.now, 300.0, 1.0));
    // No renderer takes the font atlas here.
    out.textures_delta.clear();
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

fn timeline(c: &mut Criterion) {
    let w = world();
    let e = busy_engine(&w);
    let now = f64::from(e.now());
    eprintln!("{} events over {} minutes", e.events().len(), e.now());
    let mut g = c.benchmark_group("timeline_10k_events");
    // Six hours around the end of the log, and the whole exercise.
    for (name, window) in [("6h_window", (now - 360.0, now)), ("whole", (0.0, now))] {
        for (who, viewer) in [
            ("facilitator", Viewer::Facilitator),
            ("public", Viewer::Public),
        ] {
            g.bench_function(format!("vm/{name}/{who}"), |b| {
                b.iter(|| TimelineVm::build(black_box(&e), viewer, Lang::En, window, None))
            });
        }
        let ctx = egui::Context::default();
        let mut st = TimelineState {
            t0: window.0,
            t1: window.1,
            follow: false,
            ..Default::default()
        };
        g.bench_function(format!("frame/{name}/facilitator"), |b| {
            b.iter(|| {
                let vm = TimelineVm::build(&e, Viewer::Facilitator, Lang::En, window, None);
                frame(&ctx, &vm, &mut st)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, timeline);
criterion_main!(benches);
