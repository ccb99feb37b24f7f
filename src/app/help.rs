//! The help overlay: how to play from a team's seat and from the
//! facilitator's, then the keyboard shortcuts and what the colours mean.

use bevy_egui::egui;

use super::UiAction;
use super::i18n::tr;
use crate::scenario::Lang;

/// Who the help is for: the guide for that seat opens first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    Team,
    Facilitator,
}

const TEAM_GUIDE: [(&str, &str); 6] = [
    (
        "Read your briefing and objectives first: the clock starts when you press Resume.",
        "先阅读简报和目标：按“继续”后时钟才开始走。",
    ),
    (
        "News and situation reports arrive under Situation; messages from the other side under Inbox. New items are marked.",
        "新闻和情况通报在“情况通报”中，对方消息在“收件箱”中，新到内容会有标记。",
    ),
    (
        "To write, open Compose: pick a channel, then a message type, fill in every field marked *, and send.",
        "撰写消息：打开“撰写”，先选渠道，再选消息类型，填好所有带 * 的要素后发送。",
    ),
    (
        "Channels behave like real ones: delays, office hours, translation, calls that go unanswered, suspensions.",
        "渠道与现实相同：有延迟、办公时间、翻译、无人接听和暂停。",
    ),
    (
        "A message may not be what it seems: verify it by code word or out of band before you act on it.",
        "消息未必属实：采取行动前，可用暗语或其他渠道核实。",
    ),
    (
        "Watch the deadlines (⏱) and the escalation chart; the outcome depends on what both sides do and say.",
        "留意答复期限（⏱）和升级曲线；结局取决于双方的言行。",
    ),
];

const FACILITATOR_GUIDE: [(&str, &str); 6] = [
    (
        "Start paused, brief the room, then Resume. Pick a speed in exercise time per real minute.",
        "开始时处于暂停状态：先向全场介绍情况，再按“继续”。速度以现实每分钟对应的演练时间表示。",
    ),
    (
        "Hand the screen to a team for its turn; it lifts the curtain itself and hands it back when done.",
        "轮到某一方时将屏幕交给该方；该方自行揭开遮挡，完成后交还。",
    ),
    (
        "Pause when something reaches a team, if the room needs time to read and discuss.",
        "如需留出阅读和讨论的时间，可开启“有消息或情况送达时暂停”。",
    ),
    (
        "Fire reserve injects or write your own to steer the exercise; each asks before it goes out.",
        "可发出备用注入或自拟注入来引导演练；发出前均会确认。",
    ),
    (
        "Notes are journalled with the time and appear in the debrief and the report.",
        "笔记会连同时间记入日志，并出现在复盘和报告中。",
    ),
    (
        "After the end, open the debrief with the room and export the after-action report.",
        "演练结束后，与全场一起进入复盘，并导出复盘报告。",
    ),
];

fn guide(
    ui: &mut egui::Ui,
    lang: Lang,
    title: (&'static str, &'static str),
    open: bool,
    lines: &[(&'static str, &'static str)],
) {
    egui::CollapsingHeader::new(tr(lang, title.0, title.1))
        .default_open(open)
        .show(ui, |ui| {
            for (i, (en, zh)) in lines.iter().enumerate() {
                ui.label(format!("{}. {}", i + 1, tr(lang, en, zh)));
            }
        });
}

pub fn help_window(ctx: &egui::Context, lang: Lang, seat: Seat) -> Vec<UiAction> {
    let mut out = Vec::new();
    let mut open = true;
    egui::Window::new(tr(lang, "Help", "帮助"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(560.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| help_body(ui, lang, seat));
    if !open {
        out.push(UiAction::ToggleHelp);
    }
    out
}

pub fn help_body(ui: &mut egui::Ui, lang: Lang, seat: Seat) {
    let team = ("How to play: a team's seat", "玩法：参演方");
    let fac = ("How to run it: the facilitator", "玩法：导演");
    match seat {
        Seat::Team => {
            guide(ui, lang, team, true, &TEAM_GUIDE);
            guide(ui, lang, fac, false, &FACILITATOR_GUIDE);
        }
        Seat::Facilitator => {
            guide(ui, lang, fac, true, &FACILITATOR_GUIDE);
            guide(ui, lang, team, false, &TEAM_GUIDE);
        }
    }
    ui.separator();
    egui::Grid::new("shortcuts").num_columns(2).show(ui, |ui| {
        for (k, en, zh) in [
            ("Space", "pause / resume the clock", "暂停 / 继续时钟"),
            ("F1, ?", "show / hide this help", "显示 / 隐藏帮助"),
            ("Esc", "close this help", "关闭帮助"),
            ("wheel", "zoom the timeline", "缩放时间线"),
            ("drag", "scroll the timeline", "拖动时间线"),
            (
                "click",
                "the full text of a timeline marker",
                "查看时间线标记的全文",
            ),
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
}
