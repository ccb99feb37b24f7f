//! The debrief beside the whole timeline: outcome, figures, hot wash and
//! the exports.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::{ScreenParams, ScreenSet, side_and_timeline};
use crate::app::debrief::{DebriefVm, debrief_panel};
use crate::app::{Screen, UiAction};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(ScreenSet::Screen)
            .run_if(in_state(Screen::Debrief)),
    );
}

fn draw(mut p: ScreenParams, mut out: MessageWriter<UiAction>) {
    let lang = p.ui.lang;
    let exported = p.ui.exported.clone();
    let actions = side_and_timeline(
        &mut p,
        Screen::Debrief,
        "debrief",
        f32::INFINITY,
        220.0,
        |ui: &mut egui::Ui, ex, viewer| {
            let mut vm = DebriefVm::build(&ex.session.engine, viewer, lang, ex.journal.as_deref());
            vm.exported = exported;
            egui::ScrollArea::vertical()
                .show(ui, |ui| debrief_panel(ui, &vm))
                .inner
        },
    );
    out.write_batch(actions);
}
