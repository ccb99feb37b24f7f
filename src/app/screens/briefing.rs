//! The briefing: the scenario, the team's situation and objectives, read
//! before the clock starts.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Content, ScreenSet, content_ui};
use crate::app::exercise::Exercise;
use crate::app::i18n::tr;
use crate::app::team_view::{TeamUi, TeamVm, panel};
use crate::app::{Screen, UiAction, UiState};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(ScreenSet::Screen)
            .run_if(in_state(Screen::Briefing)),
    );
}

fn draw(
    mut contexts: EguiContexts,
    content: Res<Content>,
    ui_state: Res<UiState>,
    ex: Option<Res<Exercise>>,
    mut team_ui: ResMut<TeamUi>,
    mut out: MessageWriter<UiAction>,
) {
    let (Some(ctx), Some(ex), Some(rect)) = (crate::app::ctx(&mut contexts), ex, content.0) else {
        return;
    };
    let lang = ui_state.lang;
    let w = ex.world();
    let team = ex.screen_team(&ui_state).unwrap_or(0);
    let vm = TeamVm::build(&ex.session.engine, team, lang, &team_ui.get(team).draft);
    let mut root = content_ui(&ctx, rect);
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(w.scenario.meta.title.get(lang));
            ui.label(w.scenario.meta.summary.get(lang));
            ui.separator();
            panel::status_strip(ui, &vm);
            ui.separator();
            panel::briefing(ui, &vm);
            ui.add_space(10.0);
            if ui
                .button(tr(lang, "To the team desk →", "进入值班台 →"))
                .clicked()
            {
                out.write(UiAction::Goto(Screen::Team));
            }
        });
    });
}
