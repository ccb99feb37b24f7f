//! One way to open a scenario for the engine, and one way to find the
//! scenario a journal was written with. The command line, the report, the
//! app's resume and its library all come through here, so they agree on
//! which file a journal belongs to.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::journal::{Header, Journal, JournalError};
use super::session::{self, Session, SessionError};
use super::{Engine, World};
use crate::scenario::{self, Diagnostic};

/// A scenario loaded, checked and compiled.
pub struct Opened {
    pub world: Arc<World>,
    /// The text as read, for the journal header's content hash.
    pub source: String,
    pub path: PathBuf,
}

impl Opened {
    /// The journal header an exercise of this scenario with `seed` has.
    pub fn header(&self, seed: u64) -> Header {
        session::header(&self.world, &self.source, seed, Some(&self.path))
    }
}

#[derive(Debug)]
pub enum OpenError {
    /// The file does not load or does not pass its checks.
    Scenario(PathBuf, Vec<Diagnostic>),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Scenario(p, diags) => {
                write!(f, "{}: the scenario does not load", p.display())?;
                for d in diags.iter().filter(|d| d.is_error()) {
                    write!(f, "\n{}", scenario::diag::render(d, None))?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for OpenError {}

/// Loads, checks and compiles the scenario at `path`.
pub fn open(path: &Path) -> Result<Opened, OpenError> {
    let loaded =
        scenario::load_file(path).map_err(|d| OpenError::Scenario(path.to_path_buf(), d))?;
    let world = World::compile(loaded.scenario);
    Ok(Opened {
        world: Arc::new(world),
        source: loaded.source,
        path: path.to_path_buf(),
    })
}

/// The `.ron` files directly in `dir`, sorted so every search is repeatable.
pub fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(files) = crate::platform::fs::list(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = files
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    v.sort();
    v
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
    Open(OpenError),
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
            LoadError::Open(e) => e.fmt(f),
            LoadError::Replay(p, e) => {
                write!(f, "{}: the journal does not replay: {e}", p.display())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// The scenario `header` (read from the journal at `journal`) was written
/// with: `explicit` if given (it must match), else the path the journal
/// names (as written, then beside the journal), else the `.ron` file in
/// `bundled` with the journal's scenario id and the same text.
pub fn scenario_for_journal(
    journal: &Path,
    header: &Header,
    explicit: Option<&Path>,
    bundled: &Path,
) -> Result<Opened, LoadError> {
    let candidates: Vec<PathBuf> = match explicit {
        Some(p) => vec![p.to_path_buf()],
        None => {
            let mut c = Vec::new();
            if let Some(sp) = &header.scenario_path {
                let sp = PathBuf::from(sp);
                if sp.is_relative()
                    && let Some(dir) = journal.parent()
                {
                    c.push(dir.join(&sp));
                }
                c.insert(0, sp);
            }
            c.extend(ron_files(bundled));
            c
        }
    };
    let mut tried = Vec::new();
    for cand in candidates {
        if explicit.is_none() && !crate::platform::fs::is_file(&cand) {
            continue;
        }
        let opened = match open(&cand) {
            Ok(o) => o,
            Err(e) if explicit.is_some() => return Err(LoadError::Open(e)),
            Err(_) => {
                tried.push((cand, "does not load".into()));
                continue;
            }
        };
        if opened.world.scenario.meta.id != header.scenario && explicit.is_none() {
            let why = format!("is scenario `{}`", opened.world.scenario.meta.id);
            tried.push((cand, why));
            continue;
        }
        let expected = opened.header(header.seed);
        if let Err(e) = session::check_header(header, &expected, journal) {
            match explicit {
                Some(_) => return Err(LoadError::Journal(e)),
                None => {
                    tried.push((cand, mismatch_reason(e)));
                    continue;
                }
            }
        }
        return Ok(opened);
    }
    Err(LoadError::NoScenario {
        id: header.scenario.clone(),
        tried,
    })
}

fn mismatch_reason(e: JournalError) -> String {
    match e {
        JournalError::Mismatch { msg, .. } => msg,
        other => other.to_string(),
    }
}

/// A journal replayed against its scenario.
pub struct Replayed {
    pub world: Arc<World>,
    pub engine: Engine,
    pub journal: Journal,
    pub scenario_path: PathBuf,
}

/// Reads the journal at `path`, finds its scenario
/// ([`scenario_for_journal`]) and replays it. Unless `to_end`, the engine
/// stops at the last journalled action, so an interrupted exercise is
/// reported as it stood.
pub fn replay_journal(
    path: &Path,
    explicit: Option<&Path>,
    bundled: &Path,
    to_end: bool,
) -> Result<Replayed, LoadError> {
    let journal = Journal::read(path).map_err(LoadError::Journal)?;
    let opened = scenario_for_journal(path, &journal.header, explicit, bundled)?;
    let mut s = Session::replay(opened.world.clone(), &journal)
        .map_err(|e| LoadError::Replay(path.to_path_buf(), e))?;
    if to_end {
        s.engine.run_to_end();
    }
    Ok(Replayed {
        world: opened.world,
        engine: s.engine,
        journal,
        scenario_path: opened.path,
    })
}
