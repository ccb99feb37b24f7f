//! A test hook for driving the real app from outside: with
//! `HOTLINE_UI_TRACE=FILE` set (or in a browser page opened with `test=1`,
//! into `window.hotlineTrace`), every frame writes the texts egui drew and
//! where (logical pixels, window origin), so a script can find a button by
//! its label and click it with xdotool or the DevTools protocol. Off, it
//! costs nothing.

use bevy::prelude::*;
use bevy_egui::egui::Shape;
use bevy_egui::{EguiFullOutput, EguiPostUpdateSet};
use std::path::PathBuf;

use super::{Screen, exercise::Exercise};

/// Where each frame's trace goes.
#[derive(Resource)]
pub enum TraceTo {
    File(PathBuf),
    /// The page's `window.hotlineTrace`, as a JSON string.
    Page,
}

pub(super) fn plugin(app: &mut App) {
    if !app.world().contains_resource::<TraceTo>() {
        let Some(path) = std::env::var_os("HOTLINE_UI_TRACE") else {
            return;
        };
        app.insert_resource(TraceTo::File(PathBuf::from(path)));
    }
    app.add_systems(
        PostUpdate,
        write_trace
            .after(EguiPostUpdateSet::EndPass)
            .before(EguiPostUpdateSet::ProcessOutput),
    );
}

/// Every text drawn, as (text, centre x, centre y).
pub fn texts(shapes: &[Shape], out: &mut Vec<(String, f32, f32)>) {
    for s in shapes {
        match s {
            Shape::Text(t) => {
                let c = t.pos + t.galley.rect.center().to_vec2();
                out.push((t.galley.text().to_string(), c.x, c.y));
            }
            Shape::Vec(v) => texts(v, out),
            _ => {}
        }
    }
}

fn write_trace(
    to: Res<TraceTo>,
    outputs: Query<&EguiFullOutput>,
    screen: Res<State<Screen>>,
    ex: Option<Res<Exercise>>,
    mut frame: Local<u64>,
) {
    let Some(full) = outputs.iter().find_map(|o| o.0.as_ref()) else {
        return;
    };
    *frame += 1;
    let shapes: Vec<Shape> = full.shapes.iter().map(|c| c.shape.clone()).collect();
    let mut found = Vec::new();
    texts(&shapes, &mut found);
    let doc = serde_json::json!({
        "frame": *frame,
        "screen": format!("{:?}", screen.get()),
        "now": ex.as_ref().map(|e| e.now()),
        "ended": ex.as_ref().map(|e| e.session.engine.ended()),
        "journal": ex.as_ref().and_then(|e| e.journal.clone()),
        "state_hash": ex.as_ref().map(|e| crate::sim::state_hash(&e.session.engine)),
        "texts": found
            .iter()
            .map(|(t, x, y)| serde_json::json!({"t": t, "x": x, "y": y}))
            .collect::<Vec<_>>(),
    });
    match &*to {
        // Written whole then renamed: a reader never sees half a frame.
        TraceTo::File(f) => {
            let _ = crate::platform::fs::write_atomic(f, doc.to_string().as_bytes());
        }
        TraceTo::Page => to_page(&doc.to_string()),
    }
}

#[cfg(target_arch = "wasm32")]
fn to_page(doc: &str) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"hotlineTrace".into(), &doc.into());
    }
}

/// Only a browser page has one.
#[cfg(not(target_arch = "wasm32"))]
fn to_page(_: &str) {}
