//! References to ids that do not exist, and definitions nothing refers to.

use std::collections::BTreeSet;

use super::ctx::Ctx;
use super::walk::{Kind, Visit, walk};
use crate::scenario::diag::Code;
use crate::scenario::ids::IdKind;
use crate::scenario::model::Role;

#[derive(Default)]
struct Refs<'a> {
    all: Vec<(Kind, &'a str, String)>,
}

impl<'a> Visit<'a> for Refs<'a> {
    fn reference(&mut self, kind: Kind, id: &'a str, path: &str) {
        self.all.push((kind, id, path.to_string()));
    }
}

pub fn check(cx: &mut Ctx) {
    let mut refs = Refs::default();
    walk(cx.s, &mut refs);
    for (kind, id, path) in &refs.all {
        unknown(cx, *kind, id, path);
    }
    let used: BTreeSet<(Kind, &str)> = refs
        .all
        .iter()
        .map(|(k, id, _)| match k {
            Kind::Endpoint => (Kind::Team, *id),
            k => (*k, *id),
        })
        .collect();
    unused(cx, &used);
}

pub(super) fn unknown(cx: &mut Ctx, kind: Kind, id: &str, path: &str) {
    let (code, kinds): (Code, &[IdKind]) = match kind {
        Kind::Team => (Code::UnknownTeam, &[IdKind::Team]),
        Kind::Endpoint => (Code::EndpointNotTeam, &[IdKind::Team]),
        Kind::Sender => (Code::UnknownSender, &[IdKind::Team, IdKind::Actor]),
        Kind::Channel => (Code::UnknownChannel, &[IdKind::Channel]),
        Kind::Message => (Code::UnknownMessage, &[IdKind::Message]),
        Kind::Variable => (Code::UnknownVariable, &[IdKind::Variable]),
        Kind::Inject => (Code::UnknownInject, &[IdKind::Inject]),
        Kind::Outcome => (Code::UnknownOutcome, &[IdKind::Outcome]),
        Kind::Expectation => (Code::UnknownExpectation, &[IdKind::Expectation]),
        Kind::Norm => (Code::UnknownNorm, &[IdKind::Norm]),
        Kind::Rung => (Code::UnknownRung, &[IdKind::Rung]),
        Kind::Objective => (Code::UnknownObjective, &[IdKind::Objective]),
        Kind::Truth => (Code::UnknownTruth, &[IdKind::Truth]),
        Kind::Module => (Code::UnknownModule, &[IdKind::Module]),
    };
    let what = kinds
        .iter()
        .map(|k| k.noun())
        .collect::<Vec<_>>()
        .join(" or ");
    let known: Vec<&str> = kinds.iter().flat_map(|&k| cx.known(k)).collect();
    if known.contains(&id) {
        return;
    }
    let message = if kind == Kind::Endpoint {
        format!("channel endpoint `{id}` is not a team")
    } else {
        format!("unknown {what} `{id}`")
    };
    let help = if kind == Kind::Endpoint && cx.actors.contains_key(id) {
        Some(format!(
            "`{id}` is an actor; only teams can be channel endpoints"
        ))
    } else {
        Ctx::suggest(id, known.iter().copied()).or_else(|| {
            let list: Vec<String> = known.iter().take(8).map(|k| format!("`{k}`")).collect();
            (!list.is_empty()).then(|| format!("known {what} ids: {}", list.join(", ")))
        })
    };
    let mut d = cx
        .diag(code, path, message)
        .label(format!("no {what} has this id"));
    d.help = help;
    cx.push(d);
}

fn unused(cx: &mut Ctx, used: &BTreeSet<(Kind, &str)>) {
    let s = cx.s;
    for (i, v) in s.variables.iter().enumerate() {
        if !used.contains(&(Kind::Variable, v.id.as_str())) {
            cx.push(
                cx.diag(Code::Unused, &format!("variables[{i}].id"), format!("variable `{}` is never used", v.id))
                    .label("defined here")
                    .help("no effect changes it and no condition, slope or ladder reads it; remove it or use it"),
            );
        }
    }
    for (i, c) in s.channels.iter().enumerate() {
        let by_inject = used.contains(&(Kind::Channel, c.id.as_str()));
        if !by_inject && !s.messages.iter().any(|m| m.channels.contains(&c.id)) {
            cx.push(
                cx.diag(
                    Code::Unused,
                    &format!("channels[{i}].id"),
                    format!("channel `{}` is never used", c.id),
                )
                .label("defined here")
                .help("no message type lists it in `channels`, so nothing can be sent on it"),
            );
        }
    }
    for (i, m) in s.messages.iter().enumerate() {
        let inert = m.effects.is_empty()
            && m.on_send.is_empty()
            && m.breaks.is_empty()
            && m.reply.is_none();
        if inert && m.role == Role::Plain && !used.contains(&(Kind::Message, m.id.as_str())) {
            cx.push(
                cx.diag(Code::Unused, &format!("messages[{i}].id"), format!("message type `{}` has no effect and nothing refers to it", m.id))
                    .label("defined here")
                    .help("give it effects, a reply, or refer to it from an expectation, condition or persona"),
            );
        }
    }
    for (i, n) in s.norms.iter().enumerate() {
        if !used.contains(&(Kind::Norm, n.id.as_str())) {
            cx.push(
                cx.diag(
                    Code::Unused,
                    &format!("norms[{i}].id"),
                    format!("norm `{}` is never used", n.id),
                )
                .label("defined here")
                .help("list it in a message type's `breaks`, or remove it"),
            );
        }
    }
    for (i, a) in s.actors.iter().enumerate() {
        if !used.contains(&(Kind::Sender, a.id.as_str())) {
            cx.push(
                cx.diag(
                    Code::Unused,
                    &format!("actors[{i}].id"),
                    format!("actor `{}` is never used", a.id),
                )
                .label("defined here")
                .help("name it as an inject's `from`, or remove it"),
            );
        }
    }
}
