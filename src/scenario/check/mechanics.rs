//! The mechanics that make decisions matter: tests on what a message said,
//! effects by field value, reply-only types, repeats, hidden truths,
//! modules, and persona sends held to the players' field rules.

use super::ctx::Ctx;
use super::walk::{Visit, walk};
use crate::scenario::diag::Code;
use crate::scenario::fields::{FieldProblem, misfit, problems};
use crate::scenario::model::*;

#[derive(Default)]
struct Sites<'a> {
    conds: Vec<(&'a Cond, String)>,
    effects: Vec<(&'a Effect, String)>,
}

impl<'a> Visit<'a> for Sites<'a> {
    fn cond(&mut self, c: &'a Cond, path: &str) {
        self.conds.push((c, path.to_string()));
    }
    fn effect(&mut self, e: &'a Effect, path: &str) {
        self.effects.push((e, path.to_string()));
    }
}

pub fn check(cx: &mut Ctx) {
    let mut sites = Sites::default();
    walk(cx.s, &mut sites);
    for (c, path) in &sites.conds {
        match c {
            Cond::Sent { msg, fields, .. } | Cond::Received { msg, fields, .. } => {
                if let Some(def) = cx.messages.get(msg.as_str()).copied() {
                    for (i, t) in fields.iter().enumerate() {
                        field_test(cx, def, t, &format!("{path}.fields[{i}]"));
                    }
                }
            }
            Cond::Field(t) => match enclosing(cx, path) {
                Some(def) => field_test(cx, def, t, &format!("{path}[0]")),
                None => outside(cx, path, "`Field` reads the message being applied"),
            },
            _ => {}
        }
    }
    for (e, path) in &sites.effects {
        if let Effect::ByField(field, cases) = e {
            match enclosing(cx, path) {
                Some(def) => by_field(cx, def, field, cases.keys(), path),
                None => outside(cx, path, "`ByField` reads the message being applied"),
            }
        }
    }
    replies(cx);
    repeats(cx);
    modules(cx);
    truths(cx);
    persona_fields(cx);
}

/// The message type whose `effects` or `on_send` a path lies in.
fn enclosing<'a>(cx: &Ctx<'a>, path: &str) -> Option<&'a MessageType> {
    let rest = path.strip_prefix("messages[")?;
    let (i, rest) = rest.split_once(']')?;
    if !(rest.starts_with(".effects") || rest.starts_with(".on_send")) {
        return None;
    }
    cx.s.messages.get(i.parse::<usize>().ok()?)
}

fn outside(cx: &mut Ctx, path: &str, what: &str) {
    cx.push(
        cx.diag(
            Code::FieldOutsideMessage,
            path,
            format!("{what}, but there is none here"),
        )
        .label("not in a message type's effects")
        .help("use it in a message type's `effects` or `on_send`; elsewhere test what was said with `Sent(msg: .., fields: [..])`"),
    );
}

fn field_test(cx: &mut Ctx, def: &MessageType, t: &FieldTest, path: &str) {
    if !def.fields.iter().any(|f| f.id == t.field()) {
        let known = def.fields.iter().map(|f| f.id.as_str());
        let mut d = cx
            .diag(
                Code::UnknownMessageField,
                path,
                format!("`{}` has no field `{}`", def.id, t.field()),
            )
            .label("no such field");
        d.help = Ctx::suggest(t.field(), known);
        cx.push(d);
        return;
    }
    if let Some(why) = misfit(def, t) {
        let code = match t {
            FieldTest::Num(..) => Code::FieldKindMismatch,
            _ => Code::BadChoiceValue,
        };
        cx.push(cx.diag(code, path, why).label("never holds"));
    }
}

fn by_field<'k>(
    cx: &mut Ctx,
    def: &MessageType,
    field: &str,
    values: impl Iterator<Item = &'k String>,
    path: &str,
) {
    let Some(f) = def.fields.iter().find(|f| f.id == field) else {
        let mut d = cx
            .diag(
                Code::UnknownMessageField,
                &format!("{path}[0]"),
                format!("`{}` has no field `{field}`", def.id),
            )
            .label("no such field");
        d.help = Ctx::suggest(field, def.fields.iter().map(|f| f.id.as_str()));
        cx.push(d);
        return;
    };
    let FieldKind::Choice(opts) = &f.kind else {
        cx.push(
            cx.diag(
                Code::FieldKindMismatch,
                &format!("{path}[0]"),
                format!("`ByField` needs a Choice field, and `{field}` is not one"),
            )
            .label("not a Choice")
            .help("for a Number field use `When(Field(Num(..)), [..])`"),
        );
        return;
    };
    for v in values {
        if !opts.contains(v) {
            cx.push(
                cx.diag(
                    Code::BadChoiceValue,
                    &format!("{path}[1][{v:?}]"),
                    format!("`{v}` is not one of: {}", opts.join(", ")),
                )
                .label("never chosen"),
            );
        }
    }
}

fn replies(cx: &mut Ctx) {
    let s = cx.s;
    for (i, m) in s.messages.iter().enumerate() {
        let offered =
            (s.messages.iter()).any(|o| o.reply.as_ref().is_some_and(|r| r.types.contains(&m.id)));
        if m.reply_only && !offered {
            cx.push(
                cx.diag(
                    Code::ReplyOnlyUnoffered,
                    &format!("messages[{i}].reply_only"),
                    format!("`{}` counts only as a reply, but no message type lists it among its replies", m.id),
                )
                .label("can never count")
                .help("add it to the `reply: (types: [..])` of the offer it answers, or drop `reply_only`"),
            );
        }
    }
}

fn repeats(cx: &mut Ctx) {
    for (i, m) in cx.s.messages.iter().enumerate() {
        let r = &m.repeats;
        if !r.factor.is_finite() || !(0.0..=1.0).contains(&r.factor) {
            cx.push(
                cx.diag(
                    Code::BadRepeats,
                    &format!("messages[{i}].repeats.factor"),
                    format!("repeat factor {} must be between 0 and 1", r.factor),
                )
                .label("outside [0, 1]")
                .help(
                    "1 keeps every repeat whole, 0.5 halves each repeat, 0 counts only the first",
                ),
            );
        }
        if r.limit == Some(0) {
            cx.push(
                cx.diag(
                    Code::BadRepeats,
                    &format!("messages[{i}].repeats.limit"),
                    format!("with a limit of 0 no `{}` ever counts", m.id),
                )
                .label("zero"),
            );
        }
    }
}

fn modules(cx: &mut Ctx) {
    let mut last = 0;
    for (i, m) in cx.s.modules.iter().enumerate() {
        let path = format!("modules[{i}].until");
        if m.until.0 <= last {
            cx.push(
                cx.diag(
                    Code::ModulesNotIncreasing,
                    &path,
                    format!("module `{}` ends at or before the module before it", m.id),
                )
                .label("not after the previous end")
                .help("modules run one after another: each `until` later than the last"),
            );
        }
        if m.until.0 > cx.duration() {
            cx.push(
                cx.diag(
                    Code::BeyondDuration,
                    &path,
                    format!("module `{}` ends after the exercise does", m.id),
                )
                .label("beyond the duration"),
            );
        }
        last = last.max(m.until.0);
    }
}

fn truths(cx: &mut Ctx) {
    let ts = &cx.s.truths;
    for (i, t) in ts.iter().enumerate() {
        if !t.weight.is_finite() || t.weight < 0.0 {
            cx.push(
                cx.diag(
                    Code::BadWeight,
                    &format!("truths[{i}].weight"),
                    format!("truth weight {} must be zero or more", t.weight),
                )
                .label("negative"),
            );
        }
    }
    if !ts.is_empty() && ts.iter().all(|t| t.weight == 0.0) {
        cx.push(
            cx.diag(
                Code::BadWeight,
                "truths",
                "every truth has weight 0, so none can be drawn",
            )
            .label("all zero"),
        );
    }
}

fn persona_fields(cx: &mut Ctx) {
    let s = cx.s;
    for (i, per) in s.personas.iter().enumerate() {
        for (j, r) in per.rules.iter().enumerate() {
            for (k, ch) in r.choices.iter().enumerate() {
                let PersonaAct::Send { msg, fields, .. } = &ch.act else {
                    continue;
                };
                let Some(def) = cx.messages.get(msg.as_str()).copied() else {
                    continue;
                };
                let act = format!("personas[{i}].rules[{j}].choices[{k}].act");
                // Unknown fields and Choice values are `routing`'s
                // (HL0112, HL0113); what is left is what only a player's
                // form would have caught.
                // A misspelt key is reported once, as unknown, not again as
                // the field it failed to fill.
                let all = problems(def, fields);
                let typo = all.iter().any(|p| matches!(p, FieldProblem::Unknown(_)));
                for p in all {
                    let (path, message) = match p {
                        FieldProblem::Missing(f) if !typo => (
                            format!("{act}.msg"),
                            format!(
                                "persona `{}` sends `{msg}` without its required field `{f}`",
                                per.id
                            ),
                        ),
                        FieldProblem::Bad { field, reason } if !is_choice(def, &field) => (
                            format!("{act}.fields[{field:?}]"),
                            format!("field `{field}`: {reason}"),
                        ),
                        _ => continue,
                    };
                    let label = "a player could not send this";
                    cx.push(
                        cx.diag(Code::PersonaFields, &path, message)
                            .label(label)
                            .help("the engine blocks a persona's message that a player could not send; fill the fields as the compose form would"),
                    );
                }
            }
        }
    }
}

fn is_choice(def: &MessageType, field: &str) -> bool {
    (def.fields.iter()).any(|f| f.id == field && matches!(f.kind, FieldKind::Choice(_)))
}
