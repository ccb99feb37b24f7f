//! The shared timeline as a viewer may see it: markers on lanes, deadlines,
//! and the ladder variable over time.

use bevy_egui::egui::Color32;

use crate::scenario::{Direction, Lang, Valence};
use crate::sim::{Engine, Event, EventKind, MsgStatus, Viewer};

#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub seq: u32,
    pub t: u32,
    pub lane: usize,
    pub color: Color32,
    /// Empty when too many markers are in view to label them all.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    pub t: u32,
    pub lane: usize,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub from: f64,
    pub to: f64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineVm {
    pub lang: Lang,
    pub lanes: Vec<String>,
    pub markers: Vec<Marker>,
    pub deadlines: Vec<Deadline>,
    pub now: u32,
    pub duration: u32,
    /// Ladder variable: (minute, value) steps, and the rung bands.
    pub ladder_name: String,
    pub tension: Vec<[f64; 2]>,
    pub bands: Vec<Band>,
    pub rung: String,
    pub selected: Option<String>,
    /// Markers in view; drawing stays cheap however long the log is.
    pub total_events: usize,
}

pub const ESCALATE: Color32 = Color32::from_rgb(235, 85, 70);
pub const DEESCALATE: Color32 = Color32::from_rgb(90, 200, 120);
pub const NEUTRAL: Color32 = Color32::from_rgb(150, 165, 190);
const WARN: Color32 = Color32::from_rgb(255, 170, 60);

/// Beyond this many markers in view, labels are left out (hover shows
/// nothing until the user zooms in) so 10,000 events stay smooth.
pub const LABEL_LIMIT: usize = 600;

fn dir_color(d: Direction) -> Color32 {
    match d {
        Direction::Escalate => ESCALATE,
        Direction::Deescalate => DEESCALATE,
        Direction::Neutral => NEUTRAL,
    }
}

/// Lanes: first team, the links, the other teams, injects and public news.
pub fn lane_of(e: &Engine, ev: &Event) -> Option<(usize, Color32)> {
    let w = e.world();
    let st = e.state();
    let n = w.scenario.teams.len();
    let team_lane = |t: usize| if t == 0 { 0 } else { t + 1 };
    let links = 1;
    let news = n + 1;
    let msg_dir = |id: u32| {
        st.message(id).map_or(NEUTRAL, |m| {
            dir_color(w.scenario.messages[m.mtype].direction)
        })
    };
    Some(match &ev.kind {
        EventKind::Sent { msg } => {
            let m = st.message(*msg)?;
            (m.from.map_or(news, team_lane), msg_dir(*msg))
        }
        EventKind::Delivered { msg, .. } | EventKind::Readable { msg } => (links, msg_dir(*msg)),
        EventKind::CallUnanswered { .. }
        | EventKind::Lost { .. }
        | EventKind::ReplyOverdue { .. } => (links, WARN),
        EventKind::AuthStarted { .. } => (links, NEUTRAL),
        EventKind::AuthResult { verdict, .. } => (
            links,
            match verdict {
                crate::sim::Verdict::Genuine => DEESCALATE,
                crate::sim::Verdict::Spoof => ESCALATE,
            },
        ),
        EventKind::ChannelSuspended { .. } => (links, ESCALATE),
        EventKind::ChannelRestored { .. } => (links, DEESCALATE),
        EventKind::InjectFired { inject, .. } => {
            (news, dir_color(w.scenario.injects[*inject].direction))
        }
        EventKind::InjectSkipped { .. } | EventKind::CustomInject { .. } => (news, NEUTRAL),
        EventKind::NormBroken { team, .. } => (team_lane(*team), ESCALATE),
        EventKind::ExpectationMet { exp } => (team_lane(w.expectations[*exp].team), DEESCALATE),
        EventKind::ExpectationMissed { exp } => (team_lane(w.expectations[*exp].team), WARN),
        EventKind::OutcomeReached { outcome } => (
            news,
            match w.scenario.outcomes[*outcome].valence {
                Valence::Good => DEESCALATE,
                Valence::Mixed => WARN,
                Valence::Bad => ESCALATE,
            },
        ),
        EventKind::Ended { .. }
        | EventKind::ModuleStarted { .. }
        | EventKind::ModuleEnded { .. }
        | EventKind::TruthDrawn { .. } => (news, Color32::WHITE),
        EventKind::Discounted { msg, .. } => (st.message(*msg)?.from.map_or(news, team_lane), WARN),
        _ => return None,
    })
}

impl TimelineVm {
    /// `window` is the visible range of minutes; only markers inside it are
    /// built.
    pub fn build(
        e: &Engine,
        viewer: Viewer,
        lang: Lang,
        window: (f64, f64),
        selected: Option<u32>,
    ) -> TimelineVm {
        let w = e.world();
        let s = &w.scenario;
        let st = e.state();
        let events = e.events();
        // Events are emitted in time order, so the window is a slice.
        let lo = events.partition_point(|ev| f64::from(ev.t) < window.0.floor());
        let hi = events.partition_point(|ev| f64::from(ev.t) <= window.1.ceil());
        let mut markers: Vec<Marker> = events[lo..hi]
            .iter()
            .filter(|ev| ev.vis.allows(viewer))
            .filter_map(|ev| {
                lane_of(e, ev).map(|(lane, color)| Marker {
                    seq: ev.seq,
                    t: ev.t,
                    lane,
                    color,
                    label: String::new(),
                })
            })
            .collect();
        if markers.len() <= LABEL_LIMIT {
            for m in &mut markers {
                m.label =
                    crate::sim::describe::describe(w, st, &events[m.seq as usize], viewer, lang);
            }
        }
        let n = s.teams.len();
        let mut lanes = vec![s.teams[0].name.get(lang).to_string()];
        lanes.push(crate::app::i18n::tr(lang, "Links", "通信渠道").to_string());
        lanes.extend(s.teams[1..].iter().map(|t| t.name.get(lang).to_string()));
        lanes.push(crate::app::i18n::tr(lang, "Injects & public", "注入与公开事件").to_string());
        let team_lane = |t: usize| if t == 0 { 0 } else { t + 1 };
        let sees = |t: Option<usize>| match viewer {
            Viewer::Facilitator => true,
            Viewer::Team(v) => t == Some(v),
            Viewer::Public => false,
        };
        let mut deadlines = Vec::new();
        for m in &st.messages {
            if let (Some(due), None, MsgStatus::Readable) = (m.reply_due, m.answered_at, m.status)
                && (sees(m.to) || sees(m.from))
            {
                deadlines.push(Deadline {
                    t: due,
                    lane: m.to.map_or(n + 1, team_lane),
                    label: format!(
                        "{} #{} {}",
                        crate::app::i18n::tr(lang, "reply due", "答复期限"),
                        m.id,
                        s.messages[m.mtype].name.get(lang)
                    ),
                });
            }
        }
        for (i, x) in st.exps.iter().enumerate() {
            let team = w.expectations[i].team;
            if let (Some(d), crate::sim::ExpStatus::Pending) = (x.deadline, x.status)
                && sees(Some(team))
                && viewer == Viewer::Facilitator
            {
                deadlines.push(Deadline {
                    t: d,
                    lane: team_lane(team),
                    label: s.expectations[i].text.get(lang).to_string(),
                });
            }
        }
        let var = w.ladder_var;
        let visible_var = s.variables[var].public || viewer == Viewer::Facilitator;
        // The same curve the debrief and the report draw (sim::metrics):
        // steps at each change, clamped as the engine clamps.
        let mut tension = Vec::new();
        if visible_var {
            let mut last = None;
            for p in crate::sim::metrics::tension(e) {
                let t = f64::from(p.t) / 60.0;
                if let Some(v) = last {
                    tension.push([t, v]);
                }
                tension.push([t, p.value]);
                last = Some(p.value);
            }
            tension.push([f64::from(e.now()) / 60.0, st.vars[var]]);
        }
        let rungs = &s.ladder.rungs;
        let bands = rungs
            .iter()
            .enumerate()
            .map(|(i, r)| Band {
                from: r.from,
                to: rungs.get(i + 1).map_or(s.variables[var].max, |n| n.from),
                name: r.name.get(lang).to_string(),
            })
            .collect();
        TimelineVm {
            lang,
            lanes,
            markers,
            deadlines,
            now: e.now(),
            duration: w.duration,
            ladder_name: s.variables[var].name.get(lang).to_string(),
            tension,
            bands,
            rung: rungs[st.rung].name.get(lang).to_string(),
            selected: selected
                .and_then(|q| events.get(q as usize))
                .filter(|ev| ev.vis.allows(viewer))
                .map(|ev| {
                    let head = format!(
                        "{} ({})  {}",
                        crate::sim::describe::elapsed_words(ev.t, lang),
                        crate::sim::describe::utc(w, ev.t),
                        crate::sim::describe::describe(w, st, ev, viewer, lang)
                    );
                    // The whole text, as the viewer may read it.
                    match crate::app::story::event_text(e, ev, viewer, lang) {
                        Some(body) => format!("{head}\n\n{body}"),
                        None => head,
                    }
                }),
            total_events: events.len(),
        }
    }
}
