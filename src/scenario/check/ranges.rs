//! Numbers that must lie in a range, times that must fall inside the
//! exercise, and weights that must make a choice possible.

use super::ctx::Ctx;
use super::walk::{Visit, walk};
use crate::scenario::diag::Code;
use crate::scenario::model::*;
use crate::scenario::time::Minutes;

pub fn check(cx: &mut Ctx) {
    meta(cx);
    variables(cx);
    ladder(cx);
    channels(cx);
    injects(cx);
    expectations(cx);
    personas(cx);
    values(cx);
}

fn meta(cx: &mut Ctx) {
    let m = &cx.s.meta;
    if m.duration.0 == 0 {
        cx.push(
            cx.diag(
                Code::ZeroTime,
                "meta.duration",
                "the exercise lasts zero minutes",
            )
            .label("zero")
            .help("give a duration such as \"48h\""),
        );
    }
    if m.clock_speed == 0 {
        cx.push(
            cx.diag(
                Code::ZeroTime,
                "meta.clock_speed",
                "a clock speed of 0 never moves the exercise clock",
            )
            .label("zero")
            .help("use 1 or more exercise minutes per second"),
        );
    }
    for (i, t) in cx.s.teams.iter().enumerate() {
        let h = &t.office_hours;
        if h.open >= h.close || h.days.is_empty() {
            cx.push(
                cx.diag(Code::OfficeHours, &format!("teams[{i}].office_hours"), format!("office hours of team `{}` never open", t.id))
                    .label("never open")
                    .help("opening must come before closing on at least one day; remove `office_hours` for the default 09:00-18:00 Mon-Fri"),
            );
        }
    }
}

fn finite(cx: &mut Ctx, x: f64, path: &str) -> bool {
    if !x.is_finite() {
        cx.push(
            cx.diag(
                Code::NotFinite,
                path,
                format!("`{x}` is not a finite number"),
            )
            .label("not finite")
            .help("use an ordinary number"),
        );
    }
    x.is_finite()
}

fn variables(cx: &mut Ctx) {
    for (i, v) in cx.s.variables.iter().enumerate() {
        let p = format!("variables[{i}]");
        // Check all three before giving up, so each bad number is reported.
        let ok: Vec<bool> = [(v.min, "min"), (v.max, "max"), (v.initial, "initial")]
            .iter()
            .map(|(x, f)| finite(cx, *x, &format!("{p}.{f}")))
            .collect();
        if ok.contains(&false) {
            continue;
        }
        if v.min > v.max {
            cx.push(
                cx.diag(
                    Code::MinAboveMax,
                    &format!("{p}.min"),
                    format!("variable `{}` has min {} above max {}", v.id, v.min, v.max),
                )
                .label("above max")
                .help("swap them"),
            );
        } else if v.initial < v.min || v.initial > v.max {
            cx.push(
                cx.diag(
                    Code::InitialOutOfRange,
                    &format!("{p}.initial"),
                    format!(
                        "initial value {} of `{}` is outside its range {}..={}",
                        v.initial, v.id, v.min, v.max
                    ),
                )
                .label("outside the range"),
            );
        }
    }
}

fn ladder(cx: &mut Ctx) {
    let l = &cx.s.ladder;
    let var = cx.variables.get(l.variable.as_str()).copied();
    let mut prev: Option<f64> = None;
    for (i, r) in l.rungs.iter().enumerate() {
        let p = format!("ladder.rungs[{i}].from");
        if !finite(cx, r.from, &p) {
            continue;
        }
        if let Some(before) = prev
            && r.from <= before
        {
            cx.push(
                cx.diag(
                    Code::RungsNotIncreasing,
                    &p,
                    format!(
                        "rung `{}` starts at {} but the rung before starts at {before}",
                        r.id, r.from
                    ),
                )
                .label("not above the previous rung")
                .help("list rungs from lowest to highest, each `from` larger than the last"),
            );
        }
        prev = Some(r.from);
        let Some(v) = var.filter(|v| v.min <= v.max) else {
            continue;
        };
        if i == 0 && r.from > v.min {
            cx.push(
                cx.diag(
                    Code::FirstRungAboveMin,
                    &p,
                    format!("values of `{}` below {} are on no rung", v.id, r.from),
                )
                .label("first rung starts here")
                .help(format!(
                    "start the first rung at the variable's min ({})",
                    v.min
                )),
            );
        }
        if r.from > v.max {
            cx.push(
                cx.diag(
                    Code::RungOutOfRange,
                    &p,
                    format!(
                        "rung `{}` starts at {}, above the max {} of `{}`: it can never be reached",
                        r.id, r.from, v.max, v.id
                    ),
                )
                .label("unreachable"),
            );
        }
    }
}

fn probability(cx: &mut Ctx, x: f64, path: &str, what: &str) {
    if !(0.0..=1.0).contains(&x) {
        cx.push(
            cx.diag(
                Code::Probability,
                path,
                format!("{what} {x} is not a probability"),
            )
            .label("outside 0..=1")
            .help("probabilities are written from 0 (never) to 1 (always), e.g. 0.8"),
        );
    }
}

fn delay(cx: &mut Ctx, d: &Delay, path: &str) {
    if let Delay::Uniform(a, b) = d
        && a > b
    {
        cx.push(
            cx.diag(
                Code::UniformReversed,
                path,
                format!("`Uniform(\"{a}\", \"{b}\")` has its lower bound above its upper bound"),
            )
            .label("reversed")
            .help(format!("write `Uniform(\"{b}\", \"{a}\")`")),
        );
    }
}

fn channels(cx: &mut Ctx) {
    for (i, c) in cx.s.channels.iter().enumerate() {
        let p = format!("channels[{i}]");
        probability(
            cx,
            c.reliability,
            &format!("{p}.reliability"),
            "reliability",
        );
        probability(
            cx,
            c.auth.code_word_reliability,
            &format!("{p}.auth.code_word_reliability"),
            "code-word reliability",
        );
        delay(cx, &c.latency, &format!("{p}.latency"));
        delay(cx, &c.translation, &format!("{p}.translation"));
        delay(cx, &c.auth.out_of_band, &format!("{p}.auth.out_of_band"));
        if let Some(a) = &c.answer {
            for (x, f) in [
                (a.base, "base"),
                (a.min, "min"),
                (a.max, "max"),
                (a.after_hours, "after_hours"),
            ] {
                probability(cx, x, &format!("{p}.answer.{f}"), &format!("answer {f}"));
            }
            if a.min > a.max {
                cx.push(
                    cx.diag(
                        Code::MinAboveMax,
                        &format!("{p}.answer.min"),
                        format!("answer min {} is above answer max {}", a.min, a.max),
                    )
                    .label("above max"),
                );
            }
            for (k, x) in &a.slopes {
                finite(cx, *x, &format!("{p}.answer.slopes[{k:?}]"));
            }
        }
    }
    for (i, m) in cx.s.messages.iter().enumerate() {
        if let Some(r) = &m.reply
            && r.within.0 == 0
        {
            cx.push(
                cx.diag(
                    Code::ZeroTime,
                    &format!("messages[{i}].reply.within"),
                    "a reply due within zero minutes can never be on time",
                )
                .label("zero"),
            );
        }
    }
}

fn beyond(cx: &mut Ctx, t: Minutes, path: &str, what: &str) {
    if t.0 > cx.duration() {
        let d = cx.s.meta.duration;
        cx.push(
            cx.diag(
                Code::BeyondDuration,
                path,
                format!("{what} {t} is after the end of the exercise ({d})"),
            )
            .label("after the end")
            .help(format!("use a time up to {d}, or lengthen `meta.duration`")),
        );
    }
}

fn injects(cx: &mut Ctx) {
    for (i, inj) in cx.s.injects.iter().enumerate() {
        probability(
            cx,
            inj.probability,
            &format!("injects[{i}].probability"),
            "probability",
        );
        if let Trigger::At(t) = inj.trigger {
            beyond(cx, t, &format!("injects[{i}].trigger[0]"), "inject time");
        }
    }
}

fn expectations(cx: &mut Ctx) {
    for (i, e) in cx.s.expectations.iter().enumerate() {
        let p = format!("expectations[{i}]");
        if !e.weight.is_finite() || e.weight < 0.0 {
            cx.push(
                cx.diag(
                    Code::BadWeight,
                    &format!("{p}.weight"),
                    format!("expectation weight {} must be zero or more", e.weight),
                )
                .label("negative"),
            );
        }
        match &e.rule {
            Rule::SendBy { by, .. } => beyond(cx, *by, &format!("{p}.rule.by"), "deadline"),
            Rule::Avoid {
                before: Some(t), ..
            } => beyond(cx, *t, &format!("{p}.rule.before"), "time"),
            Rule::ReplyWithin { within, .. } if within.0 == 0 => {
                cx.push(
                    cx.diag(
                        Code::ZeroTime,
                        &format!("{p}.rule.within"),
                        "a reply due within zero minutes can never be on time",
                    )
                    .label("zero"),
                );
            }
            _ => {}
        }
    }
}

fn personas(cx: &mut Ctx) {
    for (i, per) in cx.s.personas.iter().enumerate() {
        for (j, r) in per.rules.iter().enumerate() {
            let p = format!("personas[{i}].rules[{j}]");
            if let Stimulus::Every(m) = r.on
                && m.0 == 0
            {
                cx.push(
                    cx.diag(
                        Code::ZeroTime,
                        &format!("{p}.on[0]"),
                        "a rule that fires every 0 minutes would fire forever",
                    )
                    .label("zero")
                    .help("use an interval such as \"30m\""),
                );
            }
            for (k, ch) in r.choices.iter().enumerate() {
                if !ch.weight.is_finite() || ch.weight < 0.0 {
                    cx.push(
                        cx.diag(
                            Code::BadWeight,
                            &format!("{p}.choices[{k}].weight"),
                            format!("choice weight {} must be zero or more", ch.weight),
                        )
                        .label("negative"),
                    );
                }
                delay(cx, &ch.delay, &format!("{p}.choices[{k}].delay"));
            }
            if !r.choices.is_empty() && r.choices.iter().all(|c| c.weight == 0.0) {
                cx.push(
                    cx.diag(
                        Code::BadWeight,
                        &format!("{p}.choices"),
                        format!(
                            "every choice of rule `{}` has weight 0, so none can be picked",
                            r.id
                        ),
                    )
                    .label("all zero")
                    .help("give at least one choice a positive weight"),
                );
            }
        }
    }
}

/// Set/Add/Var values and After times, wherever conditions and effects occur.
enum Site<'a> {
    After(Minutes, String),
    Var(&'a str, f64, String),
    Set(&'a str, f64, String),
    Add(f64, String),
}

#[derive(Default)]
struct Values<'a> {
    sites: Vec<Site<'a>>,
}

impl<'a> Visit<'a> for Values<'a> {
    fn cond(&mut self, c: &'a Cond, path: &str) {
        match c {
            Cond::After(t) => self.sites.push(Site::After(*t, format!("{path}[0]"))),
            Cond::Var(v, _, x) => self.sites.push(Site::Var(v, *x, format!("{path}[2]"))),
            _ => {}
        }
    }
    fn effect(&mut self, e: &'a Effect, path: &str) {
        match e {
            Effect::Set(v, x) => self.sites.push(Site::Set(v, *x, format!("{path}[1]"))),
            Effect::Add(_, x) => self.sites.push(Site::Add(*x, format!("{path}[1]"))),
            _ => {}
        }
    }
}

fn values(cx: &mut Ctx) {
    let mut v = Values::default();
    walk(cx.s, &mut v);
    for site in v.sites {
        match site {
            Site::After(t, path) => beyond(cx, t, &path, "time"),
            Site::Add(x, path) => {
                finite(cx, x, &path);
            }
            Site::Var(id, x, path) | Site::Set(id, x, path) if !finite(cx, x, &path) => {
                let _ = id;
            }
            Site::Var(id, x, path) => out_of_range(
                cx,
                id,
                x,
                &path,
                format!("compares `{id}` with {x}"),
                "the comparison is then decided before the exercise starts",
            ),
            Site::Set(id, x, path) => out_of_range(
                cx,
                id,
                x,
                &path,
                format!("sets `{id}` to {x}"),
                "the engine would have to clamp it; use a value inside the range",
            ),
        }
    }
}

fn out_of_range(cx: &mut Ctx, id: &str, x: f64, path: &str, what: String, help: &str) {
    let Some(v) = cx.variables.get(id).copied() else {
        return;
    };
    if v.min <= v.max && (x < v.min || x > v.max) {
        cx.push(
            cx.diag(
                Code::ValueOutOfRange,
                path,
                format!("{what}, outside its range {}..={}", v.min, v.max),
            )
            .label("outside the range")
            .help(help),
        );
    }
}
