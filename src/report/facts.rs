//! Everything the report says, worked out once in the report's language as
//! plain (unescaped) strings; `build` arranges it into the document that
//! the HTML and Markdown writers lay out.

use super::labels::{self, Labels};
use crate::scenario::{Lang, Valence};
use crate::sim::describe::{self, utc};
use crate::sim::journal::{Header, Record};
use crate::sim::metrics::{self, Metrics};
use crate::sim::world::{CAudience, CTrigger, Ix};
use crate::sim::{
    Action, Engine, Event, EventKind, ExpStatus, InjectState, Verdict, Viewer, World,
};

pub struct Facts {
    pub l: &'static Labels,
    pub lang: Lang,
    pub title: String,
    pub summary: String,
    pub scenario_ref: String,
    pub date: String,
    pub duration: String,
    pub played: String,
    pub seed: u64,
    pub hotline: String,
    pub actions: usize,
    pub interrupted: bool,
    pub torn: bool,
    pub teams: Vec<TeamRow>,
    pub exercise_objectives: Vec<String>,
    pub objectives: Vec<ObjectiveRow>,
    pub outcome: Option<OutcomeRow>,
    pub metrics: Metrics,
    pub team_names: Vec<String>,
    pub metric_rows: Vec<(&'static str, Vec<String>)>,
    pub timeline: Vec<Line>,
    pub traffic: Vec<TrafficRow>,
    pub injects: Vec<InjectRow>,
    pub notes: Vec<Line>,
    pub hot_wash: Vec<String>,
    pub improvements: Vec<(String, String)>,
    pub rungs: Vec<RungRow>,
    pub key_events: Vec<KeyEvent>,
    /// The tension series in words: (time, value, rung id, cause).
    pub tension_rows: Vec<[String; 4]>,
    /// What really happened (name, text), for a scenario with truths.
    pub truth: Option<(String, String)>,
    pub modules: Vec<ModuleRow>,
}

/// A module of the exercise: its heading, its span of exercise minutes and
/// its discussion questions (each marked with the team asked, if one is).
pub struct ModuleRow {
    pub heading: String,
    pub from: u32,
    pub until: u32,
    pub questions: Vec<String>,
}

pub struct TeamRow {
    pub name: String,
    pub played_by: String,
}

/// How an objective went, judged from its expectations together.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ObjectiveVerdict {
    Met,
    Partly,
    Missed,
    Open,
    NotScored,
}

pub struct ObjectiveRow {
    pub team: String,
    pub text: String,
    pub criterion: Option<String>,
    /// (expectation text, status word, status, weight, when judged)
    pub expectations: Vec<ExpRow>,
    pub verdict: ObjectiveVerdict,
}

pub struct ExpRow {
    pub text: String,
    pub status: ExpStatus,
    pub weight: f64,
    pub at: Option<String>,
}

pub struct OutcomeRow {
    pub title: String,
    pub text: String,
    pub valence: Valence,
    pub at: String,
}

/// One timeline line: when, who, what. `lane` picks the colour.
pub struct Line {
    /// Exercise minute, to group lines by module.
    pub min: u32,
    pub t: String,
    pub utc: String,
    pub who: String,
    pub lane: Lane,
    pub what: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    Team(Ix),
    Inject,
    Facilitator,
    Exercise,
}

pub struct TrafficRow {
    pub id: u32,
    pub sent: String,
    pub from: String,
    pub to: String,
    pub message: String,
    pub channel: String,
    pub fate: &'static str,
    pub arrived: String,
    pub read: String,
    pub reply_due: String,
    pub answered: String,
    pub late: bool,
    pub content: String,
}

pub struct InjectRow {
    pub title: String,
    pub audience: String,
    pub status: String,
}

pub struct RungRow {
    pub id: String,
    pub name: String,
    pub from: f64,
}

pub struct KeyEvent {
    pub n: usize,
    pub t_min: u32,
    pub t: String,
    pub what: String,
}

pub fn gather(
    w: &World,
    e: &Engine,
    header: &Header,
    records: &[Record],
    torn: bool,
    lang: Lang,
) -> Facts {
    let l = labels::labels(lang);
    let st = e.state();
    let m = metrics::metrics(e);
    let team_names: Vec<String> = (0..w.team_count())
        .map(|t| describe::team(w, t, lang))
        .collect();
    let teams = w
        .scenario
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| TeamRow {
            name: team_names[i].clone(),
            played_by: played_by(w, records, &t.id, l, lang),
        })
        .collect();
    let outcome = st.outcome.map(|o| {
        let def = &w.scenario.outcomes[o];
        OutcomeRow {
            title: def.title.get(lang).into(),
            text: def.text.get(lang).into(),
            valence: def.valence,
            at: st.reached[o]
                .map(|t| describe::elapsed_words(t, lang))
                .unwrap_or_default(),
        }
    });
    let events = e.events();
    let m_tension = m.tension.clone();
    Facts {
        l,
        lang,
        title: w.scenario.meta.title.get(lang).into(),
        summary: w.scenario.meta.summary.get(lang).into(),
        scenario_ref: format!("{} {}", w.scenario.meta.id, w.scenario.meta.version),
        date: utc(w, 0),
        duration: describe::duration_words(w.duration, lang),
        played: describe::duration_words(m.until, lang),
        seed: header.seed,
        hotline: header.hotline.clone(),
        actions: records.len(),
        interrupted: !e.ended(),
        torn,
        teams,
        exercise_objectives: w
            .scenario
            .meta
            .objectives
            .iter()
            .map(|o| o.get(lang).into())
            .collect(),
        objectives: objectives(w, e, lang),
        outcome,
        metric_rows: metric_rows(w, &m, l, lang),
        metrics: m,
        timeline: events
            .iter()
            .filter(|ev| in_timeline(ev))
            .map(|ev| line(w, e, ev, l, lang))
            .collect(),
        traffic: traffic(w, e, l, lang),
        injects: injects(w, e, l, lang),
        notes: events
            .iter()
            .filter_map(|ev| match ev.kind.action() {
                Some(Action::Note(n)) => Some(Line {
                    min: ev.t,
                    t: describe::elapsed_words(ev.t, lang),
                    utc: utc(w, ev.t),
                    who: l.facilitator.into(),
                    lane: Lane::Facilitator,
                    what: n.clone(),
                }),
                _ => None,
            })
            .collect(),
        hot_wash: crate::sim::debrief::hot_wash(w, st, lang),
        improvements: improvements(w, e, lang),
        rungs: w
            .scenario
            .ladder
            .rungs
            .iter()
            .map(|r| RungRow {
                id: r.id.clone(),
                name: r.name.get(lang).into(),
                from: r.from,
            })
            .collect(),
        key_events: key_events(w, e, lang),
        tension_rows: tension_rows(w, e, &m_tension, l, lang),
        truth: st.truth.map(|t| {
            let t = &w.scenario.truths[t];
            (t.name.get(lang).into(), t.text.get(lang).into())
        }),
        modules: modules(w, l, lang),
        team_names,
    }
}

/// Who played a team: people, unless a SetPersona handed it over (the last
/// hand-over wins, as in the engine).
fn played_by(w: &World, records: &[Record], team: &str, l: &Labels, lang: Lang) -> String {
    let last = records.iter().rev().find_map(|r| match &r.action {
        Action::SetPersona { team: t, persona } if t == team => Some(persona.clone()),
        _ => None,
    });
    match last.flatten() {
        Some(p) => match w.ids.personas.get(&p) {
            Some(&ix) => format!(
                "{}: {}",
                l.played_by_persona,
                w.scenario.personas[ix].name.get(lang)
            ),
            None => format!("{}: {p}", l.played_by_persona),
        },
        None => l.played_by_people.into(),
    }
}

fn objectives(w: &World, e: &Engine, lang: Lang) -> Vec<ObjectiveRow> {
    let st = e.state();
    let judged_at = |x: Ix| {
        e.events().iter().find_map(|ev| match ev.kind {
            EventKind::ExpectationMet { exp } | EventKind::ExpectationMissed { exp }
                if exp == x =>
            {
                Some(describe::elapsed_words(ev.t, lang))
            }
            _ => None,
        })
    };
    let mut out = Vec::new();
    for (ti, team) in w.scenario.teams.iter().enumerate() {
        for o in &team.objectives {
            let expectations: Vec<ExpRow> = w
                .scenario
                .expectations
                .iter()
                .enumerate()
                .filter(|(_, x)| x.objective.as_deref() == Some(o.id.as_str()))
                .map(|(i, x)| ExpRow {
                    text: x.text.get(lang).into(),
                    status: st.exps[i].status,
                    weight: x.weight,
                    at: judged_at(i),
                })
                .collect();
            let count = |s: ExpStatus| expectations.iter().filter(|x| x.status == s).count();
            let (met, missed) = (count(ExpStatus::Met), count(ExpStatus::Missed));
            let open = expectations.len() - met - missed;
            let verdict = match (met, missed, open) {
                (0, 0, 0) => ObjectiveVerdict::NotScored,
                (0, 0, _) => ObjectiveVerdict::Open,
                (_, 0, 0) => ObjectiveVerdict::Met,
                (0, _, _) => ObjectiveVerdict::Missed,
                _ => ObjectiveVerdict::Partly,
            };
            out.push(ObjectiveRow {
                team: describe::team(w, ti, lang),
                text: o.text.get(lang).into(),
                criterion: w
                    .scenario
                    .debrief
                    .criteria
                    .iter()
                    .find(|c| c.objective == o.id)
                    .map(|c| c.text.get(lang).into()),
                expectations,
                verdict,
            });
        }
    }
    out
}

fn metric_rows(w: &World, m: &Metrics, l: &Labels, lang: Lang) -> Vec<(&'static str, Vec<String>)> {
    let per = |f: &dyn Fn(&metrics::TeamMetrics) -> String| m.teams.iter().map(f).collect();
    vec![
        (
            l.messages_sent,
            per(&|t| {
                if t.sent_by_persona > 0 {
                    format!(
                        "{} ({} {})",
                        t.messages_sent, t.sent_by_persona, l.by_persona
                    )
                } else {
                    t.messages_sent.to_string()
                }
            }),
        ),
        (
            l.escalating,
            per(&|t| format!("{} / {}", t.escalating, t.deescalating)),
        ),
        (
            l.median_reply,
            per(&|t| {
                t.median_reply
                    .map(|x| describe::duration_words(x, lang))
                    .unwrap_or_else(|| l.none.into())
            }),
        ),
        (
            l.acks_on_time,
            per(&|t| {
                format!(
                    "{} ({})",
                    t.acks_on_time,
                    t.acks_on_time + t.acks_late + t.acks_open
                )
            }),
        ),
        (l.calls_unanswered, per(&|t| t.calls_unanswered.to_string())),
        (l.calls_missed, per(&|t| t.calls_missed.to_string())),
        (l.norms_broken, per(&|t| t.norms_broken.to_string())),
        (
            l.expectations_met,
            per(&|t| {
                format!(
                    "{} / {} / {}",
                    t.expectations_met, t.expectations_missed, t.expectations_open
                )
            }),
        ),
        (
            l.score,
            per(&|t| {
                t.score()
                    .map(|s| format!("{:.0}%", s * 100.0))
                    .unwrap_or_else(|| l.none.into())
            }),
        ),
        (
            l.peak_rung,
            per(&|t| {
                t.peak_rung
                    .map(|r| w.scenario.ladder.rungs[r].id.clone())
                    .unwrap_or_else(|| l.none.into())
            }),
        ),
    ]
}

/// The timeline keeps what people decide and what changes the picture;
/// delivery receipts, variable moves and persona dice live in other
/// sections or in the journal.
fn in_timeline(ev: &Event) -> bool {
    match &ev.kind {
        EventKind::Delivered { .. }
        | EventKind::Readable { .. }
        | EventKind::PersonaChose { .. }
        | EventKind::PersonaBlocked { .. } => false,
        EventKind::VarChanged { .. } => false,
        EventKind::Action { action } => !matches!(
            **action,
            Action::Pause | Action::Resume | Action::SetSpeed(_)
        ),
        _ => true,
    }
}

fn lane_of(w: &World, e: &Engine, ev: &Event) -> Lane {
    let st = e.state();
    let msg_from = |id: u32| st.message(id).and_then(|m| m.from);
    let msg_to = |id: u32| st.message(id).and_then(|m| m.to);
    let team = |t: Option<Ix>, fallback: Lane| t.map(Lane::Team).unwrap_or(fallback);
    match &ev.kind {
        EventKind::Sent { msg }
        | EventKind::CallUnanswered { msg, .. }
        | EventKind::Lost { msg } => team(msg_from(*msg), Lane::Inject),
        EventKind::ReplyOverdue { msg }
        | EventKind::AuthStarted { msg, .. }
        | EventKind::AuthResult { msg, .. } => team(msg_to(*msg), Lane::Exercise),
        EventKind::ChannelSuspended { by, .. } | EventKind::ChannelRestored { by, .. } => {
            team(*by, Lane::Exercise)
        }
        EventKind::InjectFired { .. } | EventKind::InjectSkipped { .. } => Lane::Inject,
        EventKind::CustomInject { .. } | EventKind::Action { .. } => Lane::Facilitator,
        EventKind::NormBroken { team: t, .. } => Lane::Team(*t),
        EventKind::ExpectationMet { exp } | EventKind::ExpectationMissed { exp } => {
            Lane::Team(w.expectations[*exp].team)
        }
        _ => Lane::Exercise,
    }
}

fn line(w: &World, e: &Engine, ev: &Event, l: &Labels, lang: Lang) -> Line {
    let lane = lane_of(w, e, ev);
    let who = match lane {
        Lane::Team(t) => describe::team(w, t, lang),
        Lane::Inject => l.lane_inject.into(),
        Lane::Facilitator => l.lane_facilitator.into(),
        Lane::Exercise => l.lane_exercise.into(),
    };
    Line {
        min: ev.t,
        t: describe::elapsed_words(ev.t, lang),
        utc: utc(w, ev.t),
        who,
        lane,
        what: describe::describe(w, e.state(), ev, Viewer::Facilitator, lang),
    }
}

fn traffic(w: &World, e: &Engine, l: &Labels, lang: Lang) -> Vec<TrafficRow> {
    let party = |t: Option<Ix>| match t {
        Some(t) => describe::team(w, t, lang),
        None => l.everyone.into(),
    };
    let at = |t: Option<u32>| {
        t.map(|t| describe::elapsed_words(t, lang))
            .unwrap_or_default()
    };
    e.state()
        .messages
        .iter()
        .map(|m| {
            let def = &w.scenario.messages[m.mtype];
            let mut from = party(m.shown_from);
            if m.spoof.is_some() {
                from = format!("{from} ({})", l.spoof_tag);
            }
            let mut content: Vec<String> = def
                .fields
                .iter()
                .filter_map(|f| {
                    let v = m.fields.get(&f.id)?;
                    Some(format!("{}: {v}", f.label.get(lang)))
                })
                .collect();
            if !m.text.is_empty() {
                content.push(m.text.to_string());
            }
            let late = match (m.reply_due, m.answered_at) {
                (Some(d), Some(a)) => a > d,
                (Some(d), None) => e.state().ended() || e.now() > d,
                _ => false,
            };
            TrafficRow {
                id: m.id,
                sent: describe::elapsed_words(m.sent_at, lang),
                from,
                to: party(m.to),
                message: def.name.get(lang).into(),
                channel: w.scenario.channels[m.channel].name.get(lang).into(),
                fate: labels::fate(lang, m.status),
                arrived: at(m.delivered_at),
                read: at(m.readable_at),
                reply_due: at(m.reply_due),
                answered: at(m.answered_at),
                late,
                content: content.join("; "),
            }
        })
        .collect()
}

fn injects(w: &World, e: &Engine, l: &Labels, lang: Lang) -> Vec<InjectRow> {
    w.scenario
        .injects
        .iter()
        .enumerate()
        .map(|(i, inj)| {
            let audience = match &w.injects[i].to {
                CAudience::Team(t) => describe::team(w, *t, lang),
                CAudience::Teams => l.teams_all.into(),
                CAudience::Public => l.public.into(),
                CAudience::Facilitator => l.facilitator.into(),
            };
            let status = match e.state().injects[i] {
                InjectState::Fired(t) => {
                    format!("{} {}", l.fired, describe::elapsed_words(t, lang))
                }
                InjectState::Skipped(t) => {
                    format!("{} {}", l.skipped, describe::elapsed_words(t, lang))
                }
                InjectState::Waiting => match w.injects[i].trigger {
                    CTrigger::At(t) => {
                        format!("{} ({})", l.not_fired, describe::elapsed_words(t, lang))
                    }
                    _ => l.not_fired.into(),
                },
            };
            InjectRow {
                title: inj.title.get(lang).into(),
                audience,
                status,
            }
        })
        .collect()
}

/// Suggested rows: every missed expectation and every norm a team broke.
fn improvements(w: &World, e: &Engine, lang: Lang) -> Vec<(String, String)> {
    let st = e.state();
    let objective_text = |team: Ix, id: &Option<String>| {
        id.as_ref()
            .and_then(|id| {
                w.scenario.teams[team]
                    .objectives
                    .iter()
                    .find(|o| &o.id == id)
            })
            .map(|o| o.text.get(lang).to_string())
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    for (i, x) in w.scenario.expectations.iter().enumerate() {
        if st.exps[i].status == ExpStatus::Missed {
            let t = w.expectations[i].team;
            rows.push((
                format!("{}: {}", describe::team(w, t, lang), x.text.get(lang)),
                objective_text(t, &x.objective),
            ));
        }
    }
    let n = w.scenario.norms.len();
    for t in 0..w.team_count() {
        for (k, norm) in w.scenario.norms.iter().enumerate() {
            if st.norms[t * n + k] > 0 {
                rows.push((
                    format!("{}: {}", describe::team(w, t, lang), norm.text.get(lang)),
                    String::new(),
                ));
            }
        }
    }
    rows
}

/// Events worth a marker on the escalation chart.
fn key_events(w: &World, e: &Engine, lang: Lang) -> Vec<KeyEvent> {
    e.events()
        .iter()
        .filter(|ev| match &ev.kind {
            EventKind::RungChanged { .. }
            | EventKind::InjectFired { .. }
            | EventKind::CustomInject { .. }
            | EventKind::NormBroken { .. }
            | EventKind::ChannelSuspended { .. }
            | EventKind::ChannelRestored { .. }
            | EventKind::OutcomeReached { .. } => true,
            EventKind::AuthResult { verdict, .. } => *verdict == Verdict::Spoof,
            EventKind::Action { action } => {
                matches!(**action, Action::Override { .. } | Action::End)
            }
            _ => false,
        })
        .enumerate()
        .map(|(i, ev)| KeyEvent {
            n: i + 1,
            t_min: ev.t,
            t: describe::elapsed_words(ev.t, lang),
            what: describe::describe(w, e.state(), ev, Viewer::Facilitator, lang),
        })
        .collect()
}

fn tension_rows(
    w: &World,
    e: &Engine,
    pts: &[metrics::TensionPoint],
    l: &Labels,
    lang: Lang,
) -> Vec<[String; 4]> {
    use metrics::Cause;
    let st = e.state();
    pts.iter()
        .map(|p| {
            let cause = match p.cause {
                Cause::Start => l.start.to_string(),
                Cause::Message { msg, team } => {
                    let name = st
                        .message(msg)
                        .map(|m| w.scenario.messages[m.mtype].name.get(lang).to_string())
                        .unwrap_or_default();
                    match team {
                        Some(t) => format!("{}: {name} #{msg}", describe::team(w, t, lang)),
                        None => format!("{} ({}) #{msg}", name, l.spoof_tag),
                    }
                }
                Cause::Inject(i) => {
                    format!("{}: {}", l.inject, w.scenario.injects[i].title.get(lang))
                }
                Cause::Expectation(x) => w.scenario.expectations[x].text.get(lang).to_string(),
                Cause::Authentication(msg) => format!("#{msg} ({})", l.spoof_tag),
                Cause::Facilitator => l.facilitator.to_string(),
            };
            [
                describe::elapsed_words(p.t, lang),
                format!("{:.0}", p.value),
                w.scenario.ladder.rungs[p.rung].id.clone(),
                cause,
            ]
        })
        .collect()
}

fn modules(w: &World, l: &Labels, lang: Lang) -> Vec<ModuleRow> {
    let s = &w.scenario;
    let mut from = 0;
    (s.modules.iter().enumerate())
        .map(|(i, m)| {
            let span = format!(
                "{} – {}",
                describe::elapsed_words(from, lang),
                describe::elapsed_words(m.until.0, lang)
            );
            let sep = if lang == Lang::Zh { "" } else { " " };
            let heading = format!("{}{sep}{}: {} ({span})", l.module, i + 1, m.title.get(lang));
            let questions = (m.questions.iter())
                .map(|q| {
                    let who = q
                        .team
                        .as_deref()
                        .and_then(|t| s.teams.iter().find(|x| x.id == t));
                    match who {
                        Some(t) => format!("[{}] {}", t.name.get(lang), q.text.get(lang)),
                        None => q.text.get(lang).to_string(),
                    }
                })
                .collect();
            let row = ModuleRow {
                heading,
                from,
                until: m.until.0,
                questions,
            };
            from = m.until.0;
            row
        })
        .collect()
}
