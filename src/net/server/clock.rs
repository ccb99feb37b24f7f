//! The room's clock. With a person at any seat it follows the wall clock
//! (scenario clock speed × the facilitator's speed, stopped while paused).
//! When every seat is headless it is a conductor instead: it jumps to the
//! next thing due or the next seat's declared action, whichever is first,
//! and lets one seat act at a time in (minute, rank) order, so a scripted
//! exercise over the wire makes the same actions at the same minutes, in
//! the same order, as `hotline run` does offline.
//!
//! Whatever the clock runs into is journalled (a Tick at that minute)
//! before any seat hears of it, so a server killed after telling a seat
//! something rebuilds that same something on `--resume`.

use std::time::{Duration, Instant};

use super::room::Room;
use crate::net::proto::ServerFrame;
use crate::sim::{Action, EventKind};

/// The longest wall gap one step may count (a suspended laptop is not
/// exercise time).
const MAX_GAP: f64 = 5.0;
/// Clock steps one wake-up of the room may take before it reads its
/// messages again.
const STEPS_PER_WAKE: usize = 10_000;

impl Room {
    /// Every seat at the table is headless (and someone is there).
    pub fn lockstep(&self) -> bool {
        let mut connected = self.seats.iter().filter(|s| s.conn.is_some()).peekable();
        connected.peek().is_some() && connected.all(|s| s.headless)
    }

    /// Moves the clock as far as it may go now; true if it stopped only
    /// to let the room read its messages.
    pub(super) fn step_clock(&mut self) -> bool {
        if self.session.engine.ended() {
            return false;
        }
        if self.lockstep() {
            self.last_wall = None;
            self.conduct()
        } else {
            self.realtime();
            false
        }
    }

    /// How long the room may sleep when no message comes.
    pub(super) fn idle_wait(&self) -> Duration {
        if self.last_wall.is_some() {
            Duration::from_millis(50)
        } else {
            Duration::from_secs(1)
        }
    }

    fn realtime(&mut self) {
        let e = &self.session.engine;
        let anyone = self.seats.iter().any(|s| s.conn.is_some());
        let running = self.started && !e.state().paused && anyone;
        let wall = Instant::now();
        if !running {
            self.last_wall = None;
        } else {
            if let Some(last) = self.last_wall {
                let secs = wall.duration_since(last).as_secs_f64().min(MAX_GAP);
                let st = e.state();
                let rate = f64::from(self.world().scenario.meta.clock_speed.max(1))
                    * f64::from(st.speed.max(1));
                self.clock += secs * rate;
            }
            self.last_wall = Some(wall);
        }
        self.clock = self.clock.max(f64::from(self.session.engine.now()));
        let target = self.clock.min(f64::from(u32::MAX)) as u32;
        if target > self.session.engine.now() {
            self.step_to_live(target, true);
        }
        // Headless seats among people act when the clock reaches them.
        let now = self.session.engine.now();
        for i in 0..self.seats.len() {
            let s = &self.seats[i];
            if s.conn.is_some() && !s.acting && matches!(s.wait, Some(Some((at, _))) if at <= now) {
                self.grant(i);
            }
        }
    }

    /// The lockstep conductor; true when it stopped at its step limit.
    fn conduct(&mut self) -> bool {
        for _ in 0..STEPS_PER_WAKE {
            if self.session.engine.ended() {
                return false;
            }
            // Every seat taking part must be here and have declared.
            let ready = self.joined.iter().all(|name| {
                self.seats.iter().any(|s| {
                    s.seat.name() == name && s.conn.is_some() && s.wait.is_some() && !s.acting
                })
            });
            if !ready {
                return false;
            }
            let next = self
                .seats
                .iter()
                .enumerate()
                .filter_map(|(i, s)| match s.wait {
                    Some(Some((at, rank))) => Some((at, rank, i)),
                    _ => None,
                })
                .min();
            let now = self.session.engine.now();
            let due = self.session.engine.next_due();
            match next {
                Some((at, _, i)) if !self.started => {
                    if at <= now {
                        self.grant(i);
                    }
                    return false;
                }
                _ if !self.started => return false,
                // Offline, what is due at a minute happens before a step
                // at that minute.
                Some((at, _, i)) if due.is_none_or(|d| d > at) => {
                    if at > now {
                        self.step_to(at);
                    }
                    self.grant(i);
                    return false;
                }
                _ => match due {
                    Some(d) => {
                        self.step_to(d.max(now));
                        self.clock = f64::from(self.session.engine.now());
                    }
                    None => return false,
                },
            }
        }
        true
    }

    /// Tells seat `i` to act now, once it has everything up to now.
    fn grant(&mut self, i: usize) {
        self.flush();
        let at = self.session.engine.now();
        self.trace(|| format!("go {}", self.seats[i].seat.name()));
        let s = &mut self.seats[i];
        s.acting = true;
        s.wait = None;
        s.send(&ServerFrame::Go { at });
    }

    /// Runs the engine to minute `t`, journalling a Tick at each minute
    /// where something happened, before anyone is told of it. With people
    /// at the table (`live`), a module's end stops the clock there and
    /// pauses it for discussion, as the app's clock does (`sim::pace`);
    /// the lockstep conductor runs on, as `hotline run` does offline.
    pub(super) fn step_to_live(&mut self, t: u32, live: bool) {
        for _ in 0..STEPS_PER_WAKE {
            let e = &mut self.session.engine;
            let Some(d) = e.next_due().filter(|&d| d <= t) else {
                break;
            };
            let before = e.events().len();
            e.advance_to(d.max(e.now()));
            if e.events().len() > before {
                let now = e.now();
                let module_end = (e.events()[before..].iter())
                    .any(|ev| matches!(ev.kind, EventKind::ModuleEnded { .. }));
                if let Err(err) = self.session.submit(now, Action::Tick) {
                    eprintln!("hotline serve: cannot journal the clock at minute {now}: {err}");
                }
                if live && module_end && !self.session.engine.ended() {
                    if let Err(err) = self.session.submit(now, Action::Pause) {
                        eprintln!("hotline serve: cannot pause at the module's end: {err}");
                    }
                    self.clock = f64::from(now);
                    return;
                }
            }
        }
        self.session.engine.advance_to(t);
    }

    pub(super) fn step_to(&mut self, t: u32) {
        self.step_to_live(t, false);
    }
}
