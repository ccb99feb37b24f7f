//! The facilitator's console beside the timeline.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Content, ScreenSet, content_ui};
use super::{side_width, timeline_vm, viewer_for};
use crate::app::exercise::Exercise;
use crate::app::facilitator::{FacilitatorUi, FacilitatorVm, facilitator_panel};
use crate::app::timeline::{ScrubCache, TimelineState, timeline_panel};
use crate::app::{Screen, UiAction, UiState};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(ScreenSet::Screen)
            .run_if(in_state(Screen::Facilitator)),
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
    mut fac: ResMut<FacilitatorUi>,
    mut out: MessageWriter<UiAction>,
) {
    let (Some(ctx), Some(ex), Some(rect)) = (crate::app::ctx(&mut contexts), ex, content.0) else {
        return;
    };
    let lang = ui_state.lang;
    let viewer = viewer_for(&ex, &ui_state, Screen::Facilitator);
    let tvm = timeline_vm(&ex, &scrub, &mut tl, viewer, lang);
    let vm = FacilitatorVm::build(&ex.session.engine, lang, ex.pause_on_arrival);
    let side_w = side_width(&ctx);
    let mut actions = Vec::new();
    let mut root = content_ui(&ctx, rect);
    egui::Panel::left("facilitator")
        .resizable(true)
        .default_size(side_w.min(480.0))
        .max_size(side_w.max(ctx.content_rect().width() * 0.5))
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                actions.extend(facilitator_panel(ui, &vm, &mut fac));
            });
        });
    egui::CentralPanel::default().show(&mut root, |ui| {
        timeline_panel(ui, &tvm, &mut tl, ex.now(), 220.0, 1.0);
    });
    out.write_batch(actions);
}
