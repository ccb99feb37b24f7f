//! The help overlay: keyboard shortcuts and what each screen is for.

use bevy_egui::egui;

use super::UiAction;
use super::i18n::tr;
use crate::scenario::Lang;

pub fn help_window(ctx: &egui::Context, lang: Lang) -> Vec<UiAction> {
    let mut out = Vec::new();
    let mut open = true;
    egui::Window::new(tr(lang, "Help", "帮助"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").num_columns(2).show(ui, |ui| {
                for (k, en, zh) in [
                    ("Space", "pause / resume the clock", "暂停 / 继续时钟"),
                    ("F1, ?", "show / hide this help", "显示 / 隐藏帮助"),
                    ("Esc", "close this help", "关闭帮助"),
                    ("wheel", "zoom the timeline", "缩放时间线"),
                    ("drag", "scroll the timeline", "拖动时间线"),
                    ("click", "details of a timeline marker", "查看时间线标记详情"),
                ] {
                    ui.monospace(k);
                    ui.label(tr(lang, en, zh));
                    ui.end_row();
                }
            });
            ui.separator();
            ui.label(tr(
                lang,
                "Markers: red escalates, green de-escalates, grey is neutral, orange warns (unanswered, missed). ⏱ marks a deadline.",
                "标记颜色：红色为升级，绿色为降级，灰色为中性，橙色为警示（未接听、未达预期）。⏱ 表示期限。",
            ));
            ui.label(tr(
                lang,
                "Every action is saved to a journal as it happens; reopen an exercise from the library or with `hotline play --resume`.",
                "每项操作都即时写入日志；可从情景库或用 `hotline play --resume` 重新打开演练。",
            ));
        });
    if !open {
        out.push(UiAction::ToggleHelp);
    }
    out
}
