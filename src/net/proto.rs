//! The workshop protocol: JSON text frames over one WebSocket per seat.
//! Every frame is an object whose `type` names it; docs/protocol.md shows
//! each with an example. Shared by the server and every client, so nothing
//! here does I/O (the web build of the app compiles it too).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::scenario::Scenario;
use crate::sim::journal::Record;
use crate::sim::{Action, Event, Message};

/// Bumped on any change an older peer would misread. A hello with another
/// version is refused with [`ErrorCode::Version`].
pub const PROTOCOL: u32 = 1;

/// The largest frame a client may send. Actions are small; anything bigger
/// is a mistake or an attack and closes the connection.
pub const MAX_CLIENT_FRAME: usize = 64 * 1024;

/// The largest frame a server sends: a welcome carries the scenario, which
/// the loader caps at 8 MiB, plus a backlog of events.
pub const MAX_SERVER_FRAME: usize = 32 * 1024 * 1024;

/// One chair at the exercise. On the wire and in the codes list a seat is
/// named by its team id, `facilitator` or `observer`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "team", rename_all = "snake_case")]
pub enum Seat {
    Team(String),
    Facilitator,
    /// The projector: the public view.
    Observer,
}

impl Seat {
    pub fn name(&self) -> &str {
        match self {
            Seat::Team(t) => t,
            Seat::Facilitator => "facilitator",
            Seat::Observer => "observer",
        }
    }
}

/// Client to server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientFrame {
    /// The first frame of every connection.
    Hello {
        protocol: u32,
        code: String,
        /// A seat without a person at it (a plan, a persona, a load test):
        /// when every seat is headless the clock jumps ahead.
        #[serde(default)]
        headless: bool,
        /// Set when reconnecting: the token from the last welcome and how
        /// many of the seat's events the client already has.
        #[serde(default)]
        resume: Option<Resume>,
    },
    /// An action, numbered by the client: numbers rise across reconnects,
    /// so the server can tell a request it already carried out.
    Act { req: u64, action: Action },
    /// Headless seats: "my next action is at minute `at`" (None: nothing
    /// more), `rank` ordering seats that act at the same minute.
    Wait {
        at: Option<u32>,
        #[serde(default)]
        rank: u32,
    },
    /// Facilitator: start the clock.
    Start,
    /// Facilitator: give a seat a new code; the old one stops working.
    Reissue { seat: String },
    /// Leaving for good (a dropped connection is expected back).
    Bye,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resume {
    pub token: String,
    /// Events of this seat the client holds: the server sends the rest.
    pub have: u32,
}

/// Server to client.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerFrame {
    Welcome(Box<Welcome>),
    /// The seat's next events (numbered from `from`, the seat's own count),
    /// the messages they concern as this seat may know them, and the
    /// scenario items they make visible.
    Events {
        from: u32,
        events: Vec<Event>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        messages: Vec<Message>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        reveal: Vec<Reveal>,
        /// Facilitator only: the journal's new records (numbered from
        /// `records_from`), to keep a replica of the engine.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        records: Vec<Record>,
        #[serde(default)]
        records_from: u32,
    },
    Clock(ClockState),
    /// Headless seats: the clock is at `at`; act now, then `wait` again.
    Go {
        at: u32,
    },
    Accepted {
        req: u64,
    },
    Refused {
        req: u64,
        code: RefusalCode,
        reason: String,
    },
    /// Facilitator: every seat's current join code.
    Codes {
        codes: BTreeMap<String, String>,
    },
    Ended {
        outcome: Option<String>,
        state_hash: String,
    },
    /// The connection is closed after this frame.
    Error {
        code: ErrorCode,
        message: String,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Welcome {
    pub protocol: u32,
    pub seat: Seat,
    /// Present this on reconnect.
    pub token: String,
    /// The scenario as this seat may know it: the facilitator's in full,
    /// everyone else's without the other teams' briefings, the personas'
    /// rules, and injects and outcomes until they happen.
    pub scenario: Scenario,
    /// Facilitator only: the scenario's text and the seed, to rebuild the
    /// engine exactly.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub seed: Option<u64>,
    /// The last request of this seat the server carried out.
    pub last_req: u64,
    pub clock: ClockState,
}

/// The server's clock. Exercise minutes pass at
/// `clock_speed × speed` per wall second while `running`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockState {
    pub now: u32,
    pub started: bool,
    pub paused: bool,
    pub speed: u32,
    pub clock_speed: u32,
    pub ended: bool,
    /// Every seat is headless: the clock jumps from one due item to the next.
    pub lockstep: bool,
}

impl ClockState {
    pub fn running(&self) -> bool {
        self.started && !self.paused && !self.ended
    }
}

/// A scenario item that became visible to the seat, to patch into the
/// placeholder at its index.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reveal {
    Inject {
        index: usize,
        inject: Box<crate::scenario::Inject>,
    },
    Outcome {
        index: usize,
        outcome: Box<crate::scenario::Outcome>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalCode {
    /// The seat may not do this (another team's action, a facilitator's).
    NotAllowed,
    /// The engine refused it (unknown id, channel down, ended…).
    Engine,
    /// The exercise has not started.
    NotStarted,
    /// A request number already used.
    Duplicate,
    /// The journal could not be written: nothing happened.
    Journal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Not a frame of this protocol, or not one expected now.
    BadFrame,
    TooBig,
    Version,
    WrongCode,
    /// The resume token is not this seat's current one.
    StaleToken,
    /// Another connection took this seat.
    Replaced,
    /// The facilitator gave this seat a new code.
    Reissued,
    ServerClosing,
}

impl ClientFrame {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("client frames serialise")
    }
}

impl ServerFrame {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("server frames serialise")
    }
}
