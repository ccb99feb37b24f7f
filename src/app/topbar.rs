//! The bar at the top of every exercise screen: title, clock, pause and
//! speed, the screens this mode offers, language and help.

use bevy_egui::egui::{self, RichText};

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
    /// Exercise minutes per real second at 1x (the scenario's clock speed).
    pub base_rate: u32,
    pub journalled: bool,
    /// Solo: stop the clock when something arrives.
    pub pause_on_arrival: bool,
    /// Workshop: the screen is a team's; the facilitator's controls hide.
    pub handed_over: bool,
    /// The outcome's title and valence once the exercise has ended.
    pub outcome: Option<(String, crate::scenario::Valence)>,
}

/// The speeds offered, as multipliers of the scenario's clock speed.
pub const SPEEDS: [u32; 7] = [1, 2, 5, 10, 20, 30, 60];

/// What a speed means in exercise time: "2 h per real minute".
pub fn pace_label(minutes_per_sec: u32, lang: Lang) -> String {
    // Minutes per real second are hours per real minute.
    match lang {
        Lang::En => format!("{minutes_per_sec} h / min"),
        Lang::Zh => format!("每分钟{minutes_per_sec}小时"),
    }
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
        Screen::Map => tr(lang, "Scenario map", "情景图"),
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
    ui.horizontal(|ui| {
        // A team holding the workshop screen sees the clock, nothing that
        // would let it leave, pause or look at the facilitator's tabs.
        if !vm.handed_over
            && ui
                .button(tr(lang, "⏏ Library", "⏏ 情景库"))
                .on_hover_text(tr(
                    lang,
                    "Leave this exercise (it is saved; you can come back)",
                    "离开本次演练（已保存，可随时返回）",
                ))
                .clicked()
        {
            out.push(UiAction::AskLeave);
        }
        ui.strong(&vm.title);
        ui.separator();
        ui.label(
            RichText::new(format!(
                "{}  {}",
                crate::sim::describe::elapsed_words(vm.now, lang),
                vm.utc
            ))
            .monospace()
            // A touch larger than body text, at whatever scale it is.
            .size(egui::TextStyle::Body.resolve(ui.style()).size * 16.0 / 15.0),
        );
        if let Some((title, valence)) = &vm.outcome {
            let text = format!("{} {title}", tr(lang, "ENDED:", "已结束："));
            let r = ui.add(
                egui::Button::new(
                    RichText::new(text)
                        .color(super::theme::valence(*valence))
                        .strong(),
                )
                .frame(false),
            );
            if r.on_hover_text(tr(lang, "Open the debrief", "打开复盘"))
                .clicked()
            {
                out.push(UiAction::Goto(Screen::Debrief));
            }
        } else if vm.ended {
            ui.label(
                RichText::new(tr(lang, "ENDED", "已结束"))
                    .color(super::theme::BAD)
                    .strong(),
            );
        } else if !vm.handed_over {
            clock_controls(ui, vm, &mut out);
        } else if vm.paused {
            ui.label(RichText::new(tr(lang, "PAUSED", "已暂停")).color(super::theme::PENDING));
        }
        if !vm.journalled {
            ui.label(RichText::new(tr(lang, "not saved", "未保存")).color(super::theme::BAD));
        }
    });
    // The second row: the screens this seat may open, then language and
    // help on the right. Two rows, so a long clock or a Chinese label never
    // pushes a tab under the language switch.
    ui.horizontal(|ui| {
        if !vm.handed_over {
            for s in screens_for(vm.mode) {
                if ui
                    .selectable_label(vm.screen == *s, screen_name(*s, lang))
                    .clicked()
                {
                    out.push(UiAction::Goto(*s));
                }
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

/// Pause, speed in honest units, next event and pause on arrival.
fn clock_controls(ui: &mut egui::Ui, vm: &TopbarVm, out: &mut Vec<UiAction>) {
    let lang = vm.lang;
    let label = if vm.paused {
        tr(lang, "▶ Resume", "▶ 继续")
    } else {
        tr(lang, "⏸ Pause", "⏸ 暂停")
    };
    if ui.button(label).on_hover_text("Space").clicked() {
        out.push(UiAction::TogglePause);
    }
    speed_combo(ui, "speed", vm.speed, vm.base_rate, lang, out);
    if vm.mode == Mode::Solo {
        if ui
            .button(tr(lang, "⏭ Next event", "⏭ 下一事件"))
            .on_hover_text(tr(
                lang,
                "Jump to the next moment something reaches you",
                "跳到下一次有消息或情况送达的时刻",
            ))
            .clicked()
        {
            out.push(UiAction::NextEvent);
        }
        let mut on = vm.pause_on_arrival;
        if ui
            .checkbox(&mut on, tr(lang, "pause on arrival", "有新消息时暂停"))
            .on_hover_text(tr(
                lang,
                "Stop the clock whenever a message or news reaches you",
                "每当有消息或情况送达时停止时钟",
            ))
            .changed()
        {
            out.push(UiAction::SetPauseOnArrival(on));
        }
    }
    if vm.paused {
        ui.label(RichText::new(tr(lang, "PAUSED", "已暂停")).color(super::theme::PENDING));
    }
}

/// The speed picker, labelled in exercise time per real minute.
pub fn speed_combo(
    ui: &mut egui::Ui,
    id: &str,
    speed: u32,
    base_rate: u32,
    lang: Lang,
    out: &mut Vec<UiAction>,
) {
    egui::ComboBox::from_id_salt(id)
        .width(110.0)
        .selected_text(pace_label(base_rate * speed, lang))
        .show_ui(ui, |ui| {
            for s in SPEEDS {
                if ui
                    .selectable_label(speed == s, pace_label(base_rate * s, lang))
                    .clicked()
                {
                    out.push(UiAction::SetSpeed(s));
                }
            }
        })
        .response
        .on_hover_text(tr(
            lang,
            "Exercise time that passes in one real minute",
            "现实一分钟内流逝的演练时间",
        ));
}
