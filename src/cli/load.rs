//! Loading a scenario for a command, with diagnostics printed on failure.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::scenario::diag::render_styled;
use crate::scenario::{Loaded, load_file};
use crate::sim::World;

pub struct Scenario {
    pub loaded: Loaded,
    pub world: Arc<World>,
}

/// Loads and compiles a scenario, printing its diagnostics to stderr.
pub fn scenario(path: &Path) -> Option<Scenario> {
    let color = std::io::stderr().is_terminal();
    match load_file(path) {
        Ok(loaded) => {
            let world = match World::compile(loaded.scenario.clone()) {
                Ok(w) => Arc::new(w),
                Err(e) => {
                    eprintln!("error: {}: {e}", path.display());
                    return None;
                }
            };
            Some(Scenario { loaded, world })
        }
        Err(diags) => {
            let source = std::fs::read_to_string(path).ok();
            for d in &diags {
                eprintln!(
                    "{}",
                    render_styled(
                        d,
                        source.as_deref().map(|s| s.trim_start_matches('\u{feff}')),
                        color
                    )
                );
            }
            None
        }
    }
}

/// The bundled scenarios folder.
pub fn bundled_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"))
}

/// Finds the scenario a journal was written with: the path it recorded,
/// else a bundled scenario with the same id.
pub fn scenario_for_journal(
    header: &crate::sim::journal::Header,
    over: Option<&Path>,
) -> Option<PathBuf> {
    if let Some(p) = over {
        return Some(p.to_path_buf());
    }
    if let Some(p) = header.scenario_path.as_deref().map(PathBuf::from)
        && p.exists()
    {
        return Some(p);
    }
    let dir = bundled_dir();
    let entries = std::fs::read_dir(&dir).ok()?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .find(|p| load_file(p).is_ok_and(|l| l.scenario.meta.id == header.scenario))
}
