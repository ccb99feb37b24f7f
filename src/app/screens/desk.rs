//! The team desk: a team's inbox, situation feed, compose and sent items
//! beside the shared timeline.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Content, ScreenSet, content_ui};
use super::{side_width, timeline_vm, viewer_for};
use crate::app::Mode;
use crate::app::exercise::Exercise;
use crate::app::i18n::tr;
use crate::app::team_view::{TeamUi, TeamVm, team_panel};
use crate::app::timeline::{ScrubCache, TimelineState, timeline_panel};
use crate::app::{Screen, UiAction, UiState};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(ScreenSet::Screen)
            .run_if(in_state(Screen::Team)),
    );
}

#[allow(clippy::too_many_arguments)]
fn draw(
    mut contexts: EguiContexts,
    content: Res<Content>,
    ui_state: Res<UiState>,
    ex: Option<Res<Exercise>>,
    scrub: Res<ScrubCache>,
    mut tl: ResMut<TimelineState>,
    mut team_ui: ResMut<TeamUi>,
    mut out: MessageWriter<UiAction>,
) {
    let (Some(ctx), Some(ex), Some(rect)) = (crate::app::ctx(&mut contexts), ex, content.0) else {
        return;
    };
    let lang = ui_state.lang;
    let engine = &ex.session.engine;
    let tvm = timeline_vm(
        &ex,
        &scrub,
        &mut tl,
        viewer_for(&ex, &ui_state, Screen::Team),
        lang,
    );
    let team = ex.screen_team(&ui_state).unwrap_or(0);
    let desk = team_ui.get(team);
    let vm = TeamVm::build(engine, team, lang, &desk.draft);
    let side_w = side_width(&ctx);
    let mut actions = Vec::new();
    let mut root = content_ui(&ctx, rect);
    egui::Panel::left("team_panel")
        .resizable(true)
        .default_size(side_w)
        .max_size(side_w.max(ctx.content_rect().width() * 0.5))
        .show(&mut root, |ui| {
            if ex.mode == Mode::Workshop
                && ui
                    .button(tr(lang, "Done: hide and hand back", "完成：隐藏并交还"))
                    .clicked()
            {
                actions.push(UiAction::HandTo(None));
            }
            actions.extend(team_panel(ui, &vm, desk));
        });
    egui::CentralPanel::default().show(&mut root, |ui| {
        timeline_panel(ui, &tvm, &mut tl, engine.now(), 200.0, 1.0);
    });
    out.write_batch(actions);
}
