//! The bar at the top of every exercise screen: title, clock, pause and
//! speed, the screens this mode offers, language and help.

use bevy_egui::egui::{self, Color32, RichText};

use super::i18n::{lang_name, tr};
use super::{Mode, Screen, UiAction};
use crate::scenario::Lang;

#[derive(Debug, Clone, PartialEq)]
pub struct TopbarVm {
    pub lang: Lang,
    pub mode: Mode,
    pub screen: Screen,
    pub title: String,
    pub now: u32,
    pub utc: String,
    pub paused: bool,
    pub ended: bool,
    pub speed: u32,
    pub journalled: bool,
}

/// The screens each mode offers. Workshop team views are reached by
/// handing the screen over, never by a tab.
pub fn screens_for(mode: Mode) -> &'static [Screen] {
    match mode {
        Mode::Solo => &[
            Screen::Briefing,
            Screen::Team,
            Screen::Timeline,
            Screen::Debrief,
        ],
        Mode::Workshop => &[Screen::Facilitator, Screen::Timeline, Screen::Debrief],
        Mode::Observer => &[Screen::Timeline, Screen::Debrief],
    }
}

pub fn screen_name(s: Screen, lang: Lang) -> &'static str {
    match s {
        Screen::Library => tr(lang, "Library", "情景库"),
        Screen::Briefing => tr(lang, "Briefing", "简报"),
        Screen::Team => tr(lang, "Team desk", "值班台"),
        Screen::Timeline => tr(lang, "Timeline", "时间线"),
        Screen::Facilitator => tr(lang, "Facilitator", "导演台"),
        Screen::Debrief => tr(lang, "Debrief", "复盘"),
    }
}

pub fn topbar(ui: &mut egui::Ui, vm: &TopbarVm) -> Vec<UiAction> {
    let lang = vm.lang;
    let mut out = Vec::new();
    ui.horizontal_wrapped(|ui| {
        if ui.button(tr(lang, "⏏ Library", "⏏ 情景库")).clicked() {
            out.push(UiAction::CloseExercise);
        }
        ui.strong(&vm.title);
        ui.separator();
        ui.label(
            RichText::new(format!(
                "{}  {}",
                crate::sim::describe::offset(vm.now),
                vm.utc
            ))
            .monospace()
            // A touch larger than body text, at whatever scale it is.
            .size(egui::TextStyle::Body.resolve(ui.style()).size * 16.0 / 15.0),
        );
        if vm.ended {
            ui.label(
                RichText::new(tr(lang, "ENDED", "已结束"))
                    .color(Color32::LIGHT_RED)
                    .strong(),
            );
        } else {
            let label = if vm.paused {
                tr(lang, "▶ Resume", "▶ 继续")
            } else {
                tr(lang, "⏸ Pause", "⏸ 暂停")
            };
            if ui.button(label).on_hover_text("Space").clicked() {
                out.push(UiAction::TogglePause);
            }
            egui::ComboBox::from_id_salt("speed")
                .width(64.0)
                .selected_text(format!("{}×", vm.speed))
                .show_ui(ui, |ui| {
                    for s in [1, 2, 5, 10, 20, 30, 60] {
                        if ui
                            .selectable_label(vm.speed == s, format!("{s}×"))
                            .clicked()
                        {
                            out.push(UiAction::SetSpeed(s));
                        }
                    }
                });
            if vm.paused {
                ui.label(RichText::new(tr(lang, "PAUSED", "已暂停")).color(Color32::KHAKI));
            }
        }
        if !vm.journalled {
            ui.label(RichText::new(tr(lang, "not saved", "未保存")).color(Color32::LIGHT_RED));
        }
        ui.separator();
        for s in screens_for(vm.mode) {
            if ui
                .selectable_label(vm.screen == *s, screen_name(*s, lang))
                .clicked()
            {
                out.push(UiAction::Goto(*s));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("?").on_hover_text("F1").clicked() {
                out.push(UiAction::ToggleHelp);
            }
            for l in [Lang::Zh, Lang::En] {
                if ui.selectable_label(lang == l, lang_name(l)).clicked() {
                    out.push(UiAction::SetLang(l));
                }
            }
        });
    });
    out
}
