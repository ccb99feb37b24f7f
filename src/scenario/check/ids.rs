//! Ids: unique within their kind, not empty, and a team and an actor never
//! share one (an inject's `from` could not tell them apart). Also lists
//! that name the same thing twice.

use std::collections::BTreeMap;

use super::ctx::Ctx;
use crate::scenario::diag::Code;
use crate::scenario::ids::{self, IdKind};
use crate::scenario::model::FieldKind;

pub fn check(cx: &mut Ctx) {
    let s = cx.s;
    // Objectives are one group across teams: criteria name them without
    // their team, so their ids are scenario-wide.
    let groups: Vec<Vec<(&str, String, &str)>> = IdKind::ALL
        .into_iter()
        .map(|k| {
            (ids::declared(s, k).into_iter())
                .map(|d| (k.noun(), d.path, d.id))
                .collect()
        })
        .collect();
    let mut nested: Vec<Vec<(&str, String, &str)>> = Vec::new();
    for (i, m) in s.messages.iter().enumerate() {
        nested.push(
            m.fields
                .iter()
                .enumerate()
                .map(|(j, f)| {
                    (
                        "field",
                        format!("messages[{i}].fields[{j}].id"),
                        f.id.as_str(),
                    )
                })
                .collect(),
        );
    }
    for (i, p) in s.personas.iter().enumerate() {
        nested.push(
            p.rules
                .iter()
                .enumerate()
                .map(|(j, r)| {
                    (
                        "persona rule",
                        format!("personas[{i}].rules[{j}].id"),
                        r.id.as_str(),
                    )
                })
                .collect(),
        );
    }
    for group in groups.iter().chain(&nested) {
        duplicates(cx, group);
    }

    for (i, a) in s.actors.iter().enumerate() {
        if cx.teams.contains_key(a.id.as_str()) {
            cx.push(
                cx.diag(
                    Code::AmbiguousId,
                    &format!("actors[{i}].id"),
                    format!("actor `{}` has the same id as a team", a.id),
                )
                .label("also a team id")
                .help("an inject's `from` could not tell them apart; rename the actor"),
            );
        }
    }
    listed_twice(cx);
}

fn duplicates(cx: &mut Ctx, group: &[(&str, String, &str)]) {
    let mut first: BTreeMap<&str, &str> = BTreeMap::new();
    for (kind, path, id) in group {
        if id.trim().is_empty() {
            cx.push(cx.diag(Code::EmptyId, path, format!("{kind} with an empty id")).label("empty id").help("ids are how other items refer to this one; give it a short name such as \"hotline\""));
            continue;
        }
        if let Some(prev) = first.get(id) {
            let prev_line = cx.diag(Code::DuplicateId, prev, "").start.map(|p| p.line);
            let d = cx
                .diag(
                    Code::DuplicateId,
                    path,
                    format!("duplicate {kind} id `{id}`"),
                )
                .label("used again here");
            let help = match prev_line {
                Some(l) => format!("first defined on line {l}; ids must be unique among {kind}s"),
                None => format!("ids must be unique among {kind}s"),
            };
            cx.push(d.help(help));
        } else {
            first.insert(id, path.as_str());
        }
    }
}

fn listed_twice(cx: &mut Ctx) {
    let s = cx.s;
    let mut lists: Vec<(String, &[String])> = Vec::new();
    for (i, c) in s.channels.iter().enumerate() {
        lists.push((format!("channels[{i}].suspendable_by"), &c.suspendable_by));
    }
    for (i, m) in s.messages.iter().enumerate() {
        lists.push((format!("messages[{i}].channels"), &m.channels));
        lists.push((format!("messages[{i}].breaks"), &m.breaks));
        if let Some(r) = &m.reply {
            lists.push((format!("messages[{i}].reply.types"), &r.types));
        }
        for (j, f) in m.fields.iter().enumerate() {
            if let FieldKind::Choice(options) = &f.kind {
                lists.push((format!("messages[{i}].fields[{j}].kind[0]"), options));
            }
        }
    }
    for (path, list) in lists {
        for (j, item) in list.iter().enumerate() {
            if list[..j].contains(item) {
                cx.push(
                    cx.diag(
                        Code::ListedTwice,
                        &format!("{path}[{j}]"),
                        format!("`{item}` is listed twice"),
                    )
                    .label("again here")
                    .help("remove the repeat"),
                );
            }
        }
    }
}
