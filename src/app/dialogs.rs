//! Modal questions over an exercise screen: leaving it, and the notice
//! that it has ended with its outcome.

use bevy_egui::egui::{self, RichText};

use super::i18n::tr;
use super::{Screen, UiAction, theme};
use crate::scenario::{Lang, Valence};
use crate::sim::Engine;

fn modal(ctx: &egui::Context, title: &str, body: impl FnOnce(&mut egui::Ui)) {
    egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .default_width(420.0)
        .show(ctx, body);
}

/// "Leave this exercise?": it stays saved and open to come back to.
pub fn leave_dialog(ctx: &egui::Context, lang: Lang) -> Vec<UiAction> {
    let mut out = Vec::new();
    modal(
        ctx,
        tr(lang, "Leave this exercise?", "离开本次演练？"),
        |ui| leave_body(ui, lang, &mut out),
    );
    out
}

pub fn leave_body(ui: &mut egui::Ui, lang: Lang, out: &mut Vec<UiAction>) {
    ui.label(tr(
        lang,
        "The clock pauses and everything so far is saved. You can come back to it from the library.",
        "时钟将暂停，已发生的一切均已保存。可从情景库返回本次演练。",
    ));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .button(tr(lang, "Go to the library", "前往情景库"))
            .clicked()
        {
            out.push(UiAction::CloseExercise);
        }
        if ui.button(tr(lang, "Stay", "留在演练中")).clicked() {
            out.push(UiAction::StayInExercise);
        }
    });
}

#[derive(Debug, Clone, PartialEq)]
pub struct EndVm {
    pub lang: Lang,
    pub ended_at: u32,
    /// (title, text, valence)
    pub outcome: Option<(String, String, Valence)>,
}

impl EndVm {
    pub fn build(e: &Engine, lang: Lang) -> EndVm {
        let w = e.world();
        let st = e.state();
        EndVm {
            lang,
            ended_at: st.ended_at.unwrap_or(st.now),
            outcome: st.outcome.map(|o| {
                let o = &w.scenario.outcomes[o];
                (
                    o.title.get(lang).to_string(),
                    o.text.get(lang).to_string(),
                    o.valence,
                )
            }),
        }
    }
}

/// The end of the exercise, impossible to miss, with the way to the debrief.
pub fn end_dialog(ctx: &egui::Context, vm: &EndVm) -> Vec<UiAction> {
    let mut out = Vec::new();
    modal(
        ctx,
        tr(vm.lang, "The exercise has ended", "演练已结束"),
        |ui| end_body(ui, vm, &mut out),
    );
    out
}

pub fn end_body(ui: &mut egui::Ui, vm: &EndVm, out: &mut Vec<UiAction>) {
    let lang = vm.lang;
    match &vm.outcome {
        Some((title, text, v)) => {
            ui.label(
                RichText::new(title)
                    .heading()
                    .strong()
                    .color(theme::valence(*v)),
            );
            ui.label(text);
        }
        None => {
            ui.label(tr(
                lang,
                "It ended with no outcome.",
                "演练结束，没有结局。",
            ));
        }
    }
    ui.label(
        RichText::new(format!(
            "{} {}",
            tr(lang, "Ended at", "结束于"),
            crate::sim::describe::elapsed_words(vm.ended_at, lang)
        ))
        .weak(),
    );
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .button(RichText::new(tr(lang, "Open the debrief", "进入复盘")).strong())
            .clicked()
        {
            out.push(UiAction::DismissEnd);
            out.push(UiAction::Goto(Screen::Debrief));
        }
        if ui
            .button(tr(lang, "Stay on this screen", "留在当前屏幕"))
            .clicked()
        {
            out.push(UiAction::DismissEnd);
        }
    });
}
