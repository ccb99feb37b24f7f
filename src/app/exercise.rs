//! The running exercise: the session resource, starting and resuming it,
//! and the clock that turns wall time into exercise minutes.

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Launch, Mode, Screen, UiAction, UiState, paths};
use crate::scenario::Timestamp;
use crate::sim::journal::{Header, Journal};
use crate::sim::open::{open, scenario_for_journal};
use crate::sim::session::{self, Session};
use crate::sim::{Action, Viewer, World};

/// One exercise as told from the next: journal, seed and scenario file.
pub type Identity = (Option<PathBuf>, u64, PathBuf);

#[derive(Resource)]
pub struct Exercise {
    pub session: Session,
    pub scenario_path: PathBuf,
    pub mode: Mode,
    /// Solo: the student's team.
    pub team: Option<usize>,
    pub journal: Option<PathBuf>,
    /// What the journal's first line says (or would, when unsaved): the
    /// report needs it, and hot reload compares its content hash.
    pub header: Header,
    /// Fractional exercise minutes: the engine only sees whole ones.
    pub clock: f64,
    /// Wall seconds at the last tick while running; None while paused so a
    /// pause does not count as elapsed time on resume.
    pub last_wall: Option<f64>,
    /// Stop the clock when something reaches the people playing: on by
    /// default for a student, the facilitator's choice in a workshop.
    pub pause_on_arrival: bool,
    /// The journal holds a record made after the end, so a replay of it
    /// reaches the end too.
    pub end_journalled: bool,
    /// A seat at an exercise a server hosts: `session.engine` is then the
    /// seat's picture of it, and actions go to the server.
    pub remote: Option<Box<super::remote::Remote>>,
}

impl Exercise {
    pub fn world(&self) -> &Arc<World> {
        self.session.engine.world()
    }
    pub fn now(&self) -> u32 {
        self.session.engine.now()
    }
    pub fn running(&self) -> bool {
        let st = self.session.engine.state();
        !st.paused && !st.ended()
    }
    /// Exercise minutes per wall second at the current speed.
    pub fn rate(&self) -> f64 {
        let st = self.session.engine.state();
        f64::from(self.world().scenario.meta.clock_speed.max(1)) * f64::from(st.speed.max(1))
    }

    /// Journals and applies an action at the current minute.
    pub fn submit(&mut self, action: Action) -> Result<(), String> {
        self.submit_in(action, crate::scenario::Lang::En)
    }

    /// [`Self::submit`], a refusal explained in `lang`.
    pub fn submit_in(&mut self, action: Action, lang: crate::scenario::Lang) -> Result<(), String> {
        // The server decides; its answer comes back as a notice.
        if let Some(r) = self.remote.as_deref_mut() {
            r.act(action);
            return Ok(());
        }
        let now = self.now();
        match self.session.submit(now, action) {
            Ok(()) => Ok(()),
            Err(session::SessionError::Action { err, .. }) => {
                Err(super::explain::explain(self.world(), &err, lang))
            }
            Err(e) => Err(e.to_string()),
        }
    }

    /// What tells one exercise from the next: a new one replaces the
    /// resource in place, and Bevy does not report that as added.
    pub fn identity(&self) -> Identity {
        (
            self.journal.clone(),
            self.session.engine.seed(),
            self.scenario_path.clone(),
        )
    }

    /// Who is looking at the screen right now.
    pub fn viewer(&self, ui: &UiState) -> Viewer {
        match self.mode {
            Mode::Observer => Viewer::Public,
            Mode::Solo => Viewer::Team(self.team.unwrap_or(0)),
            Mode::Workshop => match (ui.handed_to, ui.revealed) {
                (Some(t), true) => Viewer::Team(t),
                (Some(_), false) => Viewer::Public,
                (None, _) => Viewer::Facilitator,
            },
        }
    }

    /// The team whose private view is on screen, if any.
    pub fn screen_team(&self, ui: &UiState) -> Option<usize> {
        match self.viewer(ui) {
            Viewer::Team(t) => Some(t),
            _ => None,
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    super::shared(app);
    app.add_systems(Startup, start_from_launch)
        .add_systems(Update, apply_actions)
        .add_systems(Last, journal_clock_on_exit);
}

fn journal_name(id: &str) -> String {
    let secs = crate::platform::unix_secs() as u64;
    let stamp = Timestamp((secs / 60) as i64)
        .format()
        .replace(['-', ':'], "")
        .replace(' ', "-");
    format!("{id}-{stamp}{:02}.journal", secs % 60)
}

/// Starts a new exercise; every exercise is journalled unless the journal
/// folder cannot be written (then the user is told).
pub fn start(
    path: &Path,
    mode: Mode,
    team: Option<&str>,
    seed: Option<u64>,
) -> Result<(Exercise, Option<String>), String> {
    start_in(path, mode, team, seed, &paths::journals_dir())
}

/// [`start`] with the journal written under `dir`.
pub fn start_in(
    path: &Path,
    mode: Mode,
    team: Option<&str>,
    seed: Option<u64>,
    dir: &Path,
) -> Result<(Exercise, Option<String>), String> {
    let opened = open(path).map_err(|e| e.to_string())?;
    let world = opened.world.clone();
    let seed = seed.unwrap_or_else(|| (crate::platform::unix_secs() * 1e9) as u64);
    let header = opened.header(seed);
    // Named to the second; a second start within it gets "-2", "-3"…
    let name = journal_name(&world.scenario.meta.id);
    let jpath = (1..100)
        .map(|n| match n {
            1 => dir.join(&name),
            n => dir.join(name.replace(".journal", &format!("-{n}.journal"))),
        })
        .find(|p| !crate::platform::fs::exists(p))
        .unwrap_or_else(|| dir.join(&name));
    let (session, journal, warning) = match crate::platform::fs::create_dir_all(dir)
        .map_err(|e| e.to_string())
        .and_then(|_| {
            Session::journalled(world.clone(), &header, &jpath).map_err(|e| e.to_string())
        }) {
        Ok(s) => (s, Some(jpath), None),
        Err(e) => (
            Session::new(world.clone(), seed),
            None,
            Some(format!("This exercise is NOT being saved: {e}")),
        ),
    };
    let team_ix = match team {
        Some(id) => Some(
            *world
                .ids
                .teams
                .get(id)
                .ok_or_else(|| format!("no team `{id}` in this scenario"))?,
        ),
        None if mode == Mode::Solo => Some(0),
        None => None,
    };
    let mut ex = Exercise {
        session,
        scenario_path: path.to_path_buf(),
        mode,
        team: team_ix,
        journal,
        header,
        clock: 0.0,
        last_wall: None,
        pause_on_arrival: mode == Mode::Solo,
        end_journalled: false,
        remote: None,
    };
    // The computer plays every team nobody at this screen plays.
    for (t, tm) in world.scenario.teams.iter().enumerate() {
        let computer = match mode {
            Mode::Solo => Some(t) != team_ix,
            Mode::Observer => true,
            Mode::Workshop => false,
        };
        if !computer {
            continue;
        }
        if let Some(p) = world.scenario.personas.iter().find(|p| p.team == tm.id) {
            ex.submit(Action::SetPersona {
                team: tm.id.clone(),
                persona: Some(p.id.clone()),
            })?;
        }
    }
    // People need time to read their briefing: their clock starts on
    // Resume. A projector demo starts running.
    if mode != Mode::Observer {
        ex.submit(Action::Pause)?;
    }
    Ok((ex, warning))
}

/// Reopens a journalled exercise exactly where its last record left it.
pub fn resume(jpath: &Path) -> Result<Exercise, String> {
    let j = Journal::read(jpath).map_err(|e| e.to_string())?;
    let opened = scenario_for_journal(jpath, &j.header, None, &paths::bundled_scenarios_dir())
        .map_err(|e| e.to_string())?;
    let spath = opened.path.clone();
    let expected = opened.header(j.header.seed);
    let (session, j) =
        Session::resume(opened.world.clone(), &expected, jpath).map_err(|e| e.to_string())?;
    // Who played whom is in the journal: teams without a persona are people.
    let people: Vec<usize> = session
        .engine
        .state()
        .personas
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_none())
        .map(|(t, _)| t)
        .collect();
    let (mode, team) = match people.as_slice() {
        [] => (Mode::Observer, None),
        [t] => (Mode::Solo, Some(*t)),
        _ => (Mode::Workshop, None),
    };
    let clock = f64::from(session.engine.now());
    // A replay that reached the end had the end in its journal.
    let ended = session.engine.ended();
    Ok(Exercise {
        session,
        scenario_path: spath,
        mode,
        team,
        journal: Some(jpath.to_path_buf()),
        header: j.header,
        clock,
        last_wall: None,
        pause_on_arrival: mode == Mode::Solo,
        end_journalled: ended,
        remote: None,
    })
}

/// "Sent at +2h10m via the hotline email": the confirmation of a send.
pub(super) fn sent_notice(ex: &Exercise, lang: crate::scenario::Lang) -> Option<String> {
    let w = ex.world();
    // The newest message people sent: a persona may answer in the same minute.
    let m = ex
        .session
        .engine
        .state()
        .messages
        .iter()
        .rev()
        .find(|m| !m.by_persona && m.spoof.is_none())?;
    let (kind, ch) = (
        w.scenario.messages[m.mtype].name.get(lang),
        w.scenario.channels[m.channel].name.get(lang),
    );
    let at = crate::sim::describe::elapsed_words(m.sent_at, lang);
    Some(match lang {
        crate::scenario::Lang::En => format!("✔ “{kind}” sent at {at} via {ch}."),
        crate::scenario::Lang::Zh => format!("✔ “{kind}”已于 {at} 通过{ch}发出。"),
    })
}

/// A freshly opened exercise starts from its mode's first screen with no
/// leftovers of the previous one on screen.
pub(super) fn open_exercise(ui: &mut UiState, next: &mut NextState<Screen>, mode: Mode) {
    next.set(first_screen(mode));
    ui.handed_to = None;
    ui.revealed = false;
    ui.confirm_leave = false;
    ui.end_seen = false;
    ui.exported = None;
}

pub fn first_screen(mode: Mode) -> Screen {
    match mode {
        Mode::Solo => Screen::Briefing,
        Mode::Workshop => Screen::Facilitator,
        Mode::Observer => Screen::Timeline,
    }
}

fn start_from_launch(
    mut commands: Commands,
    launch: Res<Launch>,
    mut ui: ResMut<UiState>,
    mut next: ResMut<NextState<Screen>>,
) {
    if let Some(l) = launch.lang {
        ui.lang = l;
    }
    let result = if let Some(j) = &launch.resume {
        resume(j).map(|e| (e, None))
    } else if let Some(p) = &launch.scenario {
        start(p, launch.mode, launch.team.as_deref(), launch.seed)
    } else {
        return;
    };
    match result {
        Ok((mut ex, mut warn)) => {
            if let Some(bind) = launch.share
                && let Err(e) = super::remote::share(&mut ex, bind)
            {
                warn = Some(e);
            }
            if let Some(m) = launch.advance {
                let t = ex.now().saturating_add(m);
                ex.session.engine.advance_to(t);
                ex.clock = f64::from(ex.now());
                let _ = ex.submit(Action::Tick);
            }
            let wanted = launch.screen.unwrap_or_else(|| first_screen(ex.mode));
            next.set(match wanted {
                s if s.outside_exercise() => s,
                s => super::screens::effective_screen(ex.mode, &ui, s),
            });
            ui.toast = warn;
            commands.insert_resource(ex);
        }
        Err(e) => {
            next.set(Screen::Library);
            ui.toast = Some(e);
        }
    }
}

pub(super) fn apply_actions(
    mut commands: Commands,
    mut actions: MessageReader<UiAction>,
    mut ex: Option<ResMut<Exercise>>,
    mut ui: ResMut<UiState>,
    mut next: ResMut<NextState<Screen>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    for a in actions.read() {
        redraw.write(RequestRedraw);
        let result = match (a, ex.as_deref_mut()) {
            (
                UiAction::Start {
                    path,
                    mode,
                    team,
                    seed,
                },
                _,
            ) => match start(path, *mode, team.as_deref(), *seed) {
                Ok((new, warn)) => {
                    open_exercise(&mut ui, &mut next, new.mode);
                    ui.toast = warn;
                    commands.insert_resource(new);
                    Ok(())
                }
                Err(e) => Err(e),
            },
            // The exercise still open: back to it, as it was.
            (UiAction::Resume(p), Some(ex)) if ex.journal.as_ref() == Some(p) => {
                next.set(super::screens::effective_screen(
                    ex.mode,
                    &ui,
                    first_screen(ex.mode),
                ));
                Ok(())
            }
            (UiAction::Resume(p), _) => resume(p).map(|new| {
                open_exercise(&mut ui, &mut next, new.mode);
                commands.insert_resource(new);
            }),
            (UiAction::ReturnToExercise, Some(ex)) => {
                next.set(super::screens::effective_screen(
                    ex.mode,
                    &ui,
                    first_screen(ex.mode),
                ));
                Ok(())
            }
            (UiAction::Submit(action), Some(ex)) => {
                let r = ex.submit_in(action.clone(), ui.lang);
                // A remote send is confirmed when the server accepts it.
                if r.is_ok()
                    && ex.remote.is_none()
                    && let Action::Send { .. } = action
                {
                    ui.toast = sent_notice(ex, ui.lang);
                }
                r
            }
            (UiAction::TogglePause, Some(ex)) => {
                let paused = ex.session.engine.state().paused;
                ex.submit(if paused {
                    Action::Resume
                } else {
                    Action::Pause
                })
            }
            (UiAction::SetSpeed(s), Some(ex)) if ex.session.engine.state().speed != *s => {
                ex.submit(Action::SetSpeed(*s))
            }
            (a @ (UiAction::NextEvent | UiAction::SetPauseOnArrival(_)), Some(ex)) => {
                super::clock::apply(ex, a).unwrap_or(Ok(()))
            }
            // The exercise stays open, paused, for the library's "back to
            // the exercise"; starting another replaces it.
            (UiAction::CloseExercise, Some(ex)) => {
                if ex.running() {
                    let _ = ex.submit(Action::Pause);
                }
                ui.confirm_leave = false;
                // The screen comes back to the facilitator, never to a team.
                ui.handed_to = None;
                ui.revealed = false;
                next.set(Screen::Library);
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            ui.toast = Some(e);
        }
    }
}

/// Closing the window mid-exercise journals a tick, so the clock position
/// survives: resuming replays up to that minute.
fn journal_clock_on_exit(mut exits: MessageReader<AppExit>, ex: Option<ResMut<Exercise>>) {
    if exits.read().next().is_none() {
        return;
    }
    if let Some(mut ex) = ex
        && ex.running()
    {
        let _ = ex.submit(Action::Tick);
    }
}

#[cfg(test)]
pub(super) mod tests;
