//! What one team may see, gathered from the engine: its briefing, its
//! mail, its channels and what it can send. Nothing of the other team's.

use std::collections::BTreeMap;

use crate::app::i18n::local_time;
use crate::scenario::{AuthMethod, Availability, ChannelKind, FieldKind, Lang};
use crate::sim::{Action, Engine, EventKind, MsgId, MsgStatus, Verdict, Viewer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelStatus {
    Up,
    Suspended,
    /// The other end's office is closed: calls ring out, mail waits.
    OfficeClosed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChannelVm {
    pub id: String,
    pub name: String,
    pub icon: &'static str,
    pub status: ChannelStatus,
    pub code_words: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MsgState {
    InFlight,
    Lost,
    CallUnanswered,
    AwaitingTranslation,
    /// Readable, and a reply is owed.
    Unanswered,
    Acknowledged,
    Delivered,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MsgVm {
    pub id: MsgId,
    pub from: String,
    pub to: String,
    pub kind: String,
    pub channel: String,
    pub channel_icon: &'static str,
    pub channel_id: String,
    pub sent_at: u32,
    pub state: MsgState,
    pub reply_due: Option<u32>,
    /// None until it is translated.
    pub text: Option<String>,
    pub fields: Vec<(String, String)>,
    pub auth: Vec<AuthMethod>,
    pub verdict: Option<Verdict>,
    pub authenticating: bool,
    /// Message type ids that count as a reply.
    pub reply_types: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldVm {
    pub id: String,
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeVm {
    pub id: String,
    pub name: String,
    pub fields: Vec<FieldVm>,
    /// Counts only as the answer to an open offer (an acceptance).
    pub reply_only: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ComposeChannel {
    pub id: String,
    pub name: String,
    pub icon: &'static str,
    pub types: Vec<TypeVm>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TeamVm {
    pub lang: Lang,
    pub now: u32,
    /// The exercise time as a Time field takes it ("2025-03-14 09:12 UTC").
    pub utc_now: String,
    pub ended: bool,
    pub team_id: String,
    pub team_name: String,
    pub agency: String,
    pub briefing: String,
    pub objectives: Vec<String>,
    /// (team name, local time, office open)
    pub clocks: Vec<(String, String, bool)>,
    pub channels: Vec<ChannelVm>,
    pub inbox: Vec<MsgVm>,
    pub sent: Vec<MsgVm>,
    /// News and injects that reached the team, newest first.
    pub news: Vec<crate::app::story::NewsVm>,
    pub compose: Vec<ComposeChannel>,
    /// The engine's verdict on the current draft, if it is complete enough
    /// to ask.
    pub draft_error: Option<String>,
}

/// A message being written. Kept per team, so a team's draft is never on
/// the other team's screen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub channel: Option<String>,
    pub msg: Option<String>,
    pub fields: BTreeMap<String, String>,
    pub text: String,
    pub reply_to: Option<MsgId>,
}

impl Draft {
    pub fn to_action(&self, team: &str) -> Option<Action> {
        Some(Action::Send {
            team: team.to_string(),
            channel: self.channel.clone()?,
            msg: self.msg.clone()?,
            fields: self
                .fields
                .iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, v)| (k.clone(), v.trim().to_string()))
                .collect(),
            text: self.text.clone(),
            reply_to: self.reply_to,
        })
    }
}

impl TeamVm {
    pub fn build(e: &Engine, team: usize, lang: Lang, draft: &Draft) -> TeamVm {
        let w = e.world();
        let s = &w.scenario;
        let st = e.state();
        let now = e.now();
        let tm = &s.teams[team];
        let other_open = |ch: usize| {
            w.channels[ch]
                .endpoints
                .iter()
                .filter(|&&t| t != team)
                .all(|&t| w.office_open(t, now))
        };
        let channels: Vec<ChannelVm> = s
            .channels
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                c.kind == ChannelKind::Public || w.channels[*i].endpoints.contains(&team)
            })
            .map(|(i, c)| ChannelVm {
                id: c.id.clone(),
                name: c.name.get(lang).to_string(),
                icon: crate::app::theme::channel_icon(c.kind),
                status: if st.suspended[i] {
                    ChannelStatus::Suspended
                } else if c.availability == Availability::OfficeHours && !other_open(i) {
                    ChannelStatus::OfficeClosed
                } else {
                    ChannelStatus::Up
                },
                code_words: c.auth.code_words,
            })
            .collect();
        let compose = s
            .channels
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                c.kind == ChannelKind::Public || w.channels[*i].endpoints.contains(&team)
            })
            .map(|(i, c)| ComposeChannel {
                id: c.id.clone(),
                name: c.name.get(lang).to_string(),
                icon: crate::app::theme::channel_icon(c.kind),
                types: s
                    .messages
                    .iter()
                    .enumerate()
                    .filter(|(m, _)| w.messages[*m].channels.contains(&i))
                    .map(|(_, m)| TypeVm {
                        id: m.id.clone(),
                        name: m.name.get(lang).to_string(),
                        reply_only: m.reply_only,
                        fields: m
                            .fields
                            .iter()
                            .map(|f| FieldVm {
                                id: f.id.clone(),
                                label: f.label.get(lang).to_string(),
                                kind: f.kind.clone(),
                                required: f.required,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        let events: Vec<&crate::sim::Event> = e.view(Viewer::Team(team)).collect();
        let party = |t: Option<usize>| {
            t.map_or_else(
                || crate::app::i18n::tr(lang, "everyone", "所有人").to_string(),
                |t| s.teams[t].name.get(lang).to_string(),
            )
        };
        let mut inbox = Vec::new();
        let mut sent = Vec::new();
        // Which messages this team knows of comes from the engine's own
        // visibility filter: the events it was shown, never a second rule.
        let known: std::collections::BTreeSet<MsgId> = events
            .iter()
            .filter_map(|ev| match ev.kind {
                EventKind::Sent { msg }
                | EventKind::Delivered { msg, .. }
                | EventKind::Readable { msg }
                | EventKind::CallUnanswered { msg, .. }
                | EventKind::Lost { msg } => Some(msg),
                _ => None,
            })
            .collect();
        for m in known.iter().filter_map(|&id| st.message(id)) {
            let mine = m.from == Some(team) && m.spoof.is_none();
            // What another team sent shows once it has arrived.
            let to_me = !mine && m.delivered_at.is_some();
            if !mine && !to_me {
                continue;
            }
            let verdict = events.iter().rev().find_map(|ev| match ev.kind {
                EventKind::AuthResult { msg, verdict, .. } if msg == m.id => Some(verdict),
                _ => None,
            });
            let authenticating = verdict.is_none()
                && events
                    .iter()
                    .any(|ev| matches!(ev.kind, EventKind::AuthStarted { msg, .. } if msg == m.id));
            let readable = m.status == MsgStatus::Readable || mine;
            let state = match m.status {
                MsgStatus::InFlight => MsgState::InFlight,
                MsgStatus::Lost => MsgState::Lost,
                MsgStatus::Unanswered => MsgState::CallUnanswered,
                MsgStatus::Delivered => MsgState::AwaitingTranslation,
                MsgStatus::Readable if m.answered_at.is_some() => MsgState::Acknowledged,
                MsgStatus::Readable if m.reply_due.is_some() => MsgState::Unanswered,
                MsgStatus::Readable => MsgState::Delivered,
            };
            let def = &s.messages[m.mtype];
            let ch = &s.channels[m.channel];
            let mut shown_from = party(m.shown_from);
            if m.spoof.is_some() && m.exposed {
                shown_from.push_str(crate::app::i18n::tr(lang, " (spoof)", "（伪造）"));
            }
            let vm = MsgVm {
                id: m.id,
                from: shown_from,
                to: party(m.to),
                kind: def.name.get(lang).to_string(),
                channel: ch.name.get(lang).to_string(),
                channel_icon: crate::app::theme::channel_icon(ch.kind),
                channel_id: ch.id.clone(),
                sent_at: m.sent_at,
                state,
                reply_due: m.reply_due,
                text: readable.then(|| m.text.to_string()),
                fields: if readable {
                    def.fields
                        .iter()
                        .filter_map(|f| {
                            m.fields
                                .get(&f.id)
                                .map(|v| (f.label.get(lang).to_string(), v.clone()))
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                auth: if to_me && ch.kind != ChannelKind::Public {
                    let mut a = Vec::new();
                    if ch.auth.code_words {
                        a.push(AuthMethod::CodeWord);
                    }
                    a.push(AuthMethod::OutOfBand);
                    a
                } else {
                    Vec::new()
                },
                verdict,
                authenticating,
                reply_types: def
                    .reply
                    .as_ref()
                    .map(|r| r.types.clone())
                    .unwrap_or_default(),
            };
            if mine { sent.push(vm) } else { inbox.push(vm) }
        }
        inbox.reverse();
        sent.reverse();
        let draft_error = draft
            .to_action(&tm.id)
            .and_then(|a| e.check(&a).err())
            .map(|err| crate::app::explain::explain(w, &err, lang));
        TeamVm {
            lang,
            now,
            utc_now: format!("{} UTC", s.meta.start.plus(i64::from(now)).format()),
            ended: e.ended(),
            team_id: tm.id.clone(),
            team_name: tm.name.get(lang).to_string(),
            agency: tm.agency.get(lang).to_string(),
            briefing: tm.briefing.get(lang).to_string(),
            objectives: tm
                .objectives
                .iter()
                .map(|o| o.text.get(lang).to_string())
                .collect(),
            clocks: (0..s.teams.len())
                .map(|t| {
                    (
                        s.teams[t].name.get(lang).to_string(),
                        local_time(w, t, now, lang),
                        w.office_open(t, now),
                    )
                })
                .collect(),
            channels,
            inbox,
            sent,
            news: {
                let mut n = crate::app::story::news(e, Viewer::Team(team), lang);
                n.reverse();
                n
            },
            compose,
            draft_error,
        }
    }
}
