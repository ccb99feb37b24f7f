//! The team desk: a team's inbox, situation feed, compose and sent items
//! beside the shared timeline.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::{ScreenParams, ScreenSet, side_and_timeline};
use crate::app::Mode;
use crate::app::i18n::tr;
use crate::app::team_view::{TeamUi, TeamVm, team_panel};
use crate::app::{Screen, UiAction};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(ScreenSet::Screen)
            .run_if(in_state(Screen::Team)),
    )
    .add_systems(OnExit(Screen::Team), crate::app::team_view::commit_reads);
}

fn draw(mut p: ScreenParams, mut team_ui: ResMut<TeamUi>, mut out: MessageWriter<UiAction>) {
    let lang = p.ui.lang;
    let team =
        p.ex.as_deref()
            .and_then(|ex| ex.screen_team(&p.ui))
            .unwrap_or(0);
    let actions = side_and_timeline(
        &mut p,
        Screen::Team,
        "team_panel",
        f32::INFINITY,
        200.0,
        |ui: &mut egui::Ui, ex, _| {
            let mut out = Vec::new();
            if ex.mode == Mode::Workshop
                && ui
                    .button(tr(lang, "Done: hide and hand back", "完成：隐藏并交还"))
                    .clicked()
            {
                out.push(UiAction::HandTo(None));
            }
            let desk = team_ui.get(team);
            let vm = TeamVm::build(&ex.session.engine, team, lang, &desk.draft);
            out.extend(team_panel(ui, &vm, desk));
            out
        },
    );
    out.write_batch(actions);
}
