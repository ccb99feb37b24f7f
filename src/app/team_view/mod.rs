//! A team's private view: briefing, inbox, compose, authentication and
//! channel status. Drafts and tabs are kept per team.

use bevy::prelude::*;

use super::exercise::Exercise;

pub mod compose;
pub mod panel;
pub mod vm;

pub use panel::{TeamTab, team_panel};
pub use vm::{Draft, TeamVm};

#[derive(Resource, Default)]
pub struct TeamUi {
    drafts: Vec<Draft>,
    tabs: Vec<TeamTab>,
}

impl TeamUi {
    pub fn get(&mut self, team: usize) -> (&mut Draft, &mut TeamTab) {
        if self.drafts.len() <= team {
            self.drafts.resize_with(team + 1, Draft::default);
            self.tabs.resize(team + 1, TeamTab::default());
        }
        (&mut self.drafts[team], &mut self.tabs[team])
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TeamUi>()
        .add_systems(Update, reset_on_new_exercise);
}

fn reset_on_new_exercise(ex: Option<Res<Exercise>>, mut ui: ResMut<TeamUi>) {
    if ex.is_some_and(|e| e.is_added()) {
        *ui = TeamUi::default();
    }
}
