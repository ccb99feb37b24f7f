//! A test plan checked against its scenario before anything runs: every
//! unknown id (with the closest known one) and every step after the end,
//! at its line, as `hotline check` reports a scenario's.

use super::{Expect, MsgRef, Plan, PlanAct};
use crate::scenario::Scenario;
use crate::scenario::check::{RefKind, cond_refs, unknown_refs};
use crate::scenario::diag::{Code, Diagnostic, closest};
use crate::scenario::load::recover;
use crate::scenario::spans::Spans;
use crate::sim::action::Audience;

/// Whether `src` reads as a test plan rather than a scenario: its top
/// level has `steps` or `expect` and no `meta`.
pub fn looks_like_plan(src: &str) -> bool {
    let spans = Spans::new(src);
    let has = |f: &str| spans.span(f).is_some();
    !has("meta") && (has("steps") || has("expect"))
}

/// Parses a plan (every parse error it can get past) and checks it
/// against `s`. An empty list means the plan is fit to run.
pub fn check_plan_str(src: &str, file: &str, s: &Scenario) -> (Option<Plan>, Vec<Diagnostic>) {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let parsed = recover::parse::<Plan>(src, file);
    let mut out = parsed.errors;
    let Some(plan) = parsed.scenario else {
        return (None, out);
    };
    let spans = Spans::new(&parsed.text);
    out.extend(check_plan(&plan, &spans, file, s));
    out.sort_by_key(|d| (d.start.is_none(), d.start, d.code));
    (Some(plan), out)
}

pub fn check_plan(plan: &Plan, spans: &Spans, file: &str, s: &Scenario) -> Vec<Diagnostic> {
    let mut refs: Vec<(RefKind, &str, String)> = Vec::new();
    let mut out = Vec::new();
    let at = |path: &str, code: Code, msg: String| {
        Diagnostic::new(code, file, msg).at(spans.locate(path))
    };
    for (team, p) in &plan.personas {
        let path = format!("personas[{team:?}]");
        refs.push((RefKind::Team, team, path.clone()));
        persona(s, team, p, &path, &mut out, &at);
    }
    if let Some(t) = &plan.truth {
        refs.push((RefKind::Truth, t, "truth".into()));
    }
    let end = s.meta.duration.0;
    for (i, step) in plan.steps.iter().enumerate() {
        let p = format!("steps[{i}]");
        if step.at.0 > end {
            out.push(
                at(
                    &format!("{p}.at"),
                    Code::BeyondDuration,
                    format!(
                        "step {} at {} comes after the end of the exercise ({})",
                        i + 1,
                        step.at,
                        s.meta.duration
                    ),
                )
                .label("after the end")
                .help("the run stops at the scenario's duration; move the step earlier or drop it"),
            );
        }
        act_refs(&step.act, &format!("{p}.act"), &mut refs);
        if let PlanAct::SetPersona {
            team,
            persona: Some(pe),
        } = &step.act
        {
            persona(s, team, pe, &format!("{p}.act.persona"), &mut out, &at);
        }
    }
    for (i, e) in plan.expect.iter().enumerate() {
        let p = format!("expect[{i}]");
        match e {
            Expect::Outcome(o) => refs.push((RefKind::Outcome, o, format!("{p}[0]"))),
            Expect::Holds(c) | Expect::Ever(c) | Expect::Never(c) => {
                refs.extend(cond_refs(c, &format!("{p}[0]")));
            }
            Expect::HoldsAt(t, c) => {
                if t.0 > end {
                    out.push(
                        at(
                            &format!("{p}[0]"),
                            Code::BeyondDuration,
                            format!("{t} is after the end of the exercise ({})", s.meta.duration),
                        )
                        .label("after the end"),
                    );
                }
                refs.extend(cond_refs(c, &format!("{p}[1]")));
            }
        }
    }
    out.extend(unknown_refs(s, spans, file, &refs));
    out
}

fn act_refs<'a>(act: &'a PlanAct, p: &str, refs: &mut Vec<(RefKind, &'a str, String)>) {
    let last = |m: &'a Option<MsgRef>, path: String, refs: &mut Vec<_>| {
        if let Some(MsgRef::Last(ty)) = m {
            refs.push((RefKind::Message, ty.as_str(), path));
        }
    };
    match act {
        PlanAct::Send {
            team,
            channel,
            msg,
            reply_to,
            ..
        } => {
            refs.push((RefKind::Team, team, format!("{p}.team")));
            refs.push((RefKind::Channel, channel, format!("{p}.channel")));
            refs.push((RefKind::Message, msg, format!("{p}.msg")));
            last(reply_to, format!("{p}.reply_to[0]"), refs);
        }
        PlanAct::Authenticate { team, message, .. } => {
            refs.push((RefKind::Team, team, format!("{p}.team")));
            if let MsgRef::Last(ty) = message {
                refs.push((RefKind::Message, ty, format!("{p}.message[0]")));
            }
        }
        PlanAct::SetPersona { team, .. } => refs.push((RefKind::Team, team, format!("{p}.team"))),
        PlanAct::FireInject(id) => refs.push((RefKind::Inject, id, format!("{p}[0]"))),
        PlanAct::CustomInject {
            to: Audience::Team(t),
            ..
        } => refs.push((RefKind::Team, t, format!("{p}.to[0]"))),
        PlanAct::Override { var, .. } => refs.push((RefKind::Variable, var, format!("{p}.var"))),
        _ => {}
    }
}

/// A persona handed a team: it must exist and play that team.
fn persona(
    s: &Scenario,
    team: &str,
    id: &str,
    path: &str,
    out: &mut Vec<Diagnostic>,
    at: &impl Fn(&str, Code, String) -> Diagnostic,
) {
    if !s.teams.iter().any(|t| t.id == team) {
        return; // the unknown team is reported already
    }
    let theirs: Vec<&str> = (s.personas.iter())
        .filter(|p| p.team == team)
        .map(|p| p.id.as_str())
        .collect();
    if theirs.contains(&id) {
        return;
    }
    let msg = match s.personas.iter().find(|p| p.id == id) {
        Some(p) => format!("persona `{id}` plays team `{}`, not `{team}`", p.team),
        None => format!("unknown persona `{id}` for team `{team}`"),
    };
    let list: Vec<String> = theirs.iter().map(|p| format!("`{p}`")).collect();
    let help = match closest(id, theirs.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None if list.is_empty() => format!("team `{team}` has no personas"),
        None => format!("team `{team}`'s personas: {}", list.join(", ")),
    };
    out.push(
        at(path, Code::UnknownPersona, msg)
            .label("no such persona for this team")
            .help(help),
    );
}
