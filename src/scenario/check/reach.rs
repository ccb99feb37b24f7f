//! What can never happen in time or at all: a reply deadline that only
//! translation already overruns, a spoof that fools no one because it
//! imitates its own recipient, a persona rule on an inject its team never
//! sees, a message type no team can ever put on a channel.

use std::collections::BTreeSet;

use super::ctx::Ctx;
use super::walk::{Visit, walk};
use crate::scenario::diag::Code;
use crate::scenario::model::*;
use crate::scenario::time::Minutes;

pub fn check(cx: &mut Ctx) {
    deadlines(cx);
    spoofs(cx);
    fired_rules(cx);
    never_sendable(cx);
}

/// The shortest possible draw of a delay (the engine's `Rng::delay`).
fn shortest(d: &Delay) -> u32 {
    match d {
        Delay::Fixed(m) => m.0,
        Delay::Uniform(a, b) => a.0.min(b.0),
        Delay::Exponential(_) => 0,
    }
}

/// The least time between a message's delivery on `c` and its receiver
/// reading it: the engine starts a reply deadline at delivery and counts a
/// reply when it is sent, but nobody can answer before the translation is
/// done, which the channel adds when the two teams' languages differ.
/// Public messages are never translated.
fn fastest_read(cx: &Ctx, c: &Channel) -> u32 {
    if c.kind == ChannelKind::Public {
        return 0;
    }
    let langs: Vec<Lang> = cx
        .channel_teams(c)
        .iter()
        .filter_map(|t| cx.teams.get(t).map(|t| t.language))
        .collect();
    let mixed = langs.iter().any(|l| *l != langs[0]);
    let same_pair = langs
        .iter()
        .enumerate()
        .any(|(i, a)| langs[i + 1..].contains(a));
    if mixed && !same_pair {
        shortest(&c.translation)
    } else {
        0
    }
}

fn deadlines(cx: &mut Ctx) {
    let mut found = Vec::new();
    for (i, m) in cx.s.messages.iter().enumerate() {
        let Some(r) = &m.reply else { continue };
        let carriers: Vec<&Channel> = (m.channels.iter())
            .filter_map(|c| cx.channels.get(c.as_str()).copied())
            .collect();
        let Some(fastest) = carriers.iter().map(|c| fastest_read(cx, c)).min() else {
            continue;
        };
        if fastest > r.within.0 {
            found.push(
                cx.diag(
                    Code::DeadlineTooShort,
                    &format!("messages[{i}].reply.within"),
                    format!(
                        "a reply to `{}` is due {} after delivery, but translation alone takes at least {} on every channel that carries it",
                        m.id, r.within, Minutes(fastest)
                    ),
                )
                .label("always overdue")
                .help("lengthen `within`, or shorten the channels' `translation`"),
            );
        }
    }
    for (i, c) in cx.s.channels.iter().enumerate() {
        let Some(ack) = c.ack_deadline else { continue };
        // The channel's deadline applies to plain messages without their own `reply`.
        let owed =
            cx.s.messages
                .iter()
                .any(|m| m.role == Role::Plain && m.reply.is_none() && m.channels.contains(&c.id));
        let fastest = fastest_read(cx, c);
        if owed && fastest > ack.0 {
            found.push(
                cx.diag(
                    Code::DeadlineTooShort,
                    &format!("channels[{i}].ack_deadline"),
                    format!(
                        "acknowledgements on `{}` are due {ack} after delivery, but translation alone takes at least {}",
                        c.id,
                        Minutes(fastest)
                    ),
                )
                .label("always overdue")
                .help("lengthen `ack_deadline`, or shorten `translation`"),
            );
        }
    }
    cx.out.extend(found);
}

fn spoofs(cx: &mut Ctx) {
    let mut found = Vec::new();
    for (i, inj) in cx.s.injects.iter().enumerate() {
        if let (Via::Spoof { as_team, .. }, Audience::Team(to)) = (&inj.via, &inj.to)
            && as_team == to
        {
            found.push(
                cx.diag(
                    Code::SpoofOfRecipient,
                    &format!("injects[{i}].via.as_team"),
                    format!("this spoof claims to come from `{to}` and is sent to `{to}` itself"),
                )
                .label("the recipient")
                .help(
                    "a spoof imitates the other side: set `as_team` to the team it pretends to be",
                ),
            );
        }
    }
    cx.out.extend(found);
}

/// `on: Fired(..)` reaches a persona only when the inject's audience
/// includes its team: never for facilitator injects or spoofs.
fn fired_rules(cx: &mut Ctx) {
    let mut found = Vec::new();
    for (i, per) in cx.s.personas.iter().enumerate() {
        for (j, r) in per.rules.iter().enumerate() {
            let Stimulus::Fired(id) = &r.on else { continue };
            let Some(inj) = cx.injects.get(id.as_str()) else {
                continue;
            };
            let why = match (&inj.via, &inj.to) {
                (Via::Spoof { .. }, _) => {
                    "it is a spoof, which its victim sees only as a message (react with `Received`)"
                        .to_string()
                }
                (_, Audience::Facilitator) => "only the facilitator sees it".to_string(),
                (_, Audience::Team(t)) if *t != per.team => format!("it goes to `{t}` only"),
                _ => continue,
            };
            found.push(
                cx.diag(
                    Code::InjectNeverSeen,
                    &format!("personas[{i}].rules[{j}].on[0]"),
                    format!(
                        "team `{}` never sees inject `{id}`: {why}; this rule never fires",
                        per.team
                    ),
                )
                .label("never seen by this team"),
            );
        }
    }
    cx.out.extend(found);
}

/// A message type every channel of which is suspended from the start and
/// restored by nothing: no team can ever send it.
fn never_sendable(cx: &mut Ctx) {
    #[derive(Default)]
    struct Restored<'a>(BTreeSet<&'a str>);
    impl<'a> Visit<'a> for Restored<'a> {
        fn effect(&mut self, e: &'a Effect, _: &str) {
            if let Effect::Restore(c) = e {
                self.0.insert(c);
            }
        }
    }
    let mut restored = Restored::default();
    walk(cx.s, &mut restored);
    let mut found = Vec::new();
    for (i, m) in cx.s.messages.iter().enumerate() {
        let carriers: Vec<&Channel> = (m.channels.iter())
            .filter_map(|c| cx.channels.get(c.as_str()).copied())
            .collect();
        if !carriers.is_empty()
            && carriers
                .iter()
                .all(|c| c.suspended && !restored.0.contains(c.id.as_str()))
        {
            found.push(
                cx.diag(
                    Code::NeverSendable,
                    &format!("messages[{i}].channels"),
                    format!(
                        "no team can ever send `{}`: every channel that carries it starts suspended and nothing restores it",
                        m.id
                    ),
                )
                .label("all suspended for good")
                .help("carry it on a channel that is open, or add a `Restore(..)` effect somewhere"),
            );
        }
    }
    cx.out.extend(found);
}
