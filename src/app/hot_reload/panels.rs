//! The hot-reload windows: diagnostics for a broken edit, and the offer to
//! restart a running exercise on a valid one.

use bevy_egui::egui;

use super::Reloads;
use crate::app::UiAction;
use crate::app::exercise::Exercise;
use crate::app::i18n::tr;
use crate::scenario::Lang;

pub fn diagnostics_window(ctx: &egui::Context, reloads: &Reloads, lang: Lang) {
    if reloads.errors.is_empty() {
        return;
    }
    egui::Window::new(tr(lang, "Scenario errors", "情景文件错误"))
        .default_width(720.0)
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-10.0, -10.0))
        .show(ctx, |ui| {
            ui.label(tr(
                lang,
                "The last good version stays in use until the file loads again.",
                "在文件修复之前，继续使用上一个正确版本。",
            ));
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for (_, text) in &reloads.errors {
                        ui.monospace(text);
                    }
                });
        });
}

/// What restarting asks for: the same file, mode, team and seed, so the
/// only difference from the running exercise is the edit. The old exercise
/// is closed first, which journals where its clock stood.
pub fn restart_actions(ex: &Exercise) -> Vec<UiAction> {
    let w = ex.world();
    vec![
        UiAction::CloseExercise,
        UiAction::Start {
            path: ex.scenario_path.clone(),
            mode: ex.mode,
            team: ex
                .team
                .and_then(|t| w.scenario.teams.get(t))
                .map(|t| t.id.clone()),
            seed: Some(ex.session.engine.seed()),
        },
    ]
}

/// Shown while the running exercise's file has a valid edit it does not
/// use. Nothing changes until the facilitator picks a button.
pub fn restart_offer(
    ctx: &egui::Context,
    reloads: &Reloads,
    ex: &Exercise,
    lang: Lang,
) -> Vec<UiAction> {
    let mut out = Vec::new();
    if reloads.newer_for(ex).is_none() {
        return out;
    }
    egui::Window::new(tr(lang, "Scenario edited", "情景文件已修改"))
        .collapsible(false)
        .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-10.0, 60.0))
        .show(ctx, |ui| {
            ui.label(tr(
                lang,
                "This exercise keeps running on the version it started with: its journal is tied to that version.",
                "本次演练继续使用开始时的版本：其日志与该版本绑定。",
            ));
            ui.horizontal(|ui| {
                if ui
                    .button(tr(lang, "Restart with the new version", "以新版本重新开始"))
                    .on_hover_text(tr(
                        lang,
                        "A new exercise with a new journal; this one stays saved and can be resumed.",
                        "开始新的演练和新的日志；当前演练已保存，可继续。",
                    ))
                    .clicked()
                {
                    out.extend(restart_actions(ex));
                }
                if ui
                    .button(tr(lang, "Keep this version", "保留当前版本"))
                    .clicked()
                {
                    out.push(UiAction::KeepScenarioVersion);
                }
            });
        });
    out
}
