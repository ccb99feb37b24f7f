//! Every text is bilingual: a side left empty is a warning pointing at it.

use super::ctx::Ctx;
use crate::scenario::diag::Code;
use crate::scenario::model::*;

pub fn check(cx: &mut Ctx) {
    let s = cx.s;
    let mut texts: Vec<(String, &Text, bool)> = Vec::new();
    texts.push(("meta.title".into(), &s.meta.title, true));
    texts.push(("meta.summary".into(), &s.meta.summary, false));
    for (i, t) in s.meta.objectives.iter().enumerate() {
        texts.push((format!("meta.objectives[{i}]"), t, true));
    }
    for (i, t) in s.teams.iter().enumerate() {
        texts.push((format!("teams[{i}].name"), &t.name, true));
        texts.push((format!("teams[{i}].agency"), &t.agency, false));
        texts.push((format!("teams[{i}].briefing"), &t.briefing, false));
        for (j, o) in t.objectives.iter().enumerate() {
            texts.push((format!("teams[{i}].objectives[{j}].text"), &o.text, true));
        }
    }
    for (i, a) in s.actors.iter().enumerate() {
        texts.push((format!("actors[{i}].name"), &a.name, true));
    }
    for (i, v) in s.variables.iter().enumerate() {
        texts.push((format!("variables[{i}].name"), &v.name, true));
    }
    for (i, r) in s.ladder.rungs.iter().enumerate() {
        texts.push((format!("ladder.rungs[{i}].name"), &r.name, true));
    }
    for (i, c) in s.channels.iter().enumerate() {
        texts.push((format!("channels[{i}].name"), &c.name, true));
    }
    for (i, m) in s.messages.iter().enumerate() {
        texts.push((format!("messages[{i}].name"), &m.name, true));
        for (j, f) in m.fields.iter().enumerate() {
            texts.push((format!("messages[{i}].fields[{j}].label"), &f.label, true));
        }
    }
    for (i, n) in s.norms.iter().enumerate() {
        texts.push((format!("norms[{i}].text"), &n.text, true));
    }
    for (i, inj) in s.injects.iter().enumerate() {
        texts.push((format!("injects[{i}].title"), &inj.title, true));
        texts.push((format!("injects[{i}].text"), &inj.text, false));
    }
    for (i, e) in s.expectations.iter().enumerate() {
        texts.push((format!("expectations[{i}].text"), &e.text, true));
    }
    for (i, o) in s.outcomes.iter().enumerate() {
        texts.push((format!("outcomes[{i}].title"), &o.title, true));
        texts.push((format!("outcomes[{i}].text"), &o.text, false));
    }
    for (i, p) in s.personas.iter().enumerate() {
        texts.push((format!("personas[{i}].name"), &p.name, true));
        texts.push((format!("personas[{i}].description"), &p.description, false));
        for (j, r) in p.rules.iter().enumerate() {
            for (k, ch) in r.choices.iter().enumerate() {
                if let PersonaAct::Send { text, .. } = &ch.act {
                    texts.push((
                        format!("personas[{i}].rules[{j}].choices[{k}].act.text"),
                        text,
                        false,
                    ));
                }
            }
        }
    }
    for (i, q) in s.debrief.hot_wash.iter().enumerate() {
        let path = match q.when {
            Some(_) => format!("debrief.hot_wash[{i}].question"),
            None => format!("debrief.hot_wash[{i}]"),
        };
        texts.push((path, &q.text, true));
    }
    for (i, c) in s.debrief.criteria.iter().enumerate() {
        texts.push((format!("debrief.criteria[{i}].text"), &c.text, true));
    }

    for (path, t, required) in texts {
        let (en, zh) = (t.en.trim().is_empty(), t.zh.trim().is_empty());
        let message = match (en, zh) {
            (false, true) => "Chinese text (`zh`) is missing",
            (true, false) => "English text (`en`) is missing",
            (true, true) if required => "text is missing in both languages",
            _ => continue,
        };
        cx.push(
            cx.diag(Code::MissingTranslation, &path, message)
                .label("incomplete text")
                .help("every text shown to players is written in both languages: `(en: \"...\", zh: \"...\")`"),
        );
    }
}
