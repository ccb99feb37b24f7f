//! A team's private screen: clocks and channels, inbox, sent items,
//! compose, briefing.

use bevy_egui::egui::{self, Color32, RichText};

use super::compose::compose_panel;
use super::vm::{ChannelStatus, Draft, MsgState, MsgVm, TeamVm};
use crate::app::UiAction;
use crate::app::i18n::{countdown, tr};
use crate::scenario::{AuthMethod, Lang};
use crate::sim::{Action, Verdict};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TeamTab {
    #[default]
    Inbox,
    Compose,
    Sent,
    Briefing,
}

pub fn status_label(s: MsgState, lang: Lang) -> (&'static str, Color32) {
    match s {
        MsgState::InFlight => (tr(lang, "in transit", "传输中"), Color32::GRAY),
        MsgState::Lost => (tr(lang, "lost", "已丢失"), Color32::LIGHT_RED),
        MsgState::CallUnanswered => (tr(lang, "call unanswered", "无人接听"), Color32::LIGHT_RED),
        MsgState::AwaitingTranslation => {
            (tr(lang, "awaiting translation", "等待翻译"), Color32::KHAKI)
        }
        MsgState::Unanswered => (
            tr(lang, "unanswered", "待答复"),
            Color32::from_rgb(255, 170, 60),
        ),
        MsgState::Acknowledged => (tr(lang, "acknowledged", "已确认"), Color32::LIGHT_GREEN),
        MsgState::Delivered => (tr(lang, "delivered", "已送达"), Color32::LIGHT_BLUE),
    }
}

/// Header shared by every team screen: local times and channel status.
pub fn status_strip(ui: &mut egui::Ui, vm: &TeamVm) {
    let lang = vm.lang;
    ui.horizontal_wrapped(|ui| {
        ui.heading(&vm.team_name);
        for (name, time, open) in &vm.clocks {
            let office = if *open {
                tr(lang, "office open", "办公时间")
            } else {
                tr(lang, "office closed", "非办公时间")
            };
            ui.label(format!("{name}: {time} ({office})"));
        }
    });
    ui.horizontal_wrapped(|ui| {
        for c in &vm.channels {
            let (txt, col) = match c.status {
                ChannelStatus::Up => (tr(lang, "up", "畅通"), Color32::LIGHT_GREEN),
                ChannelStatus::Suspended => (tr(lang, "suspended", "已暂停"), Color32::LIGHT_RED),
                ChannelStatus::OfficeClosed => {
                    (tr(lang, "office closed", "对方下班"), Color32::KHAKI)
                }
            };
            ui.label(RichText::new(format!("● {}: {txt}", c.name)).color(col));
        }
    });
}

pub fn team_panel(
    ui: &mut egui::Ui,
    vm: &TeamVm,
    draft: &mut Draft,
    tab: &mut TeamTab,
) -> Vec<UiAction> {
    let lang = vm.lang;
    let mut out = Vec::new();
    status_strip(ui, vm);
    ui.separator();
    let owed = vm
        .inbox
        .iter()
        .filter(|m| m.state == MsgState::Unanswered)
        .count();
    ui.horizontal(|ui| {
        let inbox = format!("{} ({})", tr(lang, "Inbox", "收件箱"), vm.inbox.len());
        ui.selectable_value(tab, TeamTab::Inbox, inbox);
        ui.selectable_value(tab, TeamTab::Compose, tr(lang, "Compose", "撰写"));
        ui.selectable_value(tab, TeamTab::Sent, tr(lang, "Sent", "已发送"));
        ui.selectable_value(tab, TeamTab::Briefing, tr(lang, "Briefing", "情况简报"));
        if owed > 0 {
            ui.label(
                RichText::new(format!(
                    "{owed} {}",
                    tr(lang, "awaiting your reply", "条待答复")
                ))
                .color(Color32::from_rgb(255, 170, 60)),
            );
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match tab {
            TeamTab::Inbox => {
                if vm.inbox.is_empty() {
                    ui.label(tr(lang, "Nothing received yet.", "尚未收到任何消息。"));
                }
                for m in &vm.inbox {
                    message_card(ui, m, vm, true, draft, tab, &mut out);
                }
            }
            TeamTab::Sent => {
                for m in &vm.sent {
                    message_card(ui, m, vm, false, draft, tab, &mut out);
                }
            }
            TeamTab::Compose => out.extend(compose_panel(ui, vm, draft)),
            TeamTab::Briefing => briefing(ui, vm),
        });
    out
}

pub fn briefing(ui: &mut egui::Ui, vm: &TeamVm) {
    let lang = vm.lang;
    ui.label(RichText::new(&vm.agency).italics());
    ui.add_space(6.0);
    ui.label(&vm.briefing);
    ui.add_space(8.0);
    ui.strong(tr(lang, "Your objectives", "你方目标"));
    for o in &vm.objectives {
        ui.label(format!("• {o}"));
    }
}

#[allow(clippy::too_many_arguments)]
fn message_card(
    ui: &mut egui::Ui,
    m: &MsgVm,
    vm: &TeamVm,
    incoming: bool,
    draft: &mut Draft,
    tab: &mut TeamTab,
    out: &mut Vec<UiAction>,
) {
    let lang = vm.lang;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            let (st, col) = status_label(m.state, lang);
            ui.label(RichText::new(format!("#{} {}", m.id, m.kind)).strong());
            ui.label(RichText::new(st).color(col));
            ui.label(format!(
                "{} {} → {} · {} · {}",
                crate::sim::describe::offset(m.sent_at),
                m.from,
                m.to,
                m.channel,
                tr(lang, "sent", "发出")
            ));
            if let (Some(due), MsgState::Unanswered) = (m.reply_due, m.state) {
                let left = countdown(due, vm.now);
                let col = if due < vm.now {
                    Color32::LIGHT_RED
                } else {
                    Color32::from_rgb(255, 170, 60)
                };
                ui.label(
                    RichText::new(format!("⏱ {} {left}", tr(lang, "reply due in", "答复剩余")))
                        .color(col),
                );
            }
        });
        match &m.text {
            None => {
                ui.label(RichText::new(tr(lang, "(being translated…)", "（翻译中……）")).italics());
            }
            Some(t) => {
                for (k, v) in &m.fields {
                    ui.label(format!("{k}: {v}"));
                }
                if !t.is_empty() {
                    ui.label(t);
                }
            }
        }
        if !incoming || vm.ended {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            match (m.verdict, m.authenticating) {
                (Some(Verdict::Genuine), _) => {
                    ui.label(
                        RichText::new(tr(lang, "✔ genuine", "✔ 确认为真"))
                            .color(Color32::LIGHT_GREEN),
                    );
                }
                (Some(Verdict::Spoof), _) => {
                    ui.label(
                        RichText::new(tr(lang, "✖ SPOOF", "✖ 伪造")).color(Color32::LIGHT_RED),
                    );
                }
                (None, true) => {
                    ui.label(tr(lang, "verifying out of band…", "正在通过其他渠道核实……"));
                }
                (None, false) => {
                    for a in &m.auth {
                        let label = match a {
                            AuthMethod::CodeWord => tr(lang, "Verify: code word", "核实：暗语"),
                            AuthMethod::OutOfBand => {
                                tr(lang, "Verify: out of band", "核实：其他渠道")
                            }
                        };
                        if ui.button(label).clicked() {
                            out.push(UiAction::Submit(Action::Authenticate {
                                team: vm.team_id.clone(),
                                message: m.id,
                                method: *a,
                            }));
                        }
                    }
                }
            }
            if m.text.is_some()
                && !m.reply_types.is_empty()
                && ui.button(tr(lang, "Reply", "答复")).clicked()
            {
                *draft = Draft {
                    channel: Some(m.channel_id.clone()),
                    msg: m.reply_types.first().cloned(),
                    reply_to: Some(m.id),
                    ..Draft::default()
                };
                *tab = TeamTab::Compose;
            }
        });
    });
}
