//! Hot reload: a background thread polls scenario files' modification times
//! once a second and wakes the event loop only when one changed, so an idle
//! app stays asleep. A file with errors shows `hotline check`'s diagnostics
//! and the library keeps the last good version.

use bevy::prelude::*;
use bevy_egui::egui;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, SystemTime};

use super::exercise::Exercise;
use super::i18n::tr;
use super::library::{Entry, Library, render_all};
use super::{Launch, UiState, paths};
use crate::scenario::Lang;

/// Scenario files whose last edit failed to load: path and diagnostics.
#[derive(Resource, Default)]
pub struct Reloads {
    pub errors: Vec<(PathBuf, String)>,
}

#[derive(Resource)]
struct Changes(Mutex<Receiver<PathBuf>>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Reloads>()
        .add_systems(Startup, spawn_watcher)
        .add_systems(Update, apply_changes);
}

fn mtimes(dirs: &[PathBuf], extra: &[PathBuf]) -> HashMap<PathBuf, SystemTime> {
    let mut files: Vec<PathBuf> = extra.to_vec();
    for d in dirs {
        if let Ok(rd) = std::fs::read_dir(d) {
            files.extend(
                rd.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "ron")),
            );
        }
    }
    files
        .into_iter()
        .filter_map(|p| {
            let m = std::fs::metadata(&p).and_then(|m| m.modified()).ok()?;
            Some((p, m))
        })
        .collect()
}

/// Polls forever; sends each path whose mtime changed (or that appeared).
pub fn watch(
    dirs: Vec<PathBuf>,
    extra: Vec<PathBuf>,
    tx: Sender<PathBuf>,
    wake: impl Fn() + Send + 'static,
) {
    let mut seen = mtimes(&dirs, &extra);
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let now = mtimes(&dirs, &extra);
        let mut any = false;
        for (p, m) in &now {
            if seen.get(p) != Some(m) {
                if tx.send(p.clone()).is_err() {
                    return;
                }
                any = true;
            }
        }
        if any {
            wake();
        }
        seen = now;
    }
}

fn spawn_watcher(
    mut commands: Commands,
    launch: Res<Launch>,
    proxy: Option<Res<bevy::winit::EventLoopProxyWrapper>>,
) {
    let (tx, rx) = channel();
    let dirs = vec![paths::bundled_scenarios_dir(), paths::user_scenarios_dir()];
    let extra: Vec<PathBuf> = launch.scenario.iter().cloned().collect();
    let proxy = proxy.map(|p| (**p).clone());
    let spawned = std::thread::Builder::new()
        .name("hotline-watch".into())
        .spawn(move || {
            watch(dirs, extra, tx, move || {
                if let Some(p) = &proxy {
                    let _ = p.send_event(bevy::winit::WinitUserEvent::WakeUp);
                }
            })
        });
    if spawned.is_ok() {
        commands.insert_resource(Changes(Mutex::new(rx)));
    }
}

/// Reloads one file into the library, or records why it cannot.
pub fn reload(path: &Path, lib: &mut Library, reloads: &mut Reloads) {
    reloads.errors.retain(|(p, _)| p != path);
    match crate::scenario::load_file(path) {
        Ok(l) => {
            lib.broken.retain(|(p, _)| p != path);
            let bundled = path.starts_with(paths::bundled_scenarios_dir());
            let entry = Entry::new(path, bundled, &l.scenario);
            match lib.entries.iter_mut().find(|e| e.path == path) {
                Some(e) => *e = entry,
                None => lib.entries.push(entry),
            }
        }
        Err(d) => {
            let src = std::fs::read_to_string(path).ok();
            reloads
                .errors
                .push((path.to_path_buf(), render_all(&d, src.as_deref())));
        }
    }
}

fn apply_changes(
    changes: Option<Res<Changes>>,
    lib: Option<ResMut<Library>>,
    mut reloads: ResMut<Reloads>,
    ex: Option<Res<Exercise>>,
    mut ui: ResMut<UiState>,
) {
    let (Some(changes), Some(mut lib)) = (changes, lib) else {
        return;
    };
    let Ok(rx) = changes.0.lock() else { return };
    for path in rx.try_iter() {
        reload(&path, &mut lib, &mut reloads);
        if ex.as_ref().is_some_and(|e| e.scenario_path == path) {
            ui.toast = Some(
                tr(
                    ui.lang,
                    "The scenario file changed. This exercise keeps the version it started with (its journal is tied to it); start a new one to use the edit.",
                    "情景文件已修改。本次演练继续使用开始时的版本（日志与之绑定）；如需使用新版本，请重新开始演练。",
                )
                .to_string(),
            );
        }
    }
}

pub fn diagnostics_window(ctx: &egui::Context, reloads: &Reloads, lang: Lang) {
    if reloads.errors.is_empty() {
        return;
    }
    egui::Window::new(tr(lang, "Scenario errors", "情景文件错误"))
        .default_width(720.0)
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-10.0, -10.0))
        .show(ctx, |ui| {
            ui.label(tr(
                lang,
                "The last good version stays in use until the file loads again.",
                "在文件修复之前，继续使用上一个正确版本。",
            ));
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for (_, text) in &reloads.errors {
                        ui.monospace(text);
                    }
                });
        });
}
