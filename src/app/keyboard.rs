//! Shortcuts: Space pauses or resumes, F1 or ? toggles help, Esc closes
//! it. Ignored while a text field has the keyboard, so typing a message
//! with spaces never pauses the exercise.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{UiAction, UiState};

pub(super) fn plugin(app: &mut App) {
    super::shared(app);
    app.add_systems(EguiPrimaryContextPass, keys);
}

pub fn shortcuts(ctx: &egui::Context, help_open: bool) -> Vec<UiAction> {
    if ctx.egui_wants_keyboard_input() {
        return Vec::new();
    }
    ctx.input(|i| {
        let mut out = Vec::new();
        if i.key_pressed(egui::Key::Space) {
            out.push(UiAction::TogglePause);
        }
        let question = i
            .events
            .iter()
            .any(|e| matches!(e, egui::Event::Text(t) if t == "?"));
        if i.key_pressed(egui::Key::F1)
            || question
            || (help_open && i.key_pressed(egui::Key::Escape))
        {
            out.push(UiAction::ToggleHelp);
        }
        out
    })
}

fn keys(
    mut contexts: EguiContexts,
    ui: Res<UiState>,
    screen: Res<State<super::Screen>>,
    ex: Option<Res<super::exercise::Exercise>>,
    mut out: MessageWriter<UiAction>,
) {
    if let Some(ctx) = super::ctx(&mut contexts) {
        let mut a = shortcuts(&ctx, ui.help);
        // The library has no clock, an ended exercise neither; a team
        // holding the workshop screen may not stop the facilitator's.
        let ended = ex.is_none_or(|e| e.session.engine.ended());
        if screen.get().outside_exercise() || ui.handed_to.is_some() || ended {
            a.retain(|a| *a != UiAction::TogglePause);
        }
        out.write_batch(a);
    }
}
