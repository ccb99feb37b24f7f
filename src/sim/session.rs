//! An exercise in progress: the engine plus its journal. Every accepted
//! action is written and synced before it takes effect.

use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use super::action::{Action, ActionError};
use super::engine::Engine;
use super::journal::{self, Header, Journal, JournalError, JournalWriter, Origin, Record};
use super::world::{Ix, World};

#[derive(Debug)]
pub enum SessionError {
    Action {
        t: u32,
        err: ActionError,
    },
    Journal(JournalError),
    /// A resumed run asked for something other than what its journal holds.
    Diverged {
        index: usize,
        journal: Box<Record>,
        now: Box<Record>,
    },
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionError::Action { t, err } => write!(f, "at minute {t}: {err}"),
            SessionError::Journal(e) => e.fmt(f),
            SessionError::Diverged {
                index,
                journal,
                now,
            } => write!(
                f,
                "record {} of the journal is {:?} at minute {}, but this run asks for {:?} at minute {}: the journal belongs to another plan or seed",
                index + 1,
                journal.action,
                journal.t,
                now.action,
                now.t
            ),
        }
    }
}

impl std::error::Error for SessionError {}

impl From<JournalError> for SessionError {
    fn from(e: JournalError) -> Self {
        SessionError::Journal(e)
    }
}

pub struct Session {
    pub engine: Engine,
    journal: Option<JournalWriter>,
    /// Every accepted action, in order: the journal's content in memory.
    pub records: Vec<Record>,
    /// Journalled actions not yet re-applied, for a scripted run that
    /// resumes by submitting its actions again.
    pending: VecDeque<Record>,
}

pub fn header(world: &World, source: &str, seed: u64, path: Option<&Path>) -> Header {
    Header {
        format: journal::FORMAT.into(),
        scenario: world.scenario.meta.id.clone(),
        version: world.scenario.meta.version.clone(),
        content_hash: journal::content_hash(source),
        seed,
        scenario_path: path.map(|p| p.display().to_string()),
        hotline: env!("CARGO_PKG_VERSION").into(),
        truth: None,
    }
}

/// The engine a header describes: its seed, and its truth if fixed (a
/// truth the scenario no longer has is drawn instead; the content hash
/// already refuses a journal of another scenario text).
fn engine_for(world: Arc<World>, header: &Header) -> Engine {
    let truth = (header.truth.as_ref()).and_then(|t| world.ids.truths.get(t).copied());
    Engine::with_truth(world, header.seed, truth)
}

impl Session {
    pub fn new(world: Arc<World>, seed: u64) -> Session {
        Session::with_truth(world, seed, None)
    }

    /// A session whose hidden truth is fixed (None: drawn from the seed).
    pub fn with_truth(world: Arc<World>, seed: u64, truth: Option<Ix>) -> Session {
        Session {
            engine: Engine::with_truth(world, seed, truth),
            journal: None,
            records: Vec::new(),
            pending: VecDeque::new(),
        }
    }

    /// Starts a session that journals to a new file at `path`.
    pub fn journalled(
        world: Arc<World>,
        header: &Header,
        path: &Path,
    ) -> Result<Session, SessionError> {
        let journal = JournalWriter::create(path, header)?;
        Ok(Session {
            engine: engine_for(world, header),
            journal: Some(journal),
            records: Vec::new(),
            pending: VecDeque::new(),
        })
    }

    /// Rebuilds the exact state a journal describes, and keeps appending to
    /// it. `expected` is the header the current scenario would write: a
    /// journal of another scenario or version is refused.
    pub fn resume(
        world: Arc<World>,
        expected: &Header,
        path: &Path,
    ) -> Result<(Session, Journal), SessionError> {
        let j = Journal::read(path)?;
        check_header(&j.header, expected, path)?;
        let mut s = Session::replay(world, &j)?;
        s.journal = Some(JournalWriter::append_to(path, &j)?);
        Ok((s, j))
    }

    /// Opens a journal to continue a scripted run: the engine starts fresh
    /// and the journalled actions are re-applied, unwritten, as the script
    /// submits them again; anything after them is appended.
    pub fn resume_scripted(
        world: Arc<World>,
        expected: &Header,
        path: &Path,
    ) -> Result<(Session, Journal), SessionError> {
        let j = Journal::read(path)?;
        check_header(&j.header, expected, path)?;
        let mut s = Session::new(world, j.header.seed);
        s.engine = engine_for(s.engine.world().clone(), &j.header);
        s.pending = j.records.iter().cloned().collect();
        s.journal = Some(JournalWriter::append_to(path, &j)?);
        Ok((s, j))
    }

    /// Journalled actions the script has not re-submitted.
    pub fn unreplayed(&self) -> usize {
        self.pending.len()
    }

    /// Rebuilds a session from a journal without writing to it.
    pub fn replay(world: Arc<World>, j: &Journal) -> Result<Session, SessionError> {
        let mut s = Session::new(world, j.header.seed);
        s.engine = engine_for(s.engine.world().clone(), &j.header);
        for r in &j.records {
            s.engine.advance_to(r.t);
            s.engine
                .apply(&r.action)
                .map_err(|err| SessionError::Action { t: r.t, err })?;
            s.records.push(r.clone());
        }
        Ok(s)
    }

    /// Applies `action` at minute `t`: the clock first runs to `t`, then the
    /// action is checked once, journalled (synced) and only then applied.
    pub fn submit(&mut self, t: u32, action: Action) -> Result<(), SessionError> {
        self.submit_by(t, action, None)
    }

    /// [`Self::submit`] for a request that came from a network seat: the
    /// journal record names it.
    pub fn submit_by(
        &mut self,
        t: u32,
        action: Action,
        by: Option<Origin>,
    ) -> Result<(), SessionError> {
        let now = self.engine.now();
        if t < now {
            return Err(SessionError::Action {
                t,
                err: ActionError::InThePast { at: t, now },
            });
        }
        self.engine.advance_to(t);
        let t = self.engine.now();
        self.engine
            .check(&action)
            .map_err(|err| SessionError::Action { t, err })?;
        let record = Record { t, action, by };
        if let Some(old) = self.pending.pop_front() {
            if old != record {
                return Err(SessionError::Diverged {
                    index: self.records.len(),
                    journal: Box::new(old),
                    now: Box::new(record),
                });
            }
        } else if let Some(j) = &mut self.journal {
            j.append(&record)?;
        }
        // Checked above in this same state, so no second dry run.
        self.engine
            .apply_checked(&record.action)
            .map_err(|err| SessionError::Action { t, err })?;
        self.records.push(record);
        Ok(())
    }
}

pub fn check_header(found: &Header, expected: &Header, path: &Path) -> Result<(), JournalError> {
    let mismatch = |msg: String| JournalError::Mismatch {
        path: path.to_path_buf(),
        msg,
    };
    if found.scenario != expected.scenario {
        return Err(mismatch(format!(
            "this journal is for scenario `{}`, not `{}`",
            found.scenario, expected.scenario
        )));
    }
    if found.content_hash != expected.content_hash {
        return Err(mismatch(format!(
            "this journal was written with another version of scenario `{}` (version {} then, {} now; the file's content differs): replaying it would not rebuild the same exercise",
            found.scenario, found.version, expected.version
        )));
    }
    Ok(())
}

/// A digest of everything the engine did and where it ended: equal hashes
/// mean equal runs.
pub fn state_hash(e: &Engine) -> String {
    let mut h = Sha256::new();
    for ev in e.events() {
        h.update(serde_json::to_vec(ev).expect("events serialise"));
        h.update(b"\n");
    }
    h.update(serde_json::to_vec(e.state()).expect("state serialises"));
    journal::hex(&h.finalize())
}
