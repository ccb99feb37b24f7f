//! Conditions whose truth is decided before the exercise starts. Only what
//! is sure: when in doubt (the facilitator may act, players are free) a
//! condition counts as possible. The engine keeps variables inside their
//! range, which is what makes range reasoning sound.

use super::ctx::Ctx;
use super::walk::{Visit, walk};
use crate::scenario::diag::Code;
use crate::scenario::model::*;

/// Fired/Reached chains are followed this far; a cycle just stops counting.
const BUDGET: u32 = 24;

pub fn check(cx: &mut Ctx) {
    let mut found = Vec::new();
    let ev = Eval { cx };
    for (i, o) in cx.s.outcomes.iter().enumerate() {
        let path = format!("outcomes[{i}].when[0]");
        let (OutcomeTrigger::When(c) | OutcomeTrigger::Timeout(c)) = &o.when;
        if ev.never(c, BUDGET) {
            found.push(
                cx.diag(
                    Code::OutcomeNever,
                    &path,
                    format!("the condition of outcome `{}` can never hold", o.id),
                )
                .label("never true")
                .help("check the variable ranges, times and ids it uses"),
            );
        } else if matches!(o.when, OutcomeTrigger::When(_)) && o.ends && ev.always(c, BUDGET) {
            found.push(
                cx.diag(
                    Code::OutcomeImmediate,
                    &path,
                    format!(
                        "outcome `{}` holds from the start, so the exercise ends at once",
                        o.id
                    ),
                )
                .label("always true")
                .help("use `Timeout(..)` for an outcome chosen at the end"),
            );
        }
    }
    let timeouts: Vec<(usize, &Cond)> =
        cx.s.outcomes
            .iter()
            .enumerate()
            .filter_map(|(i, o)| match &o.when {
                OutcomeTrigger::Timeout(c) => Some((i, c)),
                OutcomeTrigger::When(_) => None,
            })
            .collect();
    // The first `Timeout` whose condition holds is chosen: after one that
    // always holds, later ones never are.
    if let Some(k) = timeouts.iter().position(|(_, c)| ev.always(c, BUDGET)) {
        let (first, _) = timeouts[k];
        for &(i, c) in &timeouts[k + 1..] {
            if ev.never(c, BUDGET) {
                continue; // already HL0501
            }
            let id = &cx.s.outcomes[first].id;
            found.push(
                cx.diag(
                    Code::OutcomeShadowed,
                    &format!("outcomes[{i}].when"),
                    format!(
                        "outcome `{}` can never be chosen: the earlier `Timeout` of `{id}` always holds and is chosen first",
                        cx.s.outcomes[i].id
                    ),
                )
                .label("never chosen")
                .help(format!("move this outcome above `{id}`, or drop it")),
            );
        }
    }
    if let Some((last, _)) = timeouts.last()
        && !timeouts.iter().any(|(_, c)| ev.always(c, BUDGET))
    {
        found.push(
            cx.diag(Code::NoSureTimeout, &format!("outcomes[{last}].when"), "no Timeout outcome is sure to match: when time runs out the exercise may end without an outcome")
                .label("last Timeout outcome")
                .help("add a final fallback outcome with `when: Timeout(Always)`"),
        );
    }
    for (path, c, what) in sites(cx.s) {
        if ev.never(c, BUDGET) {
            found.push(
                cx.diag(
                    Code::CondNever,
                    &path,
                    format!("this condition can never hold, so {what}"),
                )
                .label("never true"),
            );
        }
    }
    cx.out.extend(found);
}

/// Conditions outside outcomes, with what their never holding means.
fn sites(s: &Scenario) -> Vec<(String, &Cond, &'static str)> {
    let mut out = Vec::new();
    for (i, inj) in s.injects.iter().enumerate() {
        if let Trigger::When(c) = &inj.trigger {
            out.push((
                format!("injects[{i}].trigger[0]"),
                c,
                "the inject never fires",
            ));
        }
    }
    for (i, e) in s.expectations.iter().enumerate() {
        if let Rule::SendBy { after: Some(c), .. } = &e.rule {
            out.push((
                format!("expectations[{i}].rule.after"),
                c,
                "the expectation never starts",
            ));
        }
    }
    for (i, p) in s.personas.iter().enumerate() {
        for (j, r) in p.rules.iter().enumerate() {
            if let Some(c) = &r.when {
                out.push((
                    format!("personas[{i}].rules[{j}].when"),
                    c,
                    "the rule never acts",
                ));
            }
            for (k, ch) in r.choices.iter().enumerate() {
                if let Some(c) = &ch.when {
                    out.push((
                        format!("personas[{i}].rules[{j}].choices[{k}].when"),
                        c,
                        "the choice is never offered",
                    ));
                }
            }
        }
    }
    for (i, q) in s.debrief.hot_wash.iter().enumerate() {
        if let Some(c) = &q.when {
            out.push((
                format!("debrief.hot_wash[{i}].when"),
                c,
                "the question is never asked",
            ));
        }
    }
    #[derive(Default)]
    struct Effects<'a>(Vec<(String, &'a Cond, &'static str)>);
    impl<'a> Visit<'a> for Effects<'a> {
        fn effect(&mut self, e: &'a Effect, path: &str) {
            if let Effect::When(c, _) = e {
                self.0
                    .push((format!("{path}[0]"), c, "its effects never apply"));
            }
        }
    }
    let mut effects = Effects::default();
    walk(s, &mut effects);
    out.extend(effects.0);
    out
}

struct Eval<'c, 'a> {
    cx: &'c Ctx<'a>,
}

/// Values of a variable still possible: bounds and whether each is open.
#[derive(Clone, Copy)]
struct Interval {
    lo: f64,
    lo_open: bool,
    hi: f64,
    hi_open: bool,
}

impl Interval {
    fn narrow(&mut self, op: Op, x: f64) {
        match op {
            Op::Lt if x <= self.hi => (self.hi, self.hi_open) = (x, true),
            Op::Le if x < self.hi => (self.hi, self.hi_open) = (x, false),
            Op::Gt if x >= self.lo => (self.lo, self.lo_open) = (x, true),
            Op::Ge if x > self.lo => (self.lo, self.lo_open) = (x, false),
            Op::Eq => {
                self.narrow(Op::Ge, x);
                self.narrow(Op::Le, x);
            }
            _ => {}
        }
    }

    fn is_empty(&self) -> bool {
        self.lo > self.hi || (self.lo == self.hi && (self.lo_open || self.hi_open))
    }
}

impl Eval<'_, '_> {
    fn range(&self, var: &str) -> Option<(f64, f64)> {
        let v = self.cx.variables.get(var)?;
        (v.min.is_finite() && v.max.is_finite() && v.min <= v.max).then_some((v.min, v.max))
    }

    /// Sure that the condition is false throughout the exercise.
    fn never(&self, c: &Cond, budget: u32) -> bool {
        let Some(b) = budget.checked_sub(1) else {
            return false;
        };
        let cx = self.cx;
        match c {
            Cond::Always | Cond::Met(_) | Cond::Missed(_) | Cond::Suspended(_) => false,
            Cond::All(cs) => cs.iter().any(|c| self.never(c, b)) || self.contradictory(cs),
            Cond::Any(cs) => cs.iter().all(|c| self.never(c, b)),
            Cond::Not(c) => self.always(c, b),
            Cond::Var(v, op, x) => self.range(v).is_some_and(|(lo, hi)| {
                let mut iv = Interval {
                    lo,
                    lo_open: false,
                    hi,
                    hi_open: false,
                };
                iv.narrow(*op, *x);
                iv.is_empty() || (*op == Op::Ne && lo == hi && lo == *x)
            }),
            Cond::RungAtLeast(r) => cx.rungs.get(r.as_str()).is_some_and(|r| {
                self.range(&cx.s.ladder.variable)
                    .is_some_and(|(_, hi)| r.from > hi)
            }),
            Cond::After(t) => t.0 > cx.duration(),
            // Whether a spoof counts as sent by the team it imitates is the
            // engine's business: a spoofed type is never decided here.
            Cond::Sent { msg, by, .. } | Cond::Received { msg, by, .. } => {
                cx.messages.contains_key(msg.as_str())
                    && !cx.spoofed_to(msg, None)
                    && match by {
                        Some(t) => cx.teams.contains_key(t.as_str()) && !cx.can_use(t, msg),
                        None => cx
                            .messages
                            .get(msg.as_str())
                            .is_some_and(|m| cx.parties(m).is_empty()),
                    }
            }
            Cond::Fired(id) => cx.injects.get(id.as_str()).is_some_and(|inj| {
                inj.probability <= 0.0
                    || match &inj.trigger {
                        Trigger::At(t) => t.0 > cx.duration(),
                        Trigger::When(c) => self.never(c, b),
                        Trigger::Reserve => false,
                    }
            }),
            Cond::NormBroken { norm, by } => {
                cx.norms.contains_key(norm.as_str()) && {
                    let mut breakers = cx.s.messages.iter().filter(|m| m.breaks.contains(norm));
                    match by {
                        Some(t) if cx.teams.contains_key(t.as_str()) => {
                            !breakers.any(|m| cx.can_use(t, &m.id))
                        }
                        Some(_) => false,
                        None => breakers.next().is_none(),
                    }
                }
            }
            Cond::Reached(o) => cx.outcomes.get(o.as_str()).is_some_and(|o| {
                let (OutcomeTrigger::When(c) | OutcomeTrigger::Timeout(c)) = &o.when;
                self.never(c, b)
            }),
            Cond::SpoofExposed | Cond::SpoofBelieved => !cx
                .s
                .injects
                .iter()
                .any(|i| matches!(i.via, Via::Spoof { .. })),
            // A truth of weight 0 is never drawn by the seed (a plan may
            // still fix it, but a scenario's own logic cannot count on it).
            Cond::Truth(t) => (cx.s.truths.iter()).any(|x| &x.id == t && x.weight <= 0.0),
            Cond::ModuleEnded(m) => {
                (cx.s.modules.iter()).any(|x| &x.id == m && x.until.0 > cx.duration())
            }
            Cond::Field(_) => false,
        }
    }

    /// Sure that the condition is true from the start to the end.
    fn always(&self, c: &Cond, budget: u32) -> bool {
        let Some(b) = budget.checked_sub(1) else {
            return false;
        };
        match c {
            Cond::Always => true,
            Cond::All(cs) => cs.iter().all(|c| self.always(c, b)),
            Cond::Any(cs) => cs.iter().any(|c| self.always(c, b)),
            Cond::Not(c) => self.never(c, b),
            Cond::After(t) => t.0 == 0,
            Cond::Var(v, op, x) => self.range(v).is_some_and(|(lo, hi)| match op {
                Op::Lt => hi < *x,
                Op::Le => hi <= *x,
                Op::Gt => lo > *x,
                Op::Ge => lo >= *x,
                Op::Eq => lo == hi && lo == *x,
                Op::Ne => *x < lo || *x > hi,
            }),
            _ => false,
        }
    }

    /// Bounds on one variable in an `All` that no value meets together,
    /// e.g. `All([Var("t", Gt, 60), Var("t", Lt, 40)])`.
    fn contradictory(&self, cs: &[Cond]) -> bool {
        let mut bounds: Vec<(&str, Interval)> = Vec::new();
        let mut flat: Vec<&Cond> = cs.iter().collect();
        // Nested Alls are the same conjunction; bounded by ron's nesting limit.
        while let Some(pos) = flat.iter().position(|c| matches!(c, Cond::All(_))) {
            if let Cond::All(inner) = flat.swap_remove(pos) {
                flat.extend(inner);
            }
        }
        for c in flat {
            let Cond::Var(v, op, x) = c else { continue };
            let Some((lo, hi)) = self.range(v) else {
                continue;
            };
            let idx = match bounds.iter().position(|(id, _)| id == v) {
                Some(i) => i,
                None => {
                    bounds.push((
                        v,
                        Interval {
                            lo,
                            lo_open: false,
                            hi,
                            hi_open: false,
                        },
                    ));
                    bounds.len() - 1
                }
            };
            bounds[idx].1.narrow(*op, *x);
        }
        bounds.iter().any(|(_, iv)| iv.is_empty())
    }
}
