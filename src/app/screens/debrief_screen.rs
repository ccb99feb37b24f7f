//! The debrief beside the whole timeline: outcome, figures, hot wash and
//! the exports.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Content, ScreenSet, content_ui};
use super::{side_width, text_scale, timeline_vm, viewer_for};
use crate::app::debrief::{DebriefVm, debrief_panel};
use crate::app::exercise::Exercise;
use crate::app::timeline::{ScrubCache, TimelineState, timeline_panel};
use crate::app::{Screen, UiAction, UiState};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(ScreenSet::Screen)
            .run_if(in_state(Screen::Debrief)),
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
    mut out: MessageWriter<UiAction>,
) {
    let (Some(ctx), Some(ex), Some(rect)) = (crate::app::ctx(&mut contexts), ex, content.0) else {
        return;
    };
    let lang = ui_state.lang;
    let viewer = viewer_for(&ex, &ui_state, Screen::Debrief);
    let tvm = timeline_vm(&ex, &scrub, &mut tl, viewer, lang);
    let mut vm = DebriefVm::build(&ex.session.engine, viewer, lang, ex.journal.as_deref());
    vm.exported = ui_state.exported.clone();
    let scale = text_scale(Some(ex.mode), Screen::Debrief);
    let side_w = side_width(&ctx);
    let mut actions = Vec::new();
    let mut root = content_ui(&ctx, rect);
    egui::Panel::left("debrief")
        .resizable(true)
        .default_size(side_w)
        .max_size(side_w.max(ctx.content_rect().width() * 0.5))
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| actions.extend(debrief_panel(ui, &vm)));
        });
    egui::CentralPanel::default().show(&mut root, |ui| {
        timeline_panel(ui, &tvm, &mut tl, ex.now(), 220.0, scale);
    });
    out.write_batch(actions);
}
