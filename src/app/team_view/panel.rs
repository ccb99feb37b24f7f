//! A team's private screen: clocks and channels, inbox, sent items,
//! compose, briefing.

use bevy_egui::egui::{self, Color32, RichText};

use super::Desk;
use super::compose::compose_panel;
use super::vm::{ChannelStatus, Draft, MsgState, MsgVm, TeamVm};
use crate::app::i18n::{countdown, tr};
use crate::app::{UiAction, theme};
use crate::scenario::{AuthMethod, Lang};
use crate::sim::{Action, Verdict};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TeamTab {
    #[default]
    Inbox,
    /// News and injects: the story as it reaches the team.
    Situation,
    Compose,
    Sent,
    Briefing,
}

/// A message's state in words, with its icon and colour role.
pub fn status_label(s: MsgState, lang: Lang) -> (String, Color32) {
    let (icon, text, col) = match s {
        MsgState::InFlight => ("➡", tr(lang, "in transit", "传输中"), theme::NEUTRAL),
        MsgState::Lost => ("✖", tr(lang, "lost", "已丢失"), theme::BAD),
        MsgState::CallUnanswered => ("✆", tr(lang, "call unanswered", "无人接听"), theme::BAD),
        MsgState::AwaitingTranslation => (
            "🌐",
            tr(lang, "awaiting translation", "等待翻译"),
            theme::PENDING,
        ),
        MsgState::Unanswered => ("⏱", tr(lang, "reply owed", "待答复"), theme::WARN),
        MsgState::Acknowledged => ("✔", tr(lang, "answered", "已答复"), theme::GOOD),
        MsgState::Delivered => ("✉", tr(lang, "delivered", "已送达"), theme::INFO),
    };
    (format!("{icon} {text}"), col)
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
                ChannelStatus::Up => (tr(lang, "up", "畅通"), theme::GOOD),
                ChannelStatus::Suspended => (tr(lang, "suspended", "已暂停"), theme::BAD),
                ChannelStatus::OfficeClosed => {
                    (tr(lang, "office closed", "对方下班"), theme::PENDING)
                }
            };
            ui.label(RichText::new(format!("{} {}: {txt}", c.icon, c.name)).color(col));
        }
    });
}

pub fn team_panel(ui: &mut egui::Ui, vm: &TeamVm, desk: &mut Desk) -> Vec<UiAction> {
    let lang = vm.lang;
    let mut out = Vec::new();
    status_strip(ui, vm);
    ui.separator();
    let owed = vm
        .inbox
        .iter()
        .filter(|m| m.state == MsgState::Unanswered)
        .count();
    // The badge counts what has not been on screen yet; the NEW marks stay
    // on what is showing until the tab is left.
    let new_msgs = vm
        .inbox
        .iter()
        .filter(|m| {
            !desk.read.messages.contains(&m.id) && !desk.read.shown_messages.contains(&m.id)
        })
        .count();
    let new_news = vm
        .news
        .iter()
        .filter(|n| !desk.read.news.contains(&n.seq) && !desk.read.shown_news.contains(&n.seq))
        .count();
    let tab = &mut desk.tab;
    ui.horizontal_wrapped(|ui| {
        let count = |name: &str, total: usize, new: usize| {
            if new > 0 {
                RichText::new(format!("{name} ({total}) ● {new}")).strong()
            } else {
                RichText::new(format!("{name} ({total})"))
            }
        };
        ui.selectable_value(
            tab,
            TeamTab::Inbox,
            count(tr(lang, "Inbox", "收件箱"), vm.inbox.len(), new_msgs),
        );
        ui.selectable_value(
            tab,
            TeamTab::Situation,
            count(tr(lang, "Situation", "情况通报"), vm.news.len(), new_news),
        );
        ui.selectable_value(tab, TeamTab::Compose, tr(lang, "Compose", "撰写"));
        ui.selectable_value(tab, TeamTab::Sent, tr(lang, "Sent", "已发送"));
        ui.selectable_value(tab, TeamTab::Briefing, tr(lang, "Briefing", "情况简报"));
        if owed > 0 {
            ui.label(
                RichText::new(format!(
                    "{owed} {}",
                    tr(lang, "awaiting your reply", "条待答复")
                ))
                .color(theme::WARN),
            );
        }
    });
    ui.separator();
    if desk.tab != desk.last_tab {
        desk.read.commit();
        desk.last_tab = desk.tab;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match desk.tab {
            TeamTab::Inbox => {
                if vm.inbox.is_empty() {
                    ui.label(tr(lang, "Nothing received yet.", "尚未收到任何消息。"));
                }
                for m in &vm.inbox {
                    let new = !desk.read.messages.contains(&m.id);
                    desk.read.shown_messages.insert(m.id);
                    message_card(ui, m, vm, true, new, desk, &mut out);
                }
            }
            TeamTab::Situation => super::news::feed(ui, vm, &mut desk.read),
            TeamTab::Sent => {
                for m in &vm.sent {
                    message_card(ui, m, vm, false, false, desk, &mut out);
                }
            }
            TeamTab::Compose => out.extend(compose_panel(ui, vm, &mut desk.draft)),
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

fn message_card(
    ui: &mut egui::Ui,
    m: &MsgVm,
    vm: &TeamVm,
    incoming: bool,
    new: bool,
    desk: &mut Desk,
    out: &mut Vec<UiAction>,
) {
    let lang = vm.lang;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            let (st, col) = status_label(m.state, lang);
            if new {
                ui.label(
                    RichText::new(tr(lang, "NEW", "新"))
                        .strong()
                        .color(theme::INFO),
                );
            }
            ui.label(RichText::new(format!("#{} {}", m.id, m.kind)).strong());
            ui.label(RichText::new(st).color(col));
            ui.label(
                RichText::new(format!(
                    "{} {} · {} → {} · {} {}",
                    tr(lang, "sent", "发出于"),
                    crate::sim::describe::elapsed_words(m.sent_at, lang),
                    m.from,
                    m.to,
                    m.channel_icon,
                    m.channel,
                ))
                .weak(),
            );
            if let (Some(due), MsgState::Unanswered) = (m.reply_due, m.state) {
                let left = countdown(due, vm.now, lang);
                let col = if due < vm.now {
                    theme::BAD
                } else {
                    theme::WARN
                };
                ui.label(RichText::new(format!("⏱ {left}")).color(col));
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
        if !incoming {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            match (m.verdict, m.authenticating) {
                (Some(Verdict::Genuine), _) => {
                    ui.label(
                        RichText::new(tr(lang, "✔ verified genuine", "✔ 已核实为真"))
                            .color(theme::GOOD),
                    );
                }
                (Some(Verdict::Spoof), _) => {
                    ui.label(
                        RichText::new(tr(lang, "✖ exposed as a spoof", "✖ 已识破为伪造"))
                            .color(theme::BAD),
                    );
                }
                (None, true) => {
                    ui.label(tr(lang, "verifying out of band…", "正在通过其他渠道核实……"));
                }
                // Verifying is an act: none once the exercise is over.
                (None, false) if vm.ended => {}
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
            if !vm.ended
                && m.text.is_some()
                && !m.reply_types.is_empty()
                && ui.button(tr(lang, "Reply", "答复")).clicked()
            {
                desk.draft = Draft {
                    channel: Some(m.channel_id.clone()),
                    msg: m.reply_types.first().cloned(),
                    reply_to: Some(m.id),
                    ..Draft::default()
                };
                desk.tab = TeamTab::Compose;
            }
        });
    });
}
