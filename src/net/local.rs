//! A seat at an exercise that runs in this process: the same picture a
//! remote seat folds from the server's frames ([`SeatModel`]), made by the
//! same view code, so a panel that draws a `SeatModel` draws a local and a
//! remote exercise alike.

use super::proto::{ClockState, PROTOCOL, Seat, ServerFrame, Welcome};
use super::seat::SeatModel;
use super::view::{self, SeatStream};
use crate::sim::session::{Session, SessionError};
use crate::sim::{Action, Engine};

pub struct LocalSeat {
    pub session: Session,
    stream: SeatStream,
    model: SeatModel,
}

impl LocalSeat {
    /// `seat`'s view of `session`; None if the scenario has no such team.
    pub fn new(session: Session, seat: Seat) -> Option<LocalSeat> {
        let w = session.engine.world().clone();
        let viewer = view::viewer(&w, &seat)?;
        let welcome = Welcome {
            protocol: PROTOCOL,
            seat,
            token: String::new(),
            scenario: view::scenario(&w.scenario, viewer),
            source: None,
            seed: None,
            last_req: 0,
            clock: clock(&session.engine),
        };
        let mut s = LocalSeat {
            stream: SeatStream::new(viewer),
            model: SeatModel::new(&welcome, false),
            session,
        };
        s.sync();
        Some(s)
    }

    /// The seat's picture, up to date with the session.
    pub fn model(&mut self) -> &SeatModel {
        self.sync();
        &self.model
    }

    /// The engine itself (a local facilitator needs no replica).
    pub fn engine(&self) -> &Engine {
        &self.session.engine
    }

    /// Journals and applies an action now. The local user is the host:
    /// nothing is refused that the engine accepts.
    pub fn act(&mut self, action: Action) -> Result<(), SessionError> {
        let now = self.session.engine.now();
        self.session.submit(now, action)
    }

    fn sync(&mut self) {
        let b = self.stream.next(&self.session.engine);
        let frame = ServerFrame::Events {
            from: b.from,
            events: b.events,
            messages: b.messages,
            reveal: b.reveal,
            records: Vec::new(),
            records_from: 0,
        };
        // A local stream cannot skip: its batches follow one another.
        let _ = self.model.apply(&frame);
        let e = &self.session.engine;
        let _ = self.model.apply(&ServerFrame::Clock(clock(e)));
        if e.ended() && self.model.ended.is_none() {
            let outcome = e.state().outcome;
            let _ = self.model.apply(&ServerFrame::Ended {
                outcome: outcome.map(|o| e.world().scenario.outcomes[o].id.clone()),
                state_hash: crate::sim::session::state_hash(e),
            });
        }
    }
}

/// The local clock as the protocol states it (started: a local exercise
/// runs once it is open).
fn clock(e: &Engine) -> ClockState {
    ClockState {
        now: e.now(),
        started: true,
        paused: e.state().paused,
        speed: e.state().speed,
        clock_speed: e.world().scenario.meta.clock_speed,
        ended: e.ended(),
        lockstep: false,
    }
}
