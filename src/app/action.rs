//! Everything a click can ask for. Panels return these; systems apply them.

use bevy::prelude::Message;
use std::path::PathBuf;

use super::{Mode, Screen};
use crate::scenario::Lang;
use crate::sim::Action;

#[derive(Debug, Clone, PartialEq, Message)]
pub enum UiAction {
    SetLang(Lang),
    Goto(Screen),
    /// Start a new exercise from a scenario file.
    Start {
        path: PathBuf,
        mode: Mode,
        team: Option<String>,
        seed: Option<u64>,
    },
    Resume(PathBuf),
    /// From the library, back to the exercise still open.
    ReturnToExercise,
    /// An engine action at the current minute (journalled).
    Submit(Action),
    TogglePause,
    SetSpeed(u32),
    /// Run on to the next thing that reaches the people at this screen.
    NextEvent,
    SetPauseOnArrival(bool),
    /// Workshop: hand the screen to a team (curtain down), or take it back.
    HandTo(Option<usize>),
    Reveal,
    ToggleHelp,
    /// Show the timeline as it was at a minute; None follows the clock.
    Scrub(Option<u32>),
    ExportJournal,
    ExportReport,
    /// Open a file or folder with the system's default program.
    Open(PathBuf),
    /// Keep the running exercise on its scenario version; stop offering
    /// the edited file until it changes again.
    KeepScenarioVersion,
    /// "Library" during an exercise: ask first.
    AskLeave,
    StayInExercise,
    /// Leave for the library; the exercise stays open (paused) to return to.
    CloseExercise,
    /// The end-of-exercise notice was read.
    DismissEnd,
    DismissToast,
    /// Join a seat of an exercise another computer hosts.
    Join {
        url: String,
        code: String,
    },
    /// Workshop: let teams join from their own computers.
    ShareWorkshop,
    /// Facilitator of a hosted exercise: start the clock.
    StartRemote,
    /// Facilitator of a hosted exercise: give a seat a new code.
    Reissue(String),
    /// Authors: open (or reload) a scenario's map.
    ShowMap(PathBuf),
    /// On the map: look at this node (an index into the whole map).
    MapSelect(usize),
    /// On the map: one node per persona rule, or per persona.
    MapRules(bool),
}
