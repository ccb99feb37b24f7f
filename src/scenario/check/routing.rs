//! Who can send, receive, suspend and spoof what: personas and injects must
//! use channels their teams are on and that carry the message type.

use super::ctx::Ctx;
use super::walk::{Visit, effects};
use crate::scenario::diag::Code;
use crate::scenario::model::*;

pub fn check(cx: &mut Ctx) {
    personas(cx);
    suspend_rights(cx);
    injects(cx);
    expectations(cx);
}

fn personas(cx: &mut Ctx) {
    for (i, per) in cx.s.personas.iter().enumerate() {
        let team = per.team.as_str();
        let known_team = cx.teams.contains_key(team);
        for (j, r) in per.rules.iter().enumerate() {
            let rp = format!("personas[{i}].rules[{j}]");
            if let Stimulus::Received(m) = &r.on
                && known_team
                && cx.messages.contains_key(m.as_str())
                && !cx.can_receive(team, m)
            {
                cx.push(
                    cx.diag(
                        Code::NeverReceives,
                        &format!("{rp}.on[0]"),
                        format!("team `{team}` can never receive `{m}`, so this rule never fires"),
                    )
                    .label("never received")
                    .help(format!("put `{team}` on a channel that carries `{m}`")),
                );
            }
            for (k, ch) in r.choices.iter().enumerate() {
                let PersonaAct::Send {
                    msg,
                    channel,
                    reply,
                    fields,
                    ..
                } = &ch.act
                else {
                    continue;
                };
                let p = format!("{rp}.choices[{k}].act");
                send(cx, team, msg, channel, &p);
                if *reply && !matches!(r.on, Stimulus::Received(_) | Stimulus::Fired(_)) {
                    cx.push(
                        cx.diag(
                            Code::ReplyWithoutStimulus,
                            &format!("{p}.reply"),
                            "`reply: true` but the rule is not triggered by a message",
                        )
                        .label("nothing to reply to")
                        .help("use `on: Received(..)`, or drop `reply`"),
                    );
                }
                if let Some(m) = cx.messages.get(msg.as_str()).copied() {
                    message_fields(cx, m, fields, &p);
                }
            }
        }
    }
}

fn send(cx: &mut Ctx, team: &str, msg: &str, channel: &str, p: &str) {
    let Some(c) = cx.channels.get(channel).copied() else {
        return;
    };
    if cx.teams.contains_key(team) && !cx.channel_teams(c).contains(team) {
        cx.push(
            cx.diag(
                Code::PersonaNotEndpoint,
                &format!("{p}.channel"),
                format!("team `{team}` is not an endpoint of channel `{channel}`"),
            )
            .label("not on this channel")
            .help(format!("pick a channel with `{team}` among its endpoints")),
        );
    }
    if let Some(m) = cx.messages.get(msg)
        && !m.channels.iter().any(|c| c == channel)
    {
        let carriers = m
            .channels
            .iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ");
        cx.push(
            cx.diag(
                Code::ChannelDoesNotCarry,
                &format!("{p}.msg"),
                format!("channel `{channel}` does not carry message type `{msg}`"),
            )
            .label("not carried on that channel")
            .help(format!("`{msg}` goes over: {carriers}")),
        );
    }
}

fn message_fields(
    cx: &mut Ctx,
    m: &MessageType,
    given: &std::collections::BTreeMap<String, String>,
    p: &str,
) {
    for (key, value) in given {
        let path = format!("{p}.fields[{key:?}]");
        match m.fields.iter().find(|f| &f.id == key) {
            None => {
                let mut d = cx
                    .diag(
                        Code::UnknownMessageField,
                        &path,
                        format!("message type `{}` has no field `{key}`", m.id),
                    )
                    .label("unknown field");
                d.help = Ctx::suggest(key, m.fields.iter().map(|f| f.id.as_str()));
                cx.push(d);
            }
            Some(Field {
                kind: FieldKind::Choice(options),
                ..
            }) if !options.contains(value) => {
                let opts = options
                    .iter()
                    .map(|o| format!("`{o}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                cx.push(
                    cx.diag(
                        Code::BadChoiceValue,
                        &path,
                        format!("`{value}` is not a choice of field `{key}`"),
                    )
                    .label("not a choice")
                    .help(format!("choose one of: {opts}")),
                );
            }
            Some(_) => {}
        }
    }
}

/// A message type whose on_send suspends or restores a channel must only be
/// sendable by teams allowed to do that.
fn suspend_rights(cx: &mut Ctx) {
    #[derive(Default)]
    struct Toggles<'a>(Vec<(String, &'a str)>);
    impl<'a> Visit<'a> for Toggles<'a> {
        fn effect(&mut self, e: &'a Effect, path: &str) {
            if let Effect::Suspend(c) | Effect::Restore(c) = e {
                self.0.push((path.to_string(), c));
            }
        }
    }
    for (i, m) in cx.s.messages.iter().enumerate() {
        let mut t = Toggles::default();
        effects(&mut t, &m.on_send, &format!("messages[{i}].on_send"));
        let senders = cx.parties(m);
        for (path, ch) in t.0 {
            let Some(c) = cx.channels.get(ch).copied() else {
                continue;
            };
            let barred: Vec<String> = senders
                .iter()
                .filter(|s| !c.suspendable_by.iter().any(|b| b == *s))
                .map(|s| format!("`{s}`"))
                .collect();
            if !barred.is_empty() {
                cx.push(
                    cx.diag(Code::CannotSuspend, &path, format!("{} can send `{}` but may not suspend or restore channel `{ch}`", barred.join(" and "), m.id))
                        .label("not allowed for every sender")
                        .help(format!("add the team to `suspendable_by` of `{ch}`, or carry `{}` only on channels of teams that may", m.id)),
                );
            }
        }
    }
}

fn injects(cx: &mut Ctx) {
    for (i, inj) in cx.s.injects.iter().enumerate() {
        let p = format!("injects[{i}]");
        match &inj.via {
            Via::Spoof {
                channel,
                as_team,
                msg,
            } => {
                let Some(c) = cx.channels.get(channel.as_str()).copied() else {
                    continue;
                };
                if !c.auth.spoofable {
                    cx.push(cx.diag(Code::NotSpoofable, &format!("{p}.via.channel"), format!("channel `{channel}` cannot be spoofed")).label("not spoofable").help(format!("set `auth: (spoofable: true)` on `{channel}` if a third party can fake messages on it")));
                }
                if cx
                    .messages
                    .get(msg.as_str())
                    .is_some_and(|m| !m.channels.contains(channel))
                {
                    cx.push(cx.diag(Code::SpoofMismatch, &format!("{p}.via.msg"), format!("channel `{channel}` does not carry `{msg}`, so a fake `{msg}` on it would give itself away")).label("not carried"));
                }
                if cx.teams.contains_key(as_team.as_str())
                    && !cx.channel_teams(c).contains(as_team.as_str())
                {
                    cx.push(cx.diag(Code::SpoofMismatch, &format!("{p}.via.as_team"), format!("team `{as_team}` is not an endpoint of `{channel}`, so it could not have sent this")).label("not on the channel"));
                }
                audience(cx, inj, c, &p);
            }
            Via::Channel(ch) => {
                let Some(c) = cx.channels.get(ch.as_str()).copied() else {
                    continue;
                };
                audience(cx, inj, c, &p);
                if let Some(from) = &inj.from
                    && cx.teams.contains_key(from.as_str())
                    && !cx.channel_teams(c).contains(from.as_str())
                {
                    cx.push(
                        cx.diag(
                            Code::InjectRouting,
                            &format!("{p}.from"),
                            format!("team `{from}` is not an endpoint of channel `{ch}`"),
                        )
                        .label("not on the channel"),
                    );
                }
            }
            Via::News => {}
        }
    }
}

fn audience(cx: &mut Ctx, inj: &Inject, c: &Channel, p: &str) {
    if let Audience::Team(t) = &inj.to
        && cx.teams.contains_key(t.as_str())
        && !cx.channel_teams(c).contains(t.as_str())
    {
        cx.push(cx.diag(Code::InjectRouting, &format!("{p}.to[0]"), format!("team `{t}` is not an endpoint of channel `{}`, so it cannot receive this inject there", c.id)).label("not on the channel"));
    }
}

fn expectations(cx: &mut Ctx) {
    let mut found = Vec::new();
    for (i, e) in cx.s.expectations.iter().enumerate() {
        let team = e.team.as_str();
        if !cx.teams.contains_key(team) {
            continue;
        }
        let p = format!("expectations[{i}].rule");
        let known = |m: &str| cx.messages.contains_key(m);
        match &e.rule {
            Rule::SendBy { msg, .. } if known(msg) && !cx.can_use(team, msg) => {
                found.push(cx.diag(Code::CannotSend, &format!("{p}.msg"), format!("team `{team}` can never send `{msg}`, so this expectation is always missed")).label("cannot be sent by this team"));
            }
            Rule::ReplyWithin { to, reply, .. } => {
                if known(to) && !cx.can_receive(team, to) {
                    found.push(cx.diag(Code::NeverReceives, &format!("{p}.to"), format!("team `{team}` can never receive `{to}`, so this expectation never applies")).label("never received"));
                }
                if !reply.is_empty() && reply.iter().all(|r| known(r) && !cx.can_use(team, r)) {
                    found.push(cx.diag(Code::CannotSend, &format!("{p}.reply"), format!("team `{team}` can send none of these replies, so this expectation is always missed")).label("cannot be sent by this team"));
                }
            }
            _ => {}
        }
    }
    cx.out.extend(found);
}
