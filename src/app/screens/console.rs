//! The facilitator's console beside the timeline.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::{ScreenParams, ScreenSet, side_and_timeline};
use crate::app::facilitator::{FacilitatorUi, FacilitatorVm, facilitator_panel};
use crate::app::{Screen, UiAction};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(ScreenSet::Screen)
            .run_if(in_state(Screen::Facilitator)),
    );
}

fn draw(mut p: ScreenParams, mut fac: ResMut<FacilitatorUi>, mut out: MessageWriter<UiAction>) {
    // Whatever the state says, a team holding the screen never sees this.
    if p.ui.handed_to.is_some() {
        return;
    }
    let lang = p.ui.lang;
    let actions = side_and_timeline(
        &mut p,
        Screen::Facilitator,
        "facilitator",
        480.0,
        220.0,
        |ui: &mut egui::Ui, ex, _| {
            let vm = FacilitatorVm::build(&ex.session.engine, lang, ex.pause_on_arrival);
            egui::ScrollArea::vertical()
                .show(ui, |ui| facilitator_panel(ui, &vm, &mut fac))
                .inner
        },
    );
    out.write_batch(actions);
}
