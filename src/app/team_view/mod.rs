//! A team's private view: briefing, inbox, compose, authentication and
//! channel status. Drafts and tabs are kept per team.

use bevy::prelude::*;
use std::collections::BTreeSet;

use super::exercise::Exercise;
use crate::sim::MsgId;

pub mod compose;
pub mod news;
pub mod panel;
pub mod vm;

pub use panel::{TeamTab, team_panel};
pub use vm::{Draft, TeamVm};

/// What one team's screen remembers between frames: its draft, its tab,
/// and what it has already had on screen (the rest is marked new).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Desk {
    pub draft: Draft,
    pub tab: TeamTab,
    /// The tab shown last frame: leaving a tab marks what it showed read.
    pub last_tab: TeamTab,
    pub read: Read,
}

/// Items stay marked new while their tab is open, so a message that
/// arrives as you watch is marked too; they count as read once you leave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Read {
    /// Message ids and news event numbers already read.
    pub messages: BTreeSet<MsgId>,
    pub news: BTreeSet<u32>,
    /// Shown on the open tab, read when it closes.
    pub shown_messages: BTreeSet<MsgId>,
    pub shown_news: BTreeSet<u32>,
}

impl Read {
    pub fn commit(&mut self) {
        self.messages.append(&mut self.shown_messages);
        self.news.append(&mut self.shown_news);
    }
}

#[derive(Resource, Default)]
pub struct TeamUi {
    desks: Vec<Desk>,
}

impl TeamUi {
    pub fn get(&mut self, team: usize) -> &mut Desk {
        if self.desks.len() <= team {
            self.desks.resize_with(team + 1, Desk::default);
        }
        &mut self.desks[team]
    }
}

pub(super) fn plugin(app: &mut App) {
    super::shared(app);
    app.init_resource::<TeamUi>()
        .add_systems(Update, reset_on_new_exercise);
}

/// A new exercise starts with clean desks: no draft replying to a message
/// of the last one, no read marks for ids that now mean other messages.
fn reset_on_new_exercise(
    ex: Option<Res<Exercise>>,
    mut ui: ResMut<TeamUi>,
    mut last: Local<Option<crate::app::exercise::Identity>>,
) {
    let Some(ex) = ex else { return };
    let id = ex.identity();
    if last.as_ref() != Some(&id) {
        *ui = TeamUi::default();
        *last = Some(id);
    }
}

/// Leaving the desk (another screen, or the screen handed back) marks
/// what it showed as read.
pub fn commit_reads(mut ui: ResMut<TeamUi>) {
    for d in &mut ui.desks {
        d.read.commit();
    }
}
