//! The story as each viewer may read it: the news and injects that reached
//! a team, and the full text behind any timeline marker. Visibility comes
//! from the engine's tags on each event; nothing here widens it.

use crate::scenario::Lang;
use crate::sim::{Engine, Event, EventKind, Message, MsgStatus, Viewer};

/// One piece of news or an inject, as the team reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsVm {
    /// The event's sequence number: what "read" is remembered by.
    pub seq: u32,
    pub t: u32,
    pub title: String,
    pub text: String,
    /// Who it is from, when the scenario says (an agency, a newspaper).
    pub from: Option<String>,
    /// Everyone got it (public news), not only this team.
    pub public: bool,
}

/// The news and injects `viewer` has been sent, oldest first.
pub fn news(e: &Engine, viewer: Viewer, lang: Lang) -> Vec<NewsVm> {
    e.view(viewer)
        .filter_map(|ev| news_item(e, ev, viewer, lang))
        .collect()
}

fn news_item(e: &Engine, ev: &Event, viewer: Viewer, lang: Lang) -> Option<NewsVm> {
    let s = &e.world().scenario;
    let public = ev.vis.allows(Viewer::Public);
    let tr = |_: Lang, en: &str, zh: &str| if lang == Lang::Zh { zh } else { en }.to_string();
    let item = |title: String, text: String| NewsVm {
        seq: ev.seq,
        t: ev.t,
        title,
        text,
        from: None,
        public,
    };
    match &ev.kind {
        EventKind::ModuleStarted { module } => {
            let m = &s.modules[*module];
            let n = module + 1;
            let title = m.title.get(lang);
            Some(item(
                tr(
                    lang,
                    &format!("Module {n}: {title}"),
                    &format!("第{n}单元：{title}"),
                ),
                m.update.get(lang).to_string(),
            ))
        }
        EventKind::ModuleEnded { module } => {
            let m = &s.modules[*module];
            let n = module + 1;
            let title = m.title.get(lang);
            Some(item(
                tr(
                    lang,
                    &format!("End of module {n}: {title}. Discuss before the facilitator resumes"),
                    &format!("第{n}单元结束：{title}。讨论后由导演继续"),
                ),
                questions(e, *module, viewer, lang),
            ))
        }
        EventKind::TruthDrawn { truth, .. } => {
            let t = &s.truths[*truth];
            let name = t.name.get(lang);
            Some(item(
                tr(
                    lang,
                    &format!("What really happened (hidden from the teams): {name}"),
                    &format!("真实情况（对各队保密）：{name}"),
                ),
                t.text.get(lang).to_string(),
            ))
        }
        // A spoof is a message, read in the inbox: not news.
        EventKind::InjectFired { inject, msg: None } => {
            let inj = &s.injects[*inject];
            Some(NewsVm {
                seq: ev.seq,
                t: ev.t,
                title: inj.title.get(lang).to_string(),
                text: inj.text.get(lang).to_string(),
                from: inj.from.as_deref().map(|id| source_name(e, id, lang)),
                public,
            })
        }
        EventKind::CustomInject { title, text } => Some(NewsVm {
            seq: ev.seq,
            t: ev.t,
            title: title.clone(),
            text: text.clone(),
            from: None,
            public,
        }),
        _ => None,
    }
}

/// A module's discussion questions as `viewer` may read them, one per
/// line: a team gets its own and everyone's; the facilitator all, each
/// marked with the team asked.
pub fn questions(e: &Engine, module: usize, viewer: Viewer, lang: Lang) -> String {
    let s = &e.world().scenario;
    let team_ix = |id: &str| s.teams.iter().position(|t| t.id == id);
    let lines: Vec<String> = (s.modules[module].questions.iter())
        .filter_map(|q| {
            let asked = q.team.as_deref().and_then(team_ix);
            let text = q.text.get(lang);
            match (viewer, asked) {
                (_, None) => Some(format!("• {text}")),
                (Viewer::Team(t), Some(a)) if t == a => Some(format!("• {text}")),
                (Viewer::Facilitator, Some(a)) => {
                    Some(format!("• [{}] {text}", s.teams[a].name.get(lang)))
                }
                _ => None,
            }
        })
        .collect();
    lines.join("\n")
}

/// A team's or an actor's display name; the id when neither has it.
fn source_name(e: &Engine, id: &str, lang: Lang) -> String {
    let s = &e.world().scenario;
    s.teams
        .iter()
        .find(|t| t.id == id)
        .map(|t| t.name.get(lang))
        .or_else(|| {
            s.actors
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.name.get(lang))
        })
        .unwrap_or(id)
        .to_string()
}

/// Whether `viewer` may read the body of `m` (not only see that it moved).
pub fn can_read(m: &Message, viewer: Viewer) -> bool {
    match viewer {
        Viewer::Facilitator => true,
        Viewer::Team(t) => {
            (m.from == Some(t) && m.spoof.is_none())
                || (m.to.is_none_or(|to| to == t) && m.status == MsgStatus::Readable)
        }
        Viewer::Public => m.to.is_none() && m.status == MsgStatus::Readable,
    }
}

/// The full text behind an event, for the timeline's details: an inject's
/// text, or a message's fields and body when the viewer may read them.
pub fn event_text(e: &Engine, ev: &Event, viewer: Viewer, lang: Lang) -> Option<String> {
    if !ev.vis.allows(viewer) {
        return None;
    }
    let s = &e.world().scenario;
    let st = e.state();
    let msg = match &ev.kind {
        EventKind::Sent { msg }
        | EventKind::Delivered { msg, .. }
        | EventKind::Readable { msg }
        | EventKind::ReplyOverdue { msg }
        | EventKind::CallUnanswered { msg, .. }
        | EventKind::Lost { msg }
        | EventKind::AuthStarted { msg, .. }
        | EventKind::AuthResult { msg, .. } => Some(*msg),
        EventKind::InjectFired { msg: Some(m), .. } => Some(*m),
        _ => None,
    };
    if let Some(id) = msg {
        let m = st.message(id)?;
        if !can_read(m, viewer) {
            return None;
        }
        let def = &s.messages[m.mtype];
        let mut lines: Vec<String> = def
            .fields
            .iter()
            .filter_map(|f| {
                m.fields
                    .get(&f.id)
                    .map(|v| format!("{}: {v}", f.label.get(lang)))
            })
            .collect();
        if !m.text.is_empty() {
            lines.push(m.text.to_string());
        }
        // The facilitator also reads what the spoof is for.
        if let (Viewer::Facilitator, Some(i)) = (viewer, m.spoof) {
            let note = s.injects[i].text.get(lang);
            if !note.is_empty() {
                lines.push(format!("[{}] {note}", s.injects[i].title.get(lang)));
            }
        }
        return (!lines.is_empty()).then(|| lines.join("\n"));
    }
    news_item(e, ev, viewer, lang)
        .map(|n| n.text)
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests;
