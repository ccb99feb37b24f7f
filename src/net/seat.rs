//! A seat's picture of the exercise, folded from the server's frames: the
//! scenario as the seat may know it, its events in order, its messages and
//! the clock. The facilitator, who may see everything, also keeps a replica
//! of the engine rebuilt from the journal's records, so its console can use
//! the same engine the local app uses.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::proto::{ClockState, Reveal, Seat, ServerFrame, Welcome};
use crate::scenario::Scenario;
use crate::sim::{Engine, Event, Message, MsgId, Viewer, World};

pub struct SeatModel {
    pub seat: Seat,
    pub scenario: Scenario,
    /// The seat's events, numbered from 0 (`Event::seq` is the position).
    pub events: Vec<Event>,
    pub messages: BTreeMap<MsgId, Message>,
    pub clock: ClockState,
    /// Outcome id and state hash, once it ended.
    pub ended: Option<(Option<String>, String)>,
    /// Facilitator: every seat's code.
    pub codes: BTreeMap<String, String>,
    replica: Option<Replica>,
}

/// The facilitator's engine, kept in step with the server's by applying
/// the same records at the same minutes and following its clock.
struct Replica {
    world: Arc<World>,
    seed: u64,
    engine: Engine,
    records: u32,
}

/// The server sent events past the end of what this seat holds: some were
/// lost, so the connection must resume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    pub have: u32,
    pub from: u32,
}

impl SeatModel {
    /// The picture a welcome starts; `replica` asks the facilitator's seat
    /// to keep an engine (the app's console wants it, a script may not).
    pub fn new(w: &Welcome, replica: bool) -> SeatModel {
        let replica = match (&w.source, w.seed, replica) {
            (Some(src), Some(seed), true) => Replica::new(src, seed),
            _ => None,
        };
        SeatModel {
            seat: w.seat.clone(),
            scenario: w.scenario.clone(),
            events: Vec::new(),
            messages: BTreeMap::new(),
            clock: w.clock,
            ended: None,
            codes: BTreeMap::new(),
            replica,
        }
    }

    /// How the engine filters for this seat.
    pub fn viewer(&self) -> Viewer {
        match &self.seat {
            Seat::Team(id) => self
                .scenario
                .teams
                .iter()
                .position(|t| &t.id == id)
                .map_or(Viewer::Public, Viewer::Team),
            Seat::Facilitator => Viewer::Facilitator,
            Seat::Observer => Viewer::Public,
        }
    }

    pub fn have(&self) -> u32 {
        self.events.len() as u32
    }

    pub fn message(&self, id: MsgId) -> Option<&Message> {
        self.messages.get(&id)
    }

    /// The facilitator's replica of the server's engine.
    pub fn engine(&self) -> Option<&Engine> {
        self.replica.as_ref().map(|r| &r.engine)
    }

    /// Folds in one frame. Events already held are skipped (a resend after
    /// a reconnect); events past a hole are refused.
    pub fn apply(&mut self, f: &ServerFrame) -> Result<(), Gap> {
        match f {
            ServerFrame::Events {
                from,
                events,
                messages,
                reveal,
                records,
                records_from,
            } => {
                let have = self.have();
                if *from > have {
                    return Err(Gap { have, from: *from });
                }
                let skip = (have - from) as usize;
                self.events.extend(events.iter().skip(skip).cloned());
                for m in messages {
                    self.messages.insert(m.id, m.clone());
                }
                for r in reveal {
                    self.reveal(r);
                }
                if let Some(rep) = &mut self.replica
                    && !records.is_empty()
                    && !rep.apply(records, *records_from)
                {
                    self.replica = None;
                }
            }
            ServerFrame::Clock(c) => {
                self.clock = *c;
                if let Some(r) = &mut self.replica {
                    r.engine.advance_to(c.now);
                }
            }
            ServerFrame::Codes { codes } => self.codes = codes.clone(),
            ServerFrame::Ended {
                outcome,
                state_hash,
            } => self.ended = Some((outcome.clone(), state_hash.clone())),
            _ => {}
        }
        Ok(())
    }

    fn reveal(&mut self, r: &Reveal) {
        match r {
            Reveal::Inject { index, inject } => {
                if let Some(slot) = self.scenario.injects.get_mut(*index) {
                    *slot = (**inject).clone();
                }
            }
            Reveal::Outcome { index, outcome } => {
                if let Some(slot) = self.scenario.outcomes.get_mut(*index) {
                    *slot = (**outcome).clone();
                }
            }
        }
    }
}

impl Replica {
    fn new(source: &str, seed: u64) -> Option<Replica> {
        let loaded = crate::scenario::load_str(Path::new("scenario.ron"), source).ok()?;
        let world = Arc::new(World::compile(loaded.scenario));
        Some(Replica {
            engine: Engine::new(world.clone(), seed),
            world,
            seed,
            records: 0,
        })
    }

    /// Applies the records from `from` on; false if they do not fit (the
    /// replica is then dropped rather than shown wrong).
    fn apply(&mut self, records: &[crate::sim::journal::Record], from: u32) -> bool {
        if from == 0 && self.records > 0 {
            self.engine = Engine::new(self.world.clone(), self.seed);
            self.records = 0;
        }
        if from > self.records {
            return false;
        }
        for r in records.iter().skip((self.records - from) as usize) {
            self.engine.advance_to(r.t);
            if self.engine.apply(&r.action).is_err() {
                return false;
            }
            self.records += 1;
        }
        true
    }
}
