//! The exercise clock: only wall time spent running becomes exercise time.
//! It also pauses when something arrives for the people playing, and lets
//! a solo player jump to the next thing that happens.

use bevy::prelude::*;
use bevy::winit::{UpdateMode, WinitSettings};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::exercise::Exercise;
use super::{Launch, Mode, UiAction};
use crate::sim::pace::{self, Stop};
use crate::sim::{Action, Engine, Event, EventKind, Viewer};

/// Monotonic wall seconds, read when the clock system runs. Bevy's frame
/// time is not used: after the app slept through a pause, the first frame's
/// `Time<Real>` can still carry the instant of the last frame before the
/// pause, and counting from it jumped the exercise by the whole pause.
#[derive(Resource, Clone)]
pub struct WallClock(Arc<dyn Fn() -> f64 + Send + Sync>);

impl Default for WallClock {
    fn default() -> Self {
        let start = bevy::platform::time::Instant::now();
        WallClock(Arc::new(move || start.elapsed().as_secs_f64()))
    }
}

impl WallClock {
    /// A clock that moves only when the returned handle is set (tests).
    pub fn manual() -> (WallClock, Arc<Mutex<f64>>) {
        let t = Arc::new(Mutex::new(0.0));
        let read = t.clone();
        let clock = WallClock(Arc::new(move || {
            *read.lock().unwrap_or_else(|e| e.into_inner())
        }));
        (clock, t)
    }
    pub fn now(&self) -> f64 {
        (self.0)()
    }
}

/// The longest wall gap one frame may count. While running the app wakes
/// at least once a second; a longer gap means the process was not
/// scheduled at all (a sleeping laptop), and that is not exercise time.
pub const MAX_FRAME_GAP: f64 = 5.0;

pub(super) fn plugin(app: &mut App) {
    super::shared(app);
    app.init_resource::<WallClock>().add_systems(
        Update,
        (advance_clock, pace_frames)
            .chain()
            .after(super::exercise::apply_actions),
    );
}

/// Whether `e` brings something new to one of `people` (the teams played
/// at this screen): a message they can read, or news or an inject for them.
pub fn is_arrival(e: &Event, eng: &Engine, people: &[usize]) -> bool {
    match &e.kind {
        // Readable, not delivered: a message waiting for its translation
        // is not yet something to read.
        EventKind::Readable { msg } => eng.state().message(*msg).is_some_and(|m| {
            people
                .iter()
                .any(|&t| m.from != Some(t) && m.to.is_none_or(|to| to == t))
        }),
        EventKind::InjectFired { msg: None, .. } | EventKind::CustomInject { .. } => {
            people.iter().any(|&t| e.vis.allows(Viewer::Team(t)))
        }
        // A module's update and its discussion questions are for everyone.
        EventKind::ModuleStarted { .. } | EventKind::ModuleEnded { .. } => !people.is_empty(),
        _ => false,
    }
}

/// The teams people play at this screen: the student, or every team no
/// persona plays.
pub fn people(ex: &Exercise) -> Vec<usize> {
    match ex.mode {
        Mode::Solo => ex.team.into_iter().collect(),
        Mode::Observer => Vec::new(),
        Mode::Workshop => (0..ex.world().team_count())
            .filter(|&t| ex.session.engine.state().personas[t].is_none())
            .collect(),
    }
}

impl Exercise {
    /// Advances the clock by `wall_secs` of real time. It stops and pauses
    /// at a module's end (for discussion; the facilitator resumes) and,
    /// with pause on arrival, at the minute something arrives.
    pub fn tick(&mut self, wall_secs: f64) {
        if !self.running() {
            return;
        }
        let secs = wall_secs.clamp(0.0, MAX_FRAME_GAP);
        self.clock = self.clock.max(f64::from(self.now())) + secs * self.rate();
        let target = self.clock.min(f64::from(u32::MAX)) as u32;
        let people = if self.pause_on_arrival {
            people(self)
        } else {
            Vec::new()
        };
        let stop = pace::run_until(&mut self.session.engine, target, |ev, e| {
            is_arrival(ev, e, &people)
        });
        if stop != Stop::Reached {
            self.clock = f64::from(self.now());
            let _ = self.submit(Action::Pause);
        }
    }

    fn arrived_since(&self, seen: usize, people: &[usize]) -> bool {
        let e = &self.session.engine;
        e.events()[seen..]
            .iter()
            .any(|ev| is_arrival(ev, e, people))
    }

    /// Runs on to the next moment something reaches the people at this
    /// screen (or the end), whether or not the clock is paused, and
    /// journals the new position.
    pub fn next_event(&mut self) -> Result<(), String> {
        if self.remote.is_some() {
            return Err("The host's clock runs this exercise: it cannot skip ahead here.".into());
        }
        let people = people(self);
        // Bounded: each step pops at least one due item, and the exercise
        // ends at its duration.
        for _ in 0..100_000 {
            let Some(due) = self.session.engine.next_due() else {
                break;
            };
            let seen = self.session.engine.events().len();
            self.session.engine.advance_to(due);
            if self.arrived_since(seen, &people) || self.session.engine.ended() {
                break;
            }
        }
        self.clock = f64::from(self.now());
        self.submit(Action::Tick)?;
        self.end_journalled |= self.session.engine.ended();
        Ok(())
    }

    /// Journals the minute the exercise ended, so a replay or a resume of
    /// the journal reaches the same end (a Tick is accepted after it).
    ///
    /// A flag, not a comparison of minutes: an item due at the minute of
    /// the last record can end the exercise without moving the clock.
    pub fn journal_end(&mut self) {
        if self.session.engine.ended() && !self.end_journalled && self.submit(Action::Tick).is_ok()
        {
            self.end_journalled = true;
        }
    }
}

fn advance_clock(wall: Res<WallClock>, launch: Res<Launch>, ex: Option<ResMut<Exercise>>) {
    let Some(mut ex) = ex else { return };
    // A screenshot shows one reproducible minute, however slow the frames;
    // a remote exercise runs on the host's clock.
    if launch.screenshot.is_some() || ex.remote.is_some() {
        return;
    }
    let now = wall.now();
    if !ex.running() {
        ex.last_wall = None;
        return;
    }
    if let Some(last) = ex.last_wall {
        ex.tick(now - last);
        ex.journal_end();
    }
    ex.last_wall = Some(now);
    // A crash loses at most an exercise hour of clock, never an action.
    let journalled = ex.session.records.last().map_or(0, |r| r.t);
    if ex.now() >= journalled + 60 && ex.journal.is_some() {
        let _ = ex.submit(Action::Tick);
    }
}

/// Idle costs nothing: with the clock stopped the app only wakes for input;
/// while it runs, it wakes about once per displayed exercise minute.
fn pace_frames(
    ex: Option<Res<Exercise>>,
    launch: Res<Launch>,
    settings: Option<ResMut<WinitSettings>>,
) {
    let Some(mut settings) = settings else { return };
    if launch.screenshot.is_some() {
        return;
    }
    let wait = match ex.as_deref() {
        // The server's frames arrive between frames: look for them often.
        Some(ex) if ex.remote.is_some() => Duration::from_millis(200),
        Some(ex) if ex.running() => {
            Duration::from_secs_f64((1.0 / ex.rate()).clamp(1.0 / 30.0, 1.0))
        }
        _ => Duration::from_secs(60),
    };
    let mode = UpdateMode::reactive(wait);
    if settings.focused_mode != mode {
        settings.focused_mode = mode;
        settings.unfocused_mode = UpdateMode::reactive_low_power(wait.max(Duration::from_secs(1)));
    }
}

/// Applies the clock's own buttons.
pub fn apply(ex: &mut Exercise, a: &UiAction) -> Option<Result<(), String>> {
    Some(match a {
        UiAction::NextEvent => ex.next_event(),
        UiAction::SetPauseOnArrival(on) => {
            ex.pause_on_arrival = *on;
            Ok(())
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
