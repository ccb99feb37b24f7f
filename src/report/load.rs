//! From a journal file to the engine it describes: find the scenario it was
//! written with, check that it is the same text, and replay the actions.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::scenario::{self, Diagnostic};
use crate::sim::journal::{Journal, JournalError};
use crate::sim::session::{self, Session, SessionError};
use crate::sim::{Engine, World};

/// A journal replayed against its scenario.
pub struct Replayed {
    pub world: Arc<World>,
    pub engine: Engine,
    pub journal: Journal,
    pub scenario_path: PathBuf,
}

#[derive(Debug)]
pub enum LoadError {
    Journal(JournalError),
    /// No candidate file was the journal's scenario; each tried path with
    /// the reason it was passed over.
    NoScenario {
        id: String,
        tried: Vec<(PathBuf, String)>,
    },
    Scenario(PathBuf, Vec<Diagnostic>),
    Compile(PathBuf, String),
    Replay(PathBuf, SessionError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Journal(e) => e.fmt(f),
            LoadError::NoScenario { id, tried } => {
                write!(
                    f,
                    "cannot find scenario `{id}` that this journal was written with"
                )?;
                for (p, why) in tried {
                    write!(f, "\n  {}: {why}", p.display())?;
                }
                write!(f, "\n  (pass the scenario file with --scenario PATH)")
            }
            LoadError::Scenario(p, diags) => {
                write!(f, "{}: the scenario does not load", p.display())?;
                for d in diags.iter().filter(|d| d.is_error()) {
                    write!(f, "\n{}", scenario::diag::render(d, None))?;
                }
                Ok(())
            }
            LoadError::Compile(p, e) => write!(f, "{}: {e}", p.display()),
            LoadError::Replay(p, e) => {
                write!(f, "{}: the journal does not replay: {e}", p.display())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads the journal at `path` and replays it. The scenario is `scenario`
/// if given, else the path the journal names (as written, then beside the
/// journal), else the `.ron` file in `bundled` with the journal's scenario
/// id. Unless `to_end`, the engine stops at the last journalled action, so
/// an interrupted exercise is reported as it stood.
pub fn replay_journal(
    path: &Path,
    scenario: Option<&Path>,
    bundled: &Path,
    to_end: bool,
) -> Result<Replayed, LoadError> {
    let journal = Journal::read(path).map_err(LoadError::Journal)?;
    let h = &journal.header;
    let candidates: Vec<PathBuf> = match scenario {
        Some(p) => vec![p.to_path_buf()],
        None => {
            let mut c = Vec::new();
            if let Some(sp) = &h.scenario_path {
                let sp = PathBuf::from(sp);
                if sp.is_relative()
                    && let Some(dir) = path.parent()
                {
                    c.push(dir.join(&sp));
                }
                c.insert(0, sp);
            }
            c.extend(bundled_files(bundled));
            c
        }
    };
    let mut tried = Vec::new();
    for cand in candidates {
        if scenario.is_none() && !cand.is_file() {
            continue;
        }
        let loaded = match scenario::load_file(&cand) {
            Ok(l) => l,
            Err(d) if scenario.is_some() => return Err(LoadError::Scenario(cand, d)),
            Err(_) => {
                tried.push((cand, "does not load".into()));
                continue;
            }
        };
        if loaded.scenario.meta.id != h.scenario && scenario.is_none() {
            let why = format!("is scenario `{}`", loaded.scenario.meta.id);
            tried.push((cand, why));
            continue;
        }
        let world =
            World::compile(loaded.scenario).map_err(|e| LoadError::Compile(cand.clone(), e))?;
        let expected = session::header(&world, &loaded.source, h.seed, Some(&cand));
        if let Err(e) = session::check_header(h, &expected, path) {
            match scenario {
                Some(_) => return Err(LoadError::Journal(e)),
                None => {
                    tried.push((cand, mismatch_reason(e)));
                    continue;
                }
            }
        }
        let world = Arc::new(world);
        let mut s = Session::replay(world.clone(), &journal)
            .map_err(|e| LoadError::Replay(path.to_path_buf(), e))?;
        if to_end {
            s.engine.run_to_end();
        }
        return Ok(Replayed {
            world,
            engine: s.engine,
            journal,
            scenario_path: cand,
        });
    }
    Err(LoadError::NoScenario {
        id: h.scenario.clone(),
        tried,
    })
}

fn mismatch_reason(e: JournalError) -> String {
    match e {
        JournalError::Mismatch { msg, .. } => msg,
        other => other.to_string(),
    }
}

/// The `.ron` files directly in `dir`, sorted so the search is repeatable.
fn bundled_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    v.sort();
    v
}
