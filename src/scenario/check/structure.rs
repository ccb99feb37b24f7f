//! The shape of an exercise: two sides, channels between them that carry
//! the message types, a ladder, and an end.

use super::ctx::Ctx;
use crate::scenario::diag::Code;
use crate::scenario::model::*;

pub fn check(cx: &mut Ctx) {
    let s = cx.s;
    if s.teams.len() < 2 {
        cx.push(
            cx.diag(
                Code::TooFewTeams,
                "teams",
                format!(
                    "the scenario has {} team{}; an exercise needs two",
                    s.teams.len(),
                    if s.teams.len() == 1 { "" } else { "s" }
                ),
            )
            .label("fewer than two teams")
            .help("add the other side, e.g. one team for CAC and one for DHS"),
        );
    }
    if s.ladder.rungs.is_empty() {
        cx.push(
            cx.diag(
                Code::EmptyLadder,
                "ladder.rungs",
                "the escalation ladder has no rungs",
            )
            .label("no rungs")
            .help("add at least one rung, e.g. `(id: \"L0\", name: (..), from: 0)`"),
        );
    }
    if !s
        .outcomes
        .iter()
        .any(|o| matches!(o.when, OutcomeTrigger::Timeout(_)))
    {
        cx.push(
            cx.diag(
                Code::NoTimeout,
                "outcomes",
                "no outcome has a `Timeout` trigger: the exercise may never end",
            )
            .label("no Timeout outcome here")
            .help(
                "add an outcome with `when: Timeout(Always)` so the exercise ends at its duration",
            ),
        );
    }
    channels(cx);
    messages(cx);
}

fn channels(cx: &mut Ctx) {
    for (i, c) in cx.s.channels.iter().enumerate() {
        let public = c.kind == ChannelKind::Public;
        let distinct = c.endpoints.len() == 2 && c.endpoints[0] != c.endpoints[1];
        if public && !c.endpoints.is_empty() {
            cx.push(
                cx.diag(
                    Code::PublicWithEndpoints,
                    &format!("channels[{i}].endpoints"),
                    format!("public channel `{}` lists endpoints", c.id),
                )
                .label("ignored")
                .help("everyone sees public statements; remove `endpoints`"),
            );
        } else if !public && !distinct {
            cx.push(
                cx.diag(Code::EndpointCount, &format!("channels[{i}].endpoints"), format!("channel `{}` needs exactly two different endpoints, found {}", c.id, c.endpoints.len()))
                    .label("expected two teams")
                    .help("a private channel joins two teams, e.g. `endpoints: [\"cac\", \"dhs\"]`; use `kind: Public` for statements everyone sees"),
            );
        }
        if c.answer.is_some() && c.kind != ChannelKind::Voice {
            cx.push(cx.diag(Code::AnswerNotVoice, &format!("channels[{i}].answer"), format!("channel `{}` has an answer model but is not a `Voice` channel", c.id)).label("ignored").help("only calls are answered or not; remove `answer` or make the channel `kind: Voice`"));
        }
    }
}

fn messages(cx: &mut Ctx) {
    for (i, m) in cx.s.messages.iter().enumerate() {
        if m.channels.is_empty() {
            cx.push(
                cx.diag(
                    Code::MessageWithoutChannel,
                    &format!("messages[{i}].channels"),
                    format!("no channel carries message type `{}`", m.id),
                )
                .label("empty")
                .help("list the channels it can be sent on"),
            );
        }
        for (j, c) in m.channels.iter().enumerate() {
            let Some(ch) = cx.channels.get(c.as_str()) else {
                continue;
            };
            let public = ch.kind == ChannelKind::Public;
            let why = match m.role {
                Role::LinkTest if public => {
                    Some("a link test checks a private link; a public channel has none to test")
                }
                Role::Acknowledge if public => Some(
                    "an acknowledgement answers one sender; on a public channel it has no one to answer",
                ),
                _ => None,
            };
            if let Some(why) = why {
                cx.push(
                    cx.diag(
                        Code::ChannelCannotCarry,
                        &format!("messages[{i}].channels[{j}]"),
                        format!("message type `{}` cannot use public channel `{c}`", m.id),
                    )
                    .label("public channel")
                    .help(why),
                );
            }
        }
        if let Some(r) = &m.reply {
            reply_reachable(cx, i, m, r);
        }
    }
}

/// Every team that can receive `m` should be able to send one of its reply types.
fn reply_reachable(cx: &mut Ctx, i: usize, m: &MessageType, r: &Reply) {
    let stuck: Vec<&str> = cx
        .parties(m)
        .into_iter()
        .filter(|t| {
            !r.types
                .iter()
                .any(|rt| !cx.messages.contains_key(rt.as_str()) || cx.can_use(t, rt))
        })
        .collect();
    if !stuck.is_empty() && !r.types.is_empty() {
        let teams: Vec<String> = stuck.iter().map(|t| format!("`{t}`")).collect();
        cx.push(
            cx.diag(
                Code::ReplyUnreachable,
                &format!("messages[{i}].reply.types"),
                format!(
                    "{} can receive `{}` but cannot send any of its reply types",
                    teams.join(" and "),
                    m.id
                ),
            )
            .label("no channel for these replies")
            .help("add a channel the receiver is on to a reply type's `channels`"),
        );
    }
}
