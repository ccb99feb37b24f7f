//! One exercise on the server: its session and its seats. A room runs on a
//! thread of its own and is the only owner of its session, so every action
//! and every clock step happens in one order, journalled before it takes
//! effect; connections only pass it frames.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use super::hub::{Hub, new_code, new_token};
use super::store::{self, Seats};
use crate::net::auth::authorise;
use crate::net::proto::{
    ClientFrame, ClockState, ErrorCode, PROTOCOL, RefusalCode, Resume, Seat, ServerFrame, Welcome,
};
use crate::net::view::{self, SeatStream};
use crate::sim::journal::Origin;
use crate::sim::session::{Session, SessionError, state_hash};
use crate::sim::{Action, Viewer};

pub type RoomTx = Sender<RoomMsg>;
pub type ConnId = u64;

/// A connection's way out. Frames queue up to a limit: a client that stops
/// reading is cut off (it can resume later) rather than queued without end.
pub struct Outbox {
    tx: tokio::sync::mpsc::Sender<String>,
    close: tokio::sync::Notify,
    overflowed: AtomicBool,
}
pub type OutTx = Arc<Outbox>;

/// Frames a connection may have waiting before it counts as not reading.
pub const OUTBOX_FRAMES: usize = 1024;

impl Outbox {
    pub fn new() -> (OutTx, tokio::sync::mpsc::Receiver<String>) {
        let (tx, rx) = tokio::sync::mpsc::channel(OUTBOX_FRAMES);
        let b = Outbox {
            tx,
            close: tokio::sync::Notify::new(),
            overflowed: AtomicBool::new(false),
        };
        (Arc::new(b), rx)
    }

    pub fn text(&self, f: String) {
        if self.tx.try_send(f).is_err() {
            self.overflowed.store(true, Ordering::Relaxed);
            self.close();
        }
    }

    /// Ends the connection once what is queued has been sent.
    pub fn close(&self) {
        self.close.notify_one();
    }

    pub async fn closed(&self) {
        self.close.notified().await;
    }

    pub fn overflowed(&self) -> bool {
        self.overflowed.load(Ordering::Relaxed) && !self.tx.is_closed()
    }
}

pub enum RoomMsg {
    Join {
        conn: ConnId,
        seat: Seat,
        headless: bool,
        resume: Option<Resume>,
        out: OutTx,
    },
    Frame {
        conn: ConnId,
        frame: ClientFrame,
    },
    Left {
        conn: ConnId,
    },
    Shutdown,
}

/// What the host of a room hears from it.
#[derive(Debug, Clone, PartialEq)]
pub enum RoomEvent {
    Ended {
        outcome: Option<String>,
        state_hash: String,
    },
    /// The exercise ended and its last seat left, or the room was shut down.
    Closed,
}

pub(super) struct Conn {
    pub id: ConnId,
    pub out: OutTx,
}

pub(super) struct SeatState {
    pub seat: Seat,
    pub code: String,
    pub token: String,
    pub conn: Option<Conn>,
    pub last_req: u64,
    pub headless: bool,
    /// The headless seat's declared next action: None until it declares;
    /// Some(None) when it plans nothing more.
    pub wait: Option<Option<(u32, u32)>>,
    /// Told to act; the clock waits for its next declaration.
    pub acting: bool,
    pub stream: SeatStream,
    pub records_sent: usize,
}

impl SeatState {
    pub fn send(&self, f: &ServerFrame) {
        if let Some(c) = &self.conn {
            c.out.text(f.to_json());
        }
    }
}

pub struct RoomSpec {
    pub session: Session,
    pub source: String,
    /// Where the codes are kept beside the journal; None: in memory only.
    pub store: Option<PathBuf>,
    /// Codes and tokens from a previous run of this exercise.
    pub seats: Option<Seats>,
    pub autostart: bool,
}

pub(super) struct Room {
    pub session: Session,
    pub seats: Vec<SeatState>,
    pub hub: Arc<Hub>,
    pub me: RoomTx,
    pub store: Option<PathBuf>,
    pub started: bool,
    pub joined: BTreeSet<String>,
    pub autostart: bool,
    pub source: String,
    /// Fractional exercise minutes: the engine only sees whole ones.
    pub clock: f64,
    pub last_wall: Option<Instant>,
    pub last_clock: Option<ClockState>,
    pub ended_sent: bool,
    /// Ended, and the last seat has left: the room closes.
    pub finished: bool,
    pub events: Sender<RoomEvent>,
}

/// Starts a room on its own thread; returns its seats' codes.
pub(super) fn spawn(
    spec: RoomSpec,
    hub: Arc<Hub>,
    events: Sender<RoomEvent>,
) -> std::io::Result<(RoomTx, BTreeMap<String, String>)> {
    let (tx, rx) = std::sync::mpsc::channel();
    let w = spec.session.engine.world().clone();
    let mut seats_list: Vec<Seat> = w
        .scenario
        .teams
        .iter()
        .map(|t| Seat::Team(t.id.clone()))
        .collect();
    seats_list.extend([Seat::Facilitator, Seat::Observer]);
    let old = spec.seats.unwrap_or_default();
    let mut seats = Vec::new();
    for seat in seats_list {
        let name = seat.name().to_string();
        let viewer = view::viewer(&w, &seat).unwrap_or(Viewer::Public);
        seats.push(SeatState {
            code: old.codes.get(&name).cloned().unwrap_or_else(new_code),
            token: old.tokens.get(&name).cloned().unwrap_or_else(new_token),
            conn: None,
            last_req: last_request(&spec.session, &name),
            headless: false,
            wait: None,
            acting: false,
            stream: SeatStream::new(viewer),
            records_sent: 0,
            seat,
        });
    }
    for s in &seats {
        hub.set_code(&s.code, tx.clone(), s.seat.clone());
    }
    let codes = seats
        .iter()
        .map(|s| (s.seat.name().to_string(), s.code.clone()))
        .collect();
    let now = spec.session.engine.now();
    let room = Room {
        session: spec.session,
        seats,
        hub,
        me: tx.clone(),
        store: spec.store,
        started: old.started,
        joined: old.joined,
        autostart: spec.autostart || old.autostart,
        source: spec.source,
        clock: f64::from(now),
        last_wall: None,
        last_clock: None,
        ended_sent: false,
        finished: false,
        events,
    };
    room.persist();
    std::thread::Builder::new()
        .name("hotline-room".into())
        .spawn(move || room.run(rx))?;
    Ok((tx, codes))
}

/// The highest request number the journal holds for a seat.
fn last_request(s: &Session, seat: &str) -> u64 {
    s.records
        .iter()
        .filter_map(|r| r.by.as_ref().filter(|o| o.seat == seat).map(|o| o.req))
        .max()
        .unwrap_or(0)
}

impl Room {
    fn run(mut self, rx: Receiver<RoomMsg>) {
        let mut wait = Duration::ZERO;
        loop {
            match rx.recv_timeout(wait) {
                Ok(RoomMsg::Shutdown) | Err(RecvTimeoutError::Disconnected) => break,
                Ok(msg) => self.handle(msg),
                Err(RecvTimeoutError::Timeout) => {}
            }
            let more = self.step_clock();
            self.flush();
            if self.finished {
                break;
            }
            wait = if more {
                Duration::ZERO
            } else {
                self.idle_wait()
            };
        }
        let bye = ServerFrame::Error {
            code: ErrorCode::ServerClosing,
            message: "the exercise is closed".into(),
        };
        for s in &mut self.seats {
            s.send(&bye);
            if let Some(c) = s.conn.take() {
                c.out.close();
            }
            self.hub.drop_code(&s.code);
        }
        let _ = self.events.send(RoomEvent::Closed);
    }
}

/// `HOTLINE_NET_TRACE=1` logs every grant, wait and action of the room:
/// enough to follow a lockstep run after the fact.
pub fn trace_on() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("HOTLINE_NET_TRACE").is_some())
}

impl Room {
    pub fn trace(&self, what: impl FnOnce() -> String) {
        if trace_on() {
            eprintln!(
                "hotline serve: [t={}] {}",
                self.session.engine.now(),
                what()
            );
        }
    }

    pub fn world(&self) -> &Arc<crate::sim::World> {
        self.session.engine.world()
    }

    pub fn persist(&self) {
        let Some(path) = &self.store else { return };
        let seats = Seats {
            codes: self.names(|s| s.code.clone()),
            tokens: self.names(|s| s.token.clone()),
            started: self.started,
            autostart: self.autostart,
            joined: self.joined.clone(),
        };
        if let Err(e) = store::save(path, &seats) {
            eprintln!("hotline serve: cannot save {}: {e}", path.display());
        }
    }

    fn names(&self, f: impl Fn(&SeatState) -> String) -> BTreeMap<String, String> {
        self.seats
            .iter()
            .map(|s| (s.seat.name().to_string(), f(s)))
            .collect()
    }

    pub fn clock_state(&self) -> ClockState {
        let e = &self.session.engine;
        ClockState {
            now: e.now(),
            started: self.started,
            paused: e.state().paused,
            speed: e.state().speed,
            clock_speed: self.world().scenario.meta.clock_speed,
            ended: e.ended(),
            lockstep: self.lockstep(),
        }
    }

    /// Sends every seat what is new for it: its events and messages, the
    /// facilitator's journal records, the clock, and the end.
    pub fn flush(&mut self) {
        for s in &mut self.seats {
            if s.conn.as_ref().is_some_and(|c| c.out.overflowed()) {
                eprintln!(
                    "hotline serve: seat {} does not read what it is sent: disconnected",
                    s.seat.name()
                );
                s.conn = None;
            }
        }
        let e = &self.session.engine;
        let records = &self.session.records;
        for s in self.seats.iter_mut().filter(|s| s.conn.is_some()) {
            let b = s.stream.next(e);
            let new_records = if s.seat == Seat::Facilitator {
                &records[s.records_sent.min(records.len())..]
            } else {
                &[]
            };
            if b.is_empty() && new_records.is_empty() {
                continue;
            }
            s.send(&ServerFrame::Events {
                from: b.from,
                events: b.events,
                messages: b.messages,
                reveal: b.reveal,
                records: new_records.to_vec(),
                records_from: s.records_sent as u32,
            });
            s.records_sent += new_records.len();
        }
        let clock = self.clock_state();
        if self.last_clock != Some(clock) {
            self.last_clock = Some(clock);
            self.broadcast(&ServerFrame::Clock(clock));
        }
        if self.session.engine.ended() && !self.ended_sent {
            self.ended_sent = true;
            let end = self.end_frame();
            self.broadcast(&end);
            if let ServerFrame::Ended {
                outcome,
                state_hash,
            } = end
            {
                let _ = self.events.send(RoomEvent::Ended {
                    outcome,
                    state_hash,
                });
            }
        }
    }

    pub fn end_frame(&self) -> ServerFrame {
        let e = &self.session.engine;
        ServerFrame::Ended {
            outcome: e
                .state()
                .outcome
                .map(|o| self.world().scenario.outcomes[o].id.clone()),
            state_hash: state_hash(e),
        }
    }

    pub fn broadcast(&self, f: &ServerFrame) {
        let text = f.to_json();
        for s in &self.seats {
            if let Some(c) = &s.conn {
                c.out.text(text.clone());
            }
        }
    }

    /// Applies a seat's action at the current minute, journalled first.
    pub fn submit(&mut self, seat: usize, req: u64, action: Action) -> Result<(), ServerFrame> {
        let refuse = |code, reason: String| ServerFrame::Refused { req, code, reason };
        let s = &self.seats[seat];
        authorise(&s.seat, &action).map_err(|r| refuse(RefusalCode::NotAllowed, r))?;
        if !self.started && matches!(action, Action::Send { .. } | Action::Authenticate { .. }) {
            return Err(refuse(
                RefusalCode::NotStarted,
                "the exercise has not started yet".into(),
            ));
        }
        let by = Some(Origin {
            seat: s.seat.name().to_string(),
            req,
        });
        let now = self.session.engine.now();
        match self.session.submit_by(now, action, by) {
            Ok(()) => Ok(()),
            Err(SessionError::Action { err, .. }) => {
                Err(refuse(RefusalCode::Engine, err.to_string()))
            }
            Err(e) => Err(refuse(RefusalCode::Journal, e.to_string())),
        }
    }

    pub fn welcome(&self, seat: usize) -> ServerFrame {
        let s = &self.seats[seat];
        let w = self.world();
        let fac = s.seat == Seat::Facilitator;
        ServerFrame::Welcome(Box::new(Welcome {
            protocol: PROTOCOL,
            seat: s.seat.clone(),
            token: s.token.clone(),
            scenario: view::scenario(&w.scenario, s.stream.viewer),
            source: fac.then(|| self.source.clone()),
            seed: fac.then(|| self.session.engine.seed()),
            last_req: s.last_req,
            clock: self.clock_state(),
        }))
    }

    /// A new code for a seat; whoever holds the old one is sent away (the
    /// token alone opens nothing).
    pub fn reissue(&mut self, seat: usize, by: ConnId) {
        let s = &mut self.seats[seat];
        self.hub.drop_code(&s.code);
        s.code = new_code();
        self.hub.set_code(&s.code, self.me.clone(), s.seat.clone());
        if s.conn.as_ref().is_some_and(|c| c.id != by) {
            s.send(&ServerFrame::Error {
                code: ErrorCode::Reissued,
                message: "the facilitator gave this seat a new code".into(),
            });
            if let Some(c) = s.conn.take() {
                c.out.close();
            }
        }
        self.persist();
        self.send_codes();
    }

    pub fn send_codes(&self) {
        let codes = self.names(|s| s.code.clone());
        for s in self.seats.iter().filter(|s| s.seat == Seat::Facilitator) {
            s.send(&ServerFrame::Codes {
                codes: codes.clone(),
            });
        }
    }
}
