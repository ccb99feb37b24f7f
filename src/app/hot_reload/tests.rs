//! The whole path, headless: the watcher thread sees a file change, the
//! app reloads it, errors reach the diagnostics window, a valid edit is
//! offered as a restart while the exercise runs on its own version.

use bevy::prelude::*;
use bevy_egui::egui;
use std::path::Path;
use std::time::{Duration, Instant};

use super::panels::restart_actions;
use super::*;
use crate::app::Mode;

const SCENARIO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/wrong-target.ron");

/// Runs frames until `done` holds or ten seconds pass (the watcher polls
/// once a second).
fn update_until(app: &mut App, mut done: impl FnMut(&App) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        app.update();
        if done(app) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

fn texts(shapes: &[egui::Shape], out: &mut String) {
    for s in shapes {
        match s {
            egui::Shape::Text(t) => {
                out.push_str(t.galley.text());
                out.push('\n');
            }
            egui::Shape::Vec(v) => texts(v, out),
            _ => {}
        }
    }
}

/// Every text the windows draw. The second frame, since egui lays a new
/// window out invisibly first.
fn window_texts(ctx: &egui::Context, app: &App) -> String {
    let reloads = app.world().resource::<Reloads>();
    let ex = app.world().resource::<Exercise>();
    let mut shown = String::new();
    for _ in 0..2 {
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            diagnostics_window(ui.ctx(), reloads, crate::scenario::Lang::En);
            restart_offer(ui.ctx(), reloads, ex, crate::scenario::Lang::En);
        });
        // No renderer takes the font atlas here.
        out.textures_delta.clear();
        let shapes: Vec<egui::Shape> = out.shapes.into_iter().map(|c| c.shape).collect();
        shown.clear();
        texts(&shapes, &mut shown);
    }
    shown
}

#[test]
fn an_edit_of_the_running_scenario_is_diagnosed_then_offered_not_swapped() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("edited.ron");
    let original = std::fs::read_to_string(SCENARIO).unwrap();
    std::fs::write(&file, &original).unwrap();
    let (ex, _) =
        crate::app::exercise::start_in(&file, Mode::Workshop, None, Some(5), tmp.path()).unwrap();
    let hash = ex.header.content_hash.clone();
    let journal = ex.journal.clone();

    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .insert_resource(Launch {
            scenario: Some(file.clone()),
            ..Default::default()
        })
        .init_resource::<Library>()
        .add_plugins(plugin)
        .insert_resource(ex);
    app.update();
    // Let the watcher take its first look before the file changes.
    std::thread::sleep(Duration::from_millis(300));

    // Cut off halfway, as an editor's crash might leave it.
    std::fs::write(&file, &original[..original.len() / 2]).unwrap();
    let seen = update_until(&mut app, |a| {
        !a.world().resource::<Reloads>().errors.is_empty()
    });
    assert!(
        seen,
        "a broken edit reaches the diagnostics; reloaded: {:?}",
        app.world()
            .resource::<Reloads>()
            .valid
            .keys()
            .collect::<Vec<_>>()
    );
    let ctx = egui::Context::default();
    let shown = window_texts(&ctx, &app);
    assert!(shown.contains("Scenario errors"), "the window shows");
    assert!(shown.contains("edited.ron"), "diagnostics name the file");
    assert!(
        !shown.contains("Restart with the new version"),
        "nothing to restart with"
    );

    let edited = original.replacen("title:", "title: /* edited */", 1);
    assert_ne!(edited, original, "the edit changes the text");
    std::fs::write(&file, &edited).unwrap();
    assert!(
        update_until(&mut app, |a| a
            .world()
            .resource::<Reloads>()
            .errors
            .is_empty()),
        "a valid edit clears the diagnostics"
    );
    let ex = app.world().resource::<Exercise>();
    let reloads = app.world().resource::<Reloads>();
    assert_eq!(
        ex.header.content_hash, hash,
        "the exercise keeps its version"
    );
    assert_eq!(ex.journal, journal, "and its journal");
    assert!(reloads.newer_for(ex).is_some());
    let shown = window_texts(&ctx, &app);
    assert!(!shown.contains("Scenario errors"));
    assert!(shown.contains("Restart with the new version"));
    match restart_actions(ex).as_slice() {
        [
            UiAction::CloseExercise,
            UiAction::Start {
                path, mode, seed, ..
            },
        ] => {
            assert_eq!(
                (path.as_path(), mode, seed),
                (file.as_path(), &Mode::Workshop, &Some(5))
            );
        }
        other => panic!("unexpected restart actions {other:?}"),
    }

    // Declining hides the offer until the file changes again.
    app.world_mut().write_message(UiAction::KeepScenarioVersion);
    app.update();
    let ex = app.world().resource::<Exercise>();
    assert!(app.world().resource::<Reloads>().newer_for(ex).is_none());
}

#[test]
fn paths_to_one_file_are_the_same_file() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("a.ron");
    std::fs::write(&f, "x").unwrap();
    let dotted = tmp.path().join(".").join("a.ron");
    assert!(same_file(&f, &dotted));
    assert!(!same_file(&f, Path::new("/nonexistent/a.ron")));
}
