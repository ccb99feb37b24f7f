//! Hot reload: a background thread polls scenario files' modification times
//! once a second and wakes the event loop only when one changed, so an idle
//! app stays asleep. A file with errors shows `hotline check`'s diagnostics
//! and the library keeps the last good version.
//!
//! A running exercise never switches version under its journal (the journal
//! names the scenario's content hash): a valid edit of its file is offered
//! as a restart, and the exercise runs on until the facilitator chooses.

use bevy::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, SystemTime};

use super::exercise::Exercise;
use super::library::{Entry, Library, render_all};
use super::{Launch, UiAction, paths};
use crate::sim::journal::content_hash;

pub mod panels;
#[cfg(test)]
mod tests;

pub use panels::{diagnostics_window, restart_offer};

#[derive(Resource, Default)]
pub struct Reloads {
    /// Scenario files whose last edit failed to load: path and diagnostics.
    pub errors: Vec<(PathBuf, String)>,
    /// Content hash of each file's last version that loaded.
    pub valid: HashMap<PathBuf, String>,
    /// A newer version the facilitator chose not to restart with.
    pub declined: Option<String>,
}

impl Reloads {
    /// The content hash of a valid edit of `ex`'s scenario that differs from
    /// the one it runs on, unless declined or the file is broken now.
    pub fn newer_for(&self, ex: &Exercise) -> Option<&str> {
        let path = &ex.scenario_path;
        if self.errors.iter().any(|(p, _)| same_file(p, path)) {
            return None;
        }
        let hash = self
            .valid
            .iter()
            .find(|(p, _)| same_file(p, path))
            .map(|(_, h)| h.as_str())?;
        (hash != ex.header.content_hash && self.declined.as_deref() != Some(hash)).then_some(hash)
    }
}

/// The watcher may name a file by another path than the exercise does
/// (relative on the command line, absolute from the library folder).
pub fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
}

#[derive(Resource)]
struct Changes(Mutex<Receiver<PathBuf>>);

pub(super) fn plugin(app: &mut App) {
    super::shared(app);
    app.init_resource::<Reloads>()
        .add_systems(Update, (apply_changes, decline));
    // A browser page has no files an editor could change, and no threads.
    if !cfg!(target_arch = "wasm32") {
        app.add_systems(Startup, spawn_watcher);
    }
}

fn mtimes(dirs: &[PathBuf], extra: &[PathBuf]) -> HashMap<PathBuf, SystemTime> {
    let mut files: Vec<PathBuf> = extra.to_vec();
    for d in dirs {
        files.extend(crate::sim::open::ron_files(d));
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
            reloads
                .valid
                .insert(path.to_path_buf(), content_hash(&l.source));
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
) {
    let (Some(changes), Some(mut lib)) = (changes, lib) else {
        return;
    };
    let Ok(rx) = changes.0.lock() else { return };
    for path in rx.try_iter() {
        reload(&path, &mut lib, &mut reloads);
    }
}

fn decline(
    mut actions: MessageReader<UiAction>,
    ex: Option<Res<Exercise>>,
    mut reloads: ResMut<Reloads>,
) {
    for a in actions.read() {
        if *a == UiAction::KeepScenarioVersion
            && let Some(ex) = ex.as_deref()
        {
            reloads.declined = reloads.newer_for(ex).map(str::to_string);
        }
    }
}
