//! What a message's fields may hold, and what a field test asks of them:
//! one definition for the engine (which refuses a bad send, from a player
//! or a persona) and the checker (which finds a persona's bad send before
//! anyone plays).

use std::collections::BTreeMap;

use super::model::{FieldKind, FieldTest, MessageType};
use super::time::{Timestamp, parse_timestamp};

#[derive(Debug, Clone, PartialEq)]
pub enum FieldProblem {
    Missing(String),
    /// The message type has no field with this id.
    Unknown(String),
    /// A value the field's kind does not allow, and why.
    Bad {
        field: String,
        reason: String,
    },
}

/// Everything wrong with `fields` as the fields of a `def` message, in the
/// order of the type's fields, then unknown keys.
pub fn problems(def: &MessageType, fields: &BTreeMap<String, String>) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    for f in &def.fields {
        let v = fields.get(&f.id).map(|s| s.trim()).unwrap_or("");
        if v.is_empty() {
            if f.required {
                out.push(FieldProblem::Missing(f.id.clone()));
            }
            continue;
        }
        if let Some(reason) = misvalue(&f.kind, v) {
            out.push(FieldProblem::Bad {
                field: f.id.clone(),
                reason,
            });
        }
    }
    for k in fields.keys() {
        if !def.fields.iter().any(|f| &f.id == k) {
            out.push(FieldProblem::Unknown(k.clone()));
        }
    }
    out
}

/// Whether `problems` would find nothing, found faster: one pass over
/// the keys given, comparing ids (lengths first) rather than looking each
/// of the type's fields up in the map. The engine checks every message,
/// a persona's too, and most are fine.
pub fn fits(def: &MessageType, fields: &BTreeMap<String, String>) -> bool {
    let mut required_given = 0;
    for (k, v) in fields {
        let v = v.trim();
        let mut known = false;
        for f in def.fields.iter().filter(|f| f.id == *k) {
            known = true;
            if v.is_empty() {
                if f.required {
                    return false;
                }
                continue;
            }
            if misvalue(&f.kind, v).is_some() {
                return false;
            }
            required_given += usize::from(f.required);
        }
        if !known {
            return false;
        }
    }
    required_given == def.fields.iter().filter(|f| f.required).count()
}

/// Why a field of `kind` cannot hold the (trimmed, non-empty) value `v`.
pub fn misvalue(kind: &FieldKind, v: &str) -> Option<String> {
    match kind {
        FieldKind::Number if number(v).is_none() => Some(format!("`{v}` is not a number")),
        FieldKind::Time if time(v).is_none() => Some(format!(
            "`{v}` is not a time; write a UTC timestamp such as `2026-02-10T11:40:00Z`"
        )),
        FieldKind::Choice(opts) if !opts.iter().any(|o| o == v) => {
            Some(format!("`{v}` is not one of: {}", opts.join(", ")))
        }
        _ => None,
    }
}

/// A UTC timestamp as the format writes it, or as the compose form's
/// "now" button fills it in (`2026-02-10 11:40 UTC`).
fn time(v: &str) -> Option<Timestamp> {
    parse_timestamp(v).or_else(|| {
        let (date, clock) = v.strip_suffix(" UTC")?.split_once(' ')?;
        parse_timestamp(&format!("{date}T{clock}:00Z"))
    })
}

fn number(v: &str) -> Option<f64> {
    v.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Whether a message's fields pass a test. A missing field passes no test.
pub fn passes(t: &FieldTest, fields: &BTreeMap<String, String>) -> bool {
    let Some(v) = fields.get(t.field()).map(|s| s.trim()) else {
        return false;
    };
    match t {
        FieldTest::Is(_, want) => v == want,
        FieldTest::OneOf(_, list) => list.iter().any(|w| w == v),
        FieldTest::Num(_, op, x) => number(v).is_some_and(|n| op.holds(n, *x)),
    }
}

/// Why a test cannot fit a field of `def`, if it cannot.
pub fn misfit(def: &MessageType, t: &FieldTest) -> Option<String> {
    let f = def.fields.iter().find(|f| f.id == t.field())?;
    match (t, &f.kind) {
        (FieldTest::Num(..), FieldKind::Number) => None,
        (FieldTest::Num(..), _) => Some(format!(
            "`{}` is not a Number field, so a number comparison never holds",
            f.id
        )),
        (FieldTest::Is(_, v), FieldKind::Choice(opts)) if !opts.contains(v) => {
            Some(format!("`{v}` is not one of: {}", opts.join(", ")))
        }
        (FieldTest::OneOf(_, vs), FieldKind::Choice(opts)) => vs
            .iter()
            .find(|v| !opts.contains(v))
            .map(|v| format!("`{v}` is not one of: {}", opts.join(", "))),
        _ => None,
    }
}
