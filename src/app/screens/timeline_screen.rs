//! The shared timeline on its own: the projector's screen, and everyone's
//! view of the whole exercise.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Content, ScreenSet, content_ui};
use super::{text_scale, timeline_vm, viewer_for};
use crate::app::exercise::Exercise;
use crate::app::timeline::{ScrubCache, TimelineState, timeline_panel};
use crate::app::{Screen, UiState};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(ScreenSet::Screen)
            .run_if(in_state(Screen::Timeline)),
    );
}

fn draw(
    mut contexts: EguiContexts,
    content: Res<Content>,
    ui_state: Res<UiState>,
    ex: Option<Res<Exercise>>,
    scrub: Res<ScrubCache>,
    mut tl: ResMut<TimelineState>,
) {
    let (Some(ctx), Some(ex), Some(rect)) = (crate::app::ctx(&mut contexts), ex, content.0) else {
        return;
    };
    let viewer = viewer_for(&ex, &ui_state, Screen::Timeline);
    let tvm = timeline_vm(&ex, &scrub, &mut tl, viewer, ui_state.lang);
    let scale = text_scale(Some(ex.mode), Screen::Timeline);
    let mut root = content_ui(&ctx, rect);
    egui::CentralPanel::default().show(&mut root, |ui| {
        timeline_panel(ui, &tvm, &mut tl, ex.now(), 180.0 * scale, scale);
    });
}
